/**
 * One agency feed, seen from the hub (DESIGN §4): a socket.io client that
 * resumes after the last seq the hub persisted, hands each batch to the
 * engine, acknowledges once it is persisted, and keeps the feed's health
 * (connected / late / down, rate, lag) for the feed bar.
 *
 * Protection against a misbehaving feed: batches queue up to a bound (past
 * it the connection is dropped and resumed later; nothing is lost, since the
 * feed keeps what was not acknowledged), and a token bucket throttles a feed
 * beyond its configured rate by delaying its batches (and so its acks).
 */
import { io, type Socket } from 'socket.io-client';
import { ackSchema, feedBatchSchema, FEED_EVENTS, heartbeatSchema } from '@shared/protocol/feed';
import { PROTOCOL, WIRE_LIMITS } from '@shared/protocol/version';
import type { FeedHealth } from '@shared/protocol/workstation';
import type { FeedConfig } from '../config';
import type { HubEngine } from '../engine';
import type { Logger } from '../log';
import { backoffDelay, TokenBucket } from './backoff';

export type FeedStatus = 'connected' | 'late' | 'down';

const MAX_QUEUED_BATCHES = 16;
const LAG_WINDOW = 256;

export class FeedConnector {
  private socket: Socket | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private queue: unknown[][] = [];
  private draining = false;
  private readonly bucket: TokenBucket;
  private lastHeartbeat: number | undefined;
  private heartbeatInterval = 5;
  private status: FeedStatus = 'down';
  private readonly arrivals: number[] = [];
  private readonly lags: number[] = [];
  private quarantined = 0;
  /** Counters a test or an operator can read. */
  readonly counters = { batches: 0, accepted: 0, quarantined: 0, gaps: 0, regressions: 0, overflows: 0, throttledMs: 0, reconnects: 0 };

  constructor(
    readonly feed: FeedConfig,
    private readonly engine: HubEngine,
    private readonly log: Logger,
    private readonly onStatus: (feed: FeedConfig, status: FeedStatus, detail?: string) => void,
  ) {
    this.bucket = new TokenBucket(feed.maxRate, feed.maxRate * 2);
  }

  start(): void {
    this.stopped = false;
    this.connect();
    this.healthTimer = setInterval(() => this.checkHealth(), 1000);
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = io(this.feed.url, {
      auth: { protocol: PROTOCOL, token: this.feed.token, after: this.engine.cursor(this.feed.id) },
      transports: ['websocket'],
      reconnection: false,
      timeout: 10_000,
      forceNew: true,
      // The hub is the client here, so the server-side maxHttpBufferSize does not
      // protect it: `ws` drops a larger message and closes the connection instead.
      ...({ maxPayload: WIRE_LIMITS.maxMessageBytes } as object),
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.attempt = 0;
      this.lastHeartbeat = Date.now();
      this.log.info({ feed: this.feed.id, after: this.engine.cursor(this.feed.id) }, 'feed connected');
      this.setStatus('connected');
    });
    socket.on('connect_error', (err) => {
      this.log.warn({ feed: this.feed.id, reason: err.message }, 'feed connection refused or failed');
      this.setStatus('down', err.message);
      this.scheduleReconnect();
    });
    socket.on('disconnect', (reason) => {
      this.log.warn({ feed: this.feed.id, reason }, 'feed disconnected');
      this.setStatus('down', reason);
      this.queue = [];
      this.scheduleReconnect();
    });
    socket.on(FEED_EVENTS.heartbeat, (raw: unknown) => {
      const hb = heartbeatSchema.safeParse(raw);
      if (!hb.success) return;
      this.lastHeartbeat = Date.now();
      this.heartbeatInterval = hb.data.interval;
      if (this.status === 'late') this.setStatus('connected');
    });
    socket.on(FEED_EVENTS.alerts, (raw: unknown) => this.receive(socket, raw));
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    this.socket?.removeAllListeners();
    this.socket?.close();
    this.socket = null;
    const delay = backoffDelay(this.attempt++);
    this.counters.reconnects++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private receive(socket: Socket, raw: unknown): void {
    const batch = feedBatchSchema.safeParse(raw);
    if (!batch.success) {
      // Not even a batch: quarantine it whole so the integrator sees what came.
      const issue = batch.error.issues[0];
      const reason = `alerts: not a batch (${issue ? `${issue.path.join('.') || '(message)'}: ${issue.message}` : 'malformed'})`;
      this.quarantined++;
      this.counters.quarantined++;
      void this.engine.quarantineRaw(this.feed, reason, raw).catch((e: unknown) => this.log.error({ feed: this.feed.id, err: e }, 'could not quarantine'));
      return;
    }
    if (this.queue.length >= MAX_QUEUED_BATCHES) {
      // A flood: drop the connection rather than the memory; the feed resends after we resume.
      this.counters.overflows++;
      this.log.warn({ feed: this.feed.id, queued: this.queue.length }, 'feed is flooding; dropping the connection to resume later');
      socket.disconnect();
      return;
    }
    this.queue.push(batch.data.items);
    void this.drain(socket);
  }

  private async drain(socket: Socket): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && this.socket === socket && !this.stopped) {
        const items = this.queue.shift()!;
        const wait = this.bucket.take(items.length);
        if (wait > 0) {
          this.counters.throttledMs += wait;
          await new Promise((r) => setTimeout(r, wait));
          // The connection may have been dropped while we waited (a flood): that batch is
          // not ours to persist any more; the feed resends it after the resume.
          if (this.socket !== socket || this.stopped) break;
        }
        const result = await this.engine.ingestBatch(this.feed, items);
        this.counters.batches++;
        this.counters.accepted += result.accepted;
        this.counters.quarantined += result.quarantined;
        this.counters.regressions += result.regressions;
        this.quarantined += result.quarantined;
        if (result.gaps.length > 0) {
          this.counters.gaps += result.gaps.length;
          this.log.warn({ feed: this.feed.id, gaps: result.gaps.slice(0, 5) }, 'feed skipped sequence numbers');
        }
        if (result.regressions > 0) this.log.warn({ feed: this.feed.id, regressions: result.regressions }, 'feed sent sequence numbers it had already sent');
        const now = Date.now();
        for (let i = 0; i < result.accepted; i++) this.arrivals.push(now);
        for (const lag of result.lags) this.lags.push(lag);
        if (this.lags.length > LAG_WINDOW) this.lags.splice(0, this.lags.length - LAG_WINDOW);
        // Acknowledge what is persisted, also when a batch advanced nothing (only
        // regressions): the feed may then drop what it sent again.
        const upTo = result.upTo ?? this.engine.cursor(this.feed.id);
        if (socket.connected) socket.emit(FEED_EVENTS.ack, ackSchema.parse({ upTo }));
      }
    } catch (e) {
      // The write failed: nothing was acknowledged, so the feed will resend after a resume.
      this.log.error({ feed: this.feed.id, err: e }, 'could not persist a feed batch; resuming the feed');
      socket.disconnect();
    } finally {
      this.draining = false;
    }
  }

  private checkHealth(): void {
    const cutoff = Date.now() - 60_000;
    while (this.arrivals.length > 0 && this.arrivals[0]! < cutoff) this.arrivals.shift();
    if (this.status === 'connected' && this.lastHeartbeat !== undefined && Date.now() - this.lastHeartbeat > 2 * this.heartbeatInterval * 1000) {
      this.setStatus('late', `no heartbeat for ${Math.round((Date.now() - this.lastHeartbeat) / 1000)} s`);
    }
  }

  private setStatus(status: FeedStatus, detail?: string): void {
    if (status === this.status) return;
    this.status = status;
    this.onStatus(this.feed, status, detail);
  }

  health(): FeedHealth {
    const sorted = [...this.lags].sort((a, b) => a - b);
    return {
      feed: this.feed.id,
      name: this.feed.name,
      status: this.status,
      ...(this.lastHeartbeat !== undefined ? { lastHeartbeat: this.lastHeartbeat } : {}),
      perMinute: this.arrivals.length,
      ...(sorted.length > 0 ? { lagMs: Math.max(0, sorted[Math.floor(sorted.length / 2)]!) } : {}),
      lastSeq: this.engine.cursor(this.feed.id),
      quarantined: this.quarantined,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.retryTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.close();
    this.socket = null;
  }
}

