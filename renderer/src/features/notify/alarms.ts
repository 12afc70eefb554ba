/**
 * Which alerts raise the alarm: a new 红 (Extreme) or 橙 (Severe) alert that
 * concerns the signed-in user and arrived live while they were signed in.
 * Alerts restored from the replica or fetched while catching up after a
 * reload are history, not news, and stay quiet. An alarmed alert stays
 * highlighted on the board until it leaves the `new` status.
 */
import type { Alert } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import type { LiveDelta, LiveSnapshot, LiveStore } from '../../live/types';
import { isReplaySnapshot } from '../replay/replayMode';
import { newsGate } from './liveness';

/** Whose alerts a user watches: a duty officer their agency's, operators and commanders all; analysts and admins none. */
export function isRelevantTo(alert: Pick<Alert, 'agency'>, user: User | null): boolean {
  if (!user) return false;
  switch (user.role) {
    case 'dutyOfficer':
      return alert.agency === user.agency;
    case 'operator':
    case 'commander':
      return true;
    case 'analyst':
    case 'admin':
      return false;
  }
}

export function isAlarming(alert: Pick<Alert, 'agency' | 'severity' | 'status'>, user: User | null): boolean {
  return (alert.severity === 'Extreme' || alert.severity === 'Severe') && alert.status === 'new' && isRelevantTo(alert, user);
}

export interface AlarmWatcher {
  /** Ids of alarmed alerts still `new`; a new Set whenever it changes. */
  getAlarmed(): ReadonlySet<string>;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

type Source = Pick<LiveStore, 'onDidApplyDelta' | 'subscribe' | 'getSnapshot'>;

/**
 * Watches the store and calls `onAlarm(alerts)` for every delta that brings
 * alarming alerts. "Live" means the connection was already live before the
 * delta arrived: the batch that completes a catch-up flips the status to
 * live and carries the tail, and that tail is not news.
 */
export function watchAlarms(store: Source, onAlarm: (alerts: Alert[]) => void): AlarmWatcher {
  const listeners = new Set<() => void>();
  const known = new Set<string>();
  let alarmed: ReadonlySet<string> = new Set();
  const gate = newsGate(store);
  let user = store.getSnapshot().user?.name;

  const set = (next: ReadonlySet<string>): void => {
    alarmed = next;
    for (const l of listeners) l();
  };


  const stopDelta = store.onDidApplyDelta((delta: LiveDelta, snapshot: LiveSnapshot) => {
    // A replay plays the past: nothing in it alarms, and a replay store never turns live. Skipping
    // its deltas saves a set lookup per alert, 60–90k of them in a far seek at 1M events.
    if (isReplaySnapshot(snapshot)) return;
    if (delta.reset) {
      known.clear();
      for (const id of snapshot.alerts.keys()) known.add(id);
      // Another user signed in: their alarms are not ours. A reload keeps nothing anyway.
      if (snapshot.user?.name !== user && alarmed.size > 0) set(new Set());
      user = snapshot.user?.name;
      return;
    }
    const wasLive = gate.isNews(snapshot);
    let next: Set<string> | null = null;
    const fresh: Alert[] = [];
    for (const id of delta.alerts.remove) {
      known.delete(id);
      if (alarmed.has(id)) (next ??= new Set(alarmed)).delete(id);
    }
    for (const alert of delta.alerts.upsert) {
      if (!known.has(alert.id)) {
        known.add(alert.id);
        if (wasLive && isAlarming(alert, snapshot.user)) {
          (next ??= new Set(alarmed)).add(alert.id);
          fresh.push(alert);
        }
      } else if (alert.status !== 'new' && (next ?? alarmed).has(alert.id)) {
        (next ??= new Set(alarmed)).delete(alert.id);
      }
    }
    if (next) set(next);
    if (fresh.length > 0) onAlarm(fresh);
  });

  return {
    getAlarmed: () => alarmed,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      gate.stop();
      stopDelta();
    },
  };
}
