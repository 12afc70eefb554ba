/**
 * The alarm tone for new 红/橙 alerts, synthesised with WebAudio: no sound
 * file to ship, nothing to fetch, nothing for the CSP to allow. Two short
 * descending tones (a calm "ding-dong", not a siren: it sounds many times a
 * shift), at most once a second.
 */
import { createRateLimiter } from './rateLimit';

let context: AudioContext | null = null;
const limiter = createRateLimiter(1000);
/** One `resume()` at a time, and after one that left the context suspended (no audio device, say) not again for 30 s. */
let resuming = false;
let nextResumeAt = 0;
const RESUME_RETRY_MS = 30_000;
/**
 * A running context renders silence on the browser's audio thread all the
 * time: 11–17 µs of CPU per event of a sync in the client bench's
 * per-thread counts (`--only sync`), on a machine with 2 cores. It is
 * suspended once no tone rang for this long, and the next ring resumes it.
 */
const IDLE_SUSPEND_MS = 10_000;
let idleTimer: ReturnType<typeof setTimeout> | null = null;

function suspendWhenIdle(ctx: AudioContext): void {
  if (idleTimer !== null) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (ctx.state === 'running') void ctx.suspend().catch(() => undefined);
  }, IDLE_SUSPEND_MS);
}

function audio(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  // Before any click or key on this page the browser would keep the context
  // suspended (autoplay policy) and warn; the first interaction unlocks it.
  if (typeof navigator !== 'undefined' && navigator.userActivation && !navigator.userActivation.hasBeenActive) return null;
  context ??= new AudioContext();
  // Browsers start a context suspended until the page had a user gesture. Resuming asks the
  // audio service for a device on the page's main thread: under a flood of 红/橙 alerts (one ring
  // a second) it showed in the client bench's profiles, so it is not asked again while one is
  // pending, nor soon after one that did not take.
  if (context.state === 'suspended' && !resuming && Date.now() >= nextResumeAt) {
    resuming = true;
    const ctx = context;
    void ctx
      .resume()
      .catch(() => undefined)
      .finally(() => {
        resuming = false;
        if (ctx.state === 'suspended') nextResumeAt = Date.now() + RESUME_RETRY_MS;
      });
  }
  return context;
}

/**
 * Makes the audio context ahead of the first alarm, once the page is idle
 * (within 3 s at most). Making one asks the browser's audio service for a
 * device: a single task of 0.37–0.44 s on the UI thread in the client
 * bench's profiles (headless Chromium), which otherwise fell on the first
 * 红/橙 alert of a flood. Nothing happens before the page had a click or a
 * key (the autoplay policy; `audio`). Like after a ring, the context is
 * suspended again when no tone comes within `IDLE_SUSPEND_MS`.
 */
export function prepareAlarmSound(): void {
  const warm = (): void => {
    const ctx = audio();
    if (ctx) suspendWhenIdle(ctx);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 3000 });
  else setTimeout(warm, 0);
}

function tone(ctx: AudioContext, frequency: number, start: number, duration: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.setValueAtTime(frequency, start);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + duration + 0.02);
}

/** Rings unless it rang less than a second ago. Returns whether it rang. */
export function ringAlarm(now = Date.now()): boolean {
  if (!limiter.tryAcquire(now)) return false;
  const ctx = audio();
  if (!ctx) return false;
  const t = ctx.currentTime + 0.01;
  tone(ctx, 880, t, 0.22);
  tone(ctx, 660, t + 0.24, 0.32);
  suspendWhenIdle(ctx);
  return true;
}
