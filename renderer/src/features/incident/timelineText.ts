/**
 * One sentence per event of an incident's timeline (pure): who did what,
 * in the user's language. Feed and user text (titles, notes, reasons) is
 * interpolated as text and rendered by React as text, never as HTML.
 */
import { AGENCIES, type AgencyId } from '@shared/domain/agencies';
import type { DomainEvent } from '@shared/domain/events';
import type { Alert, Incident } from '@shared/domain/model';
import { actorName, type PeopleContext, type Translate } from '../board/commandText';
import { beijingDateTime, beijingTime } from '../board/format';

export interface TimelineContext {
  people: PeopleContext;
  lang: 'zh' | 'en';
  alerts: ReadonlyMap<string, Alert>;
  incidents: ReadonlyMap<string, Incident>;
  /** The incident the timeline belongs to (task titles). */
  incident: Incident;
}

/** Kind of marker a timeline row gets (colour of its dot). */
export type TimelineTone = 'open' | 'agency' | 'note' | 'task' | 'sla' | 'close' | 'plain';

export interface TimelineRow {
  seq: number;
  time: number;
  actor: string;
  type: DomainEvent['type'];
  tone: TimelineTone;
  text: string;
}

export function describeEvent(e: DomainEvent, ctx: TimelineContext, t: Translate): TimelineRow {
  const who = actorName(e.actor, ctx.people, t);
  const agency = (id: AgencyId): string => AGENCIES[id].short[ctx.lang];
  const headline = (id: string): string => ctx.alerts.get(id)?.headline ?? id;
  const row = (tone: TimelineTone, text: string): TimelineRow => ({ seq: e.seq, time: e.time, actor: e.actor, type: e.type, tone, text });
  const withReason = (text: string, reason?: string): string => (reason ? `${text} — ${reason}` : text);
  switch (e.type) {
    case 'incident.opened':
      return row('open', t('incident.timeline.opened', { who, title: e.body.title, level: t(`board.incidentLevelLong.${e.body.level}`), count: e.body.alertIds.length }));
    case 'incident.levelChanged':
      return row('plain', withReason(t('incident.timeline.levelChanged', { who, level: t(`board.incidentLevelLong.${e.body.level}`) }), e.body.reason));
    case 'incident.statusChanged':
      return row('plain', t('incident.timeline.statusChanged', { who, status: t(`board.incidentStatus.${e.body.status}`) }));
    case 'incident.leadAssigned':
      return row('agency', t('incident.timeline.leadAssigned', { who, agency: agency(e.body.agency) }));
    case 'incident.agencyRequested':
      return row('agency', t('incident.timeline.agencyRequested', { who, agency: agency(e.body.agency) }));
    case 'incident.agencyResponded':
      return row('agency', withReason(t('incident.timeline.agencyResponded', { who, agency: agency(e.body.agency), response: t(`detail.participation.${e.body.response}`) }), e.body.reason));
    case 'incident.alertLinked':
      return row('plain', t('incident.timeline.alertLinked', { who, headline: headline(e.body.alertId) }));
    case 'incident.alertUnlinked':
      return row('plain', t('incident.timeline.alertUnlinked', { who, headline: headline(e.body.alertId) }));
    case 'incident.merged': {
      const from = ctx.incidents.get(e.body.from);
      return row('plain', t('incident.timeline.merged', { who, from: from ? `#${from.no}` : e.body.from }));
    }
    case 'incident.taskCreated':
      return row('task', t('incident.timeline.taskCreated', { who, title: e.body.title, agency: agency(e.body.agency), due: beijingTime(e.body.due) }));
    case 'incident.taskUpdated':
      return row('task', t('incident.timeline.taskUpdated', { who, title: ctx.incident.tasks[e.body.taskId]?.title ?? e.body.taskId, status: t(`detail.taskStatus.${e.body.status}`) }));
    case 'incident.noteAdded':
      return row('note', t('incident.timeline.noteAdded', { who, text: e.body.text }));
    case 'incident.closed':
      return row('close', t('incident.timeline.closed', { who, disposition: t(`incident.disposition.${e.body.disposition}`), summary: e.body.summary }));
    case 'incident.reopened':
      return row('open', t('incident.timeline.reopened', { who, reason: e.body.reason }));
    case 'sla.reminder':
    case 'sla.escalated':
      return row(
        'sla',
        t(e.type === 'sla.reminder' ? 'incident.timeline.reminder' : 'incident.timeline.escalated', {
          agency: agency(e.body.agency),
          deadline: beijingDateTime(e.body.deadline).slice(5),
          kind: t(`incident.timeline.kind.${e.body.kind}`),
        }),
      );
    default:
      return row('plain', t('incident.timeline.other', { who, type: e.type }));
  }
}

/** The rows for an incident's events, newest first. */
export function timelineRows(events: readonly DomainEvent[], ctx: TimelineContext, t: Translate): TimelineRow[] {
  return [...events].sort((a, b) => b.seq - a.seq).map((e) => describeEvent(e, ctx, t));
}
