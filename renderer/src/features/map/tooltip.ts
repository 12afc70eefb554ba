/**
 * The hover tooltip: a small HTML overlay the controller positions. Alert
 * headlines and incident titles come from agency feeds and may contain
 * markup (`<script>` …), so every text goes in through `textContent`,
 * never `innerHTML`.
 */
import type { Alert, Incident } from '@shared/domain/model';
import { prefectureOf } from '@shared/domain/regions';
import { CENTER_TIME_ZONE } from '../shell/clockFormat';
import { levelKeyOf, type LevelKey } from '../workspace/filters';
import { INCIDENT_LEVEL_KEY } from './levels';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export type TooltipContent =
  | { kind: 'alert'; alert: Alert }
  | { kind: 'incident'; incident: Incident }
  | { kind: 'cluster'; count: number; maxLevel: LevelKey };

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** `11-26 19:52` in Beijing time, the center's clock (shell/clockFormat). */
export function shortTime(epochMs: number, language: string): string {
  let f = timeFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: CENTER_TIME_ZONE,
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    timeFormats.set(language, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return `${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function regionName(code: string, language: string, t: Translate): string {
  const p = prefectureOf(code);
  if (!p) return t('map.tooltip.province');
  return language === 'en' ? p.name.en : p.name.zh;
}

/** Replaces the tooltip's children with the content, as text nodes only. */
export function renderTooltip(root: HTMLElement, content: TooltipContent, t: Translate, language: string): void {
  const level: LevelKey = content.kind === 'alert' ? levelKeyOf(content.alert) : content.kind === 'incident' ? INCIDENT_LEVEL_KEY[content.incident.level] : content.maxLevel;
  const head = el('div', 'lw-map-tooltip-head');
  head.append(el('span', `lw-map-tooltip-swatch level-${level}`));
  const meta = el('div', 'lw-map-tooltip-meta');
  let title: string;
  switch (content.kind) {
    case 'alert': {
      const a = content.alert;
      title = a.headline;
      head.append(el('span', 'lw-map-tooltip-level', t(`level.${level}`)));
      head.append(el('span', 'lw-map-tooltip-domain', t(`domain.${a.domain}`)));
      if (a.status !== 'new') head.append(el('span', 'lw-map-tooltip-status', t(`map.alertStatus.${a.status}`)));
      meta.append(el('span', '', regionName(a.region, language, t)), el('span', '', shortTime(a.sent, language)));
      break;
    }
    case 'incident': {
      const i = content.incident;
      title = i.title;
      head.append(el('span', 'lw-map-tooltip-level', t(`map.incidentLevel.${i.level}`)));
      head.append(el('span', 'lw-map-tooltip-status', t(`map.incidentStatus.${i.status}`)));
      if (i.overdue) head.append(el('span', 'lw-map-tooltip-overdue', t('map.tooltip.overdue')));
      meta.append(el('span', '', `${t('map.tooltip.incidentNo', { no: i.no })} · ${regionName(i.region, language, t)}`), el('span', '', shortTime(i.openedAt, language)));
      break;
    }
    case 'cluster':
      title = t('map.tooltip.cluster', { count: content.count });
      head.append(el('span', 'lw-map-tooltip-level', t('map.tooltip.clusterLevel', { level: t(`level.${level}`) })));
      meta.append(el('span', '', t('map.tooltip.clusterHint')));
      break;
  }
  root.replaceChildren(head, el('div', 'lw-map-tooltip-title', title), meta);
}
