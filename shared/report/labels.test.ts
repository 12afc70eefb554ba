import { describe, expect, it } from 'vitest';
import { beijingIso, beijingText, durationText } from './labels';

describe('report labels', () => {
  it('writes Beijing time with its offset, across the UTC date line', () => {
    expect(beijingIso(Date.parse('2026-11-26T17:30:05.900Z'))).toBe('2026-11-27T01:30:05+08:00');
    expect(beijingText(Date.parse('2026-11-26T06:03:12Z'))).toBe('2026-11-26 14:03:12');
  });

  it('writes durations people read at a glance', () => {
    expect(durationText(0)).toEqual({ zh: '0秒', en: '0 s' });
    expect(durationText(4 * 60_000 + 30_000)).toEqual({ zh: '4分30秒', en: '4 min 30 s' });
    expect(durationText(65 * 60_000 + 30_000)).toEqual({ zh: '1小时5分', en: '1 h 5 min' });
    expect(durationText(-(26 * 3_600_000))).toEqual({ zh: '-1天2小时', en: '-1 d 2 h' });
  });
});
