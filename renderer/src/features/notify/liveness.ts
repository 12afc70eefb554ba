/**
 * Whether what a delta brings is news, for every watcher that alarms,
 * toasts or notifies (features/notify, features/notifications): only while
 * the store was live before and after the delta (not the catch-up of a sync
 * or a reconnect), and never for a replay, which plays the past.
 */
import type { ConnectionStatus, LiveSnapshot, LiveStore } from '../../live/types';
import { isReplaySnapshot } from '../replay/replayMode';

export interface NewsGate {
  /** True when the delta just applied (whose snapshot this is) is news. */
  isNews(snapshot: LiveSnapshot): boolean;
  stop(): void;
}

export function newsGate(store: Pick<LiveStore, 'subscribe' | 'getSnapshot'>): NewsGate {
  let previous: ConnectionStatus = store.getSnapshot().connection.status;
  let current: ConnectionStatus = previous;
  const stop = store.subscribe(() => {
    previous = current;
    current = store.getSnapshot().connection.status;
  });
  return {
    isNews: (snapshot) => previous === 'live' && current === 'live' && !isReplaySnapshot(snapshot),
    stop,
  };
}
