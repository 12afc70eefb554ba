/**
 * Which alerts and incidents an event touches, and the delta a batch makes:
 * what the ingest worker posts to the UI instead of the whole state.
 * Pure, so it is unit-tested without a worker.
 */
import type { DomainEvent } from '@shared/domain/events';
import type { Alert, Incident } from '@shared/domain/model';
import type { State } from '@shared/domain/state';
import type { LiveDelta } from './types';

export interface Touched {
  alerts: Set<string>;
  incidents: Set<string>;
}

export function emptyTouched(): Touched {
  return { alerts: new Set(), incidents: new Set() };
}

/**
 * Adds what `event` changes to `into`. `before` is the state the event is
 * folded into: moving an alert or merging an incident also changes the
 * incident the alert came from.
 */
export function collectTouched(event: DomainEvent, before: State, into: Touched): void {
  const alert = (id: string): void => {
    into.alerts.add(id);
    const prev = before.alerts.get(id)?.incidentId;
    if (prev) into.incidents.add(prev);
  };
  switch (event.type) {
    case 'alert.superseded':
      alert(event.body.alertId);
      alert(event.body.by);
      return;
    case 'alert.received':
    case 'alert.updated':
    case 'alert.repeated':
    case 'alert.cancelled':
    case 'alert.expired':
    case 'alert.acknowledged':
    case 'alert.dismissed':
      alert(event.body.alertId);
      return;
    case 'incident.opened':
      into.incidents.add(event.body.incidentId);
      event.body.alertIds.forEach(alert);
      return;
    case 'incident.alertLinked':
    case 'incident.alertUnlinked':
      into.incidents.add(event.body.incidentId);
      alert(event.body.alertId);
      return;
    case 'incident.merged': {
      into.incidents.add(event.body.incidentId);
      into.incidents.add(event.body.from);
      before.incidents.get(event.body.from)?.alerts.forEach((id) => into.alerts.add(id));
      return;
    }
    case 'alert.quarantined':
    case 'source.statusChanged':
    case 'source.configured':
    case 'source.removed':
      return;
    default:
      into.incidents.add(event.body.incidentId);
  }
}

/** The delta between two states over the touched ids. */
export function deltaOf(touched: Touched, after: State): LiveDelta {
  const delta: LiveDelta = { alerts: { upsert: [], remove: [] }, incidents: { upsert: [], remove: [] }, reset: false };
  for (const id of touched.alerts) {
    const a = after.alerts.get(id);
    if (a) delta.alerts.upsert.push(a);
    else delta.alerts.remove.push(id);
  }
  for (const id of touched.incidents) {
    const i = after.incidents.get(id);
    if (i) delta.incidents.upsert.push(i);
    else delta.incidents.remove.push(id);
  }
  return delta;
}

/** A delta that replaces everything with these alerts and incidents (first load, another user, a new listener). */
export function replaceAll(alerts: Iterable<Alert>, incidents: Iterable<Incident>): LiveDelta {
  return { alerts: { upsert: [...alerts], remove: [] }, incidents: { upsert: [...incidents], remove: [] }, reset: true };
}

export function resetDelta(state: State): LiveDelta {
  return replaceAll(state.alerts.values(), state.incidents.values());
}
