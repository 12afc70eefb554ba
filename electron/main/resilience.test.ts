import { describe, expect, it } from 'vitest';
import { CRASH_WINDOW_MS, onRendererGone, restartDelay } from './resilience';

const T = 1_800_000_000_000;

describe('onRendererGone', () => {
  it('reloads after a crash, backing off on repeats', () => {
    expect(onRendererGone({ reason: 'crashed', exitCode: 11 }, [], T)).toEqual({ kind: 'reload', afterMs: 500 });
    expect(onRendererGone({ reason: 'oom', exitCode: 0 }, [T - 1000], T)).toEqual({ kind: 'reload', afterMs: 1000 });
  });

  it('ignores a clean exit', () => {
    expect(onRendererGone({ reason: 'clean-exit', exitCode: 0 }, [], T).kind).toBe('ignore');
  });

  it('gives up on a crash loop, and forgets crashes older than the window', () => {
    const loop = onRendererGone({ reason: 'crashed', exitCode: 139 }, [T - 3000, T - 2000, T - 1000], T);
    expect(loop.kind).toBe('give-up');
    if (loop.kind === 'give-up') expect(loop.message).toContain('4 times');
    expect(onRendererGone({ reason: 'crashed', exitCode: 139 }, [T - CRASH_WINDOW_MS - 1, T - CRASH_WINDOW_MS - 2, T - 1000], T).kind).toBe('reload');
  });
});

describe('restartDelay (the embedded hub)', () => {
  it('doubles from 1 s and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
