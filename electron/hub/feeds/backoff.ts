/**
 * Reconnect delays: capped exponential backoff with full jitter, so a room
 * of hubs (or one hub with many feeds) does not hammer an agency that just
 * came back in lockstep.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/** Delay before attempt `attempt` (0-based), in ms, using `random` in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * A token bucket: `rate` tokens a second, up to `burst` saved. `take(n)`
 * says how long to wait before n tokens are there (0 = now).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(n: number): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1000);
  }

  /** Gives back `n` tokens taken for work that was then dropped (up to `burst`). */
  refund(n: number): void {
    this.tokens = Math.min(this.burst, this.tokens + n);
  }
}
