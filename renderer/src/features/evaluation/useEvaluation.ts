/**
 * Loads the range (and the comparison period) from the local replica and
 * computes the indicators. The events come from the ingest worker, which
 * reads IndexedDB; the indicators are computed here on the UI thread: one
 * typed-array pass, ~1 µs per event (bench/evaluation.bench.ts), so a demo
 * day is a few milliseconds. `computeMs` is shown on the page
 * (`data-compute-ms`) so a slow range is visible rather than guessed.
 */
import { useEffect, useRef, useState } from 'react';
import { buildLedger, indicatorsOf, previousPeriod, bucketFor, type Indicators, type Ledger, type TimeRange } from '@shared/evaluation';
import type { LiveStore } from '../../live/types';

export type EvaluationState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      range: TimeRange;
      current: Indicators;
      /** The ledger of the current range, kept for drill-downs. */
      ledger: Ledger;
      previous: Indicators | null;
      events: number;
      loadMs: number;
      computeMs: number;
      /** Replica head when loaded. */
      seq: number;
    };

async function load(store: LiveStore, range: TimeRange, compare: boolean): Promise<EvaluationState> {
  const t0 = performance.now();
  const prevRange = previousPeriod(range);
  // ReplicaQuery's time bounds are inclusive; ranges are half-open.
  const [events, prevEvents] = await Promise.all([
    store.replica.events({ fromTime: range.from, toTime: range.to - 1 }),
    compare ? store.replica.events({ fromTime: prevRange.from, toTime: prevRange.to - 1 }) : Promise.resolve(null),
  ]);
  const t1 = performance.now();
  const bucketMs = bucketFor(range);
  const ledger = buildLedger(events, range);
  const current = indicatorsOf(ledger, bucketMs);
  const previous = prevEvents ? indicatorsOf(buildLedger(prevEvents, prevRange), bucketMs) : null;
  const t2 = performance.now();
  return {
    status: 'ready',
    range,
    current,
    ledger,
    previous,
    events: events.length + (prevEvents?.length ?? 0),
    loadMs: Math.round(t1 - t0),
    computeMs: Math.round(t2 - t1),
    seq: store.getSnapshot().connection.replicaSeq,
  };
}

/** Indicators of `range` (and the period before it when `compare`), recomputed whenever the range changes. */
export function useEvaluation(store: LiveStore, range: TimeRange, compare: boolean): EvaluationState {
  const [state, setState] = useState<EvaluationState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    load(store, range, compare).then(
      (s) => {
        if (!cancelled) setState(s);
      },
      (e: unknown) => {
        if (!cancelled) setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [store, range, compare]);
  return state;
}

/**
 * Calls `onChange` at most every `everyMs` while new events reach the
 * replica, so a range ending "now" follows the live log without
 * recomputing on every batch.
 */
export function useReplicaFollow(store: LiveStore, everyMs: number, onChange: () => void): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    let seen = store.getSnapshot().connection.replicaSeq;
    const timer = window.setInterval(() => {
      const seq = store.getSnapshot().connection.replicaSeq;
      if (seq !== seen) {
        seen = seq;
        callback.current();
      }
    }, everyMs);
    return () => window.clearInterval(timer);
  }, [store, everyMs]);
}
