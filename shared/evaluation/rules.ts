/**
 * What each indicator counts, as predicates over the ledger's records. The
 * aggregates (`indicators.ts`) and the drill-down lists (`drill.ts`) both use
 * these, so the list behind a number is exactly what was counted.
 *
 * SLA of an alert (issue 8: "share acknowledged within the deadline"): the
 * deadline is the acknowledge deadline of `sla.levels` for the incident level
 * matching the alert's warning level at receipt (红 Ⅰ, 橙 Ⅱ, 黄 Ⅲ, 蓝 and
 * unknown Ⅳ; `LEVEL_OF_SEVERITY`), with the domain override, counted from
 * the time the hub received it. The agency's answer is its first
 * acknowledgement or dismissal (dismissing a false positive in time is doing
 * the duty). An alert is *due* once answered, or once its deadline passed
 * before the range end while still unanswered — unless it left play
 * (superseded, cancelled, expired) before its deadline, when nobody had to
 * answer it. It is *met* when answered at or before the deadline.
 *
 * The same rule for an agency requested on an incident: its deadline runs
 * from the request, at the incident's level then; its answer is its first
 * response (`incident.agencyResponded`).
 */
import { DISP, ST, TASK_STATUS, type Ledger } from './ledger';

const isSet = (t: number): boolean => t === t;

/** When the agency first answered the alert (ack or dismissal), NaN if it has not. */
export function answeredAt(L: Ledger, i: number): number {
  const ack = L.alerts.ackAt[i]!;
  const dis = L.alerts.dismissAt[i]!;
  return ack === ack ? (dis === dis && dis < ack ? dis : ack) : dis;
}

export function isAcknowledged(L: Ledger, i: number): boolean {
  return isSet(L.alerts.ackAt[i]!);
}

export function isDismissed(L: Ledger, i: number): boolean {
  return L.alerts.disposition[i] !== DISP.none;
}

export function isExpiredUnacknowledged(L: Ledger, i: number): boolean {
  return L.alerts.status[i] === ST.expired && !isSet(L.alerts.ackAt[i]!);
}

export function isAlertSlaDue(L: Ledger, i: number): boolean {
  if (isSet(answeredAt(L, i))) return true;
  const deadline = L.alerts.deadline[i]!;
  const ended = L.alerts.endedAt[i]!;
  if (isSet(ended) && ended <= deadline) return false;
  return deadline < L.to;
}

export function isAlertSlaMet(L: Ledger, i: number): boolean {
  const at = answeredAt(L, i);
  return isSet(at) && at <= L.alerts.deadline[i]!;
}

/** Slot `incident * AGENCY_COUNT + agency` of an agency request. */
export function isRequestDue(L: Ledger, slot: number): boolean {
  const requested = L.incidents.requestedAt[slot]!;
  if (!isSet(requested)) return false;
  return isSet(L.incidents.respondedAt[slot]!) || L.incidents.requestDeadline[slot]! < L.to;
}

export function isRequestMet(L: Ledger, slot: number): boolean {
  const responded = L.incidents.respondedAt[slot]!;
  return isSet(responded) && responded <= L.incidents.requestDeadline[slot]!;
}

/** Opened and resolved in the range, and not folded into another incident. */
export function isResolvedInRange(L: Ledger, i: number): boolean {
  return isSet(L.incidents.openedAt[i]!) && isSet(L.incidents.resolvedAt[i]!) && L.incidents.merged[i] === 0;
}

/** A task counts once done, or once its due time passed before the range end; cancelled ones never. */
export function isTaskDue(L: Ledger, t: number): boolean {
  const s = L.tasks.status[t];
  if (s === TASK_STATUS.cancelled) return false;
  return s === TASK_STATUS.done || L.tasks.due[t]! < L.to;
}

export function isTaskOnTime(L: Ledger, t: number): boolean {
  return L.tasks.status[t] === TASK_STATUS.done && L.tasks.doneAt[t]! <= L.tasks.due[t]!;
}
