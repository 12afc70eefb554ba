import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import type { LiveSnapshot, LiveStore } from './types';

export const LiveStoreContext = createContext<LiveStore | null>(null);

export function useLiveStore(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('useLiveStore outside <LiveStoreContext.Provider>');
  return store;
}

/**
 * The current snapshot; re-renders whenever the store publishes (up to once
 * a frame under load). Most components want `useLiveSelect` instead.
 */
export function useLive(): LiveSnapshot {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * A part of the snapshot: re-renders only when `select` gives another value
 * (`isEqual`, default `Object.is`). Every publish re-rendered every `useLive`
 * component — the whole workspace several times a second under live load.
 *
 * `alerts` and `incidents` are maps the store mutates in place (the same
 * object in every snapshot): select what is in them (`s.alerts.get(id)`,
 * a list compared with `sameItems`), not the map, to hear of changes.
 */
export function useLiveSelect<T>(select: (s: LiveSnapshot) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const store = useLiveStore();
  const last = useRef<{ value: T } | null>(null);
  const get = (): T => {
    const next = select(store.getSnapshot());
    const prev = last.current;
    if (prev && isEqual(prev.value, next)) return prev.value;
    last.current = { value: next };
    return next;
  };
  return useSyncExternalStore(store.subscribe, get, get);
}

/** Equality of two lists item by item (`Object.is`), for `useLiveSelect`. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
