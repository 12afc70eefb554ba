import { describe, expect, it } from 'vitest';
import { axisLabels } from './Timeline';

describe('the replay timeline axis', () => {
  // 2026-11-27 13:42:30 UTC is 21:42:30 in Beijing, whatever the zone the tests run in.
  const t = Date.UTC(2026, 10, 27, 13, 42, 30) / 1000;

  it('labels ticks seconds apart with hour, minute and second, in Beijing time, 24-hour', () => {
    expect(axisLabels([t, t + 30], 30)).toEqual(['21:42:30', '21:43:00']);
  });

  it('labels ticks minutes or hours apart with hour and minute', () => {
    expect(axisLabels([t - 30, t + 270], 300)).toEqual(['21:42', '21:47']);
    expect(axisLabels([t + 3 * 3600 - 30], 3600)).toEqual(['00:42']);
  });

  it('labels ticks days apart with the Beijing day', () => {
    expect(axisLabels([t + 3 * 3600], 86_400)).toEqual(['11-28']);
  });
});
