import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * A stand-in for the browser's AudioContext (a boundary we do not own): counts
 * `resume()` calls and stays suspended, as on a machine with no audio device.
 */
class SuspendedAudioContext {
  static resumes = 0;
  state: AudioContextState = 'suspended';
  currentTime = 0;
  destination = {};
  resume(): Promise<void> {
    SuspendedAudioContext.resumes++;
    return Promise.resolve();
  }
  createOscillator() {
    return { type: 'sine', frequency: { setValueAtTime: () => undefined }, connect: (n: unknown) => n, start: () => undefined, stop: () => undefined };
  }
  createGain() {
    const node = { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: (n: unknown) => n };
    return node;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.resetModules();
});

describe('the alarm tone', () => {
  it('asks a suspended context to resume once, not on every ring, and retries after 30 s', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    vi.stubGlobal('AudioContext', SuspendedAudioContext);
    SuspendedAudioContext.resumes = 0;
    const { ringAlarm } = await import('./sound');
    expect(ringAlarm(Date.now())).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 1; i <= 10; i++) {
      vi.setSystemTime(1_000_000 + i * 1_100);
      expect(ringAlarm(Date.now())).toBe(true);
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(SuspendedAudioContext.resumes).toBe(1);
    vi.setSystemTime(1_000_000 + 31_000);
    ringAlarm(Date.now());
    expect(SuspendedAudioContext.resumes).toBe(2);
  });
});
