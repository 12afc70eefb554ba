/**
 * The timeline of an incident (ICS 214 "activity log"): every event of the
 * incident, in log order, with who did it, for which agency, and what it
 * was, in Chinese and English.
 *
 * Which events belong to an incident (`incidentEventsOf`): every event whose
 * body names the incident (or an incident merged into it; the merge itself
 * belongs to both), and every event
 * of an alert that was ever linked to one of those incidents (received,
 * updated, repeated, acknowledged …), including those before the incident
 * was opened: the first report is where an after-action review starts.
 */
import { AGENCY_OF_DOMAIN, isAgencyId, type AgencyId, type Domain } from '../domain/agencies';
import type { DomainEvent } from '../domain/events';
import type { User } from '../domain/roles';
import { warningLevelOf } from '../domain/warningLevel';
import {
  agencyShort,
  alertLookup,
  type AlertSource,
  beijingText,
  bi,
  CLOSE_DISPOSITION_LABEL,
  DISPOSITION_LABEL,
  INCIDENT_STATUS_LABEL,
  LEVEL_LABEL,
  PARTICIPATION_LABEL,
  SEVERITY_LABEL,
  SLA_KIND_LABEL,
  TASK_STATUS_LABEL,
  type Bilingual,
} from './labels';

/** What a report knows about the people in the log: the hub's user list, or the accounts a workstation knows. */
export type Person = Pick<User, 'name' | 'displayName' | 'role' | 'agency'>;

export interface TimelineEntry {
  readonly seq: number;
  /** Epoch ms (UTC) the hub wrote the event. */
  readonly time: number;
  /** As logged: `user:<name>`, `source:<feed>` or `system:<what>`. */
  readonly actor: string;
  /** The actor for people: a display name, `数据源 safety`, `系统（时限督办）`. */
  readonly actorName: Bilingual;
  /** The agency the actor acted for; undefined when the log does not say. */
  readonly agency?: AgencyId;
  readonly type: DomainEvent['type'];
  readonly action: Bilingual;
  /** What the action concerned (alert headline, note text, reason …), as text; '' when nothing. */
  readonly details: Bilingual;
  /** The alert the event is about (alert events, link and unlink). */
  readonly alertId?: string;
}

const isDomain = (s: string): s is Domain => Object.prototype.hasOwnProperty.call(AGENCY_OF_DOMAIN, s);

/** Ids of `incidentId` and of every incident merged into it (directly or through another merge). */
export function mergedIncidentIds(events: readonly DomainEvent[], incidentId: string): Set<string> {
  const ids = new Set([incidentId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of events) {
      if (e.type === 'incident.merged' && ids.has(e.body.incidentId) && !ids.has(e.body.from)) {
        ids.add(e.body.from);
        grew = true;
      }
    }
  }
  return ids;
}

/** The events of an incident (see the file comment), sorted by seq, each once. */
export function incidentEventsOf(events: readonly DomainEvent[], incidentId: string): DomainEvent[] {
  const incidents = mergedIncidentIds(events, incidentId);
  const alerts = new Set<string>();
  for (const e of events) {
    if (e.type === 'incident.opened' && incidents.has(e.body.incidentId)) for (const a of e.body.alertIds) alerts.add(a);
    if (e.type === 'incident.alertLinked' && incidents.has(e.body.incidentId)) alerts.add(e.body.alertId);
  }
  const bySeq = new Map<number, DomainEvent>();
  for (const e of events) {
    const body = e.body as { incidentId?: unknown; alertId?: unknown; by?: unknown };
    const mine =
      (typeof body.incidentId === 'string' && incidents.has(body.incidentId)) ||
      (e.type.startsWith('alert.') && typeof body.alertId === 'string' && alerts.has(body.alertId)) ||
      (e.type === 'alert.superseded' && alerts.has(e.body.by)) ||
      (e.type === 'incident.merged' && incidents.has(e.body.from));
    if (mine) bySeq.set(e.seq, e);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** What the timeline needs to know about an alert: from its `alert.received` event, else from the state. */
interface AlertFacts {
  agency: AgencyId;
  headline: string;
}

export interface TimelineContext {
  /** People by login name; unknown users are shown by their login name. */
  people?: readonly Person[];
  /** Alerts from the folded state, for alerts whose `alert.received` is not among the events. */
  alerts?: AlertSource;
}

/** The hub's own actors (`system:<what>`) in words; another is shown by its id. */
const SYSTEM_ACTORS: Readonly<Record<string, Bilingual>> = {
  correlation: bi('系统（自动关联）', 'system (correlation)'),
  sla: bi('系统（时限督办）', 'system (SLA)'),
  hub: bi('系统（枢纽）', 'system (hub)'),
};

/** How an actor is shown: a person's display name, `数据源 安全生产` / `feed Safety`, `系统（时限督办）` / `system (SLA)`. */
export function actorDisplayName(actor: string, people: ReadonlyMap<string, Person>): Bilingual {
  const [kind, ...rest] = actor.split(':');
  const id = rest.join(':');
  if (kind === 'user') {
    const p = people.get(id);
    return p ? bi(p.displayName, p.displayName) : bi(id, id);
  }
  if (kind === 'source') {
    const agency = isDomain(id) ? AGENCY_OF_DOMAIN[id] : undefined;
    return agency ? bi(`数据源 ${agencyShort(agency).zh}`, `feed ${agencyShort(agency).en}`) : bi(`数据源 ${id}`, `feed ${id}`);
  }
  return SYSTEM_ACTORS[id] ?? bi(`系统（${id}）`, `system (${id})`);
}

/**
 * The agency an actor acted for. A duty officer's agency is fixed by the
 * permission table (`shared/domain/roles`): only the agency's own officer may
 * respond for it or acknowledge its alerts, so those events name it even for
 * a user the report does not know. Center staff (operator, commander,
 * analyst, admin) and the hub's own `system:*` actors act for the joint
 * command center; a feed for the agency of its domain.
 */
function actorAgency(e: DomainEvent, people: ReadonlyMap<string, Person>, alertAgency: AgencyId | undefined): AgencyId | undefined {
  const [kind, ...rest] = e.actor.split(':');
  const id = rest.join(':');
  if (kind === 'system') return 'hlj-command';
  if (kind === 'source') return isDomain(id) ? AGENCY_OF_DOMAIN[id] : alertAgency;
  const p = people.get(id);
  if (p) return p.agency ?? 'hlj-command';
  if (e.type === 'incident.agencyResponded') return e.body.agency;
  if (e.type === 'alert.acknowledged') return alertAgency;
  return undefined;
}

/** An alert in the details column: its headline (the id has a column of its own), or the id when the headline is unknown. */
function alertLine(facts: AlertFacts | undefined, alertId: string): Bilingual {
  return facts ? bi(facts.headline, facts.headline) : bi(alertId, alertId);
}

function describe(e: DomainEvent, alertFacts: (id: string) => AlertFacts | undefined, taskTitle: (id: string) => string | undefined): { action: Bilingual; details: Bilingual } {
  const none = bi('', '');
  const same = (s: string | undefined): Bilingual => bi(s ?? '', s ?? '');
  switch (e.type) {
    case 'alert.received': {
      const c = e.body.content;
      const agency = AGENCY_OF_DOMAIN[c.domain];
      const sev = SEVERITY_LABEL[c.severity];
      const level = warningLevelOf(c.severity) ? bi(`${sev.zh}预警`, `${sev.en} alert`) : bi('预警', 'alert');
      return {
        action: bi(`收到${agencyShort(agency).zh}${level.zh}`, `${agencyShort(agency).en} ${level.en} received`),
        details: alertLine({ agency, headline: c.headline }, e.body.alertId),
      };
    }
    case 'alert.updated': {
      const c = e.body.content;
      const sev = SEVERITY_LABEL[c.severity];
      return {
        // CAP updates carry their own identifier and no version (always 1), so the level is what says something.
        action: bi(`预警续报（${sev.zh}）`, `Alert updated (${sev.en})`),
        details: alertLine({ agency: AGENCY_OF_DOMAIN[c.domain], headline: c.headline }, e.body.alertId),
      };
    }
    case 'alert.repeated':
      return { action: bi('重复接收同一预警', 'Same alert received again'), details: alertLine(alertFacts(e.body.alertId), e.body.alertId) };
    case 'alert.cancelled':
      return { action: bi('来源取消预警', 'Alert cancelled by its source'), details: e.body.reason ? same(e.body.reason) : alertLine(alertFacts(e.body.alertId), e.body.alertId) };
    case 'alert.superseded':
      return { action: bi(`预警被 ${e.body.by} 替代`, `Alert superseded by ${e.body.by}`), details: alertLine(alertFacts(e.body.alertId), e.body.alertId) };
    case 'alert.expired':
      return { action: bi('预警过期', 'Alert expired'), details: alertLine(alertFacts(e.body.alertId), e.body.alertId) };
    case 'alert.acknowledged':
      return { action: bi('确认预警', 'Alert acknowledged'), details: alertLine(alertFacts(e.body.alertId), e.body.alertId) };
    case 'alert.dismissed': {
      const d = DISPOSITION_LABEL[e.body.disposition];
      const line = alertLine(alertFacts(e.body.alertId), e.body.alertId);
      return {
        action: bi(`排除预警：${d.zh}`, `Alert dismissed: ${d.en}`),
        details: e.body.reason ? bi(`${line.zh}；${e.body.reason}`, `${line.en}; ${e.body.reason}`) : line,
      };
    }
    case 'alert.quarantined':
      return { action: bi('消息被隔离', 'Message quarantined'), details: same(e.body.reason) };
    case 'incident.opened': {
      const l = LEVEL_LABEL[e.body.level];
      return {
        action: bi(`立案：事件 #${e.body.no}，${l.zh}`, `Incident #${e.body.no} opened, ${l.en}`),
        details: bi(`${e.body.title}（关联预警 ${e.body.alertIds.length} 条）`, `${e.body.title} (${e.body.alertIds.length} linked alerts)`),
      };
    }
    case 'incident.levelChanged': {
      const l = LEVEL_LABEL[e.body.level];
      return { action: bi(`级别调整为${l.zh}`, `Level set to ${l.en}`), details: same(e.body.reason) };
    }
    case 'incident.statusChanged': {
      const s = INCIDENT_STATUS_LABEL[e.body.status];
      return { action: bi(`状态变更：${s.zh}`, `Status: ${s.en}`), details: none };
    }
    case 'incident.leadAssigned': {
      const a = agencyShort(e.body.agency);
      return { action: bi(`指定牵头单位：${a.zh}`, `Lead agency: ${a.en}`), details: none };
    }
    case 'incident.agencyRequested': {
      const a = agencyShort(e.body.agency);
      return { action: bi(`请求${a.zh}参与处置`, `${a.en} requested`), details: none };
    }
    case 'incident.agencyResponded': {
      const a = agencyShort(e.body.agency);
      const r = PARTICIPATION_LABEL[e.body.response];
      return { action: bi(`${a.zh}响应：${r.zh}`, `${a.en} responded: ${r.en}`), details: same(e.body.reason) };
    }
    case 'incident.alertLinked':
      return { action: bi('关联预警', 'Alert linked'), details: alertLine(alertFacts(e.body.alertId), e.body.alertId) };
    case 'incident.alertUnlinked':
      return { action: bi('解除预警关联', 'Alert unlinked'), details: alertLine(alertFacts(e.body.alertId), e.body.alertId) };
    case 'incident.merged':
      return { action: bi(`并入事件 ${e.body.from}`, `Incident ${e.body.from} merged in`), details: none };
    case 'incident.taskCreated': {
      const a = agencyShort(e.body.agency);
      return {
        action: bi(`下达任务（${a.zh}，${beijingText(e.body.due).slice(5, 16)} 前）`, `Task for ${a.en}, due ${beijingText(e.body.due).slice(5, 16)}`),
        details: same(e.body.title),
      };
    }
    case 'incident.taskUpdated': {
      const s = TASK_STATUS_LABEL[e.body.status];
      return { action: bi(`任务状态：${s.zh}`, `Task: ${s.en}`), details: same(taskTitle(e.body.taskId) ?? e.body.taskId) };
    }
    case 'incident.noteAdded':
      return { action: bi('添加记录', 'Note added'), details: same(e.body.text) };
    case 'incident.closed': {
      const d = CLOSE_DISPOSITION_LABEL[e.body.disposition];
      return { action: bi(`结案：${d.zh}`, `Closed: ${d.en}`), details: same(e.body.summary) };
    }
    case 'incident.reopened':
      return { action: bi('重新开启', 'Reopened'), details: same(e.body.reason) };
    case 'sla.reminder': {
      const a = agencyShort(e.body.agency);
      const k = SLA_KIND_LABEL[e.body.kind];
      return {
        action: bi(`提醒${a.zh}：${k.zh}时限已到`, `Reminder to ${a.en}: ${k.en} deadline reached`),
        details: bi(`时限 ${beijingText(e.body.deadline)}`, `deadline ${beijingText(e.body.deadline)}`),
      };
    }
    case 'sla.escalated': {
      const a = agencyShort(e.body.agency);
      const k = SLA_KIND_LABEL[e.body.kind];
      return {
        action: bi(`${a.zh}${k.zh}超时，上报指挥长`, `${a.en} overdue (${k.en}), escalated to the commander`),
        details: bi(`时限 ${beijingText(e.body.deadline)}`, `deadline ${beijingText(e.body.deadline)}`),
      };
    }
    case 'source.statusChanged':
      return { action: bi(`数据源 ${e.body.feed}：${e.body.status}`, `Feed ${e.body.feed}: ${e.body.status}`), details: same(e.body.detail) };
    case 'source.configured':
      return {
        action: e.body.change === 'added' ? bi(`添加数据源 ${e.body.feed}`, `Feed ${e.body.feed} added`) : bi(`修改数据源 ${e.body.feed}`, `Feed ${e.body.feed} changed`),
        details: bi(`${e.body.name.zh} · ${e.body.url}${e.body.tokenChanged ? ' · 令牌已更换' : ''}`, `${e.body.name.en} · ${e.body.url}${e.body.tokenChanged ? ' · new token' : ''}`),
      };
    case 'source.removed':
      return { action: bi(`删除数据源 ${e.body.feed}`, `Feed ${e.body.feed} removed`), details: same(undefined) };
  }
}

/**
 * The timeline entries of `events` (already the incident's: see
 * `incidentEventsOf`), in seq order.
 */
export function timelineOf(events: readonly DomainEvent[], ctx: TimelineContext = {}): TimelineEntry[] {
  const people = new Map((ctx.people ?? []).map((p) => [p.name, p]));
  const stateAlert = alertLookup(ctx.alerts);
  const facts = new Map<string, AlertFacts>();
  const tasks = new Map<string, string>();
  const alertFacts = (id: string): AlertFacts | undefined => {
    const f = facts.get(id);
    if (f) return f;
    const a = stateAlert(id);
    return a ? { agency: a.agency, headline: a.headline } : undefined;
  };
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const out: TimelineEntry[] = [];
  for (const e of sorted) {
    if (e.type === 'alert.received' || e.type === 'alert.updated') {
      facts.set(e.body.alertId, { agency: AGENCY_OF_DOMAIN[e.body.content.domain], headline: e.body.content.headline });
    }
    if (e.type === 'incident.taskCreated') tasks.set(e.body.taskId, e.body.title);
    const alertId = e.type.startsWith('alert.') || e.type === 'incident.alertLinked' || e.type === 'incident.alertUnlinked' ? (e.body as { alertId?: string }).alertId : undefined;
    const owner = alertId !== undefined ? alertFacts(alertId)?.agency : undefined;
    const { action, details } = describe(e, alertFacts, (id) => tasks.get(id));
    const agency = actorAgency(e, people, owner);
    out.push({
      seq: e.seq,
      time: e.time,
      actor: e.actor,
      actorName: actorDisplayName(e.actor, people),
      ...(agency !== undefined && isAgencyId(agency) ? { agency } : {}),
      type: e.type,
      action,
      details,
      ...(alertId !== undefined ? { alertId } : {}),
    });
  }
  return out;
}
