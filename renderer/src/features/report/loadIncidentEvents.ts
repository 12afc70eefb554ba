/**
 * The events of an incident from the local replica, complete for the
 * after-action record: the replica's index answers "events about incident
 * X" with the alerts' events while they were linked; the record also wants
 * each linked alert's whole life (the first report before the incident
 * opened, later updates) and incidents merged into it. So: the incident's
 * events, those of incidents merged into it, and each linked alert's
 * events, then `incidentEventsOf` (shared/report) decides.
 */
import type { DomainEvent } from '@shared/domain/events';
import { incidentEventsOf, mergedIncidentIds } from '@shared/report/timeline';
import type { ReplicaReader } from '../../live/types';

export async function loadIncidentEvents(replica: Pick<ReplicaReader, 'events'>, incidentId: string): Promise<DomainEvent[]> {
  const bySeq = new Map<number, DomainEvent>();
  const add = (events: readonly DomainEvent[]): void => {
    for (const e of events) bySeq.set(e.seq, e);
  };
  const fetchedIncidents = new Set<string>();
  let pending = [incidentId];
  while (pending.length > 0) {
    for (const id of pending) fetchedIncidents.add(id);
    add((await Promise.all(pending.map((id) => replica.events({ incidentId: id })))).flat());
    pending = [...mergedIncidentIds([...bySeq.values()], incidentId)].filter((id) => !fetchedIncidents.has(id));
  }
  const ids = mergedIncidentIds([...bySeq.values()], incidentId);
  const alertIds = new Set<string>();
  for (const e of bySeq.values()) {
    if (e.type === 'incident.opened' && ids.has(e.body.incidentId)) for (const a of e.body.alertIds) alertIds.add(a);
    if (e.type === 'incident.alertLinked' && ids.has(e.body.incidentId)) alertIds.add(e.body.alertId);
  }
  add((await Promise.all([...alertIds].map((alertId) => replica.events({ alertId })))).flat());
  return incidentEventsOf([...bySeq.values()], incidentId);
}
