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

  constructor(
    private readonly replica: ReplicaReader,
    private readonly snapshots?: () => Promise<SnapshotSource | undefined>,
  ) {}

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
    const paged = target - base.seq > RESTORE_GAIN ? await this.snapshots?.() : undefined;
    const pagedSeq = paged ? await paged.seqAtOrBefore(target) : undefined;
    if (paged && pagedSeq !== undefined) {
      const restored = pagedSeq > base.seq + RESTORE_GAIN ? await paged.stateAtOrBefore(target) : undefined;
      if (restored) {
        base = restored.state;
        kind = 'snapshot';
        this.remember(base);
      }
    } else if (target - base.seq > CHECKPOINT_EVERY) {
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
    const { state, folded } = await this.foldForward(base, target, opts);
    performance.measure('longwatch replay: fold', { start: foldStart, end: performance.now() });
    return { state, base: kind, folded };
  }

  /** Folds the events after `base.seq` up to `target` in chunks, keeping checkpoints. */
  private async foldForward(base: State, target: number, opts: SeekOptions): Promise<{ state: State; folded: number }> {
    let state = base;
    let folded = 0;
    const total = Math.max(0, target - base.seq);
    let sliceStart = performance.now();
    while (state.seq < target) {
      if (opts.signal?.aborted) break;
      const events = await this.replica.events({ fromSeq: state.seq + 1, toSeq: target, limit: READ_CHUNK });
      if (events.length === 0) break;
      for (let i = 0; i < events.length; i += CHECKPOINT_EVERY) {
        const part = events.slice(i, i + CHECKPOINT_EVERY);
        state = fold(part, state);
        folded += part.length;
        if (part.length === CHECKPOINT_EVERY || state.seq === target) this.remember(state);
        if (performance.now() - sliceStart > SLICE_MS) {
          opts.onProgress?.({ done: Math.min(total, state.seq - base.seq), total });
          await yieldToLoop();
          sliceStart = performance.now();
          if (opts.signal?.aborted) break;
        }
      }
      if (events.length < READ_CHUNK) break;
    }
    opts.onProgress?.({ done: total, total });
    return { state, folded };
  }

  /** The seq of the last event at or before `time` (0 when the log starts later). */
  async seqAtTime(time: number): Promise<number> {
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
    return best;
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
