/**
 * Board UI state shared by its parts (list, bulk bar, header tools): the
 * multi-selection and the dismiss picker. Plain stores, so the keyboard
 * handler and the buttons act on the same thing.
 */
import { smallStore, useSmallStore } from '../workspace/smallStore';

/** Alert ids ticked for a bulk action (x / checkboxes). */
export const checkedStore = smallStore<ReadonlySet<string>>(new Set());
export const useChecked = (): ReadonlySet<string> => useSmallStore(checkedStore);

export function toggleChecked(id: string): void {
  checkedStore.set((prev) => {
    const next = new Set(prev);
    if (!next.delete(id)) next.add(id);
    return next;
  });
}

export function clearChecked(): void {
  checkedStore.set((prev) => (prev.size === 0 ? prev : new Set()));
}

/** Where the cursor row last was in the list, so `j` continues from there when the row leaves the list. */
export const cursorMemory: { id: string | null; index: number } = { id: null, index: 0 };

/** The dismiss picker: which alerts it would dismiss, or null when closed. */
export const dismissTargetsStore = smallStore<readonly string[] | null>(null);
export const useDismissTargets = (): readonly string[] | null => useSmallStore(dismissTargetsStore);

/** Moves keyboard focus to the board list (after an overlay closes, or Esc in the detail panel). */
export function focusBoard(): void {
  document.getElementById('board-list')?.focus({ preventScroll: true });
}

export function focusSearch(): void {
  const input = document.getElementById('board-search') as HTMLInputElement | null;
  input?.focus();
  input?.select();
}
