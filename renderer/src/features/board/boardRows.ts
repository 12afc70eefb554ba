/**
 * What the board lists and in which order (pure). Alerts use the shared
 * `matchesAlert`, so the board and the map always agree; incidents use the
 * same filters where they make sense (domain, level, prefecture, text).
 */
import type { Alert, Incident, IncidentLevel } from '@shared/domain/model';
import { prefectureOf } from '@shared/domain/regions';
import { compareAlerts } from '@shared/domain/views';
import type { WarningLevel } from '@shared/domain/warningLevel';
import type { Filters } from '../workspace/filters';
import type { Compare } from './sortedView';

export const BOARD_SORTS = ['level', 'time'] as const;
/** `level`: most severe first, then newest (the default); `time`: newest first. */
export type BoardSort = (typeof BOARD_SORTS)[number];

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Total orders (ties broken on the id), as `SortedView` needs. */
export const ALERT_ORDER: Readonly<Record<BoardSort, Compare<Alert>>> = {
  level: (a, b) => compareAlerts(a, b) || byId(a, b),
  time: (a, b) => b.received - a.received || byId(a, b),
};

/** Incident levels Ⅰ…Ⅳ wear the four warning colours (Ⅰ 特别重大 = red). */
export const INCIDENT_LEVEL_COLOR: Readonly<Record<IncidentLevel, WarningLevel>> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'blue' };

/** Whether an incident is still on the board (closed and merged-away ones are not). */
export function isBoardIncident(incident: Incident): boolean {
  return incident.status !== 'closed' && incident.mergedInto === undefined;
}

export function matchesIncident(incident: Incident, f: Filters): boolean {
  if (!isBoardIncident(incident)) return false;
  if (f.domains.size > 0 && !incident.domains.some((d) => f.domains.has(d))) return false;
  if (f.levels.size > 0 && !f.levels.has(INCIDENT_LEVEL_COLOR[incident.level])) return false;
  if (f.prefectures.size > 0) {
    const p = prefectureOf(incident.region);
    if (!p || !f.prefectures.has(p.code)) return false;
  }
  const text = f.text.trim().toLowerCase();
  if (text) {
    const p = prefectureOf(incident.region);
    const hay = [incident.title, `#${incident.no}`, p?.name.zh ?? '', p?.name.en ?? ''].join('\n').toLowerCase();
    if (!hay.includes(text)) return false;
  }
  return true;
}

/** Most severe level first, overdue before on time, then most recently active. */
export function compareIncidents(a: Incident, b: Incident): number {
  return a.level - b.level || Number(b.overdue) - Number(a.overdue) || b.updatedAt - a.updatedAt || byId(a, b);
}

export function boardIncidents(incidents: Iterable<Incident>, f: Filters): Incident[] {
  const out: Incident[] = [];
  for (const i of incidents) if (matchesIncident(i, f)) out.push(i);
  return out.sort(compareIncidents);
}

/**
 * The next cursor id after moving `delta` rows from `current` (clamped). From
 * nothing, `j` lands on the first row. When the cursor row has just left the
 * list (dismissed under an "in play" filter), `lastIndex` is where it was:
 * `j` takes the row that moved into its place, `k` the one above.
 */
export function nextCursor(rows: readonly { readonly id: string }[], current: string | null, delta: number, lastIndex?: number): string | null {
  if (rows.length === 0) return null;
  const clamp = (i: number): string => rows[Math.min(rows.length - 1, Math.max(0, i))]!.id;
  // The cursor is usually where it was last time: look there before scanning.
  const guess = lastIndex !== undefined && rows[lastIndex]?.id === current ? lastIndex : -1;
  const at = current === null ? -1 : guess >= 0 ? guess : rows.findIndex((r) => r.id === current);
  if (at >= 0) return clamp(at + delta);
  if (current !== null && lastIndex !== undefined) return clamp(delta > 0 ? lastIndex + delta - 1 : lastIndex + delta);
  return delta >= 0 ? rows[0]!.id : rows[rows.length - 1]!.id;
}
