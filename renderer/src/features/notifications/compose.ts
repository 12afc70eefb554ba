/**
 * The words of the notifications: one per candidate, most pressing first
 * (escalations, requests to the agency, red alerts, orange alerts), at most
 * MAX_PER_BATCH from one batch and a summary for the rest, so a burst never
 * buries the desktop.
 */
import { AGENCIES } from '@shared/domain/agencies';
import type { NotifyRequest } from '@shared/ipc';
import { levelKeyOf } from '../workspace/filters';
import type { Candidate } from './policy';

export const MAX_PER_BATCH = 3;

type Translate = (key: string, values?: Record<string, unknown>) => string;

const RANK = { escalation: 0, request: 1, alert: 2 } as const;

function rank(c: Candidate): number {
  return RANK[c.kind] * 2 + (c.kind === 'alert' && c.alert?.severity !== 'Extreme' ? 1 : 0);
}

function one(c: Candidate, t: Translate, lang: 'zh' | 'en'): NotifyRequest {
  if (c.kind === 'alert' && c.alert) {
    const a = c.alert;
    return {
      tag: `alert:${a.id}`,
      title: t('notifications.alertTitle', { level: t(`board.levelLong.${levelKeyOf(a)}`), agency: AGENCIES[a.agency].short[lang] }),
      body: a.headline,
      critical: c.critical,
      target: c.target,
    };
  }
  const i = c.incident!;
  const key = c.kind === 'request' ? 'request' : 'escalation';
  return {
    tag: `${key}:${i.id}`,
    title: t(`notifications.${key}Title`, { no: i.no }),
    body: t(`notifications.${key}Body`, { level: t(`board.incidentLevel.${i.level}`), title: i.title }),
    critical: c.critical,
    target: c.target,
  };
}

export function compose(candidates: readonly Candidate[], t: Translate, lang: 'zh' | 'en'): NotifyRequest[] {
  const sorted = [...candidates].sort((a, b) => rank(a) - rank(b));
  const out = sorted.slice(0, MAX_PER_BATCH).map((c) => one(c, t, lang));
  const rest = sorted.slice(MAX_PER_BATCH);
  if (rest.length > 0) {
    out.push({
      tag: 'summary',
      title: t('notifications.moreTitle', { count: rest.length }),
      body: t('notifications.moreBody'),
      critical: rest.some((c) => c.critical),
      target: rest[0]!.target,
    });
  }
  return out.map((n) => ({ ...n, title: n.title.slice(0, 200), body: n.body.slice(0, 1000) }));
}
