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
  const keys = new Set<string>();
  const alertAndIncident = (id: string): void => {
    keys.add(alertKey(id));
    const was = before.alerts.get(id)?.incidentId;
    const is = after.alerts.get(id)?.incidentId;
    if (was) keys.add(incidentKey(was));
    if (is) keys.add(incidentKey(is));
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
      keys.add(incidentKey(event.body.incidentId));
      for (const id of event.body.alertIds) alertAndIncident(id);
      break;
    case 'incident.alertLinked':
    case 'incident.alertUnlinked':
      keys.add(incidentKey(event.body.incidentId));
      alertAndIncident(event.body.alertId);
      break;
    case 'incident.merged':
      keys.add(incidentKey(event.body.incidentId));
      keys.add(incidentKey(event.body.from));
      break;
    case 'alert.quarantined':
    case 'source.statusChanged':
    case 'source.configured':
    case 'source.removed':
      break;
    default:
      keys.add(incidentKey(event.body.incidentId));
  }
  return [...keys];
}
