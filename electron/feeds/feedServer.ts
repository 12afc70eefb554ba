/**
 * One agency feed: a socket.io v4 server on loopback that the hub connects to
 * as a client (DESIGN §4, `longwatch/1`). The reference implementation of the
 * feed side of the protocol:
 *
 * - handshake `auth: {protocol, token, after}` checked before the connection
 *   is accepted; a refusal reaches the hub as `connect_error` with the reason;
 * - every produced item is kept in the {@link Outbox} until acknowledged, and
 *   sent in order in `alerts` batches: first the backlog after `after`, then
 *   live items (flushed once the turn that produced them ends, or every
 *   `flushMs` when set, and as soon as a batch is full);
 * - `ack {upTo}` drops items; what is not acknowledged is sent again after a
 *   reconnect (the hub dedupes by seq);
 * - `heartbeat {seq, at, interval}` on connect and every `heartbeatSeconds`.
 *
 * Flow control: at most `maxInFlight` items are sent beyond the last
 * acknowledgement; a hub that stops acknowledging stops receiving, and the
 * outbox grows until `maxPending`, where `produce` throws.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server, type Socket } from 'socket.io';
import { ackSchema, FEED_EVENTS, type FeedAuth, type Heartbeat } from '@shared/protocol/feed';
import { WIRE_LIMITS } from '@shared/protocol/version';
import { checkFeedAuth } from './handshake';
import type { FeedServerConfig, FeedStats, HubConnection } from './feedConfig';
import { silentLogger, type FeedLogger } from './log';
import { Outbox, type OutboxItem } from './outbox';

export type { FeedFormat, FeedServerConfig, FeedStats, HubConnection } from './feedConfig';

type Listener<T> = (event: T) => void;

/** Wait before writing the outbox again after a failed write (a full or failing disk). */
const OUTBOX_RETRY_MS = 200;

/** Byte budget of one `alerts` message: the protocol limit less room for the envelope. */
const BATCH_BYTES = WIRE_LIMITS.maxMessageBytes - 64 * 1024;

interface HubState {
  socket: Socket;
  /** Highest seq sent to this hub. */
  sentUpTo: number;
}

/** One agency feed (see the file comment). Create, `start()`, `produce()` alerts, `stop()`. */
export class FeedServer {
  private readonly outbox: Outbox;
  private readonly log: FeedLogger;
  private readonly hubs = new Map<string, HubState>();
  private readonly connectListeners: Listener<HubConnection>[] = [];
  private readonly ackListeners: Listener<{ upTo: number; dropped: number }>[] = [];
  private readonly batchMax: number;
  private readonly flushMs: number;
  private readonly heartbeatMs: number;
  private readonly maxInFlight: number;
  private http: HttpServer | undefined;
  private io: Server | undefined;
  private flushTimer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private flushIsImmediate = false;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(readonly config: FeedServerConfig) {
    this.log = config.logger ?? silentLogger;
    this.batchMax = Math.max(1, Math.min(config.batchMax ?? WIRE_LIMITS.feedBatch, WIRE_LIMITS.feedBatch));
    this.flushMs = config.flushMs ?? 0;
    this.heartbeatMs = (config.heartbeatSeconds ?? 5) * 1000;
    this.maxInFlight = Math.max(this.batchMax, config.maxInFlight ?? WIRE_LIMITS.feedWindow);
    this.outbox = new Outbox({
      feed: config.id,
      file: config.dataDir === undefined ? undefined : join(config.dataDir, `${config.id}.outbox.jsonl`),
      maxPending: config.maxPending ?? 1_000_000,
      maxBodyBytes: WIRE_LIMITS.alertBodyBytes,
      logger: this.log,
    });
  }

  /** Registers a listener for accepted hub connections; returns a function that removes it. */
  onDidConnect(listener: Listener<HubConnection>): () => void {
    return addListener(this.connectListeners, listener);
  }

  /** Registers a listener for acknowledgements that dropped items; returns a function that removes it. */
  onDidAck(listener: Listener<{ upTo: number; dropped: number }>): () => void {
    return addListener(this.ackListeners, listener);
  }

  /** Whether `produce` would throw because the outbox is at its cap. */
  get full(): boolean {
    return this.outbox.full;
  }

  /** Seq the next produced item will get. */
  get nextSeq(): number {
    return this.outbox.lastSeq + 1;
  }

  /**
   * Adds one alert body (JSON object or CAP XML string) and returns its seq.
   * Throws `OutboxFullError` at the cap, and refuses a body over
   * `WIRE_LIMITS.alertBodyBytes` (the hub would quarantine it).
   */
  produce(body: unknown): number {
    const item = this.outbox.append(Date.now(), body);
    this.afterProduce();
    return item.seq;
  }

  /** Adds several bodies in order; returns their seqs. Stops (throws) at the cap or an oversized body, keeping the ones before it. */
  produceMany(bodies: readonly unknown[]): number[] {
    const seqs: number[] = [];
    const now = Date.now();
    try {
      for (const body of bodies) seqs.push(this.outbox.append(now, body).seq);
    } finally {
      if (seqs.length > 0) this.afterProduce();
    }
    return seqs;
  }

  /** Counters now (see {@link FeedStats}). */
  stats(): FeedStats {
    return { produced: this.outbox.lastSeq, acked: this.outbox.ackedUpTo, pending: this.outbox.pending, hubs: this.hubs.size };
  }

  /** Listens and starts heartbeats. Resolves with the URL the hub connects to. */
  async start(): Promise<{ url: string }> {
    if (this.http) throw new Error(`feed ${this.config.id} already started`);
    const http = createServer();
    const io = new Server(http, { maxHttpBufferSize: WIRE_LIMITS.maxMessageBytes, serveClient: false });
    io.use((socket, next) => {
      const checked = checkFeedAuth(socket.handshake.auth, this.config.id, this.config.token);
      if (checked.ok) {
        (socket.data as { auth?: FeedAuth }).auth = checked.auth;
        return next();
      }
      this.log.warn('hub refused', { feed: this.config.id, reason: checked.message, address: socket.handshake.address });
      next(new Error(checked.message));
    });
    io.on('connection', (socket) => this.accept(socket));
    this.http = http;
    this.io = io;
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.config.port ?? 0, this.config.host ?? '127.0.0.1', () => {
        http.off('error', reject);
        resolve();
      });
    });
    this.heartbeatTimer = setInterval(() => this.heartbeatAll(), this.heartbeatMs);
    const { address, port } = http.address() as AddressInfo;
    const host = address.includes(':') ? `[${address}]` : address;
    const url = `http://${host}:${port}`;
    this.log.info('feed listening', { feed: this.config.id, url, format: this.config.format, lastSeq: this.outbox.lastSeq, pending: this.outbox.pending });
    return { url };
  }

  /** Disconnects hubs, stops listening, and writes the outbox. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    this.cancelFlush();
    const io = this.io;
    if (io) {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
    }
    try {
      this.outbox.close();
    } catch (e) {
      this.log.error('could not write the outbox on stop', { feed: this.config.id, error: String(e) });
    }
    this.hubs.clear();
  }

  private accept(socket: Socket): void {
    const { after } = (socket.data as { auth: FeedAuth }).auth;
    const last = this.outbox.lastSeq;
    const acked = this.outbox.ackedUpTo;
    let resumeAfter = after;
    if (after > last) {
      // The hub has seen a different incarnation of this feed (restarted without its data). Send what we
      // hold; the seqs it receives below its cursor tell the hub about the regression.
      this.log.warn('hub is ahead of this feed; resuming from the feed\'s own seq', { feed: this.config.id, after, lastSeq: last });
      resumeAfter = acked;
    } else if (after < acked) {
      this.log.warn('hub resumes before items it already acknowledged; those were dropped and cannot be resent', { feed: this.config.id, after, ackedUpTo: acked });
      resumeAfter = acked;
    }
    const hub: HubState = { socket, sentUpTo: resumeAfter };
    this.hubs.set(socket.id, hub);
    this.log.info('hub connected', { feed: this.config.id, after, resumeAfter, backlog: this.outbox.countAfter(resumeAfter) });
    socket.on(FEED_EVENTS.ack, (payload: unknown) => this.onAck(hub, payload));
    socket.on('disconnect', (reason) => {
      this.hubs.delete(socket.id);
      this.log.info('hub disconnected', { feed: this.config.id, reason });
    });
    socket.emit(FEED_EVENTS.heartbeat, this.heartbeat());
    this.sendTo(hub, false);
    for (const l of this.connectListeners) l({ socketId: socket.id, after, resumeAfter });
  }

  private onAck(hub: HubState, payload: unknown): void {
    const parsed = ackSchema.safeParse(payload);
    if (!parsed.success) {
      this.log.warn('ignored a malformed ack', { feed: this.config.id });
      return;
    }
    let upTo = parsed.data.upTo;
    if (upTo > hub.sentUpTo) {
      this.log.warn('ack beyond what was sent to this hub; clamped', { feed: this.config.id, upTo, sentUpTo: hub.sentUpTo });
      upTo = hub.sentUpTo;
    }
    const dropped = this.outbox.ack(upTo);
    if (dropped === 0) return;
    this.scheduleFlush();
    // Acknowledgements open the flow-control window: send what waited for it.
    for (const h of this.hubs.values()) this.sendTo(h, true);
    for (const l of this.ackListeners) l({ upTo, dropped });
  }

  private afterProduce(): void {
    if (this.hubs.size === 0) {
      this.scheduleFlush(); // still persist
      return;
    }
    for (const hub of this.hubs.values()) {
      if (this.outbox.lastSeq - hub.sentUpTo >= this.batchMax) this.sendTo(hub, true);
    }
    this.scheduleFlush();
  }

  /**
   * Writes and sends what was produced once the current turn of the event loop
   * ends (`flushMs` 0, the default) or after `flushMs`. The items produced in one
   * turn (one tick of a generator, one `produceMany`) still go as one batch, and
   * none waits for a timer: a 50 ms timer was a quarter of the hub's latency
   * budget (hub/README "Numbers"). `afterMs` delays a retry after a failed write.
   */
  private scheduleFlush(afterMs = this.flushMs): void {
    if (this.flushTimer !== undefined || this.stopped) return;
    const flush = (): void => {
      this.flushTimer = undefined;
      this.persist();
      for (const hub of this.hubs.values()) this.sendTo(hub, false);
    };
    this.flushIsImmediate = afterMs <= 0;
    this.flushTimer = this.flushIsImmediate ? setImmediate(flush) : setTimeout(flush, afterMs);
  }

  private cancelFlush(): void {
    const timer = this.flushTimer;
    this.flushTimer = undefined;
    if (timer === undefined) return;
    if (this.flushIsImmediate) clearImmediate(timer as NodeJS.Immediate);
    else clearTimeout(timer as NodeJS.Timeout);
  }

  /** Writes the outbox file; false (logged) when it failed, so nothing unpersisted is sent. */
  private persist(): boolean {
    try {
      this.outbox.sync();
      return true;
    } catch (e) {
      this.log.error('could not write the outbox; holding items back until it works', { feed: this.config.id, error: String(e) });
      this.scheduleFlush(Math.max(this.flushMs, OUTBOX_RETRY_MS));
      return false;
    }
  }

  /** Sends the hub everything it has not had, in batches, within the in-flight window. */
  private sendTo(hub: HubState, fullBatchesOnly: boolean): void {
    if (!hub.socket.connected) return;
    if (!this.persist()) return;
    for (;;) {
      const window = this.outbox.ackedUpTo + this.maxInFlight - hub.sentUpTo;
      if (window <= 0) return;
      const items: OutboxItem[] = this.outbox.itemsAfter(hub.sentUpTo, Math.min(this.batchMax, window), BATCH_BYTES);
      if (items.length === 0) return;
      // A batch cut short by its byte budget is as full as it gets.
      if (fullBatchesOnly && items.length < this.batchMax && items.length === this.outbox.countAfter(hub.sentUpTo)) return;
      hub.socket.emit(FEED_EVENTS.alerts, { items });
      hub.sentUpTo = items[items.length - 1]!.seq;
    }
  }

  private heartbeat(): Heartbeat {
    return { seq: this.outbox.lastSeq, at: Date.now(), interval: this.heartbeatMs / 1000 };
  }

  private heartbeatAll(): void {
    if (this.hubs.size > 0) this.io?.emit(FEED_EVENTS.heartbeat, this.heartbeat());
  }
}

function addListener<T>(list: Listener<T>[], listener: Listener<T>): () => void {
  list.push(listener);
  return () => {
    const i = list.indexOf(listener);
    if (i !== -1) list.splice(i, 1);
  };
}
