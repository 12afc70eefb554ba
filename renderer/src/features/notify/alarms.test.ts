import { describe, expect, it } from 'vitest';
import type { Alert } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import type { ConnectionStatus, LiveDelta, LiveSnapshot } from '../../live/types';
import { alert } from '../board/testing';
import { isAlarming, watchAlarms } from './alarms';

const officer: User = { name: 'traffic', displayName: '刘洋', role: 'dutyOfficer', agency: 'hlj-traffic' };

/** Publishes like the live store: snapshot listeners first, then delta listeners. */
function fakeStore(user: User) {
  const alerts = new Map<string, Alert>();
  let snapshot = { version: 0, user, alerts, connection: { status: 'connecting' } } as unknown as LiveSnapshot;
  const listeners = new Set<() => void>();
  const deltaListeners = new Set<(d: LiveDelta, s: LiveSnapshot) => void>();
  const publish = (status: ConnectionStatus, upsert: Alert[] = [], reset = false): void => {
    for (const a of upsert) alerts.set(a.id, a);
    snapshot = { ...snapshot, version: snapshot.version + 1, connection: { ...snapshot.connection, status } };
    for (const l of listeners) l();
    const delta = { alerts: { upsert, remove: [] }, incidents: { upsert: [], remove: [] }, reset };
    if (upsert.length > 0 || reset) for (const l of deltaListeners) l(delta, snapshot);
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

describe('alarms', () => {
  it('rings for 红/橙 alerts of the user’s concern only', () => {
    expect(isAlarming(alert({ severity: 'Extreme' }), officer)).toBe(true);
    expect(isAlarming(alert({ severity: 'Severe', domain: 'ecology' }), officer)).toBe(false);
    expect(isAlarming(alert({ severity: 'Moderate' }), officer)).toBe(false);
    expect(isAlarming(alert({ severity: 'Severe', status: 'acknowledged' }), officer)).toBe(false);
    expect(isAlarming(alert({ severity: 'Severe', domain: 'ecology' }), { name: 'op', displayName: '值班员', role: 'operator' })).toBe(true);
    expect(isAlarming(alert({ severity: 'Severe' }), { name: 'an', displayName: '分析员', role: 'analyst' })).toBe(false);
  });

  it('stays quiet for restored and caught-up alerts, rings for live ones, and stops highlighting once acknowledged', () => {
    const { store, publish } = fakeStore(officer);
    const rung: string[][] = [];
    const watcher = watchAlarms(store, (list) => rung.push(list.map((a) => a.id)));
    publish('connecting', [alert({ id: 'traffic:restored', severity: 'Extreme' })], true);
    publish('syncing', [alert({ id: 'traffic:tail1', severity: 'Extreme' })]);
    // The batch that completes the catch-up flips to live and still carries history.
    publish('live', [alert({ id: 'traffic:tail2', severity: 'Extreme' })]);
    expect(rung).toEqual([]);

    const fresh = alert({ id: 'traffic:fresh', severity: 'Severe' });
    publish('live', [fresh, alert({ id: 'ecology:other', domain: 'ecology', severity: 'Extreme' })]);
    expect(rung).toEqual([['traffic:fresh']]);
    expect([...watcher.getAlarmed()]).toEqual(['traffic:fresh']);

    // An update to a known alert does not ring again; acknowledging clears the highlight.
    publish('live', [{ ...fresh, headline: '更新' }]);
    expect(rung).toHaveLength(1);
    publish('live', [{ ...fresh, status: 'acknowledged' }]);
    expect(watcher.getAlarmed().size).toBe(0);
    watcher.dispose();
  });
});
