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
const searchText = new WeakMap<Filters, string>();
function searchTextOf(f: Filters): string {
  let text = searchText.get(f);
  if (text === undefined) searchText.set(f, (text = f.text.trim().toLowerCase()));
  return text;
}

export function matchesAlert(alert: Alert, f: Filters): boolean {
  if (f.domains.size > 0 && !f.domains.has(alert.domain)) return false;
  if (f.levels.size > 0 && !f.levels.has(levelKeyOf(alert))) return false;
  if (f.statuses.size > 0 && !f.statuses.has(alert.status)) return false;
  const p = f.prefectures.size > 0 || f.text ? prefectureOf(alert.region) : undefined;
  if (f.prefectures.size > 0 && (!p || !f.prefectures.has(p.code))) return false;
  const text = searchTextOf(f);
  if (text) {
    const hay = [alert.headline, alert.event, alert.description ?? '', p?.name.zh ?? '', p?.name.en ?? '', ...Object.values(alert.attributes).map(String)]
      .join('\n')
      .toLowerCase();
    if (!hay.includes(text)) return false;
  }
  return true;
}
