/**
 * How many notifications reach the desktop. At most PER_WINDOW go out one by
 * one in any WINDOW_MS, the most pressing first (compose.ts ranks them);
 * the rest of a burst are counted into one summary notification ("另有 N
 * 条新的预警或事件"), which is replaced, never repeated, at most once per
 * SUMMARY_EVERY_MS and always carries the whole burst's count.
 *
 * Without it a flood of red alerts (the live load's 2,000 alerts/s) put
 * three notifications and a summary on the desktop with every store delta,
 * up to ten times a second: nobody can read that, the OS queues it for
 * minutes, and validating and showing them took ~0.35 s of the UI thread
 * per 45 s of load. The board highlights every red alert anyway.
 */
import type { NotificationTarget, NotifyRequest } from '@shared/ipc';
import { composeOne, composeSummary, rankCandidates, type Translate } from './compose';
import type { Candidate } from './policy';

export const PER_WINDOW = 3;
export const WINDOW_MS = 10_000;
export const SUMMARY_EVERY_MS = 5_000;

export interface Words {
  t: Translate;
  lang: 'zh' | 'en';
}

/** The pacer's clock: tests pass their own. */
export interface PacerClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a cancel. */
  later(fn: () => void, ms: number): () => void;
}

const REAL_CLOCK: PacerClock = {
  now: () => Date.now(),
  later: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

export class NotificationPacer {
  /** When each single notification of the last WINDOW_MS went out, oldest first. */
  private readonly shownAt: number[] = [];
  /** The burst held back: counted until WINDOW_MS pass without holding anything. */
  private held = 0;
  private heldCritical = false;
  private heldTarget: NotificationTarget | null = null;
  private lastHeldAt = -Infinity;
  private summaryAt = -Infinity;
  private cancelSummary: (() => void) | null = null;
  private words: Words | null = null;

  constructor(
    private readonly show: (request: NotifyRequest) => void,
    private readonly clock: PacerClock = REAL_CLOCK,
  ) {}

  offer(candidates: readonly Candidate[], words: Words): void {
    this.words = words;
    const at = this.clock.now();
    while (this.shownAt.length > 0 && this.shownAt[0]! <= at - WINDOW_MS) this.shownAt.shift();
    const ranked = rankCandidates(candidates);
    const room = Math.max(0, PER_WINDOW - this.shownAt.length);
    for (const c of ranked.slice(0, room)) {
      this.shownAt.push(at);
      this.show(composeOne(c, words.t, words.lang));
    }
    const rest = ranked.slice(room);
    if (rest.length === 0) return;
    if (at - this.lastHeldAt > WINDOW_MS) {
      this.held = 0;
      this.heldCritical = false;
      this.heldTarget = null;
    }
    this.lastHeldAt = at;
    this.held += rest.length;
    this.heldCritical ||= rest.some((c) => c.critical);
    this.heldTarget ??= rest[0]!.target;
    if (this.cancelSummary) return; // the due summary will carry these too
    const wait = this.summaryAt + SUMMARY_EVERY_MS - at;
    if (wait <= 0) this.showSummary();
    else this.cancelSummary = this.clock.later(() => this.showSummary(), wait);
  }

  /** Drops a summary not yet shown. */
  stop(): void {
    this.cancelSummary?.();
    this.cancelSummary = null;
  }

  private showSummary(): void {
    this.cancelSummary = null;
    if (!this.words || !this.heldTarget) return;
    this.summaryAt = this.clock.now();
    this.show(composeSummary(this.held, this.heldCritical, this.heldTarget, this.words.t));
  }
}
