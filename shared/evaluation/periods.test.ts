import { describe, expect, it } from 'vitest';
import { beijingDate, beijingDayStart, bucketFor, customRange, DAY_MS, presetRange, previousPeriod } from './periods';

// 2026-11-26 22:40 Beijing = 14:40 UTC.
const NOW = Date.parse('2026-11-26T14:40:00Z');
const MIDNIGHT = Date.parse('2026-11-26T00:00:00+08:00');

describe('evaluation periods (Beijing days)', () => {
  it('starts today at 00:00 Beijing time, also just after midnight', () => {
    expect(beijingDayStart(NOW)).toBe(MIDNIGHT);
    expect(beijingDayStart(Date.parse('2026-11-26T16:05:00Z'))).toBe(MIDNIGHT + DAY_MS); // 00:05 on the 27th
    expect(beijingDate(NOW)).toBe('2026-11-26');
  });

  it('presets end just after now and cover whole days before', () => {
    expect(presetRange('today', NOW)).toEqual({ from: MIDNIGHT, to: NOW + 1 });
    expect(presetRange('7d', NOW)).toEqual({ from: MIDNIGHT - 6 * DAY_MS, to: NOW + 1 });
    expect(presetRange('30d', NOW).from).toBe(Date.parse('2026-10-28T00:00:00+08:00'));
  });

  it('reads a custom range of whole days, and refuses nonsense', () => {
    expect(customRange('2026-11-20', '2026-11-26')).toEqual({ from: Date.parse('2026-11-20T00:00:00+08:00'), to: MIDNIGHT + DAY_MS });
    expect(customRange('2026-11-26', '2026-11-20')).toBeNull();
    expect(customRange('2026-02-30', '2026-03-01')).toBeNull();
    expect(customRange('yesterday', '2026-03-01')).toBeNull();
  });

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod({ from: 100, to: 250 })).toEqual({ from: -50, to: 100 });
  });

  it('charts hours up to a week, days beyond', () => {
    expect(bucketFor(presetRange('7d', NOW))).toBe(3_600_000);
    expect(bucketFor(presetRange('30d', NOW))).toBe(DAY_MS);
  });
});
