import { describe, expect, it } from 'vitest';
import { BUDGET, FASTEST_STEP_MS, IDLE_CHECK_MS, PulseAnimator, SLOWEST_STEP_MS, STILL_RING, type PulseTarget } from './pulse';
import { manualPulseEnvironment } from './testing/fixtures';

function setup(options: { repaintMs?: number; inView?: boolean } = {}) {
  const page = manualPulseEnvironment();
  const paints: Array<[number, number]> = [];
  const state = { inView: options.inView ?? true, repaintMs: options.repaintMs ?? 10 };
  const target: PulseTarget = {
    anyInView: () => state.inView,
    paint: (radius, opacity) => void paints.push([radius, opacity]),
    // The frame is drawn `repaintMs` after the paint.
    afterNextFrame: (callback) => void page.env.setTimeout(callback, state.repaintMs),
  };
  const pulse = new PulseAnimator(target, page.env);
  return { page, paints, state, pulse };
}

describe('the pulse of new Severe/Extreme alerts', () => {
  it('steps on a timer at most four times a second while something pulses, and stops when nothing does', () => {
    const { page, paints, pulse } = setup();
    page.advance(5000);
    expect(paints).toHaveLength(0);
    pulse.setActive(true);
    page.advance(10_000);
    // One step every 250 ms (a 10 ms repaint is cheap): about 40 in 10 s, not one per animation frame.
    expect(paints.length).toBeGreaterThanOrEqual(38);
    expect(paints.length).toBeLessThanOrEqual(41);
    const radii = new Set(paints.map(([r]) => r.toFixed(1)));
    expect(radii.size).toBeGreaterThan(2);
    pulse.setActive(false);
    const n = paints.length;
    page.advance(10_000);
    expect(paints).toHaveLength(n);
    expect(page.pendingTimers).toBe(0);
  });

  it('slows down when repaints are slow: a step repaints at most 1/BUDGET of the time, down to a slow blink', () => {
    const { page, paints, pulse } = setup({ repaintMs: 100 });
    pulse.setActive(true);
    page.advance(20_000);
    expect(pulse.stepInterval).toBe(100 * BUDGET);
    expect(paints.length).toBeLessThanOrEqual(20_000 / (100 * BUDGET) + 2);

    const slow = setup({ repaintMs: 700 });
    slow.pulse.setActive(true);
    slow.page.advance(20_000);
    expect(slow.pulse.stepInterval).toBe(SLOWEST_STEP_MS);
    expect(slow.paints.length).toBeLessThanOrEqual(20_000 / SLOWEST_STEP_MS + 1);
    // Two alternating rings at that rate: it still visibly pulses.
    expect(new Set(slow.paints.slice(-4).map(([r]) => r)).size).toBe(2);
    expect(FASTEST_STEP_MS).toBeLessThan(SLOWEST_STEP_MS);
  });

  it('does not repaint while no pulsing alert is in view, and resumes when one comes into view', () => {
    const { page, paints, pulse, state } = setup({ inView: false });
    pulse.setActive(true);
    page.advance(10_000);
    expect(paints).toHaveLength(0);
    state.inView = true;
    page.advance(IDLE_CHECK_MS + 1);
    expect(paints.length).toBeGreaterThan(0);
  });

  it('stops while the page is hidden and starts again when it shows', () => {
    const { page, paints, pulse } = setup();
    pulse.setActive(true);
    page.advance(1000);
    page.set({ hidden: true });
    const n = paints.length;
    page.advance(60_000);
    expect(paints).toHaveLength(n);
    expect(page.pendingTimers).toBe(0);
    page.set({ hidden: false });
    page.advance(1000);
    expect(paints.length).toBeGreaterThan(n);
  });

  it('keeps a still ring under prefers-reduced-motion: one paint, no timer', () => {
    const { page, paints, pulse } = setup();
    page.set({ reducedMotion: true });
    pulse.setActive(true);
    page.advance(60_000);
    expect(paints).toEqual([[STILL_RING.radius, STILL_RING.opacity]]);
    expect(page.pendingTimers).toBe(0);
    // The setting can change while the app runs.
    page.set({ reducedMotion: false });
    page.advance(1000);
    expect(paints.length).toBeGreaterThan(2);
    pulse.dispose();
    page.advance(100);
    expect(page.listenerCount).toBe(0);
    expect(page.pendingTimers).toBe(0);
  });
});
