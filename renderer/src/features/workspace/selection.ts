/** What the operator has selected; the board, the map and the detail panel follow it. */
import { smallStore, useSmallStore } from './smallStore';

export type Selection = { kind: 'alert' | 'incident'; id: string } | null;

export const selectionStore = smallStore<Selection>(null);
export const useSelection = (): Selection => useSmallStore(selectionStore);

export function select(selection: Selection): void {
  selectionStore.set((prev) => (prev?.kind === selection?.kind && prev?.id === selection?.id ? prev : selection));
}
