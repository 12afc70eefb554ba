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
import type { AgencyId } from './agencies';
import { draft, type EventDraft } from './events';
import type { Incident } from './model';
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

/** One deadline's step: remind at the deadline, then escalate a while after the reminder. */
function step(
  out: SlaDue,
  now: number,
  escalateMs: number,
  deadline: number,
  remindedAt: number | undefined,
  escalated: boolean,
  body: { incidentId: string; agency: AgencyId; kind: Kind; taskId?: string },
): void {
  if (escalated) return;
  const b = { ...body, deadline };
  if (remindedAt === undefined) {
    if (now < deadline) return later(out, deadline);
    out.drafts.push(draft('sla.reminder', now, SLA_ACTOR, b));
    // With no pause configured, the escalation goes with the reminder.
    if (escalateMs === 0) out.drafts.push(draft('sla.escalated', now, SLA_ACTOR, b));
    else later(out, now + escalateMs);
    return;
  }
  const escalateAt = remindedAt + escalateMs;
  if (now < escalateAt) return later(out, escalateAt);
  out.drafts.push(draft('sla.escalated', now, SLA_ACTOR, b));
}

function later(out: SlaDue, at: number): void {
  if (out.nextAt === undefined || at < out.nextAt) out.nextAt = at;
}

function incidentDue(out: SlaDue, incident: Incident, sla: SlaConfig, now: number, escalateMs: number): void {
  const incidentId = incident.id;
  for (const p of Object.values(incident.agencies)) {
    if (!p || p.respondedAt !== undefined) continue;
    step(out, now, escalateMs, acknowledgeDeadline(incident, p, sla), p.remindedAt, p.overdue === true, { incidentId, agency: p.agency, kind: 'acknowledge' });
  }
  step(out, now, escalateMs, resolveDeadline(incident, sla), incident.resolveRemindedAt, incident.resolveEscalatedAt !== undefined, {
    incidentId,
    agency: incident.lead ?? COMMAND_CENTER,
    kind: 'resolve',
  });
  for (const t of Object.values(incident.tasks)) {
    if (t.status === 'done' || t.status === 'cancelled') continue;
    step(out, now, escalateMs, t.due, t.remindedAt, t.escalatedAt !== undefined, { incidentId, agency: t.agency, kind: 'task', taskId: t.id });
  }
}

/** The `sla.reminder` and `sla.escalated` drafts due at `now` (epoch ms), stamped `now` and `system:sla`. */
export function dueSlaEvents(state: State, sla: SlaConfig, now: number): SlaDue {
  const out: SlaDue = { drafts: [], nextAt: undefined };
  const escalateMs = sla.escalateAfterReminderMinutes * MINUTE;
  state.incidents.forEach((incident) => {
    if (incident.status === 'resolved' || incident.status === 'closed') return;
    incidentDue(out, incident, sla, now, escalateMs);
  });
  return out;
}
