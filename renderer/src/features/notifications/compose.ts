/**
 * The words of the notifications: one per candidate, the most pressing
 * first (escalations, requests to the agency, red alerts, orange alerts),
 * and the summary of those held back in a burst (pacer.ts decides how many
 * go out one by one).
 */
import { AGENCIES } from '@shared/domain/agencies';
import type { NotificationTarget, NotifyRequest } from '@shared/ipc';
import { levelKeyOf } from '../workspace/filters';
import type { Candidate } from './policy';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

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

/** Most pressing first (stable among equals). */
export function rankCandidates(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort((a, b) => rank(a) - rank(b));
}

/** One candidate's notification. */
export function composeOne(c: Candidate, t: Translate, lang: 'zh' | 'en'): NotifyRequest {
  return bounded(one(c, t, lang));
}

/** The one notification for `count` held back: replaced, not repeated (one tag). */
export function composeSummary(count: number, critical: boolean, target: NotificationTarget, t: Translate): NotifyRequest {
  return bounded({ tag: 'summary', title: t('notifications.moreTitle', { count }), body: t('notifications.moreBody'), critical, target });
}

function bounded(n: NotifyRequest): NotifyRequest {
  return { ...n, title: n.title.slice(0, 200), body: n.body.slice(0, 1000) };
}
