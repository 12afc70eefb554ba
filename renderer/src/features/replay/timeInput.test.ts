import { describe, expect, it } from 'vitest';
import { parseBeijingTime } from './timeInput';

const ref = Date.parse('2026-11-26T14:00:00+08:00');

describe('parseBeijingTime', () => {
  it('reads a full Beijing date and time, with or without milliseconds', () => {
    expect(parseBeijingTime('2026-11-26 14:03:12', ref)).toEqual({ ok: true, time: Date.parse('2026-11-26T14:03:12+08:00') });
    expect(parseBeijingTime('2026-11-26 14:03:12.455', ref)).toEqual({ ok: true, time: Date.parse('2026-11-26T14:03:12.455+08:00') });
    expect(parseBeijingTime('2026/11/25T23:59', ref)).toEqual({ ok: true, time: Date.parse('2026-11-25T23:59:00+08:00') });
  });

  it('puts a time alone on the Beijing day of the reference', () => {
    // 01:00 Beijing is still the previous day in UTC.
    const late = Date.parse('2026-11-27T01:00:00+08:00');
    expect(parseBeijingTime('00:30:05', late)).toEqual({ ok: true, time: Date.parse('2026-11-27T00:30:05+08:00') });
  });

  it('refuses what is not a time', () => {
    expect(parseBeijingTime('yesterday', ref)).toEqual({ ok: false, reason: 'format' });
    expect(parseBeijingTime('25:00', ref)).toEqual({ ok: false, reason: 'range' });
    expect(parseBeijingTime('2026-02-31 10:00', ref)).toEqual({ ok: false, reason: 'range' });
  });
});
