/**
 * Paged state snapshots of a replica (format 2 of `shared/domain/snapshot.ts`)
 * in an IndexedDB database of their own next to the replica's
 * (`<replica name>-snapshots`): heads by seq, pages by key, stored as
 * structured clones (no JSON text). The ingest worker writes them
 * (`SnapshotWriter`); a reload and replay read them (`SnapshotReader`), which
 * keeps decoded pages and the state it built last, so the next restore
 * decodes and inserts only the pages that differ.
 *
 * Format-1 text snapshots in the replica's own `snapshots` table are still
 * read when no paged one exists (a replica written before this store).
 */
import Dexie, { type Table } from 'dexie';
import { decodePage, SnapshotPager, stateFromPages, type DecodedPage, type PagedState, type SnapshotHead, type SnapshotPage } from '@shared/domain/snapshot';
import type { State } from '@shared/domain/state';

/**
 * Events between paged snapshots. A seek folds at most this many events
 * after restoring one; a snapshot writes only the pages that changed.
 */
export const PAGED_SNAPSHOT_EVERY = 3000;
/** Alerts held per event between snapshots, at most (see `SnapshotWriter.takeDue`). */
const SNAPSHOT_ALERTS_PER_EVENT = 25;

/**
 * The replica's database name for a hub URL and user, as the ingest worker
 * names it (`Replica.nameFor` of the hub URL, or of the page's origin when
 * the hub is the origin that served the page).
 */
export function replicaNameFor(hubUrl: string, user: string): string {
  return `longwatch-${hubUrl.replace(/[^A-Za-z0-9]+/g, '_')}-${user}`;
}

export class SnapshotStore extends Dexie {
  heads!: Table<SnapshotHead, number>;
  pages!: Table<SnapshotPage, string>;

  constructor(replicaName: string) {
    super(`${replicaName}-snapshots`);
    this.version(1).stores({ heads: '&seq', pages: '&key' });
  }

  /** Stores a snapshot's new pages and its head in one transaction (a head never lists a page that is not stored). */
  async put(head: SnapshotHead, pages: SnapshotPage[]): Promise<void> {
    await this.transaction('rw', this.heads, this.pages, async () => {
      if (pages.length > 0) await this.pages.bulkPut(pages);
      await this.heads.put(head);
    });
  }

  headBefore(seq: number): Promise<SnapshotHead | undefined> {
    return this.heads.where('seq').belowOrEqual(seq).last();
  }

  newestHead(): Promise<SnapshotHead | undefined> {
    return this.heads.orderBy('seq').last();
  }
}

/** Writes a paged snapshot every `every` events (the ingest worker; the replay bench writes the same way). */
export class SnapshotWriter {
  private readonly pager = new SnapshotPager();
  private lastSeq = 0;

  constructor(
    private readonly store: SnapshotStore,
    private readonly every = PAGED_SNAPSHOT_EVERY,
  ) {}

  /**
   * Whether `state` is due for a snapshot; a due one counts as taken (the
   * caller queues it for `write`). Past `every`, at most one snapshot per
   * `SNAPSHOT_ALERTS_PER_EVENT` alerts held: finding what changed walks the
   * whole state.
   */
  takeDue(state: State): boolean {
    if (state.seq - this.lastSeq < Math.max(this.every, state.alerts.size / SNAPSHOT_ALERTS_PER_EVENT)) return false;
    this.lastSeq = state.seq;
    return true;
  }

  /** Takes a restored snapshot as written: the next one writes only what changed since. */
  restoredFrom(restored: RestoredSnapshot): void {
    this.pager.remember(restored.built.head, restored.pageOf, restored.state);
    this.lastSeq = restored.state.seq;
  }

  /** Stores `state` (only its changed pages). */
  async write(state: State): Promise<void> {
    this.lastSeq = Math.max(this.lastSeq, state.seq);
    const { head, pages } = this.pager.pagesOf(state);
    await this.store.put(head, pages);
  }
}

/** Decoded entities kept by a reader, across pages (a bound on memory, not on correctness). */
const CACHED_ENTITIES = 400_000;
/** States built from heads kept by a reader, as bases for building later heads. */
const BUILT_STATES = 48;
/** Decode this long, then yield to the event loop (ms). */
const SLICE_MS = 12;

const yielded: Array<() => void> = [];
let yieldChannel: MessageChannel | null = null;
/**
 * Lets the event loop run other tasks, then resumes. A message rather than
 * `setTimeout(0)`, which browsers clamp to 4 ms once nested: a long fold or
 * restore that yields every 12 ms lost a quarter of its time to the clamp.
 */
export function yieldToLoop(): Promise<void> {
  if (!yieldChannel) {
    yieldChannel = new MessageChannel();
    yieldChannel.port1.onmessage = () => yielded.shift()?.();
  }
  const channel = yieldChannel;
  return new Promise<void>((resolve) => {
    yielded.push(resolve);
    channel.port2.postMessage(null);
  });
}

export interface RestoredSnapshot {
  state: State;
  built: PagedState;
  /** The decoded pages of the head (for `SnapshotWriter.restoredFrom`). */
  pageOf: (key: string) => DecodedPage | undefined;
}

/**
 * Restores paged snapshots. It keeps decoded pages and the states it built
 * (they share structure: each is built on an earlier one), and builds a head
 * on the latest kept state at or before it, so a restore applies only the
 * pages added since that state.
 */
export class SnapshotReader {
  private readonly decoded = new Map<string, DecodedPage>();
  private cachedEntities = 0;
  /** Built states by head seq. */
  private readonly built = new Map<number, PagedState>();

  constructor(private readonly store: SnapshotStore) {}

  async seqAtOrBefore(seq: number): Promise<number | undefined> {
    const key = await this.store.heads.where('seq').belowOrEqual(seq).lastKey();
    return typeof key === 'number' ? key : undefined;
  }

  /** The state of the newest paged snapshot at or before `seq` (undefined when there is none or it cannot be read). */
  async stateAtOrBefore(seq: number): Promise<RestoredSnapshot | undefined> {
    const head = await this.store.headBefore(seq);
    return head && this.restore(head);
  }

  async newest(): Promise<RestoredSnapshot | undefined> {
    const head = await this.store.newestHead();
    return head && this.restore(head);
  }

  private async restore(head: SnapshotHead): Promise<RestoredSnapshot | undefined> {
    const pageOf = (k: string): DecodedPage | undefined => this.decoded.get(k);
    const done = this.built.get(head.seq);
    if (done) return { state: done.state, built: done, pageOf };
    let base: PagedState | undefined;
    for (const b of this.built.values()) if (b.head.seq <= head.seq && (!base || b.head.seq > base.head.seq)) base = b;
    const missing = head.pages.filter((k) => !base?.pageSet.has(k) && !this.decoded.has(k));
    let sliceStart = performance.now();
    for (let i = 0; i < missing.length; i += 16) {
      const rows = await this.store.pages.bulkGet(missing.slice(i, i + 16));
      for (const row of rows) {
        if (!row) continue;
        this.keep(decodePage(row));
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToLoop();
          sliceStart = performance.now();
        }
      }
    }
    const r = stateFromPages(head, pageOf, base);
    if (!r.ok) {
      console.warn(`longwatch: paged snapshot ${head.seq} refused (${r.reason})`);
      return undefined;
    }
    this.built.set(head.seq, r.built);
    if (this.built.size > BUILT_STATES) {
      // Keep the newest; of the rest, drop one at random so kept states stay spread over the log.
      const seqs = [...this.built.keys()].filter((s) => s !== head.seq);
      this.built.delete(seqs[Math.floor(Math.random() * seqs.length)]!);
    }
    this.trim(new Set(head.pages));
    return { state: r.built.state, built: r.built, pageOf };
  }

  private keep(page: DecodedPage): void {
    this.decoded.set(page.key, page);
    this.cachedEntities += pageSize(page);
  }

  /** Drops the oldest decoded pages past the bound, never those of the head just built. */
  private trim(inUse: ReadonlySet<string>): void {
    for (const [key, page] of this.decoded) {
      if (this.cachedEntities <= CACHED_ENTITIES) return;
      if (inUse.has(key)) continue;
      this.decoded.delete(key);
      this.cachedEntities -= pageSize(page);
    }
  }
}

const pageSize = (p: DecodedPage): number => p.alerts.length + p.incidents.length + p.aliases.length + p.removed.length;
