import { useCallback, useEffect, useState } from 'react';
import type { ExportOutcome } from './exports';

export type ExportState = { kind: 'idle' } | { kind: 'working' } | ExportOutcome;

/** A success or a cancel is said for this long; a failure stays until the next export. */
const SHOWN_MS = 10_000;

/** Runs one export at a time and keeps its outcome for the UI to show. */
export function useExport(): [ExportState, (run: () => Promise<ExportOutcome | null>) => Promise<void>] {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  /** `run` resolving to null leaves nothing to report (the browser's print dialog took over). */
  const start = useCallback(async (run: () => Promise<ExportOutcome | null>) => {
    setState({ kind: 'working' });
    setState((await run()) ?? { kind: 'idle' });
  }, []);
  useEffect(() => {
    if (state.kind !== 'saved' && state.kind !== 'cancelled') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [state]);
  return [state, start];
}
