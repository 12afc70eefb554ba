import { describe, expect, it } from 'vitest';
import { boardTime, clockDuration, compactDuration, type DurationText } from './format';
import { zhT } from './testing';

const text: DurationText = (key, values) => zhT(`board.duration.${key}`, values);

describe('board times', () => {
  it('shows HH:mm:ss in Beijing time, and the date only when it is not today there', () => {
    const now = Date.parse('2026-11-26T10:00:00+08:00');
    expect(boardTime(Date.parse('2026-11-26T09:03:07+08:00'), now)).toEqual({ time: '09:03:07' });
    expect(boardTime(Date.parse('2026-11-25T23:59:59+08:00'), now)).toEqual({ time: '23:59:59', date: '11-25' });
    // 16:30 UTC on the 25th is already the 26th in Beijing.
    expect(boardTime(Date.parse('2026-11-25T16:30:00Z'), now)).toEqual({ time: '00:30:00' });
  });

  it('writes ages compactly, precise when fresh', () => {
    expect(compactDuration(-500, text)).toBe('0秒');
    expect(compactDuration(45_000, text)).toBe('45秒');
    expect(compactDuration(12 * 60_000 + 5_000, text)).toBe('12分');
    expect(compactDuration(3 * 3600_000 + 5 * 60_000, text)).toBe('3时5分');
    expect(compactDuration(50 * 3600_000, text)).toBe('2天2时');
  });

  it('writes countdowns as h:mm:ss', () => {
    expect(clockDuration(9 * 60_000 + 5_000)).toBe('9:05');
    expect(clockDuration(-(3 * 3600_000 + 65_000))).toBe('3:01:05');
  });
});
