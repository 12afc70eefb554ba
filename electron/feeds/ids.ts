/**
 * Alert identifiers of the demo feeds. They must stay unique per feed across
 * process restarts, with or without a data dir, because the hub dedupes by
 * `feed:id`: a restarted feed that reused `TR-20261126-000123` would see its
 * new alerts folded into old ones as repeats. So every id carries a boot tag
 * (the process start time in base 36) besides its running number.
 */
import { formatCapDateTime } from '@shared/cap/fromDomain';
import type { Domain } from '@shared/domain/agencies';

/** Id prefix of each domain's routine alerts. */
export const ID_PREFIX: Readonly<Record<Domain, string>> = {
  traffic: 'TR',
  safety: 'SF',
  market: 'MK',
  security: 'SC',
  ecology: 'EC',
};

/** A short tag that differs between process starts: seconds since 1970 in base 36, e.g. `T5K2QX`. */
export function newBootTag(now = Date.now()): string {
  return Math.floor(now / 1000).toString(36).toUpperCase();
}

/** Beijing calendar date of `ms` as `YYYYMMDD`. */
export function beijingDate(ms: number): string {
  const s = formatCapDateTime(ms);
  return s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10);
}

/** A routine alert id, e.g. `TR-20261126-T5K2QX-000123`. */
export function routineId(prefix: string, ms: number, bootTag: string, serial: number): string {
  return `${prefix}-${beijingDate(ms)}-${bootTag}-${String(serial).padStart(6, '0')}`;
}
