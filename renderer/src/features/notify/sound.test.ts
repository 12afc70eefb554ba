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

/** The same stand-in with an audio device: resumes, and counts suspensions. */
class DeviceAudioContext extends SuspendedAudioContext {
  static suspends = 0;
  override resume(): Promise<void> {
    SuspendedAudioContext.resumes++;
    this.state = 'running';
    return Promise.resolve();
  }
  suspend(): Promise<void> {
    DeviceAudioContext.suspends++;
    this.state = 'suspended';
    return Promise.resolve();
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

  it('lets the audio thread rest: suspends the context 10 s after the last tone, and the next ring resumes it', async () => {
    vi.useFakeTimers({ now: 2_000_000 });
    vi.stubGlobal('AudioContext', DeviceAudioContext);
    SuspendedAudioContext.resumes = 0;
    DeviceAudioContext.suspends = 0;
    const { ringAlarm } = await import('./sound');
    expect(ringAlarm(Date.now())).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(SuspendedAudioContext.resumes).toBe(1);
    // A tone every 5 s keeps it running.
    for (let i = 1; i <= 4; i++) {
      await vi.advanceTimersByTimeAsync(5_000);
      expect(ringAlarm(Date.now())).toBe(true);
    }
    expect(DeviceAudioContext.suspends).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(DeviceAudioContext.suspends).toBe(1);
    expect(ringAlarm(Date.now())).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(SuspendedAudioContext.resumes).toBe(2);
  });
});
