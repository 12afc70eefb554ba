/**
 * What every `LiveStore` keeps the same way — the live store, the replay
 * store and the map preview's synthetic one: the shown alerts and incidents
 * as mutable maps that deltas are applied to, and the two kinds of listener
 * (snapshot subscribers for React, delta listeners for the map).
 */
import type { Alert, Incident } from '@shared/domain/model';
import { replaceAll } from './delta';
import type { LiveDelta, LiveSnapshot, LiveStore } from './types';

type DeltaListener = (delta: LiveDelta, snapshot: LiveSnapshot) => void;

export interface StoreCore extends StoreListeners {
  readonly alerts: Map<string, Alert>;
  readonly incidents: Map<string, Incident>;
  /** Applies a delta to the maps (a reset empties them first). Listeners are not told. */
  apply(delta: LiveDelta): void;
}

/** The two kinds of listener of a store (see `StoreCore`), over whatever holds its shown alerts and incidents. */
export interface StoreListeners {
  /** Tells the snapshot subscribers. */
  notify(): void;
  /** Tells the delta listeners. */
  emitDelta(delta: LiveDelta, snapshot: LiveSnapshot): void;
  /** `subscribe` and `onDidApplyDelta` of a store whose snapshot `getSnapshot` returns. */
  listenerMethods(getSnapshot: () => LiveSnapshot): Pick<LiveStore, 'subscribe' | 'onDidApplyDelta'>;
  /** Drops every listener (a disposed store). */
  clearListeners(): void;
}

/**
 * Snapshot subscribers for React and delta listeners for the board and the
 * map; a new delta listener first gets everything shown as a reset. Shared
 * by the stores that keep their own `Map`s (`createStoreCore`) and the
 * replay store, whose maps are views of the shown state (`replay/shownMaps.ts`).
 */
export function createStoreListeners(alerts: { values(): Iterable<Alert> }, incidents: { values(): Iterable<Incident> }): StoreListeners {
  const listeners = new Set<() => void>();
  const deltaListeners = new Set<DeltaListener>();
  return {
    notify() {
      for (const l of listeners) l();
    },
    emitDelta(delta, snapshot) {
      for (const l of deltaListeners) l(delta, snapshot);
    },
    listenerMethods: (getSnapshot) => ({
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onDidApplyDelta(listener) {
        deltaListeners.add(listener);
        listener(replaceAll(alerts.values(), incidents.values()), getSnapshot());
        return () => deltaListeners.delete(listener);
      },
    }),
    clearListeners() {
      listeners.clear();
      deltaListeners.clear();
    },
  };
}

export function createStoreCore(): StoreCore {
  const alerts = new Map<string, Alert>();
  const incidents = new Map<string, Incident>();
  return {
    alerts,
    incidents,
    apply(delta) {
      if (delta.reset) {
        alerts.clear();
        incidents.clear();
      }
      for (const id of delta.alerts.remove) alerts.delete(id);
      for (const a of delta.alerts.upsert) alerts.set(a.id, a);
      for (const id of delta.incidents.remove) incidents.delete(id);
      for (const i of delta.incidents.upsert) incidents.set(i.id, i);
    },
    ...createStoreListeners(alerts, incidents),
  };
}
