/**
 * Connects the alarm watcher (features/notify) to the board: one watcher per
 * live store, ringing unless the board's speaker toggle is off. Rows read
 * the alarmed set to keep new 红/橙 alerts pulsing until acknowledged.
 */
import { useSyncExternalStore } from 'react';
import type { LiveStore } from '../../live/types';
import { watchAlarms, type AlarmWatcher } from '../notify/alarms';
import { ringAlarm } from '../notify/sound';
import { soundMutedStore } from './boardPrefs';

type Source = Pick<LiveStore, 'onDidApplyDelta' | 'subscribe' | 'getSnapshot'>;
const watchers = new WeakMap<Source, AlarmWatcher>();

export function alarmWatcherFor(store: Source): AlarmWatcher {
  let watcher = watchers.get(store);
  if (!watcher) {
    watcher = watchAlarms(store, () => {
      if (!soundMutedStore.get()) ringAlarm();
    });
    watchers.set(store, watcher);
  }
  return watcher;
}

export function useAlarmed(store: Source): ReadonlySet<string> {
  const watcher = alarmWatcherFor(store);
  return useSyncExternalStore(watcher.subscribe, watcher.getAlarmed, watcher.getAlarmed);
}
