/**
 * The workstation's replica of the event log in IndexedDB (Dexie), one
 * database per hub and user (what a user may see differs, so replicas are
 * never shared between users).
 *
 * Events are stored in chunks, one row per batch the hub sent: IndexedDB
 * manages only ~7–11k rows/s with bulkPut on this machine (DESIGN §5), so a
 * row per event would cap the replica far below the hub's rate. Each chunk
 * carries the keys its events are about (`replicaKeys.ts`) in a multiEntry
 * index, so "the events of incident X" reads only the chunks that mention X
 * (see renderer/README.md for the measurements behind this choice).
 *
 * State snapshots (`shared/domain/snapshot.ts`) are stored every few
 * thousand events: a reload folds only the tail after the newest one, and
 * replay seeks from the nearest one.
 */
import Dexie, { type Table } from 'dexie';
import type { DomainEvent } from '@shared/domain/events';
import { alertKey, incidentKey } from './replicaKeys';
import type { UnreadableEvent } from './foldBatch';
import type { OutboxEntry, ReplicaExtent, ReplicaQuery, UnreadableSummary } from './types';

export interface Chunk {
  /** Seq of the first event in the chunk. */
  first: number;
  last: number;
  /** Smallest and largest event time in the chunk (epoch ms). */
  t0: number;
  t1: number;
  events: DomainEvent[];
  /** The distinct keys of the events (multiEntry index). Absent in chunks written by schema version 1 until re-indexed. */
  keys?: string[];
  /** The keys of each event, parallel to `events`. */
  eventKeys?: string[][];
}

export interface StoredSnapshot {
  seq: number;
  /** `snapshotOf(state)` text. */
  snapshot: string;
}

/** An event the workstation could not read or fold (`foldBatch.ts`), kept as it arrived. */
export interface UnreadableRow extends UnreadableEvent {
  /** Its seq as text, or the batch head and arrival time for an event with no usable seq. */
  id: string;
}

interface Meta {
  key: string;
  value: unknown;
}

/** Meta row: number of events stored (kept in the append transaction). */
const COUNT = 'count';
/** Meta row set by the version-2 upgrade: chunks of version 1 have no keys yet. */
export const REINDEX = 'reindex';
/** Chunks read per step when scanning in seq order. */
const PAGE = 32;

export class Replica extends Dexie {
  chunks!: Table<Chunk, number>;
  meta!: Table<Meta, string>;
  outbox!: Table<OutboxEntry, string>;
  snapshots!: Table<StoredSnapshot, number>;
  unreadable!: Table<UnreadableRow, string>;

  constructor(name: string) {
    super(name);
    // Nothing observes the replica with liveQuery: Dexie's change tracking
    // (every index key of every chunk put into range sets, then broadcast)
    // was ~0.35 s of the worker's CPU in a 32k-event sync.
    this.unuse({ stack: 'dbcore', name: 'Observability' });
    this.version(1).stores({
      chunks: '&first, last',
      meta: '&key',
      outbox: '&id, status, createdAt',
    });
    // Version 2: event keys and times per chunk, and state snapshots. Chunks
    // of version 1 get their keys from the worker's next full fold.
    this.version(2)
      .stores({
        chunks: '&first, last, t1, *keys',
        meta: '&key',
        outbox: '&id, status, createdAt',
        snapshots: '&seq',
      })
      .upgrade(async (tx) => {
        if ((await tx.table('chunks').count()) > 0) await tx.table('meta').put({ key: REINDEX, value: true });
      });
    // Version 3: events from the hub this build could not read or fold, kept
    // apart from the log's chunks (which hold only events every reader folds).
    this.version(3).stores({
      chunks: '&first, last, t1, *keys',
      meta: '&key',
      outbox: '&id, status, createdAt',
      snapshots: '&seq',
      unreadable: '&id, seq',
    });
  }

  /** Keeps events the workstation could not read; the same event sent again (a re-sync) is one row. */
  async keepUnreadable(events: readonly UnreadableEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.unreadable.bulkPut(events.map((e, i) => ({ ...e, id: e.seq !== undefined ? String(e.seq) : `head ${e.head} at ${e.at}.${i}` })));
  }

  /** How many events are kept unread, and the first one (by seq). */
  async unreadableSummary(): Promise<UnreadableSummary | undefined> {
    const count = await this.unreadable.count();
    if (count === 0) return undefined;
    const first = (await this.unreadable.orderBy('seq').first()) ?? (await this.unreadable.toCollection().first());
    return { count, ...(first?.seq !== undefined ? { firstSeq: first.seq } : {}), problem: first?.problem ?? '' };
  }

  static nameFor(hubKey: string, user: string): string {
    return `longwatch-${hubKey}-${user}`;
  }

  /** Every stored event after `after`, in order. */
  async eventsAfter(after: number): Promise<DomainEvent[]> {
    const chunks = await this.chunks.where('last').above(after).sortBy('first');
    const out: DomainEvent[] = [];
    for (const c of chunks) for (const e of c.events) if (e.seq > after) out.push(e);
    return out;
  }

  /** Appends one batch as one chunk with its keys, in one transaction. */
  async append(events: DomainEvent[], eventKeys: string[][]): Promise<void> {
    if (events.length === 0) return;
    await this.transaction('rw', this.chunks, this.meta, async () => {
      await this.chunks.put(chunkOf(events, eventKeys));
      const count = ((await this.meta.get(COUNT))?.value as number | undefined) ?? 0;
      await this.meta.put({ key: COUNT, value: count + events.length });
    });
  }

  /** Rewrites chunks with their keys (after a version-1 upgrade) and the event count. */
  async reindexed(chunks: Chunk[], count: number): Promise<void> {
    await this.transaction('rw', this.chunks, this.meta, async () => {
      await this.chunks.bulkPut(chunks);
      await this.meta.put({ key: COUNT, value: count });
      await this.meta.delete(REINDEX);
    });
  }

  async needsReindex(): Promise<boolean> {
    return (await this.meta.get(REINDEX))?.value === true;
  }

  async lastSeq(): Promise<number> {
    const last = await this.chunks.orderBy('last').last();
    return last?.last ?? 0;
  }

  async eventAt(seq: number): Promise<DomainEvent | undefined> {
    const chunk = await this.chunks.where('first').belowOrEqual(seq).last();
    if (!chunk || chunk.last < seq) return undefined;
    const e = chunk.events[indexOfSeq(chunk.events, seq)];
    return e?.seq === seq ? e : undefined;
  }

  async extent(): Promise<ReplicaExtent | undefined> {
    const [first, last, count] = await Promise.all([this.chunks.orderBy('first').first(), this.chunks.orderBy('first').last(), this.meta.get(COUNT)]);
    if (!first || !last) return undefined;
    const a = first.events[0]!;
    const z = last.events[last.events.length - 1]!;
    return { firstSeq: a.seq, lastSeq: z.seq, firstTime: a.time, lastTime: z.time, count: (count?.value as number | undefined) ?? 0 };
  }

  /** Events matching `q`, in seq order (see `ReplicaQuery`). */
  async events(q: ReplicaQuery): Promise<DomainEvent[]> {
    const limit = q.limit ?? Infinity;
    if (limit <= 0) return [];
    const fromSeq = q.fromSeq ?? 0;
    const toSeq = q.toSeq ?? Infinity;
    const fromTime = q.fromTime ?? -Infinity;
    const toTime = q.toTime ?? Infinity;
    const keys = [q.alertId && alertKey(q.alertId), q.incidentId && incidentKey(q.incidentId)].filter((k): k is string => !!k);
    const inChunk = (c: Chunk): boolean => c.last >= fromSeq && c.first <= toSeq && c.t1 >= fromTime && c.t0 <= toTime;
    const out: DomainEvent[] = [];
    const take = (c: Chunk): void => {
      for (let i = 0; i < c.events.length && out.length < limit; i++) {
        const e = c.events[i]!;
        if (e.seq < fromSeq || e.seq > toSeq || e.time < fromTime || e.time > toTime) continue;
        if (keys.length > 0 && !keys.every((k) => c.eventKeys?.[i]?.includes(k))) continue;
        out.push(e);
      }
    };
    if (keys.length > 0) {
      // The rarest key is unknown; the first is as good as any (alert keys are the narrower).
      const chunks = (await this.chunks.where('keys').equals(keys[0]!).toArray()).filter(inChunk).sort((a, b) => a.first - b.first);
      for (const c of chunks) {
        if (out.length >= limit) break;
        take(c);
      }
      return out;
    }
    // A seq range, found from the time bound when only that is given (the hub stamps times as it appends, so they follow seq).
    let from = fromSeq;
    if (q.fromTime !== undefined && q.fromSeq === undefined) {
      const at = await this.chunks.where('t1').aboveOrEqual(fromTime).first();
      if (!at) return [];
      from = at.first;
    }
    let after = from - 1;
    for (;;) {
      const page = await this.chunks.where('last').above(after).limit(PAGE).toArray();
      if (page.length === 0) return out;
      for (const c of page) {
        if (c.first > toSeq || c.t0 > toTime || out.length >= limit) return out;
        if (inChunk(c)) take(c);
      }
      after = page[page.length - 1]!.last;
    }
  }

  async snapshotBefore(seq: number): Promise<StoredSnapshot | undefined> {
    return this.snapshots.where('seq').belowOrEqual(seq).last();
  }

  /** Past `max` snapshots, deletes every second one but the newest (reading keys only). */
  async thinSnapshots(max: number): Promise<void> {
    const seqs = await this.snapshots.orderBy('seq').primaryKeys();
    if (seqs.length <= max) return;
    await this.snapshots.bulkDelete(seqs.slice(0, -1).filter((_, i) => i % 2 === 1));
  }

  async newestSnapshot(): Promise<StoredSnapshot | undefined> {
    return this.snapshots.orderBy('seq').last();
  }

  async pendingCommands(): Promise<OutboxEntry[]> {
    return this.outbox.where('status').anyOf('pending', 'sent').sortBy('createdAt');
  }

  async recentCommands(limit = 50): Promise<OutboxEntry[]> {
    return (await this.outbox.orderBy('createdAt').reverse().limit(limit).toArray()).reverse();
  }
}

export function chunkOf(events: DomainEvent[], eventKeys: string[][]): Chunk {
  let t0 = Infinity;
  let t1 = -Infinity;
  const keys = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    const t = events[i]!.time;
    if (t < t0) t0 = t;
    if (t > t1) t1 = t;
    for (const k of eventKeys[i] ?? []) keys.add(k);
  }
  return { first: events[0]!.seq, last: events[events.length - 1]!.seq, t0, t1, events, keys: [...keys], eventKeys };
}

/** Index of the event with this seq in a seq-ordered array (or where it would be). */
function indexOfSeq(events: DomainEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
