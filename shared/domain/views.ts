/**
 * Views derived from the folded state. Each is memoised on the identity of
 * the collection it reads, so calling it again for an unchanged state is
 * free (the UI asks up to ten times a second).
 */
import { DOMAINS, type AgencyId, type Domain } from './agencies';
import type { Alert, Incident } from './model';
import type { PMap } from './pmap';
import type { State } from './state';
import { isActiveAlertStatus } from './transitions';

function memoOn<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = compute(key);
      cache.set(key, v);
    }
    return v;
  };
}

export const SEVERITY_ORDER: Record<Alert['severity'], number> = { Extreme: 0, Severe: 1, Moderate: 2, Minor: 3, Unknown: 4 };

/** Most severe first, then newest first. */
export function compareAlerts(a: Alert, b: Alert): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.received - a.received;
}

const activeOf = memoOn((alerts: PMap<Alert>) => alerts.values().filter((a) => isActiveAlertStatus(a.status)));
/** Alerts still in play (new or acknowledged), unordered. */
export function activeAlerts(state: State): readonly Alert[] {
  return activeOf(state.alerts);
}

const openOf = memoOn((incidents: PMap<Incident>) =>
  incidents.values().filter((i) => i.status !== 'closed').sort((a, b) => a.level - b.level || b.updatedAt - a.updatedAt),
);
/** Incidents not closed, most severe level first, then most recently active. */
export function openIncidents(state: State): readonly Incident[] {
  return openOf(state.incidents);
}

const queuesOf = memoOn((alerts: PMap<Alert>) => {
  const queues = new Map<AgencyId, Alert[]>();
  for (const a of alerts.values()) {
    if (a.status !== 'new') continue;
    let q = queues.get(a.agency);
    if (!q) queues.set(a.agency, (q = []));
    q.push(a);
  }
  for (const q of queues.values()) q.sort(compareAlerts);
  return queues;
});
/** An agency's queue: its alerts waiting to be acknowledged, most severe first. */
export function agencyQueue(state: State, agency: AgencyId): readonly Alert[] {
  return queuesOf(state.alerts).get(agency) ?? [];
}

const unackOf = memoOn((alerts: PMap<Alert>) => {
  const counts = Object.fromEntries(DOMAINS.map((d) => [d, 0])) as Record<Domain, number>;
  for (const a of alerts.values()) if (a.status === 'new') counts[a.domain]++;
  return counts;
});
/** Unacknowledged alerts per domain (top-bar counters). */
export function unacknowledgedByDomain(state: State): Readonly<Record<Domain, number>> {
  return unackOf(state.alerts);
}

/** Alerts linked to an incident, in link order; ids no longer known are skipped. */
export function alertsOfIncident(state: State, incident: Incident): Alert[] {
  return incident.alerts.map((id) => state.alerts.get(id)).filter((a): a is Alert => a !== undefined);
}

/** Incidents an agency takes part in (requested, leading) that are not closed. */
export function incidentsOfAgency(state: State, agency: AgencyId): Incident[] {
  return openIncidents(state).filter((i) => i.lead === agency || i.agencies[agency] !== undefined);
}
