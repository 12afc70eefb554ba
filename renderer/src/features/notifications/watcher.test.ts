import { describe, expect, it } from 'vitest';
import type { Alert, Incident } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import { DEFAULT_SETTINGS } from '@shared/ipc';
import type { ConnectionStatus, LiveDelta, LiveSnapshot } from '../../live/types';
import { alert, incident, T0 } from '../board/testing';
import type { Candidate } from './policy';
import { watchNotifications } from './watcher';

const officer: User = { name: 'traffic', displayName: '刘洋', role: 'dutyOfficer', agency: 'hlj-traffic' };

/** Publishes in the live store's order: snapshot listeners first, then delta listeners (as in alarms.test.ts). */
function source(user: User) {
  let snapshot = { version: 0, user, alerts: new Map(), incidents: new Map(), connection: { status: 'connecting' } } as unknown as LiveSnapshot;
  const listeners = new Set<() => void>();
  const deltaListeners = new Set<(d: LiveDelta, s: LiveSnapshot) => void>();
  const publish = (status: ConnectionStatus, alerts: Alert[] = [], incidents: Incident[] = [], reset = false): void => {
    snapshot = { ...snapshot, version: snapshot.version + 1, connection: { ...snapshot.connection, status } };
    for (const l of listeners) l();
    const delta = { alerts: { upsert: alerts, remove: [] }, incidents: { upsert: incidents, remove: [] }, reset };
    for (const l of deltaListeners) l(delta, snapshot);
  };
  return {
    store: {
      getSnapshot: () => snapshot,
      subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
      onDidApplyDelta: (l: (d: LiveDelta, s: LiveSnapshot) => void) => (deltaListeners.add(l), () => deltaListeners.delete(l)),
    },
    publish,
  };
}

describe('watchNotifications', () => {
  it('notifies only what arrives live, once, and as the settings allow', () => {
    const { store, publish } = source(officer);
    const got: Candidate[][] = [];
    let settings = DEFAULT_SETTINGS.notifications;
    const stop = watchNotifications(store, () => settings, (c) => got.push(c), () => Date.parse('2026-11-26T10:00:00+08:00'));
    const requested = { 'hlj-traffic': { agency: 'hlj-traffic' as const, status: 'notified' as const, requestedAt: T0, requestedBy: 'user:commander' } };
    publish('syncing', [alert({ id: 'traffic:old', severity: 'Extreme' })], [incident({ id: 'I1', agencies: requested })]);
    publish('live', [alert({ id: 'traffic:tail', severity: 'Extreme' })]);
    expect(got).toEqual([]);
    publish('live', [alert({ id: 'traffic:new', severity: 'Severe' })], [incident({ id: 'I2', agencies: requested })]);
    expect(got.flat().map((c) => `${c.kind}:${c.target.id}`)).toEqual(['alert:traffic:new', 'request:I2']);
    // The same alert again (an update) and the same request are no news.
    publish('live', [alert({ id: 'traffic:new', severity: 'Severe', status: 'new' })], [incident({ id: 'I2', agencies: requested, title: '改名' })]);
    expect(got).toHaveLength(1);
    settings = { ...settings, mutedDomains: ['traffic'] };
    publish('live', [alert({ id: 'traffic:muted', severity: 'Extreme' })]);
    expect(got).toHaveLength(1);
    stop();
  });
});
