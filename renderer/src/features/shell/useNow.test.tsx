import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './useNow';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const renders: Record<string, number> = {};
function Show({ id }: { id: string }): React.JSX.Element {
  const now = useNow();
  renders[id] = (renders[id] ?? 0) + 1;
  return <span id={id}>{now.getTime()}</span>;
}
const shown = (id: string): number => Number(document.getElementById(id)?.textContent);

describe('useNow', () => {
  let root: Root;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T06:00:00.400Z'));
    root = createRoot(document.body.appendChild(document.createElement('div')));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks every user on the second boundary in one pass, and stops its timer with the last user', () => {
    act(() =>
      root.render(
        <>
          <Show id="a" />
          <Show id="b" />
        </>,
      ),
    );
    expect(shown('a')).toBe(Date.parse('2026-11-27T06:00:00.400Z'));
    // One timer for the page, however many users.
    expect(vi.getTimerCount()).toBe(1);
    const before = { ...renders };
    act(() => void vi.advanceTimersByTime(600));
    expect(shown('a')).toBe(Date.parse('2026-11-27T06:00:01.000Z'));
    expect(shown('b')).toBe(shown('a'));
    expect(renders['a']).toBe(before['a']! + 1);
    expect(renders['b']).toBe(before['b']! + 1);
    act(() => void vi.advanceTimersByTime(1000));
    expect(shown('b')).toBe(Date.parse('2026-11-27T06:00:02.000Z'));
    act(() => root.unmount());
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a first user after a pause starts from the present, not from the last tick', () => {
    act(() => root.render(<Show id="c" />));
    act(() => root.unmount());
    vi.setSystemTime(new Date('2026-11-27T07:30:00.250Z'));
    const again = createRoot(document.body.appendChild(document.createElement('div')));
    act(() => again.render(<Show id="d" />));
    expect(shown('d')).toBe(Date.parse('2026-11-27T07:30:00.250Z'));
    act(() => again.unmount());
  });
});
