import { act, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { useFixedRows, type FixedRows } from './fixedRows';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let rows: FixedRows | null = null;
function List({ count }: { count: number }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  rows = useFixedRows(count, 48, 2, ref);
  return (
    <div ref={ref} id="list">
      <div style={{ height: rows.totalSize }} />
    </div>
  );
}

describe('useFixedRows', () => {
  it('renders the rows on screen and the overscan, follows scrolling, and scrolls a row into view as little as needed', () => {
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    act(() => root.render(<List count={70_000} />));
    const el = document.getElementById('list')!;
    // A 480 px viewport (happy-dom lays nothing out: the height is set by hand, then a scroll reads it).
    Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => 480 });
    act(() => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
    });
    expect(rows!.totalSize).toBe(70_000 * 48);
    expect(rows!.indexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    act(() => {
      el.scrollTop = 48 * 1000 + 10;
      el.dispatchEvent(new Event('scroll'));
    });
    expect(rows!.indexes[0]).toBe(998);
    expect(rows!.indexes.at(-1)).toBe(1012);
    // Below the view: scrolled until its bottom edge shows; above it: until its top does; inside it: not at all.
    act(() => rows!.scrollToIndex(2000));
    expect(el.scrollTop).toBe(2001 * 48 - 480);
    act(() => rows!.scrollToIndex(5));
    expect(el.scrollTop).toBe(5 * 48);
    act(() => rows!.scrollToIndex(8));
    expect(el.scrollTop).toBe(5 * 48);
    // A shorter list (a replay seek to an earlier moment): never a row past its end.
    act(() => root.render(<List count={3} />));
    act(() => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
    });
    expect(rows!.indexes).toEqual([0, 1, 2]);
    act(() => root.unmount());
  });
});
