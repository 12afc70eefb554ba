/**
 * The board's keyboard (pure): which key means what. The list of shortcuts
 * shown by `?` (features/shortcuts) describes the same table.
 */
export type BoardAction =
  | { type: 'move'; delta: number }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'open' }
  | { type: 'acknowledge' }
  | { type: 'bulkAcknowledge' }
  | { type: 'dismiss' }
  | { type: 'toggleSelect' }
  | { type: 'search' }
  | { type: 'help' }
  | { type: 'escape' };

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** Keys that work wherever focus is (outside text fields). */
export function globalActionForKey(e: KeyLike): BoardAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === '?') return { type: 'help' };
  if (e.key === '/') return { type: 'search' };
  return null;
}

/** Keys of the board itself (the list has focus, or nothing has). */
export function boardActionForKey(e: KeyLike): BoardAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'move', delta: 1 };
    case 'k':
    case 'ArrowUp':
      return { type: 'move', delta: -1 };
    case 'PageDown':
      return { type: 'move', delta: 10 };
    case 'PageUp':
      return { type: 'move', delta: -10 };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'Enter':
      return { type: 'open' };
    case 'a':
      return { type: 'acknowledge' };
    case 'A':
      return { type: 'bulkAcknowledge' };
    case 'd':
      return { type: 'dismiss' };
    case 'x':
      return { type: 'toggleSelect' };
    case 'Escape':
      return { type: 'escape' };
    default:
      return globalActionForKey(e);
  }
}

/** Whether a key event comes from somewhere the user types (then shortcuts stay out of the way). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return el.isContentEditable;
}

/** Disposition keys in the dismiss picker. */
export const DISPOSITION_KEYS = { '1': 'relevant', '2': 'duplicate', '3': 'false-positive' } as const;
