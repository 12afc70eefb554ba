/**
 * Runs the SLA schedule (`shared/domain/slaSchedule.ts`) on a timer through
 * the engine's single writer: what is due is computed inside the queue from
 * the state of that moment and appended like every other system event, so
 * workstations receive the reminders and escalations live and replay shows
 * them.
 *
 * A scan reads every unresolved incident. It is skipped while the log has
 * not moved and the earliest pending deadline (`nextAt`) is still ahead, so
 * a quiet hub does no work between deadlines.
 */
import type { DomainEvent } from '@shared/domain/events';
import type { SlaConfig } from '@shared/domain/sla';
import { dueSlaEvents, type SlaMemo } from '@shared/domain/slaSchedule';
import type { HubEngine } from '../engine';
import type { Logger } from '../log';

export interface SlaSchedulerOptions {
  /** How often to look, ms (the hub config's `slaCheckSeconds`). */
  intervalMs: number;
  log: Logger;
  /** Clock for the skip check; the engine stamps events with its own. */
  now?: () => number;
}

export interface SlaSchedulerStats {
  /** Scans run (skipped ticks not counted). */
  scans: number;
  /** Reminders and escalations appended. */
  appended: number;
  /** Duration of the latest scan inside the writer's queue, ms. */
  lastScanMs: number;
  /** Time all scans held the writer's queue, ms. */
  totalScanMs: number;
}

export class SlaScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DomainEvent[]> | undefined;
  private scannedSeq = -1;
  private nextAt: number | undefined;
  private readonly now: () => number;
  /** Per incident object, when it next has something due: untouched incidents are not read again. */
  private readonly memo: SlaMemo = new WeakMap();
  readonly stats: SlaSchedulerStats = { scans: 0, appended: 0, lastScanMs: 0, totalScanMs: 0 };

  constructor(
    private readonly engine: HubEngine,
    private readonly sla: SlaConfig,
    private readonly options: SlaSchedulerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Appends what is due now; resolves with the sealed events (none if nothing was due or it was skipped). */
  tick(): Promise<DomainEvent[]> {
    if (this.running) return this.running;
    const seq = this.engine.state.seq;
    if (seq === this.scannedSeq && (this.nextAt === undefined || this.now() < this.nextAt)) return Promise.resolve([]);
    const run = this.engine
      .appendSystemFrom((state, now) => {
        const started = performance.now();
        const due = dueSlaEvents(state, this.sla, now, this.memo);
        this.stats.lastScanMs = performance.now() - started;
        this.stats.totalScanMs += this.stats.lastScanMs;
        this.stats.scans++;
        this.scannedSeq = state.seq;
        this.nextAt = due.nextAt;
        return due.drafts;
      })
      .then(
        (sealed) => {
          this.stats.appended += sealed.length;
          if (sealed.length > 0) this.options.log.info({ events: sealed.length, seq: sealed[sealed.length - 1]!.seq }, 'SLA reminders and escalations appended');
          return sealed;
        },
        (e: unknown) => {
          this.options.log.error({ err: e }, 'could not append SLA reminders; retrying on the next tick');
          this.scannedSeq = -1;
          return [];
        },
      )
      .finally(() => (this.running = undefined));
    this.running = run;
    return run;
  }

  /** Stops the timer and waits for a scan in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
