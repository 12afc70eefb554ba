/**
 * Whether the workspace shows live or replay, shared by every feature: the
 * app provides the replay store through `LiveStoreContext` while replaying,
 * and features that want to grey out their controls ask `useReplayMode()`
 * (the replay store refuses every command anyway).
 */
import { useSyncExternalStore } from 'react';
import type { LiveSnapshot, LiveStore } from '../../live/types';
import { useLiveSelect } from '../../live/useLive';
import { useNow } from '../shell/useNow';
import { select } from '../workspace/selection';
import { smallStore } from '../workspace/smallStore';
import { pagedSnapshotsOf, replicaNameOf } from './pagedSnapshots';
import { createReplayStore, type ReplayOptions, type ReplaySnapshot, type ReplayStore } from './replayStore';

export interface ActiveReplay {
  /** The live store, still ingesting in the background. */
  live: LiveStore;
  store: ReplayStore;
}

export const replayModeStore = smallStore<ActiveReplay | null>(null);

/** Starts replaying (or replaces the replay running): the whole log, or one incident. */
export function enterReplay(live: LiveStore, options: ReplayOptions = {}): ReplayStore {
  exitReplay();
  const store = createReplayStore(live, { snapshots: pagedSnapshotsOf(live), replicaName: replicaNameOf(live), ...options });
  replayModeStore.set({ live, store });
  if (options.incidentId) select({ kind: 'incident', id: options.incidentId });
  return store;
}

/** Back to live. */
export function exitReplay(): void {
  const active = replayModeStore.get();
  if (!active) return;
  active.store.dispose();
  replayModeStore.set(null);
}

export function useActiveReplay(): ActiveReplay | null {
  return useSyncExternalStore(replayModeStore.subscribe, replayModeStore.get, replayModeStore.get);
}

/** The live store behind whatever store a component was given. */
export function liveStoreOf(store: LiveStore): LiveStore {
  const active = replayModeStore.get();
  return active && active.store === store ? active.live : store;
}

export function isReplaySnapshot(snapshot: LiveSnapshot): snapshot is ReplaySnapshot {
  return (snapshot as Partial<ReplaySnapshot>).mode === 'replay';
}

export interface ReplayMode {
  /** True while the workspace shows the past: every command is refused, controls should be disabled. */
  replaying: boolean;
  /** The moment shown (epoch ms), for clocks and SLA timers; undefined when live. */
  at: number | undefined;
  /** The incident replayed in focus, if any. */
  focusIncidentId: string | undefined;
}

/** The replayed moment of a snapshot, or undefined for a live one (a selector: one number, so only a change of it re-renders). */
const replayAtOf = (s: LiveSnapshot): number | undefined => (isReplaySnapshot(s) ? s.replayAt : undefined);

/**
 * For features under `LiveStoreContext`: is what they show the past, and
 * which moment? Subscribes to that moment only, not to the whole snapshot:
 * a component asking re-renders when the replayed moment moves, not with
 * every publish of the store (feed health, presence, a playback tick's
 * counters).
 */
export function useReplayMode(): ReplayMode {
  const at = useLiveSelect(replayAtOf);
  const active = useActiveReplay();
  if (at === undefined) return { replaying: false, at: undefined, focusIncidentId: undefined };
  return { replaying: true, at, focusIncidentId: active?.store.status.get().focus?.incidentId };
}

/** The time the workspace shows (epoch ms): the replayed moment while replaying, else the wall clock ticking each second. */
export function useClock(): number {
  const wall = useNow().getTime();
  const at = useLiveSelect(replayAtOf);
  return at ?? wall;
}
