/**
 * The pulse of new, unacknowledged Severe/Extreme alerts (issue 5, "Map").
 *
 * Every pulse step is a whole repaint of the map, and on software GL a
 * full-HD repaint costs hundreds of ms of CPU in the GPU process: a rAF loop
 * would keep one core busy all day for a ring. So the pulse is a few
 * discrete steps driven by a timer, not by animation frames:
 *
 * - at most `FASTEST_STEP_MS` apart, and further apart when repaints are
 *   slow (a step's repaint may take at most 1/`BUDGET` of the time; down to
 *   one step every `SLOWEST_STEP_MS`, which makes the ring a slow blink);
 * - only while a pulsing alert is in view (checked again every
 *   `IDLE_CHECK_MS` otherwise);
 * - never while the page is hidden;
 * - never under `prefers-reduced-motion: reduce`: the ring stays still
 *   (it still marks the alert; it just does not move).
 */

export const PULSE_PERIOD_MS = 1800;
export const FASTEST_STEP_MS = 250;
export const SLOWEST_STEP_MS = 2000;
/** A step's repaint may take at most this fraction (1/BUDGET) of the time. */
export const BUDGET = 8;
/** How often to look again whether a pulsing alert has come into view. */
export const IDLE_CHECK_MS = 1000;
/** The ring as it stands under reduced motion. */
export const STILL_RING = { radius: 16, opacity: 0.9 } as const;

export interface PulseTarget {
  /** Whether any pulsing alert lies inside the current view. */
  anyInView(): boolean;
  /** Draws the ring at this radius (px) and stroke opacity (constant paint values: no relayout). */
  paint(radius: number, opacity: number): void;
  /** Calls back once the frame with the last paint has been drawn and the next one could start. */
  afterNextFrame(callback: () => void): void;
}

/** What the pulse needs from the page; `browserPulseEnvironment()` in the app, a fake in tests. */
export interface PulseEnvironment {
  now(): number;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
  reducedMotion(): boolean;
  hidden(): boolean;
  /** Subscribes to changes of reduced motion and page visibility; returns the unsubscribe. */
  onChange(callback: () => void): () => void;
}

export function browserPulseEnvironment(): PulseEnvironment {
  const motion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  return {
    now: () => performance.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as number,
    clearTimeout: (handle) => clearTimeout(handle),
    reducedMotion: () => motion?.matches ?? false,
    hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
    onChange(callback) {
      motion?.addEventListener('change', callback);
      if (typeof document !== 'undefined') document.addEventListener('visibilitychange', callback);
      return () => {
        motion?.removeEventListener('change', callback);
        if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', callback);
      };
    },
  };
}

/** Ring radius and opacity at a phase in [0, 1): grows fast, then slows, while it fades. */
export function ringAt(phase: number): { radius: number; opacity: number } {
  const eased = 1 - (1 - phase) ** 2;
  return { radius: 8 + eased * 26, opacity: 0.9 * (1 - phase) };
}

export class PulseAnimator {
  private active = false;
  private timer = 0;
  private step = 0;
  private interval = FASTEST_STEP_MS;
  private still = false;
  /** A step was painted and its frame is not drawn yet: the next step waits for it. */
  private waitingFrame = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly target: PulseTarget,
    private readonly env: PulseEnvironment = browserPulseEnvironment(),
  ) {
    this.unsubscribe = env.onChange(() => this.sync());
  }

  /** Whether anything drawn pulses; the animator starts or stops accordingly. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    this.sync();
  }

  /** Steps painted so far (tests, measurements). */
  get steps(): number {
    return this.step;
  }

  /** Current time between two steps, in ms. */
  get stepInterval(): number {
    return this.interval;
  }

  dispose(): void {
    this.active = false;
    this.stop();
    this.unsubscribe();
  }

  private sync(): void {
    const reduced = this.env.reducedMotion();
    if (this.active && reduced) {
      this.stop();
      if (!this.still) this.target.paint(STILL_RING.radius, STILL_RING.opacity);
      this.still = true;
      return;
    }
    this.still = false;
    if (!this.running()) this.stop();
    else if (!this.timer && !this.waitingFrame) this.timer = this.env.setTimeout(() => this.tick(), 0);
  }

  private running(): boolean {
    return this.active && !this.env.hidden() && !this.env.reducedMotion();
  }

  private stop(): void {
    if (this.timer) this.env.clearTimeout(this.timer);
    this.timer = 0;
  }

  private tick(): void {
    this.timer = 0;
    if (!this.running()) return;
    if (!this.target.anyInView()) {
      this.timer = this.env.setTimeout(() => this.tick(), IDLE_CHECK_MS);
      return;
    }
    // As many steps per period as the interval allows, at least two (small and bright, wide and faint).
    const perPeriod = Math.max(2, Math.round(PULSE_PERIOD_MS / this.interval));
    const { radius, opacity } = ringAt((this.step++ % perPeriod) / perPeriod);
    const paintedAt = this.env.now();
    this.target.paint(radius, opacity);
    this.waitingFrame = true;
    this.target.afterNextFrame(() => {
      this.waitingFrame = false;
      const repaintMs = this.env.now() - paintedAt;
      this.interval = Math.min(SLOWEST_STEP_MS, Math.max(FASTEST_STEP_MS, repaintMs * BUDGET));
      if (this.running() && !this.timer) this.timer = this.env.setTimeout(() => this.tick(), Math.max(0, this.interval - repaintMs));
    });
  }
}
