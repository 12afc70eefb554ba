/**
 * Which rows of a list of equal-height rows are on screen (plus `overscan`
 * above and below): the board's alert list, whose rows are all `ROW_HEIGHT`.
 * Arithmetic on the scroll position, nothing per row: the general-purpose
 * virtualiser this replaced (@tanstack/react-virtual) rebuilt a measurement
 * object for every row whenever the list changed — 60–70k of them for every
 * replay seek and playback tick at 1M events (44–70 ms of the UI thread a
 * seek, and their garbage).
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface FixedRows {
  /** Height of the whole list (px). */
  totalSize: number;
  /** Indexes of the rows to render, in order. */
  indexes: number[];
  /** Scrolls as little as needed to show row `index` whole. */
  scrollToIndex(index: number): void;
}

/** The rows of a list of `count` rows of `rowHeight` px in the scroll element `scrollRef`. */
export function useFixedRows(count: number, rowHeight: number, overscan: number, scrollRef: RefObject<HTMLElement | null>): FixedRows {
  const [view, setView] = useState({ top: 0, height: 0 });
  const attached = useRef<HTMLElement | null>(null);
  const detach = useRef<(() => void) | null>(null);
  // Every commit: the scroll element may appear, change or go (it is the list's own, rendered by the caller).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === attached.current) return;
    detach.current?.();
    attached.current = el;
    detach.current = null;
    if (!el) return;
    const read = (): void => setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    read();
    el.addEventListener('scroll', read, { passive: true });
    // The viewport's height changes with the window and the panes (not in every test environment).
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    resize?.observe(el);
    detach.current = () => {
      el.removeEventListener('scroll', read);
      resize?.disconnect();
    };
  });
  useLayoutEffect(
    () => () => {
      detach.current?.();
      detach.current = null;
      attached.current = null;
    },
    [],
  );

  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  const indexes: number[] = [];
  for (let i = first; i < last; i++) indexes.push(i);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = index * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
    [rowHeight, scrollRef],
  );
  return { totalSize: count * rowHeight, indexes, scrollToIndex };
}
