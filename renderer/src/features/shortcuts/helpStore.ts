/** Whether the shortcut help overlay is open (`?` toggles it from anywhere). */
import { smallStore, useSmallStore } from '../workspace/smallStore';

export const helpOpenStore = smallStore(false);
export const useHelpOpen = (): boolean => useSmallStore(helpOpenStore);
