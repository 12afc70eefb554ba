import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rateLimit';

describe('alarm rate limit', () => {
  it('lets at most one ring through per second and drops the rest', () => {
    const limiter = createRateLimiter(1000);
    const rang = [0, 100, 999, 1000, 1500, 2100, 2200].filter((t) => limiter.tryAcquire(t));
    expect(rang).toEqual([0, 1000, 2100]);
  });
});
