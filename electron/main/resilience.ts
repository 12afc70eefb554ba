/**
 * What to do when a window's renderer dies or hangs. Pure, so the policy is
 * unit-tested without Electron. The replica lives in IndexedDB, so a reload
 * resumes where the window was; only a renderer that keeps dying is left
 * alone (a crash loop would take the machine with it) and the user is told.
 */
export interface GoneDetails {
  /** Electron's `render-process-gone` reason. */
  reason: string;
  exitCode: number;
}

/** Crashes within this window count towards a loop. */
export const CRASH_WINDOW_MS = 60_000;
/** More than this many crashes in the window: stop reloading. */
export const MAX_CRASHES = 3;
/** A renderer unresponsive this long is restarted. */
export const HANG_GRACE_MS = 15_000;

export type GoneAction = { kind: 'ignore' } | { kind: 'reload'; afterMs: number } | { kind: 'give-up'; message: string };

/**
 * @param recent times of earlier crashes of this window (epoch ms, any order)
 */
export function onRendererGone(details: GoneDetails, recent: readonly number[], now: number): GoneAction {
  // A clean exit is the window closing, not a failure.
  if (details.reason === 'clean-exit') return { kind: 'ignore' };
  const inWindow = recent.filter((t) => now - t < CRASH_WINDOW_MS).length + 1;
  if (inWindow > MAX_CRASHES) {
    return { kind: 'give-up', message: `the window's renderer stopped ${inWindow} times within a minute (last: ${details.reason}, exit code ${details.exitCode})` };
  }
  // Back off a little on repeated crashes: 0.5 s, 1 s, 2 s.
  return { kind: 'reload', afterMs: 500 * 2 ** (inWindow - 1) };
}

const MAX_HUB_DELAY_MS = 30_000;

/** Wait before restarting the embedded hub after its n-th exit in a row (n ≥ 1): 1 s, 2 s, 4 s … capped at 30 s. */
export function restartDelay(failures: number): number {
  return Math.min(MAX_HUB_DELAY_MS, 500 * 2 ** Math.min(Math.max(1, failures), 6));
}
