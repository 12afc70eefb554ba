/**
 * Folds one batch of events from the hub into the workstation's state, and
 * keeps what it cannot read.
 *
 * The hub checks every event before it seals it, so an event the
 * workstation refuses means the two disagree: a hub of a newer version
 * (an event type or field this build does not know), or a fault. Such an
 * event is not dropped: it comes back as `unreadable`, as it arrived and
 * with the reason, for the replica to keep beside the log and the UI to
 * show ("this workstation could not read N events; update it"). The rest of
 * the batch is folded as usual.
 *
 * An event that passes the check but makes the reducer throw is kept the
 * same way. `Folding` edits transients in place and never changes the state
 * it started from, so a throw leaves that state intact: the batch is folded
 * again from it without the event.
 */
import type { DomainEvent } from '@shared/domain/events';
import { Folding } from '@shared/domain/reduce';
import type { State } from '@shared/domain/state';
import { collectTouched, type Touched } from './delta';
import { parseEvent } from './eventCheck';
import { keysAfter, keysBefore } from './replicaKeys';

/** An event of a batch the workstation could not read or fold. */
export interface UnreadableEvent {
  /** Its seq when it has a usable one, else undefined. */
  seq: number | undefined;
  /** The batch's head seq when it arrived (to place an event with no usable seq). */
  head: number;
  /** The event as it arrived. */
  raw: unknown;
  /** Why: the first problem the check found, or what the reducer threw. */
  problem: string;
  /** When the workstation received it (epoch ms). */
  at: number;
}

export interface FoldedBatch {
  state: State;
  /** The events folded, in order (events at or below the state's seq are passed over). */
  fresh: DomainEvent[];
  /** The replica keys of each fresh event (`replicaKeys.ts`). */
  keys: string[][];
  unreadable: UnreadableEvent[];
}

/** How one event is folded (the reducer's `Folding.apply`; tests inject a fault here). */
export type FoldStep = (fold: Folding, event: DomainEvent) => State;
const foldStep: FoldStep = (fold, event) => fold.apply(event);

/**
 * Folds `raws` (one hub batch, in seq order) into `from`, adding what each
 * event changes to `touched` (a set: an event visited twice, when the batch
 * is folded again after a throw, adds nothing new).
 */
export function foldBatch(from: State, raws: readonly unknown[], head: number, touched: Touched, step: FoldStep = foldStep, now: number = Date.now()): FoldedBatch {
  const problems = new Map<number, string>();
  for (;;) {
    const fresh: DomainEvent[] = [];
    const keys: string[][] = [];
    // One fold per batch (`Folding`: transient maps, the working state changed
    // in place): read between events, never kept across them.
    const f = new Folding(from);
    let threw = false;
    for (let i = 0; i < raws.length; i++) {
      if (problems.has(i)) continue;
      const parsed = parseEvent(raws[i]);
      if (!parsed.success) {
        problems.set(i, parsed.problem);
        continue;
      }
      const e = parsed.data;
      if (e.seq <= f.current.seq) continue;
      collectTouched(e, f.current, touched);
      const pending = keysBefore(e, f.current);
      let after: State;
      try {
        after = step(f, e);
      } catch (err) {
        problems.set(i, `the reducer failed: ${err instanceof Error ? err.message : String(err)}`);
        threw = true;
        break;
      }
      keys.push(keysAfter(pending, after));
      fresh.push(e);
    }
    if (threw) continue;
    const unreadable = [...problems].map(([i, problem]): UnreadableEvent => ({ seq: usableSeq(raws[i]), head, raw: raws[i], problem, at: now }));
    return { state: f.finish(), fresh, keys, unreadable };
  }
}

function usableSeq(raw: unknown): number | undefined {
  const seq = typeof raw === 'object' && raw !== null ? (raw as { seq?: unknown }).seq : undefined;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
}
