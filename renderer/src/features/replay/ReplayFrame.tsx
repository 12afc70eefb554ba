/**
 * Where replay meets the app shell. `App` asks `useWorkspaceStore(live)`
 * which store to provide (the replay store while replaying) and wraps the
 * main area in `ReplayFrame`, which shows the replay bar above it and
 * answers the replay keys. The buttons (`ReplayButtons.tsx`) are mounted by
 * the top bar and the incident view.
 */
import { useEffect, useEffectEvent } from 'react';
import type { LiveStore } from '../../live/types';
import { isTypingTarget } from '../board/boardKeys';
import { helpOpenStore } from '../shortcuts/helpStore';
import { ReplayBar } from './ReplayBar';
import { replayActionForKey } from './replayKeys';
import { enterReplay, exitReplay, replayModeStore, useActiveReplay } from './replayMode';
import './replay.css';

/** The store the workspace reads: the replay store while replaying over `live`, else `live`. */
export function useWorkspaceStore(live: LiveStore | null): LiveStore | null {
  const active = useActiveReplay();
  return active && live && active.live === live ? active.store : live;
}

export function ReplayFrame({ live, children }: { live: LiveStore; children: React.ReactNode }): React.JSX.Element {
  const active = useActiveReplay();
  const replaying = !!active && active.live === live;

  // Another user (or nobody) signed in: their replica is not this replay's.
  useEffect(() => {
    let user = live.getSnapshot().user?.name;
    return live.subscribe(() => {
      const next = live.getSnapshot().user?.name;
      if (next !== user) exitReplay();
      user = next;
    });
  }, [live]);

  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || isTypingTarget(e.target) || helpOpenStore.get()) return;
    const current = replayModeStore.get();
    const action = replayActionForKey(e, !!current);
    if (!action) return;
    // Space on a focused button presses that button.
    if (action.type === 'togglePlay' && e.target instanceof HTMLButtonElement) return;
    switch (action.type) {
      case 'enter':
        if (!live.getSnapshot().user) return;
        enterReplay(live);
        break;
      case 'exit':
        exitReplay();
        break;
      case 'togglePlay':
        if (current?.store.status.get().playing) current.store.pause();
        else current?.store.play();
        break;
      case 'step':
        void current?.store.step(action.direction);
        break;
    }
    e.preventDefault();
  });
  useEffect(() => {
    // On window, so the board (on document) sees Esc first and keeps it when it closes something.
    const listener = (e: KeyboardEvent): void => onKeyDown(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className={`replay-frame${replaying ? ' is-replay' : ''}`} data-mode={replaying ? 'replay' : 'live'}>
      {replaying && <ReplayBar store={active.store} />}
      {children}
    </div>
  );
}
