/**
 * A feed's outbox: every produced item until the hub acknowledges it
 * (DESIGN §4: "a feed keeps unacknowledged alerts for replay"), optionally
 * persisted so a restarted feed keeps both its unacknowledged items and its
 * seq counter.
 *
 * The file is append-only JSON lines, one of:
 * - `{"seq":N,"sent":T,"body":…}` a produced item;
 * - `{"ack":N}` the acknowledgement watermark (the highest wins);
 * - `{"last":N,"ack":N}` the header a compaction writes, so the counter
 *   survives even when every item was acknowledged and dropped.
 * Lines are buffered and written by {@link Outbox.sync}, which the server
 * calls before it sends anything: an item is on disk before any hub can have
 * seen it, so a restart never hands out a seq a hub already holds for other
 * content. A torn last line (crash mid-write) is cut on load.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FeedLogger } from './log';

/** One produced alert as it travels in an `alerts` batch. */
export interface OutboxItem {
  /** Feed sequence number, strictly increasing from 1. */
  readonly seq: number;
  /** Production time, epoch ms. */
  readonly sent: number;
  /** Longwatch JSON object or CAP 1.2 XML string. */
  readonly body: unknown;
}

/** Thrown by {@link Outbox.append} when the cap on unacknowledged items is reached. */
export class OutboxFullError extends Error {
  constructor(
    readonly feed: string,
    readonly pending: number,
  ) {
    super(`feed ${feed}: outbox full (${pending} unacknowledged items); is the hub connected and acknowledging?`);
    this.name = 'OutboxFullError';
  }
}

/** How an {@link Outbox} holds and persists items. */
export interface OutboxOptions {
  /** Feed id, for messages. */
  feed: string;
  /** JSON-lines file to persist to; in memory only when absent. */
  file?: string;
  /** Most unacknowledged items held before `append` throws. */
  maxPending: number;
  /** Largest body accepted, bytes serialized; default unlimited. */
  maxBodyBytes?: number;
  /** Least number of acknowledged item lines in the file before it is compacted (and only when they outnumber the pending ones). */
  compactAfter?: number;
  logger: FeedLogger;
}

const READ_CHUNK = 1 << 20;
/** Bytes of `{"seq":…,"sent":…,"body":}` around a body, rounded up. */
const ENVELOPE_BYTES = 64;

/** Produced items until acknowledged, in seq order, optionally persisted (see the file comment). */
export class Outbox {
  private items: OutboxItem[] = [];
  /** Serialized size of each item in `items`, bytes (for batches under the message limit). */
  private sizes: number[] = [];
  /** Index in `items` of the first unacknowledged item. */
  private head = 0;
  private last = 0;
  private acked = 0;
  private fd: number | undefined;
  private buffered: string[] = [];
  /** Item lines in the file (written or buffered) since the last compaction. */
  private itemLines = 0;
  private readonly compactAfter: number;

  constructor(private readonly opts: OutboxOptions) {
    this.compactAfter = opts.compactAfter ?? 10_000;
    if (opts.file !== undefined) {
      mkdirSync(dirname(opts.file), { recursive: true });
      if (existsSync(opts.file)) this.load(opts.file);
      this.fd = openSync(opts.file, 'a');
    }
  }

  /** Highest seq ever produced by this feed (0 before the first). */
  get lastSeq(): number {
    return this.last;
  }

  /** Highest seq acknowledged by a hub. */
  get ackedUpTo(): number {
    return this.acked;
  }

  /** Unacknowledged items held. */
  get pending(): number {
    return this.items.length - this.head;
  }

  /** Whether `append` would throw right now. */
  get full(): boolean {
    return this.pending >= this.opts.maxPending;
  }

  /**
   * Adds an item with the next seq. Throws {@link OutboxFullError} at the
   * cap, and a `RangeError` for a body over `maxBodyBytes`; neither uses a seq.
   */
  append(sent: number, body: unknown): OutboxItem {
    if (this.full) throw new OutboxFullError(this.opts.feed, this.pending);
    const item: OutboxItem = { seq: this.last + 1, sent, body };
    const line = this.fd === undefined ? undefined : JSON.stringify(item) + '\n';
    const size = line !== undefined ? Buffer.byteLength(line) : ENVELOPE_BYTES + Buffer.byteLength(typeof body === 'string' ? body : (JSON.stringify(body) ?? ''));
    const max = this.opts.maxBodyBytes ?? Infinity;
    if (size - ENVELOPE_BYTES > max) {
      throw new RangeError(`feed ${this.opts.feed}: alert body of about ${size - ENVELOPE_BYTES} bytes is over the limit of ${max}; the hub would quarantine it`);
    }
    if (line !== undefined) {
      this.buffered.push(line);
      this.itemLines++;
    }
    this.last = item.seq;
    this.items.push(item);
    this.sizes.push(size);
    return item;
  }

  /** Drops every item with seq ≤ `upTo`. Returns how many were dropped. */
  ack(upTo: number): number {
    const target = Math.min(upTo, this.last);
    if (target <= this.acked) return 0;
    const before = this.pending;
    this.acked = target;
    this.head = this.indexAfter(target);
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
    if (this.fd !== undefined) this.buffered.push(`{"ack":${target}}\n`);
    return before - this.pending;
  }

  /**
   * Up to `max` held items with seq > `after`, in order, together at most
   * `maxBytes` serialized (but always at least one, whatever its size).
   */
  itemsAfter(after: number, max: number, maxBytes = Infinity): OutboxItem[] {
    const from = this.indexAfter(after);
    let to = from;
    let bytes = 0;
    const end = Math.min(from + max, this.items.length);
    while (to < end && (to === from || bytes + this.sizes[to]! <= maxBytes)) bytes += this.sizes[to++]!;
    return this.items.slice(from, to);
  }

  /** Serialized size of the item with `seq`, bytes; undefined when it is not held. */
  sizeOf(seq: number): number | undefined {
    const i = this.indexAfter(seq - 1);
    return this.items[i]?.seq === seq ? this.sizes[i] : undefined;
  }

  /** Count of held items with seq > `after`. */
  countAfter(after: number): number {
    return this.items.length - this.indexAfter(after);
  }

  /** Writes buffered lines (and compacts when the acknowledged prefix is large). Throws on I/O errors. */
  sync(): void {
    if (this.fd === undefined || this.buffered.length === 0) return;
    const acknowledgedLines = this.itemLines - this.pending;
    if (acknowledgedLines >= this.compactAfter && acknowledgedLines >= this.pending) {
      this.compact();
      return;
    }
    const text = this.buffered.join('');
    this.buffered = [];
    writeSync(this.fd, text);
  }

  /** Syncs and closes the file. */
  close(): void {
    if (this.fd === undefined) return;
    try {
      this.sync();
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  /** Index of the first held item with seq > `seq` (items are sorted by seq). */
  private indexAfter(seq: number): number {
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Rewrites the file as a header plus the pending items: the buffered lines are all covered by memory. */
  private compact(): void {
    const file = this.opts.file!;
    const tmp = `${file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, `{"last":${this.last},"ack":${this.acked}}\n`);
      const chunk: string[] = [];
      for (let i = this.head; i < this.items.length; i++) {
        chunk.push(JSON.stringify(this.items[i]) + '\n');
        if (chunk.length === 1000) writeSync(fd, chunk.splice(0).join(''));
      }
      if (chunk.length > 0) writeSync(fd, chunk.join(''));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    closeSync(this.fd!);
    this.fd = openSync(file, 'a');
    this.buffered = [];
    this.itemLines = this.pending;
  }

  private load(file: string): void {
    const loaded: { item: OutboxItem; size: number }[] = [];
    let lastItem = 0;
    let bad = 0;
    const complete = forEachLine(file, (line) => {
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch {
        return void bad++;
      }
      if (typeof rec !== 'object' || rec === null) return void bad++;
      const r = rec as { seq?: unknown; sent?: unknown; body?: unknown; ack?: unknown; last?: unknown };
      if (typeof r.ack === 'number') this.acked = Math.max(this.acked, r.ack);
      if (typeof r.last === 'number') this.last = Math.max(this.last, r.last);
      if (typeof r.seq === 'number' && typeof r.sent === 'number') {
        this.itemLines++;
        if (r.seq <= lastItem) return void bad++; // out of order: never written by us
        lastItem = r.seq;
        loaded.push({ item: { seq: r.seq, sent: r.sent, body: r.body }, size: Buffer.byteLength(line) + 1 });
      }
    });
    if (complete.tornBytes > 0) {
      // A crash mid-write leaves a torn last line: cut it so the next append starts on a fresh line.
      truncateSync(file, complete.length);
      this.opts.logger.warn('outbox file ended in a torn line (crash mid-write); it was cut', { feed: this.opts.feed, file, bytes: complete.tornBytes });
    }
    this.last = Math.max(this.last, lastItem);
    const kept = loaded.filter((l) => l.item.seq > this.acked);
    this.items = kept.map((l) => l.item);
    this.sizes = kept.map((l) => l.size);
    if (bad > 0) this.opts.logger.warn('outbox file had unreadable or out-of-order lines; they were skipped', { feed: this.opts.feed, file, lines: bad });
    this.opts.logger.info('outbox reloaded', { feed: this.opts.feed, lastSeq: this.last, ackedUpTo: this.acked, pending: this.items.length });
  }
}

/**
 * Calls `fn` for every complete non-empty line of a file of any size, reading
 * it in chunks. Returns the byte length up to the last newline and the bytes
 * after it (a torn line).
 */
function forEachLine(file: string, fn: (line: string) => void): { length: number; tornBytes: number } {
  const fd = openSync(file, 'r');
  let length = 0;
  try {
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, READ_CHUNK, null);
      if (n === 0) break;
      const data: Buffer = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : Buffer.from(buf.subarray(0, n));
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        if (nl > start) fn(data.toString('utf8', start, nl));
        length += nl + 1 - start;
        start = nl + 1;
      }
      carry = data.subarray(start);
    }
    return { length, tornBytes: carry.length };
  } finally {
    closeSync(fd);
  }
}
