/**
 * Turns live-store deltas into notification candidates (policy.ts) and
 * hands the ones the settings let through to `sink`. Only what arrives
 * while the connection is live is news: alerts and incidents restored from
 * the replica or fetched while catching up stay quiet (as for the alarm tone).
 */
import type { Incident } from '@shared/domain/model';
import type { NotificationSettings } from '@shared/ipc';
import type { LiveDelta, LiveSnapshot, LiveStore } from '../../live/types';
import { alertCandidate, decide, incidentCandidates, incidentFacts, type Candidate, type IncidentFacts } from './policy';
import { newsGate } from '../notify/liveness';

type Source = Pick<LiveStore, 'onDidApplyDelta' | 'subscribe' | 'getSnapshot'>;

export function watchNotifications(
  store: Source,
  settings: () => NotificationSettings,
  sink: (candidates: Candidate[]) => void,
  now: () => number = Date.now,
): () => void {
  const knownAlerts = new Set<string>();
  const facts = new Map<string, IncidentFacts>();
  const gate = newsGate(store);

  const remember = (incident: Incident, snapshot: LiveSnapshot): void => {
    facts.set(incident.id, incidentFacts(incident, snapshot.user));
  };

  const stopDelta = store.onDidApplyDelta((delta: LiveDelta, snapshot: LiveSnapshot) => {
    if (delta.reset) {
      knownAlerts.clear();
      facts.clear();
      for (const id of snapshot.alerts.keys()) knownAlerts.add(id);
      for (const incident of snapshot.incidents.values()) remember(incident, snapshot);
      return;
    }
    const live = gate.isNews(snapshot);
    const found: Candidate[] = [];
    for (const id of delta.alerts.remove) knownAlerts.delete(id);
    for (const id of delta.incidents.remove) facts.delete(id);
    for (const alert of delta.alerts.upsert) {
      if (knownAlerts.has(alert.id)) continue;
      knownAlerts.add(alert.id);
      const c = live ? alertCandidate(alert, snapshot.user) : null;
      if (c) found.push(c);
    }
    for (const incident of delta.incidents.upsert) {
      const before = facts.get(incident.id);
      if (live) found.push(...incidentCandidates(incident, before, snapshot.user));
      remember(incident, snapshot);
    }
    if (found.length === 0) return;
    const prefs = settings();
    const at = now();
    const passed = found.filter((c) => decide(c, prefs, at).notify);
    if (passed.length > 0) sink(passed);
  });

  return () => {
    gate.stop();
    stopDelta();
  };
}
