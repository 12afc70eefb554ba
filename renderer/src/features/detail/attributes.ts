/**
 * Domain attributes as a readable table (pure). Known keys get a label from
 * `detail.attr.*`; a reading is shown with its unit; unknown keys are shown
 * as they came (they are data from a feed, rendered as text).
 */
import type { Attributes } from '@shared/domain/model';

/** Attribute keys with a human label in the i18n files (`detail.attr.<key>`). */
export const LABELLED_ATTRIBUTES = [
  'road', 'roadName', 'direction', 'stake', 'stakeEnd', 'lanesClosed', 'queueKm', 'speedLimitKmh', 'visibilityM', 'reason',
  'pollutant', 'reading', 'standard', 'timesStandard', 'aqi', 'section', 'fireSpots', 'satellite', 'benzene',
  'venue', 'crowdSize', 'policeUnits', 'deaths', 'injured', 'vehicles',
  'commodity', 'market', 'price', 'priceChangePercent', 'finding', 'batches', 'equipment', 'trapped', 'complaints', 'stockTons',
  'enterprise', 'hazardClass', 'gasPercent', 'workersUnderground', 'sensor', 'chemical', 'loadTons', 'leakTons', 'burnedAreaHa', 'firefighters',
  'responseLevel', 'unit', 'priceUnit',
] as const;
const LABELLED = new Set<string>(LABELLED_ATTRIBUTES);

/** Keys folded into another row's value. */
const FOLDED = new Set(['unit', 'priceUnit']);

export interface AttributeRow {
  key: string;
  /** i18n key of the label, or undefined to show the raw key. */
  labelKey?: string;
  value: string;
  /** `yes` / `no` for booleans, to translate. */
  booleanKey?: 'yes' | 'no';
}

function plain(v: string | number | boolean): string {
  return typeof v === 'number' ? String(Number.isInteger(v) ? v : Math.round(v * 1000) / 1000) : String(v);
}

export function attributeRows(attributes: Attributes): AttributeRow[] {
  const unit = typeof attributes['unit'] === 'string' ? attributes['unit'] : undefined;
  const priceUnit = typeof attributes['priceUnit'] === 'string' ? attributes['priceUnit'] : undefined;
  const rows: AttributeRow[] = [];
  const keys = Object.keys(attributes).sort((a, b) => {
    const ia = LABELLED_ATTRIBUTES.indexOf(a as (typeof LABELLED_ATTRIBUTES)[number]);
    const ib = LABELLED_ATTRIBUTES.indexOf(b as (typeof LABELLED_ATTRIBUTES)[number]);
    return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib) || a.localeCompare(b);
  });
  for (const key of keys) {
    if (FOLDED.has(key) && !(key === 'unit' && attributes['reading'] === undefined && attributes['standard'] === undefined)) continue;
    const raw = attributes[key]!;
    const row: AttributeRow = { key, value: plain(raw), ...(LABELLED.has(key) ? { labelKey: `detail.attr.${key}` } : {}) };
    if (typeof raw === 'boolean') row.booleanKey = raw ? 'yes' : 'no';
    if ((key === 'reading' || key === 'standard') && unit) row.value = `${plain(raw)} ${unit}`;
    if (key === 'price' && priceUnit) row.value = `${plain(raw)} ${priceUnit}`;
    if (key === 'priceChangePercent' && typeof raw === 'number') row.value = `${raw > 0 ? '+' : ''}${plain(raw)}%`;
    if (key === 'gasPercent' && typeof raw === 'number') row.value = `${plain(raw)}%`;
    rows.push(row);
  }
  return rows;
}
