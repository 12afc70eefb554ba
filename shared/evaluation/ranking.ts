/**
 * The ranking of agencies on the evaluation dashboard and the trend arrows
 * against the comparison period.
 */
import type { AgencyId } from '../domain/agencies';
import type { AgencyIndicators } from './indicators';

/**
 * Agencies best first: by response compliance (alert and request deadlines
 * met, `responseCompliance`), then by fewer escalations, then by the shorter
 * p90 time to acknowledge. An agency with nothing due ranks after every
 * agency that had something due.
 */
export function rankAgencies(rows: readonly AgencyIndicators[]): AgencyIndicators[] {
  const key = (r: AgencyIndicators): number => r.responseCompliance ?? -1;
  return [...rows].sort(
    (a, b) => key(b) - key(a) || a.escalations - b.escalations || (a.p90AckMs ?? Infinity) - (b.p90AckMs ?? Infinity) || a.agency.localeCompare(b.agency),
  );
}

export type Trend = 'better' | 'worse' | 'same' | 'none';

/**
 * How a value moved from the previous period: `none` when either side is
 * missing; changes smaller than `tolerance` (same unit as the values) are
 * `same`.
 */
export function trendOf(current: number | null, previous: number | null, higherIsBetter: boolean, tolerance = 0): Trend {
  if (current === null || previous === null) return 'none';
  const delta = current - previous;
  if (Math.abs(delta) <= tolerance) return 'same';
  return delta > 0 === higherIsBetter ? 'better' : 'worse';
}

/** Position of each agency in a ranking, 1-based. */
export function ranksOf(ranked: readonly AgencyIndicators[]): Map<AgencyId, number> {
  return new Map(ranked.map((r, i) => [r.agency, i + 1]));
}
