import { describe, expect, it } from 'vitest';
import { benchCorrelation } from './bench';

describe('the hub path with one Folding per batch', () => {
  it('decides, seals and folds exactly as reduce per event does (same events, incidents, alerts, refusals)', () => {
    // A clock that moves 1 ms per reading: each mode runs exactly two batches of 5,000 messages.
    const ticking = () => {
      let t = 0;
      return () => t++;
    };
    const run = (fold: 'reduce' | 'batch') => {
      const { alertsPerSec: _a, eventsPerSec: _e, setupMs: _s, ...outcome } = benchCorrelation({ incidents: 200, alerts: 2_000, seconds: 0.002, seed: 7, clock: ticking(), fold });
      return outcome;
    };
    const batch = run('batch');
    expect(batch.processed).toBe(10_000);
    expect(batch.events).toBeGreaterThan(10_000);
    expect(batch.incidentsAfter).toBeGreaterThan(200);
    expect(batch.rejected).toBe(0);
    expect(batch).toEqual(run('reduce'));
  });
});
