/**
 * The "jump to" field: a Beijing time typed by hand. China keeps UTC+8 all
 * year (no daylight saving), so the conversion is a fixed offset. Pure.
 */
import { beijingDay } from '../board/format';

const BEIJING_OFFSET_MS = 8 * 3600_000;
const PATTERN = /^\s*(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[\sT]+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*$/;

export type ParsedTime = { ok: true; time: number } | { ok: false; reason: 'format' | 'range' };

/**
 * `2026-11-26 14:03:12`, `2026-11-26 14:03:12.455`, `14:03:12` or `14:03`
 * (a time alone is on the Beijing day of `reference`) → epoch ms.
 */
export function parseBeijingTime(text: string, reference: number): ParsedTime {
  const m = PATTERN.exec(text);
  if (!m) return { ok: false, reason: 'format' };
  const [, y, mo, d, h, mi, s, ms] = m;
  const [ry, rmo, rd] = beijingDay(reference).split('-').map(Number) as [number, number, number];
  const year = y ? Number(y) : ry;
  const month = mo ? Number(mo) : rmo;
  const day = d ? Number(d) : rd;
  const hour = Number(h);
  const minute = Number(mi);
  const second = s ? Number(s) : 0;
  const milli = ms ? Number(ms.padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'range' };
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  // Date.UTC rolls 2026-02-31 over into March: refuse instead.
  if (new Date(utc).getUTCDate() !== day) return { ok: false, reason: 'range' };
  return { ok: true, time: utc - BEIJING_OFFSET_MS };
}
