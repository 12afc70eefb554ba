/**
 * At most one event per interval, the rest dropped (not queued): a burst of
 * ten red alerts rings once, not ten times in a row.
 */
export interface RateLimiter {
  /** True (and the slot is taken) when `now` is at least `intervalMs` after the last accepted call. */
  tryAcquire(now: number): boolean;
}

export function createRateLimiter(intervalMs: number): RateLimiter {
  let last = -Infinity;
  return {
    tryAcquire(now) {
      if (now - last < intervalMs) return false;
      last = now;
      return true;
    },
  };
}
