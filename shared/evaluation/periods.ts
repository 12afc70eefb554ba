/**
 * Time ranges of the evaluation dashboard. Days are Beijing days (UTC+8, no
 * daylight saving): "today" starts at 00:00 北京时间. Ranges are half-open
 * [from, to) in epoch ms.
 */
export interface TimeRange {
  from: number;
  to: number;
}

export const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export const RANGE_PRESETS = ['today', '7d', '30d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** 00:00 Beijing time of the day `t` falls in. */
export function beijingDayStart(t: number): number {
  return Math.floor((t + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
}

/** Today, or the last 7 / 30 Beijing days including today, up to `now` (exclusive end just after it). */
export function presetRange(preset: RangePreset, now: number): TimeRange {
  const days = preset === 'today' ? 1 : preset === '7d' ? 7 : 30;
  return { from: beijingDayStart(now) - (days - 1) * DAY_MS, to: now + 1 };
}

/** A custom range of whole Beijing days, `YYYY-MM-DD` to `YYYY-MM-DD` inclusive; null when unreadable or reversed. */
export function customRange(fromDate: string, toDate: string): TimeRange | null {
  const parse = (d: string): number | null => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (!m) return null;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - BEIJING_OFFSET_MS;
    return Number.isFinite(t) && new Date(t + BEIJING_OFFSET_MS).getUTCDate() === Number(m[3]) ? t : null;
  };
  const from = parse(fromDate);
  const last = parse(toDate);
  if (from === null || last === null || last < from) return null;
  return { from, to: last + DAY_MS };
}

/** The period of the same length just before `range`: what the trend arrows compare against. */
export function previousPeriod(range: TimeRange): TimeRange {
  return { from: range.from - (range.to - range.from), to: range.from };
}

/** `YYYY-MM-DD` of the Beijing day of `t`. */
export function beijingDate(t: number): string {
  return new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Chart bucket for a range: hours up to seven days (168 bars), days beyond. */
export function bucketFor(range: TimeRange): number {
  return range.to - range.from <= 7 * DAY_MS + 1 ? 3_600_000 : DAY_MS;
}
