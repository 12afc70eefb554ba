import { describe, expect, it } from 'vitest';
import { clockParts } from './clockFormat';

describe('clockParts', () => {
  it('shows Beijing time whatever the machine zone is', () => {
    // 2026-11-26T23:30:05Z is already the 27th in Harbin.
    const parts = clockParts(new Date('2026-11-26T23:30:05Z'), 'zh-CN');
    expect(parts).toEqual({ date: '2026-11-27', weekday: '周五', time: '07:30:05' });
  });
  it('names the weekday in the UI language', () => {
    expect(clockParts(new Date('2026-11-26T04:00:00Z'), 'en').weekday).toBe('Thu');
  });
});
