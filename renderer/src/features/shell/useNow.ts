import { useSyncExternalStore } from 'react';

/**
 * One clock for the whole page: a single timer on the second boundary tells
 * every subscriber in the same task, so the top bar's clock, the board's
 * ages and countdowns, the incident timers and the feed bar's heartbeats
 * re-render in one React pass and reach the screen in one frame. (A timer
 * per component fired in separate tasks on a busy main thread, and each
 * could cost its own whole-window repaint under software rendering.)
 */
const listeners = new Set<() => void>();
let current = new Date();
let timer: ReturnType<typeof setTimeout> | undefined;

function tick(): void {
  current = new Date();
  timer = setTimeout(tick, 1000 - current.getMilliseconds());
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    current = new Date();
    timer = setTimeout(tick, 1000 - current.getMilliseconds());
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

function getNow(): Date {
  // With no subscriber the timer is stopped: a first render gets the time of this second, not of the last tick.
  if (timer === undefined && Date.now() - current.getTime() >= 1000) current = new Date();
  return current;
}

/** The current time, re-rendering once a second on the second boundary (every user in the same pass). */
export function useNow(): Date {
  return useSyncExternalStore(subscribe, getNow, getNow);
}
