/**
 * What the video wall shows, as pure functions of the live snapshot: the
 * newest 红/橙 (Extreme/Severe) alerts still standing, and the open incidents
 * most urgent first (level Ⅰ before Ⅳ, overdue before on time, then the most
 * recently changed).
 */
import type { Alert, AlertStatus, Incident, IncidentStatus } from '@shared/domain/model';

export const WALL_ROUTE = '#/wall';

/** Statuses in which an alert is still a live concern on the wall. */
const STANDING: ReadonlySet<AlertStatus> = new Set(['new', 'acknowledged']);
/** Incident statuses shown on the wall; resolved and closed ones have left the room's attention. */
const OPEN: ReadonlySet<IncidentStatus> = new Set(['open', 'responding', 'contained']);

export function isWallRoute(hash: string): boolean {
  return hash === WALL_ROUTE || hash.startsWith(`${WALL_ROUTE}?`) || hash.startsWith(`${WALL_ROUTE}/`);
}

/** The newest standing Extreme/Severe alerts, newest first (by their latest message). */
export function tickerAlerts(alerts: Iterable<Alert>, limit: number): Alert[] {
  const picked: Alert[] = [];
  for (const a of alerts) {
    if ((a.severity === 'Extreme' || a.severity === 'Severe') && STANDING.has(a.status)) picked.push(a);
  }
  picked.sort((a, b) => (b.updated ?? b.received) - (a.updated ?? a.received) || (a.id < b.id ? -1 : 1));
  return picked.slice(0, limit);
}

/** Open incidents (not merged away), most urgent first. */
export function wallIncidents(incidents: Iterable<Incident>, limit: number): Incident[] {
  const open: Incident[] = [];
  for (const i of incidents) if (OPEN.has(i.status) && !i.mergedInto) open.push(i);
  open.sort(
    (a, b) => a.level - b.level || Number(b.overdue) - Number(a.overdue) || b.updatedAt - a.updatedAt || a.no - b.no,
  );
  return open.slice(0, limit);
}

/** Counts for the wall's header: how much is open, how much is overdue. */
export function wallTotals(incidents: Iterable<Incident>): { open: number; overdue: number } {
  let open = 0;
  let overdue = 0;
  for (const i of incidents) {
    if (!OPEN.has(i.status) || i.mergedInto) continue;
    open++;
    if (i.overdue) overdue++;
  }
  return { open, overdue };
}
