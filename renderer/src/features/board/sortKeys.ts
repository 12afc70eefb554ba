/**
 * Numeric sort keys that agree with the board's orders (`ALERT_ORDER`), for
 * `sortByKey`: one pass computes a number per alert, the sort compares
 * numbers and asks the comparator only where two keys tie (same severity and
 * same received time: the id decides). A reset (a replay seek, the first
 * sync) sorts every alert the workstation holds.
 */
import type { Alert } from '@shared/domain/model';
import { SEVERITY_ORDER } from '@shared/domain/views';
import type { BoardSort } from './boardRows';
import type { SortKey } from './sortedView';

/** Severity rank × 2^45 − received is exact (below 2^53) while |received| < 2^45 ms (year 3084). */
const RANK_SCALE = 2 ** 45;

export const ALERT_KEY: Readonly<Record<BoardSort, SortKey<Alert>>> = {
  // Most severe first, then newest first. NaN (no exact key): the comparator decides.
  level: (a) => (Math.abs(a.received) < RANK_SCALE ? SEVERITY_ORDER[a.severity] * RANK_SCALE - a.received : NaN),
  // Newest first.
  time: (a) => -a.received,
};
