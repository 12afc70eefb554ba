/** Whether the incident view is expanded over the board's column (shell/Workspace reads it). */
import { smallStore, useSmallStore } from '../workspace/smallStore';

export const incidentWideStore = smallStore(false);
export const useIncidentWide = (): boolean => useSmallStore(incidentWideStore);
