/**
 * Filters shared by the board and the map (issue 5): an empty set means "all".
 * `matchesAlert` is the one definition both use, so they always agree.
 */
import type { Domain } from '@shared/domain/agencies';
import type { Alert, AlertStatus } from '@shared/domain/model';
import { prefectureOf } from '@shared/domain/regions';
import { warningLevelOf, type WarningLevel } from '@shared/domain/warningLevel';
import { smallStore, useSmallStore } from './smallStore';

export type LevelKey = WarningLevel | 'unknown';

export interface Filters {
  domains: ReadonlySet<Domain>;
  levels: ReadonlySet<LevelKey>;
  statuses: ReadonlySet<AlertStatus>;
  /** GB/T 2260 prefecture codes. */
  prefectures: ReadonlySet<string>;
  /** Free text, matched against headline, event, description, region name, attributes. */
  text: string;
}

/** By default the board shows what still needs attention. */
export const DEFAULT_FILTERS: Filters = {
  domains: new Set(),
  levels: new Set(),
  statuses: new Set<AlertStatus>(['new', 'acknowledged']),
  prefectures: new Set(),
  text: '',
};

export const filterStore = smallStore<Filters>(DEFAULT_FILTERS);
export const useFilters = (): Filters => useSmallStore(filterStore);

export function levelKeyOf(alert: Pick<Alert, 'severity'>): LevelKey {
  return warningLevelOf(alert.severity) ?? 'unknown';
}

// Filters are replaced, never changed, so the normalised search text can be kept per value:
// matchesAlert runs for every alert on each filter change and map update.
interface SearchText {
  /** Trimmed, lower case; '' when there is no text filter. */
  text: string;
  /** The text has no cased letter (Chinese, digits): a field holds it lower-cased or not alike. */
  caseless: boolean;
}
const searchText = new WeakMap<Filters, SearchText>();
function searchTextOf(f: Filters): SearchText {
  let s = searchText.get(f);
  if (s === undefined) {
    const text = f.text.trim().toLowerCase();
    searchText.set(f, (s = { text, caseless: text.toUpperCase() === text }));
  }
  return s;
}

/**
 * Whether one of the alert's texts holds the search text, field by field.
 * Joining every field into one lower-cased string per alert cost ~1 s of the
 * UI thread per 45 s of a 2,000-alerts/s load with a search typed (the
 * board's and the map's filters each ran it for every alert that changed);
 * a Chinese search now reads the fields as they are.
 */
function holdsText(alert: Alert, p: ReturnType<typeof prefectureOf>, s: SearchText): boolean {
  if (has(alert.headline, s) || has(alert.event, s) || (alert.description !== undefined && has(alert.description, s))) return true;
  if (p && (has(p.name.zh, s) || has(p.name.en, s))) return true;
  for (const key in alert.attributes) if (has(String(alert.attributes[key]), s)) return true;
  return false;
}

function has(field: string, s: SearchText): boolean {
  return (s.caseless ? field : field.toLowerCase()).includes(s.text);
}

export function matchesAlert(alert: Alert, f: Filters): boolean {
  if (f.domains.size > 0 && !f.domains.has(alert.domain)) return false;
  if (f.levels.size > 0 && !f.levels.has(levelKeyOf(alert))) return false;
  if (f.statuses.size > 0 && !f.statuses.has(alert.status)) return false;
  const p = f.prefectures.size > 0 || f.text ? prefectureOf(alert.region) : undefined;
  if (f.prefectures.size > 0 && (!p || !f.prefectures.has(p.code))) return false;
  if (!f.text) return true;
  const s = searchTextOf(f);
  return s.text === '' || holdsText(alert, p, s);
}
