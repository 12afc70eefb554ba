/**
 * One agency feed, seen from the hub (DESIGN §4): a socket.io client that
 * resumes after the last seq the hub persisted, hands each batch to the
 * engine, acknowledges once it is persisted, and keeps the feed's health
 * (connected / late / down, rate, lag) for the feed bar.
 *
 * Batches go to the engine as they arrive (after the throttle), without
 * waiting for the one before to be persisted: the engine keeps them in order
 * and commits those that wait together (group commit), and each is
 * acknowledged once its transaction committed.
 *
 * Protection against a misbehaving feed: items received and not yet
 * persisted are bounded (past the bound the connection is dropped and
 * resumed later; nothing is lost, since the feed keeps what was not
 * acknowledged), and a token bucket throttles a feed beyond its configured
 * rate by delaying its batches (and so its acks).
 */
import { io, type Socket } from 'socket.io-client';
import { ackSchema, FEED_EVENTS, heartbeatSchema } from '@shared/protocol/feed';
import { PROTOCOL, WIRE_LIMITS } from '@shared/protocol/version';
import type { FeedHealth } from '@shared/protocol/workstation';
import type { FeedConfig } from '../config';
import type { DecodePool } from '../decode/decodePool';
import { batchItemsOf, batchItemsOfText, decodeBatchText, feedMessageOf, type DecodedBatch, type DecodedItem } from '../decode/decodeItem';
import type { BatchItems, HubEngine, IngestResult } from '../engine';
import type { Logger } from '../log';
import { backoffDelay, TokenBucket } from './backoff';
import { FeedBatchText, feedSocketParser } from './feedParser';

export type FeedStatus = 'connected' | 'late' | 'down';

/**
 * Items received and not yet persisted, at most: the feed window
 * (`WIRE_LIMITS.feedWindow`), what a feed sends at most beyond the last
 * acknowledgement, so a conforming feed resuming a deep backlog fills this but
 * never overflows it; only a feed that ignores acknowledgements does.
 * (Bounding batches instead — 16 of up to 500 — made every resume of a backlog
 * over 8,000 items overflow: the bench stalled at 100k alerts, reconnecting
 * after each batch.)
 */
export const MAX_UNPERSISTED_ITEMS = WIRE_LIMITS.feedWindow;
/**
 * Characters of batch texts received and not parsed yet (in a decode worker),
 * at most: their items are not known before, so each counts as one item
 * against {@link MAX_UNPERSISTED_ITEMS} and this bounds their memory. A
 * conforming feed's whole window (25,000 items of the bench's 1.2–2.5 KB JSON
 * and CAP alerts) is 30–60 million.
 */
export const MAX_UNPARSED_CHARS = 32 * WIRE_LIMITS.maxMessageBytes;

/** A batch in the connector: its items (or its text's), decoded already when it came as text. */
interface QueuedBatch {
  items: BatchItems;
  decoded?: DecodedItem[];
  /** performance.now() when it arrived (text) or undefined (the throttle's pass is its start). */
  receivedAt?: number;
}
const LAG_WINDOW = 256;

export class FeedConnector {
  private socket: Socket | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private queue: QueuedBatch[] = [];
  private queuedItems = 0;
  /** Batch texts received and not parsed yet, and their characters. */
  private unparsed = { batches: 0, chars: 0 };
  /** Settles once every batch text received so far is parsed and queued: they queue in arrival order. */
  private arrival: Promise<unknown> = Promise.resolve();
  /** Items handed to the engine and not yet persisted or failed. */
  private engineItems = 0;
  /** Settles once every batch handed to the engine so far has (the engine settles them in order). */
  private inEngine: Promise<void> = Promise.resolve();
  /** Settles once every batch submitted so far is decoded and handed to the engine: hand-offs stay in order. */
  private handoff: Promise<unknown> = Promise.resolve();
  private draining = false;
  private readonly bucket: TokenBucket;
  private lastHeartbeat: number | undefined;
  private heartbeatInterval = 5;
  private status: FeedStatus = 'down';
  /** Accepted alerts per second of arrival (epoch s → count), for the last minute's rate. */
  private readonly arrivals = new Map<number, number>();
  private readonly lags: number[] = [];
  private quarantined = 0;
  /** Counters a test or an operator can read. */
  readonly counters = { batches: 0, accepted: 0, quarantined: 0, gaps: 0, regressions: 0, overflows: 0, throttledMs: 0, reconnects: 0 };

  constructor(
    readonly feed: FeedConfig,
    private readonly engine: HubEngine,
    private readonly log: Logger,
    private readonly onStatus: (feed: FeedConfig, status: FeedStatus, detail?: string) => void,
    /** Decode workers; without them (or when one fails) the engine decodes the batch itself. */
    private readonly decoder: DecodePool | null = null,
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
      // With decode workers, `alerts` packets stay text until a worker parses them.
      ...(this.decoder ? { parser: feedSocketParser } : {}),
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
      this.queuedItems = 0;
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
      // Resume after what the engine still holds of this feed is persisted, so `after` is the
      // cursor they advanced: resuming earlier would get them again as regressions.
      void this.inEngine.then(() => {
        this.retryTimer = null;
        this.connect();
      });
    }, delay);
  }

  private receive(socket: Socket, raw: unknown): void {
    if (raw instanceof FeedBatchText) {
      this.receiveText(socket, raw.json);
      return;
    }
    const batch = batchItemsOf(raw);
    if (!batch.ok) {
      this.quarantineMessage(batch.reason, raw);
      return;
    }
    this.enqueue(socket, { items: batch.items });
  }

  /** Not even a batch: quarantine it whole so the integrator sees what came. */
  private quarantineMessage(reason: string, raw: unknown): void {
    this.quarantined++;
    this.counters.quarantined++;
    void this.engine.quarantineRaw(this.feed, reason, raw).catch((e: unknown) => this.log.error({ feed: this.feed.id, err: e }, 'could not quarantine'));
  }

  /**
   * A batch as text (`feedParser.ts`): parsed and decoded in a worker (on this thread if
   * none answers), then checked and queued like a parsed one, in arrival order.
   */
  private receiveText(socket: Socket, json: string): void {
    if (this.overflows(socket, 1, json.length)) return;
    const receivedAt = performance.now();
    this.unparsed.batches++;
    this.unparsed.chars += json.length;
    const decoded = this.decoder!.decodeText(this.feed, json).catch((): DecodedBatch => decodeBatchText(this.feed, json));
    const queued = this.arrival.then(() => decoded);
    this.arrival = queued;
    void queued.then((batch) => {
      this.unparsed.batches--;
      this.unparsed.chars -= json.length;
      if (this.socket !== socket || !socket.connected) return;
      if (batch.kind === 'notJson') {
        // What socket.io's own parser does with a packet that is not JSON ("parse error").
        this.log.warn({ feed: this.feed.id }, 'feed sent a packet that is not JSON; dropping the connection');
        socket.disconnect();
        return;
      }
      if (batch.kind === 'notBatch') {
        this.quarantineMessage(batch.reason, feedMessageOf(json));
        return;
      }
      this.enqueue(socket, { items: { length: batch.decoded.length, parse: () => batchItemsOfText(json) }, decoded: batch.decoded, receivedAt });
    });
  }

  /** Whether `items` more (and `chars` more unparsed) would overflow this feed's bound; if so the connection is dropped. */
  private overflows(socket: Socket, items: number, chars = 0): boolean {
    if (this.queuedItems + this.engineItems + this.unparsed.batches + items <= MAX_UNPERSISTED_ITEMS && this.unparsed.chars + chars <= MAX_UNPARSED_CHARS) return false;
    // A flood: drop the connection rather than the memory; the feed resends after we resume.
    this.counters.overflows++;
    this.log.warn({ feed: this.feed.id, queued: this.queuedItems, persisting: this.engineItems, unparsed: this.unparsed.batches }, 'feed is flooding; dropping the connection to resume later');
    socket.disconnect();
    return true;
  }

  private enqueue(socket: Socket, batch: QueuedBatch): void {
    if (this.overflows(socket, batch.items.length)) return;
    this.queue.push(batch);
    this.queuedItems += batch.items.length;
    void this.drain(socket);
  }

  /** Hands queued batches to the engine in order, each after the throttle lets it through. */
  private async drain(socket: Socket): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && this.socket === socket && !this.stopped) {
        const batch = this.queue.shift()!;
        const { items } = batch;
        this.queuedItems -= items.length;
        const wait = this.bucket.take(items.length);
        if (wait > 0) {
          this.counters.throttledMs += wait;
          await new Promise((r) => setTimeout(r, wait));
          // The connection may have been dropped while we waited (a flood): that batch is
          // not ours to persist any more; the feed resends it after the resume, and its
          // tokens go back (else the resumed feed would wait for items never taken).
          if (this.socket !== socket || this.stopped) {
            this.bucket.refund(items.length);
            break;
          }
        }
        this.submit(socket, batch);
      }
    } finally {
      this.draining = false;
      // Batches of a newer connection that came while this loop waited out a throttle for
      // the old one (the queue was emptied when the old one dropped): drain them now.
      if (this.queue.length > 0 && this.socket !== null && this.socket !== socket) void this.drain(this.socket);
    }
  }

  private submit(socket: Socket, { items, decoded: decodedBefore, receivedAt = performance.now() }: QueuedBatch): void {
    this.engineItems += items.length;
    let ingested: Promise<IngestResult>;
    if (this.decoder === null) {
      ingested = this.engine.ingestBatch(this.feed, items, decodedBefore, receivedAt);
    } else {
      // Decoded in a worker while earlier batches are decoded or persisted (a text batch was on
      // arrival), handed to the engine in the order received. Not handed over once this
      // connection failed or dropped: the engine failed the batches of this feed it held, and a
      // later one would skip the lost items as a gap (the feed resends them all after the resume).
      const decoded = decodedBefore ?? ('parse' in items ? undefined : this.decoder.decode(this.feed, items).catch((): DecodedItem[] | undefined => undefined));
      const ready = this.handoff.then(() => decoded);
      this.handoff = ready;
      ingested = ready.then((d) =>
        this.socket === socket && socket.connected ? this.engine.ingestBatch(this.feed, items, d, receivedAt) : Promise.reject(new Error('the feed connection dropped before the batch was persisted')),
      );
    }
    const settled = ingested.then(
      (result) => {
        this.engineItems -= items.length;
        this.record(result);
        // Acknowledge what is persisted, also when a batch advanced nothing (only
        // regressions): the feed may then drop what it sent again.
        const upTo = result.upTo ?? this.engine.cursor(this.feed.id);
        if (socket.connected) socket.emit(FEED_EVENTS.ack, ackSchema.parse({ upTo }));
      },
      (e: unknown) => {
        this.engineItems -= items.length;
        // The write failed: nothing was acknowledged, so the feed will resend after a resume.
        if (!socket.connected) return;
        this.log.error({ feed: this.feed.id, err: e }, 'could not persist a feed batch; resuming the feed');
        socket.disconnect();
      },
    );
    // A batch refused before the hand-off settles before earlier ones the engine still holds:
    // wait for all of them, so a resume asks for what comes after everything persisted.
    const earlier = this.inEngine;
    this.inEngine = Promise.all([earlier, settled.catch(() => undefined)]).then(() => undefined);
  }

  private record(result: IngestResult): void {
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
    const second = Math.floor(Date.now() / 1000);
    if (result.accepted > 0) this.arrivals.set(second, (this.arrivals.get(second) ?? 0) + result.accepted);
    for (const lag of result.lags) this.lags.push(lag);
    if (this.lags.length > LAG_WINDOW) this.lags.splice(0, this.lags.length - LAG_WINDOW);
  }

  private checkHealth(): void {
    const cutoff = Math.floor((Date.now() - 60_000) / 1000);
    for (const second of this.arrivals.keys()) if (second < cutoff) this.arrivals.delete(second);
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
      perMinute: [...this.arrivals.values()].reduce((n, c) => n + c, 0),
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

