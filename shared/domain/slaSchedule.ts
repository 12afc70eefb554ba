/**
 * Which SLA reminders and escalations are due (issue 6 §3): a pure function
 * of the folded state, the SLA config and a clock. The hub runs it on a timer
 * through its single writer and appends what it returns as `system:sla`
 * events, so every workstation sees them live and replay shows them.
 *
 * Three deadlines, each reminded once at the deadline and escalated once
 * `escalateAfterReminderMinutes` after that reminder:
 * - acknowledge: a requested agency that has not answered (its first
 *   response stops the timer; a re-request after a decline starts a new one);
 * - resolve: an incident not resolved by `openedAt + resolveMinutes`, owed by
 *   the lead agency, or the joint command center while there is no lead;
 * - task: a task past its due time and neither done nor cancelled, owed by
 *   the task's agency.
 * "Already sent" is read from what the reducer records of earlier reminders
 * and escalations (`remindedAt`, `overdue`, `escalatedAt`), so the same one is
 * never sent twice, across hub restarts and replays too.
 *
 * Resolved and closed incidents (merged ones are closed) owe nothing.
 */
import { AGENCY_IDS, type AgencyId } from './agencies';
import { draft, type EventDraft } from './events';
import { INCIDENT_LEVELS, type Incident } from './model';
import { acknowledgeDeadline, resolveDeadline, type SlaConfig } from './sla';
import type { State } from './state';

export const SLA_ACTOR = 'system:sla' as const;

const MINUTE = 60_000;
const COMMAND_CENTER: AgencyId = 'hlj-command';

export interface SlaDue {
  /** Reminders and escalations due at `now`; empty if none. */
  drafts: EventDraft[];
  /**
   * The earliest later time at which something becomes due if the state does
   * not change meanwhile (undefined: nothing pending). A caller may skip
   * scanning until then while the state's seq stays the same.
   */
  nextAt: number | undefined;
}

type Kind = 'acknowledge' | 'resolve' | 'task';

/**
 * The deadlines of one scan, looked up once: minutes to acknowledge per
 * level and agency (with domain overrides), to resolve per level. A scan
 * then allocates nothing for an incident with nothing due.
 */
interface Scan {
  readonly out: SlaDue;
  /** Earliest later due time of the incident being scanned (Infinity: none). */
  incidentNext: number;
  readonly now: number;
  readonly escalateMs: number;
  readonly acknowledgeMs: Readonly<Record<number, Readonly<Record<AgencyId, number>>>>;
  readonly resolveMs: Readonly<Record<number, number>>;
}

function scanOf(sla: SlaConfig, now: number): Scan {
  const acknowledgeMs: Record<number, Record<AgencyId, number>> = {};
  const resolveMs: Record<number, number> = {};
  for (const level of INCIDENT_LEVELS) {
    const byAgency = {} as Record<AgencyId, number>;
    // Through the same function the timers use, so the schedule and the incident view agree.
    for (const agency of AGENCY_IDS) byAgency[agency] = acknowledgeDeadline({ level }, { agency, requestedAt: 0 }, sla);
    acknowledgeMs[level] = byAgency;
    resolveMs[level] = resolveDeadline({ level, openedAt: 0 }, sla);
  }
  return { out: { drafts: [], nextAt: undefined }, incidentNext: Infinity, now, escalateMs: sla.escalateAfterReminderMinutes * MINUTE, acknowledgeMs, resolveMs };
}

function later(scan: Scan, at: number): void {
  if (at < scan.incidentNext) scan.incidentNext = at;
  if (scan.out.nextAt === undefined || at < scan.out.nextAt) scan.out.nextAt = at;
}

/**
 * One deadline's step: remind at the deadline, then escalate a while after
 * the reminder. Returns whether something is due now; the caller then builds
 * the drafts (so nothing is allocated when nothing is due).
 */
function dueStep(scan: Scan, deadline: number, remindedAt: number | undefined, escalated: boolean): 'reminder' | 'escalation' | undefined {
  if (escalated) return undefined;
  if (remindedAt === undefined) {
    if (scan.now >= deadline) return 'reminder';
    later(scan, deadline);
    return undefined;
  }
  const escalateAt = remindedAt + scan.escalateMs;
  if (scan.now >= escalateAt) return 'escalation';
  later(scan, escalateAt);
  return undefined;
}

function emit(scan: Scan, due: 'reminder' | 'escalation', body: { incidentId: string; agency: AgencyId; kind: Kind; deadline: number; taskId?: string }): void {
  const drafts = scan.out.drafts;
  if (due === 'reminder') {
    drafts.push(draft('sla.reminder', scan.now, SLA_ACTOR, body));
    // With no pause configured, the escalation goes with the reminder.
    if (scan.escalateMs === 0) drafts.push(draft('sla.escalated', scan.now, SLA_ACTOR, body));
    else later(scan, scan.now + scan.escalateMs);
  } else drafts.push(draft('sla.escalated', scan.now, SLA_ACTOR, body));
}

function incidentDue(scan: Scan, incident: Incident): void {
  const incidentId = incident.id;
  const acknowledgeMs = scan.acknowledgeMs[incident.level]!;
  for (const key in incident.agencies) {
    const p = incident.agencies[key as AgencyId];
    if (!p || p.respondedAt !== undefined) continue;
    const deadline = p.requestedAt + acknowledgeMs[p.agency];
    const due = dueStep(scan, deadline, p.remindedAt, p.overdue === true);
    if (due) emit(scan, due, { incidentId, agency: p.agency, kind: 'acknowledge', deadline });
  }
  const deadline = incident.openedAt + scan.resolveMs[incident.level]!;
  const due = dueStep(scan, deadline, incident.resolveRemindedAt, incident.resolveEscalatedAt !== undefined);
  if (due) emit(scan, due, { incidentId, agency: incident.lead ?? COMMAND_CENTER, kind: 'resolve', deadline });
  for (const key in incident.tasks) {
    const t = incident.tasks[key]!;
    if (t.status === 'done' || t.status === 'cancelled') continue;
    const taskDue = dueStep(scan, t.due, t.remindedAt, t.escalatedAt !== undefined);
    if (taskDue) emit(scan, taskDue, { incidentId, agency: t.agency, kind: 'task', deadline: t.due, taskId: t.id });
  }
}

/**
 * Remembers, per incident object, when it next has something due. The state
 * is persistent, so an incident no event touched since the last scan is the
 * same object and need not be read again before that time. Keep one per SLA
 * config; it changes no result, only the cost.
 */
export type SlaMemo = WeakMap<Incident, number>;

/** The `sla.reminder` and `sla.escalated` drafts due at `now` (epoch ms), stamped `now` and `system:sla`. */
export function dueSlaEvents(state: State, sla: SlaConfig, now: number, memo?: SlaMemo): SlaDue {
  const scan = scanOf(sla, now);
  state.incidents.forEach((incident) => {
    if (incident.status === 'resolved' || incident.status === 'closed') return;
    const next = memo?.get(incident);
    if (next !== undefined && now < next) {
      if (next !== Infinity) later(scan, next);
      return;
    }
    scan.incidentNext = Infinity;
    const emitted = scan.out.drafts.length;
    incidentDue(scan, incident);
    // An incident with something due changes once that is appended; if the append fails, it is due again.
    if (memo && scan.out.drafts.length === emitted) memo.set(incident, scan.incidentNext);
  });
  return scan.out;
}
