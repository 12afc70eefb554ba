/**
 * What a focused replay shows (issue 7 §2): one incident, only its alerts —
 * those linked to it at the moment shown, plus those that will be linked
 * later, from the moment they arrive — and the delta that moves the view
 * from what it showed to what it shows now. Pure.
 */
import type { Alert, Incident } from '@shared/domain/model';
import type { State } from '@shared/domain/state';
import type { LiveDelta } from '../../live/types';

export interface FocusView {
  alerts: Map<string, Alert>;
  incidents: Map<string, Incident>;
}

/** The incident and its alerts in `state`; `alsoAlerts` are alerts it will own later. */
export function focusView(state: State, incidentId: string, alsoAlerts: ReadonlySet<string>): FocusView {
  const alerts = new Map<string, Alert>();
  const incidents = new Map<string, Incident>();
  const incident = state.incidents.get(incidentId);
  if (incident) incidents.set(incident.id, incident);
  const add = (id: string): void => {
    const a = state.alerts.get(id);
    if (a) alerts.set(id, a);
  };
  incident?.alerts.forEach(add);
  alsoAlerts.forEach(add);
  return { alerts, incidents };
}

/**
 * The delta from `shown` to `next`. Entities are compared by identity: the
 * reducer builds a new object for every change and shares the rest.
 */
export function diffViews(shown: FocusView, next: FocusView): LiveDelta {
  const delta: LiveDelta = { alerts: { upsert: [], remove: [] }, incidents: { upsert: [], remove: [] }, reset: false };
  for (const id of shown.alerts.keys()) if (!next.alerts.has(id)) delta.alerts.remove.push(id);
  for (const [id, a] of next.alerts) if (shown.alerts.get(id) !== a) delta.alerts.upsert.push(a);
  for (const id of shown.incidents.keys()) if (!next.incidents.has(id)) delta.incidents.remove.push(id);
  for (const [id, i] of next.incidents) if (shown.incidents.get(id) !== i) delta.incidents.upsert.push(i);
  return delta;
}

export function isEmptyDelta(delta: LiveDelta): boolean {
  return !delta.reset && delta.alerts.upsert.length + delta.alerts.remove.length + delta.incidents.upsert.length + delta.incidents.remove.length === 0;
}
