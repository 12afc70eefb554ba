/**
 * The fold behind replay (issue 7 §1, §3): the state of the log at any seq,
 * computed with the same reducer as the live view. A seek starts from the
 * nearest known state at or before the target — one of this cursor's
 * in-memory checkpoints or a snapshot stored in the replica — and folds only
 * the events after it, never from event 0 when a snapshot exists.
 *
 * States are persistent maps (`shared/domain/pmap.ts`), so a checkpoint is a
 * reference that shares structure with its neighbours: keeping a few dozen
 * costs little and makes stepping backwards cheap.
 *
 * Stored snapshots come from the paged snapshot store when it has one
 * (`renderer/src/live/snapshotStore.ts`: decoded pages are kept, so a restore
 * near the last one costs only the pages that differ), else from the
 * replica's format-1 text snapshots.
 *
 * Long folds run in chunks and yield to the event loop between them, so the
 * UI thread never blocks for long and can show progress.
 *
 * The index (`index()`, run once in the background on entering replay):
 * one fold of the whole replica from event 0 that keeps a state every
 * `INDEX_EVERY` events and the time of every event. A bare fold runs at
 * ~250k events/s here, cheaper than restoring the paged snapshots (which
 * also give every alert a new identity, so the board and map must redraw
 * everything); the kept states share every node they did not change, so a
 * few hundred cost little (measured in Node on the bench's log: ~0.8–1 MB
 * per kept state, 100 MB for 125 states over 250k events, 247 MB for 250 over
 * 500k, beyond the final state's 22 and 43 MB; hence at most `INDEX_STATES`,
 * spaced wider on a longer log). Once indexed, a seek is a binary search
 * for the seq at a time and a fold of less than one spacing of events.
 */
import type { DomainEvent } from '@shared/domain/events';
import { fold } from '@shared/domain/reduce';
import { stateFromSnapshot } from '@shared/domain/snapshot';
import { initialState, type State } from '@shared/domain/state';
import { yieldToLoop } from '../../live/snapshotStore';
import type { ReplicaReader } from '../../live/types';

/** Events read from the replica per query while folding. */
export const READ_CHUNK = 4000;
/** A checkpoint is kept every this many events folded. */
export const CHECKPOINT_EVERY = 2000;
const MAX_CHECKPOINTS = 96;
/** Fold this long, then yield to the event loop (ms). */
export const SLICE_MS = 12;
/** A stored snapshot is restored when it saves folding more than this many events. */
const RESTORE_GAIN = 500;
/** The index keeps a state every this many events, or wider: at most `INDEX_STATES` over the whole replica. */
export const INDEX_EVERY = 2000;
const INDEX_STATES = 250;

/** Seq and time of every event, appended in seq order (the index's; binary-searched by time). */
class TimeIndex {
  seqs: Float64Array<ArrayBuffer> = new Float64Array(1 << 14);
  times: Float64Array<ArrayBuffer> = new Float64Array(1 << 14);
  length = 0;

  push(seq: number, time: number): void {
    if (this.length === this.seqs.length) {
      const grow = (a: Float64Array): Float64Array<ArrayBuffer> => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.seqs = grow(this.seqs);
      this.times = grow(this.times);
    }
    this.seqs[this.length] = seq;
    this.times[this.length++] = time;
  }

  /** Seq of the last event at or before `time` (0 when none); events are in seq order and their times never decrease. */
  seqAt(time: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.seqs[lo - 1]!;
  }
}

export interface IndexProgress {
  /** Seq folded up to, and the replica's last seq when the pass started. */
  seq: number;
  lastSeq: number;
}

/** Paged snapshots (`SnapshotReader`): the state of the newest one at or before a seq. */
export interface SnapshotSource {
  /** Seq of the newest snapshot at or before `seq` (cheap: no decoding). */
  seqAtOrBefore(seq: number): Promise<number | undefined>;
  stateAtOrBefore(seq: number): Promise<{ state: State } | undefined>;
}

export interface SeekProgress {
  /** Events folded so far in this seek. */
  done: number;
  /** Events this seek has to fold. */
  total: number;
}

export interface SeekOptions {
  onProgress?: (p: SeekProgress) => void;
  /** A newer seek supersedes this one: stop folding (the result is then discarded). */
  signal?: { readonly aborted: boolean };
}

/** Where a seek started from, for measurements and tests. */
export type SeekBase = 'current' | 'checkpoint' | 'snapshot' | 'empty';

export interface SeekResult {
  state: State;
  base: SeekBase;
  /** Events folded on top of the base. */
  folded: number;
}


export class ReplayCursor {
  /** Sorted by seq; the empty state is always the first. */
  private checkpoints: State[] = [initialState];
  /** The index's states, in seq order, about `indexEvery` apart (the first at or after each multiple). */
  private readonly indexStates: State[] = [initialState];
  /** Where the index stops: every event up to its seq is indexed. */
  private indexHead: State = initialState;
  private indexEvery = INDEX_EVERY;
  private readonly times = new TimeIndex();
  private indexing: Promise<void> | null = null;

  constructor(
    private readonly replica: ReplicaReader,
    private readonly snapshots?: () => Promise<SnapshotSource | undefined>,
  ) {}

  /** Seq the index has folded up to (0 before it starts). */
  get indexedSeq(): number {
    return this.indexHead.seq;
  }

  /**
   * Folds the replica from where the index stopped up to its last event (the
   * whole replica the first time), keeping a state every `INDEX_EVERY`
   * events and every event's time; yields every `SLICE_MS`. Calls running at
   * once share one pass; a later call continues with what arrived since.
   */
  index(onProgress?: (p: IndexProgress) => void, signal?: { readonly aborted: boolean }): Promise<void> {
    this.indexing ??= this.runIndex(onProgress, signal).finally(() => (this.indexing = null));
    return this.indexing;
  }

  private async runIndex(onProgress?: (p: IndexProgress) => void, signal?: { readonly aborted: boolean }): Promise<void> {
    const lastSeq = (await this.replica.extent())?.lastSeq ?? 0;
    if (lastSeq <= this.indexedSeq) return;
    if (this.indexStates.length === 1) this.indexEvery = Math.max(INDEX_EVERY, Math.ceil(lastSeq / INDEX_STATES));
    const every = this.indexEvery;
    const start = performance.now();
    let state = this.indexHead;
    let sliceStart = performance.now();
    while (state.seq < lastSeq && !signal?.aborted) {
      const events = await this.replica.events({ fromSeq: state.seq + 1, toSeq: lastSeq, limit: READ_CHUNK });
      if (events.length === 0) break;
      for (const e of events) this.times.push(e.seq, e.time);
      // Fold up to each multiple of `every` and keep the state there.
      let i = 0;
      while (i < events.length) {
        const boundary = (Math.floor(state.seq / every) + 1) * every;
        let j = i;
        while (j < events.length && events[j]!.seq <= boundary) j++;
        state = fold(i === 0 && j === events.length ? events : events.slice(i, j), state);
        i = j;
        if (Math.floor(state.seq / every) > Math.floor(this.indexStates[this.indexStates.length - 1]!.seq / every)) this.indexStates.push(state);
        this.indexHead = state;
        if (performance.now() - sliceStart > SLICE_MS) {
          onProgress?.({ seq: state.seq, lastSeq });
          await yieldToLoop();
          sliceStart = performance.now();
        }
      }
      if (events.length < READ_CHUNK) break;
    }
    onProgress?.({ seq: state.seq, lastSeq });
    performance.measure('longwatch replay: index', { start, end: performance.now() });
  }

  /** The state after every event with seq ≤ `target`. */
  async seek(target: number, from: State, opts: SeekOptions = {}): Promise<SeekResult> {
    let base: State = initialState;
    let kind: SeekBase = 'empty';
    const checkpoint = this.checkpointAtOrBefore(target);
    if (checkpoint.seq > 0) {
      base = checkpoint;
      kind = 'checkpoint';
    }
    if (from.seq <= target && from.seq >= base.seq) {
      base = from;
      kind = 'current';
    }
    // User Timing measures (DevTools, and the replay bench's breakdown of a seek).
    const restoreStart = performance.now();
    // Within the index, no stored snapshot is nearer than an indexed state.
    const indexed = target <= this.indexedSeq;
    const paged = !indexed && target - base.seq > RESTORE_GAIN ? await this.snapshots?.() : undefined;
    const pagedSeq = paged ? await paged.seqAtOrBefore(target) : undefined;
    if (paged && pagedSeq !== undefined) {
      const restored = pagedSeq > base.seq + RESTORE_GAIN ? await paged.stateAtOrBefore(target) : undefined;
      if (restored) {
        base = restored.state;
        kind = 'snapshot';
        this.remember(base);
      }
    } else if (!indexed && target - base.seq > CHECKPOINT_EVERY) {
      const stored = await this.replica.snapshotBefore(target);
      if (stored && stored.seq > base.seq && stored.seq <= target) {
        const restored = stateFromSnapshot(stored.snapshot);
        if (restored.ok) {
          base = restored.state;
          kind = 'snapshot';
          this.remember(base);
        } else {
          console.warn(`longwatch replay: snapshot at ${stored.seq} refused (${restored.reason}); folding from an earlier state`);
        }
      }
    }
    const foldStart = performance.now();
    performance.measure('longwatch replay: restore', { start: restoreStart, end: foldStart });
    const { state, folded, busyMs } = await this.foldForward(base, target, opts);
    performance.measure('longwatch replay: fold', { start: foldStart, end: performance.now() });
    // The fold's own time on this thread: its wall time also holds whatever ran while it waited for a read
    // or yielded (the last seek's map work, a GC), which made one seek's fold look 1.7 s long.
    performance.measure('longwatch replay: fold busy', { start: foldStart, duration: busyMs });
    return { state, base: kind, folded };
  }

  /** Folds the events after `base.seq` up to `target` in chunks, keeping checkpoints. */
  private async foldForward(base: State, target: number, opts: SeekOptions): Promise<{ state: State; folded: number; busyMs: number }> {
    let state = base;
    let folded = 0;
    let busyMs = 0;
    const total = Math.max(0, target - base.seq);
    let sliceStart = performance.now();
    while (state.seq < target) {
      if (opts.signal?.aborted) break;
      busyMs += performance.now() - sliceStart;
      const events = await this.replica.events({ fromSeq: state.seq + 1, toSeq: target, limit: READ_CHUNK });
      sliceStart = performance.now();
      if (events.length === 0) break;
      for (let i = 0; i < events.length; i += CHECKPOINT_EVERY) {
        const part = events.slice(i, i + CHECKPOINT_EVERY);
        state = fold(part, state);
        folded += part.length;
        if (part.length === CHECKPOINT_EVERY || state.seq === target) this.remember(state);
        if (performance.now() - sliceStart > SLICE_MS) {
          opts.onProgress?.({ done: Math.min(total, state.seq - base.seq), total });
          busyMs += performance.now() - sliceStart;
          await yieldToLoop();
          sliceStart = performance.now();
          if (opts.signal?.aborted) break;
        }
      }
      if (events.length < READ_CHUNK) break;
    }
    opts.onProgress?.({ done: total, total });
    busyMs += performance.now() - sliceStart;
    return { state, folded, busyMs };
  }

  /** The seq of the last event at or before `time` (0 when the log starts later). */
  async seqAtTime(time: number): Promise<number> {
    // Within the index: a binary search (the index holds every event up to its last).
    if (this.times.length > 0 && time < this.times.times[this.times.length - 1]!) return this.times.seqAt(Math.floor(time));
    const [after] = await this.replica.events({ fromTime: Math.floor(time) + 1, limit: 1 });
    if (after) {
      const before = await this.previousEvent(after.seq);
      return before?.seq ?? 0;
    }
    return (await this.replica.extent())?.lastSeq ?? 0;
  }

  /** The first event after `seq`. */
  async nextEvent(seq: number): Promise<DomainEvent | undefined> {
    const [next] = await this.replica.events({ fromSeq: seq + 1, limit: 1 });
    return next;
  }

  /** The last event before `seq` (the replica may miss seqs the user may not see). */
  async previousEvent(seq: number): Promise<DomainEvent | undefined> {
    let span = 16;
    for (;;) {
      const from = Math.max(1, seq - span);
      const events = await this.replica.events({ fromSeq: from, toSeq: seq - 1 });
      if (events.length > 0) return events[events.length - 1];
      if (from === 1) return undefined;
      span *= 8;
    }
  }

  /** Events after `seq` up to and including `time`, at most `limit` (playback). */
  eventsUntil(seq: number, time: number, limit: number): Promise<DomainEvent[]> {
    return this.replica.events({ fromSeq: seq + 1, toTime: Math.floor(time), limit });
  }

  private checkpointAtOrBefore(seq: number): State {
    let best = this.checkpoints[0]!;
    for (const c of this.checkpoints) {
      if (c.seq > seq) break;
      best = c;
    }
    // The index's states: a binary search.
    const states = this.indexStates;
    let lo = 0;
    let hi = states.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (states[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    const indexed = seq >= this.indexHead.seq ? this.indexHead : states[lo - 1];
    return indexed && indexed.seq > best.seq ? indexed : best;
  }

  private remember(state: State): void {
    const list = this.checkpoints;
    let i = list.length;
    while (i > 0 && list[i - 1]!.seq > state.seq) i--;
    if (list[i - 1]?.seq === state.seq) return;
    list.splice(i, 0, state);
    // Drop the middle of the densest run, never the empty state.
    if (list.length > MAX_CHECKPOINTS) list.splice(1 + Math.floor(Math.random() * (list.length - 2)), 1);
  }
}
