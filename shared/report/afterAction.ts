/**
 * The after-action record of an incident, in the spirit of the ICS 201
 * (incident briefing: summary, situation, organisation) and ICS 214
 * (activity log) forms: summary, level history, lead and supporting
 * agencies with their response times, linked alerts, tasks, notes and the
 * timeline. Pure: the caller passes the incident as folded (live or
 * replayed), its alerts, its events and a clock.
 */
import { AGENCY_IDS, AGENCIES, type AgencyId } from '../domain/agencies';
import type { DomainEvent } from '../domain/events';
import type { Alert, Incident, IncidentLevel, ParticipationStatus, TaskStatus } from '../domain/model';
import { PROVINCE_CODE, prefectureOf } from '../domain/regions';
import { agencyTimers, DEFAULT_SLA, resolveTimer, type ResolveTimer, type SlaConfig } from '../domain/sla';
import type { CapSeverity } from '../domain/warningLevel';
import { alertLookup, bi, CENTER_NAME, type AlertSource, type Bilingual } from './labels';
import { actorDisplayName, incidentEventsOf, timelineOf, type Person, type TimelineEntry } from './timeline';

export interface AgencyResponse {
  readonly agency: AgencyId;
  /** The lead agency, or a supporting one. */
  readonly role: 'lead' | 'supporting';
  readonly status: ParticipationStatus;
  /** Epoch ms the agency was requested (assigning the lead is a request too). */
  readonly requestedAt: number;
  readonly requestedBy: Bilingual;
  /** First response of any kind (acknowledged, declined, dispatched …). */
  readonly firstResponseAt?: number;
  /** `firstResponseAt - requestedAt`, once answered. */
  readonly timeToAcknowledgeMs?: number;
  /** Epoch ms the agency had to acknowledge by (SLA of the incident's current level). */
  readonly deadline: number;
  /** Answered after the deadline. */
  readonly late: boolean;
  /** Not answered and past the deadline at the time of the report. */
  readonly overdue: boolean;
  readonly reminders: number;
  readonly escalations: number;
  readonly lastAt?: number;
  readonly reason?: string;
}

export interface AfterActionRecord {
  readonly generatedAt: number;
  readonly center: Bilingual;
  readonly summary: {
    readonly id: string;
    readonly no: number;
    readonly title: string;
    readonly level: IncidentLevel;
    readonly status: Incident['status'];
    readonly classification: Incident['classification'];
    readonly region: string;
    readonly regionName: Bilingual;
    readonly location: Incident['location'];
    readonly domains: Incident['domains'];
    readonly lead?: AgencyId;
    readonly openedAt: number;
    readonly openedBy: Bilingual;
    /** First alert of the incident (received by the hub), the start of the response. */
    readonly firstAlertAt?: number;
    readonly resolvedAt?: number;
    readonly closed?: { readonly at: number; readonly by: Bilingual; readonly disposition: NonNullable<Incident['closed']>['disposition']; readonly summary: string };
    readonly mergedInto?: string;
    /** Opened to closed (or to the report time while it is still open). */
    readonly durationMs: number;
    readonly resolve: ResolveTimer;
    /** Every linked alert is an exercise (演练). */
    readonly exercise: boolean;
  };
  readonly levelHistory: readonly { readonly level: IncidentLevel; readonly at: number; readonly by: Bilingual; readonly reason?: string }[];
  readonly agencies: readonly AgencyResponse[];
  readonly alerts: readonly {
    readonly id: string;
    readonly agency: AgencyId;
    readonly headline: string;
    readonly severity: CapSeverity;
    readonly status: Alert['status'];
    readonly sent: number;
    readonly received: number;
  }[];
  readonly tasks: readonly {
    readonly id: string;
    readonly title: string;
    readonly agency: AgencyId;
    readonly due: number;
    readonly status: TaskStatus;
    readonly createdAt: number;
    readonly createdBy: Bilingual;
    readonly doneAt?: number;
    /** Done after its due time, or still not done past it. */
    readonly late: boolean;
  }[];
  readonly notes: readonly { readonly seq: number; readonly at: number; readonly by: Bilingual; readonly agency?: AgencyId; readonly text: string }[];
  readonly timeline: readonly TimelineEntry[];
  readonly counts: { readonly events: number; readonly alerts: number; readonly reminders: number; readonly escalations: number; readonly tasksDone: number };
}

export interface AfterActionInput {
  incident: Incident;
  /** Alerts from the folded state; those linked to the incident are used. */
  alerts: AlertSource;
  /** Events to take the incident's from (any superset: see `incidentEventsOf`). */
  events: readonly DomainEvent[];
  people?: readonly Person[];
  sla?: SlaConfig;
  /** Epoch ms of writing the record. */
  now: number;
}

function regionName(code: string): Bilingual {
  if (code === PROVINCE_CODE) return bi('黑龙江省', 'Heilongjiang Province');
  const p = prefectureOf(code);
  return p ? bi(`黑龙江省${p.name.zh}`, `${p.name.en}, Heilongjiang`) : bi(code, code);
}

export function afterActionRecord(input: AfterActionInput): AfterActionRecord {
  const { incident, now } = input;
  const sla = input.sla ?? DEFAULT_SLA;
  const events = incidentEventsOf(input.events, incident.id);
  const alertOf = alertLookup(input.alerts);
  const timeline = timelineOf(events, { people: input.people, alerts: input.alerts });
  const people = new Map((input.people ?? []).map((p) => [p.name, p]));
  const nameOf = (actor: string): Bilingual => actorDisplayName(actor, people);
  const agencyOfSeq = new Map(timeline.map((t) => [t.seq, t.agency]));

  const reminders = new Map<AgencyId, number>();
  const escalations = new Map<AgencyId, number>();
  const levelReasons: { level: IncidentLevel; at: number; reason?: string }[] = [];
  for (const e of events) {
    if (e.type === 'sla.reminder' && e.body.incidentId === incident.id) reminders.set(e.body.agency, (reminders.get(e.body.agency) ?? 0) + 1);
    if (e.type === 'sla.escalated' && e.body.incidentId === incident.id) escalations.set(e.body.agency, (escalations.get(e.body.agency) ?? 0) + 1);
    if (e.type === 'incident.levelChanged' && e.body.incidentId === incident.id) levelReasons.push({ level: e.body.level, at: e.time, reason: e.body.reason });
  }

  const timers = new Map(agencyTimers(incident, now, sla, (a) => AGENCIES[a]?.domain ?? null).map((t) => [t.agency, t]));
  const agencies: AgencyResponse[] = [];
  // Lead first, then the supporting agencies in the province's fixed order.
  const order = [...AGENCY_IDS].sort((a, b) => Number(b === incident.lead) - Number(a === incident.lead));
  for (const id of order) {
    const p = incident.agencies[id];
    const t = timers.get(id);
    if (!p || !t) continue;
    agencies.push({
      agency: id,
      role: id === incident.lead ? 'lead' : 'supporting',
      status: p.status,
      requestedAt: p.requestedAt,
      requestedBy: nameOf(p.requestedBy),
      ...(p.respondedAt !== undefined ? { firstResponseAt: p.respondedAt, timeToAcknowledgeMs: p.respondedAt - p.requestedAt } : {}),
      deadline: t.deadline,
      late: t.late,
      overdue: t.overdue,
      reminders: reminders.get(id) ?? 0,
      escalations: escalations.get(id) ?? 0,
      ...(p.lastAt !== undefined ? { lastAt: p.lastAt } : {}),
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
    });
  }

  const linked = incident.alerts.map(alertOf).filter((a): a is Alert => a !== undefined);
  const alerts = linked
    .map((a) => ({ id: a.id, agency: a.agency, headline: a.headline, severity: a.severity, status: a.status, sent: a.sent, received: a.received }))
    .sort((a, b) => a.received - b.received);
  const firstAlertAt = alerts.length > 0 ? Math.min(...alerts.map((a) => a.received)) : undefined;

  const levelHistory = incident.levelHistory.map((h) => {
    const match = levelReasons.find((r) => r.at === h.at && r.level === h.level);
    return { level: h.level, at: h.at, by: nameOf(h.by), ...(match?.reason ? { reason: match.reason } : {}) };
  });

  const tasks = Object.values(incident.tasks)
    .map((t) => ({
      id: t.id,
      title: t.title,
      agency: t.agency,
      due: t.due,
      status: t.status,
      createdAt: t.createdAt,
      createdBy: nameOf(t.createdBy),
      ...(t.doneAt !== undefined ? { doneAt: t.doneAt } : {}),
      late: t.doneAt !== undefined ? t.doneAt > t.due : t.status !== 'cancelled' && now > t.due,
    }))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));

  const notes = incident.notes.map((n) => {
    const agency = agencyOfSeq.get(n.seq);
    return { seq: n.seq, at: n.at, by: nameOf(n.by), ...(agency !== undefined ? { agency } : {}), text: n.text };
  });

  const end = incident.closed?.at ?? now;
  let reminderCount = 0;
  let escalationCount = 0;
  for (const n of reminders.values()) reminderCount += n;
  for (const n of escalations.values()) escalationCount += n;
  return {
    generatedAt: now,
    center: CENTER_NAME,
    summary: {
      id: incident.id,
      no: incident.no,
      title: incident.title,
      level: incident.level,
      status: incident.status,
      classification: incident.classification,
      region: incident.region,
      regionName: regionName(incident.region),
      location: incident.location,
      domains: incident.domains,
      ...(incident.lead !== undefined ? { lead: incident.lead } : {}),
      openedAt: incident.openedAt,
      openedBy: nameOf(incident.openedBy),
      ...(firstAlertAt !== undefined ? { firstAlertAt } : {}),
      ...(incident.resolvedAt !== undefined ? { resolvedAt: incident.resolvedAt } : {}),
      ...(incident.closed ? { closed: { at: incident.closed.at, by: nameOf(incident.closed.by), disposition: incident.closed.disposition, summary: incident.closed.summary } } : {}),
      ...(incident.mergedInto !== undefined ? { mergedInto: incident.mergedInto } : {}),
      durationMs: end - incident.openedAt,
      resolve: resolveTimer(incident, now, sla),
      exercise: linked.length > 0 && linked.every((a) => a.capStatus === 'Exercise'),
    },
    levelHistory,
    agencies,
    alerts,
    tasks,
    notes,
    timeline,
    counts: {
      events: timeline.length,
      alerts: incident.alerts.length,
      reminders: reminderCount,
      escalations: escalationCount,
      tasksDone: tasks.filter((t) => t.status === 'done').length,
    },
  };
}
