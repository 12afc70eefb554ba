import { useEffect, useRef, useState } from 'react';

/**
 * A small popover's open state: it closes on a mouse press outside the
 * element `ref` is attached to, and on Escape. Returns `[open, setOpen, ref]`.
 */
export function usePopover<E extends HTMLElement = HTMLDivElement>(): [boolean, (open: boolean) => void, React.RefObject<E | null>] {
  const [open, setOpen] = useState(false);
  const ref = useRef<E>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent): void => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return [open, setOpen, ref];
}
