import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveSnapshot, LiveStore } from './types';

export const LiveStoreContext = createContext<LiveStore | null>(null);

export function useLiveStore(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('useLiveStore outside <LiveStoreContext.Provider>');
  return store;
}

/** The current snapshot; re-renders at most as often as the store publishes (~10/s). */
export function useLive(): LiveSnapshot {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
