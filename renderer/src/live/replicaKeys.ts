/**
 * What an event is "about", as index keys of the replica (`ReplicaQuery`):
 * `a:<alertId>` and `i:<incidentId>`. Which incident an alert's lifecycle
 * event belongs to depends on the state when it happened (the alert may be
 * linked, moved or unlinked later), so keys are computed while folding and
 * stored with the events; a query never has to re-fold. Pure.
 */
import type { DomainEvent } from '@shared/domain/events';
import type { State } from '@shared/domain/state';

export const alertKey = (id: string): string => `a:${id}`;
export const incidentKey = (id: string): string => `i:${id}`;

/**
 * The keys of `event`, given the states before and after folding it. An
 * alert's lifecycle event is also about the incident it is linked to at that
 * moment (after the event; before it for an unlink or a move).
 */
export function keysOf(event: DomainEvent, before: State, after: State): string[] {
  return keysAfter(keysBefore(event, before), after);
}

/**
 * The first half of `keysOf`, for a fold whose states before and after an
 * event are one object changed in place (`Folding`): what the state before
 * says, and which alerts to look up again in the state after.
 */
export interface PendingKeys {
  /** Keys, and (as `{ after }`) the alerts whose incident after the event is a key too, in `keysOf`'s order. */
  parts: Array<string | { after: string }>;
}

export function keysBefore(event: DomainEvent, before: State): PendingKeys {
  const parts: PendingKeys['parts'] = [];
  const alertAndIncident = (id: string): void => {
    parts.push(alertKey(id));
    const was = before.alerts.get(id)?.incidentId;
    if (was) parts.push(incidentKey(was));
    parts.push({ after: id });
  };
  switch (event.type) {
    case 'alert.received':
    case 'alert.updated':
    case 'alert.repeated':
    case 'alert.cancelled':
    case 'alert.expired':
    case 'alert.acknowledged':
    case 'alert.dismissed':
      alertAndIncident(event.body.alertId);
      break;
    case 'alert.superseded':
      alertAndIncident(event.body.alertId);
      alertAndIncident(event.body.by);
      break;
    case 'incident.opened':
      parts.push(incidentKey(event.body.incidentId));
      for (const id of event.body.alertIds) alertAndIncident(id);
      break;
    case 'incident.alertLinked':
    case 'incident.alertUnlinked':
      parts.push(incidentKey(event.body.incidentId));
      alertAndIncident(event.body.alertId);
      break;
    case 'incident.merged':
      parts.push(incidentKey(event.body.incidentId));
      parts.push(incidentKey(event.body.from));
      break;
    case 'alert.quarantined':
    case 'source.statusChanged':
    case 'source.configured':
    case 'source.removed':
      break;
    default:
      parts.push(incidentKey(event.body.incidentId));
  }
  return { parts };
}

/** The second half of `keysOf`: the distinct keys, reading `after` for the incidents alerts are linked to now. */
export function keysAfter(pending: PendingKeys, after: State): string[] {
  const keys = new Set<string>();
  for (const p of pending.parts) {
    if (typeof p === 'string') keys.add(p);
    else {
      const is = after.alerts.get(p.after)?.incidentId;
      if (is) keys.add(incidentKey(is));
    }
  }
  return [...keys];
}
