/**
 * CAP dateTime checks.
 *
 * CAP 1.2 restricts xs:dateTime with the pattern
 * `\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d`: whole seconds and an
 * explicit numeric offset, never `Z`. (The `[-,+]` class in the schema also
 * matches a comma by accident; the xs:dateTime base type rejects it, and so
 * do we.) CAP 1.0/1.1 documents in the wild also use `Z` and fractional
 * seconds; those are accepted for old versions only, with a warning.
 *
 * Every message carries several dateTimes, so they are read by a
 * fixed-position scanner ({@link scanDateTime}) rather than a regular
 * expression with nine capture groups.
 */

import type { CapVersion } from './types';
import { xmlTrim } from './xml';

/** Result of checking one dateTime string. */
export type DateTimeCheck =
  | { ok: true; warning?: string }
  | { ok: false; reason: string };

/**
 * The fields of `YYYY-MM-DDThh:mm:ss(.f+)?(Z|±hh:mm)`, the lenient form (the
 * regular expression `^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$`).
 * CAP 1.2's own form is the one without fraction and without `Z`.
 */
export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fractional seconds were given. */
  fraction: boolean;
  /** `Z` instead of a numeric offset. */
  zulu: boolean;
  /** Signed offset in minutes (0 for `Z`). */
  offsetMinutes: number;
  /** Index of the zone (`Z` or the sign of `±hh:mm`) in the string. */
  zoneAt: number;
}

/** Two (or four) ASCII digits at `at`, or -1. */
function digits(s: string, at: number, count: 2 | 4): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Parse the lenient dateTime form exactly (no trimming); undefined when `s` is not in that form. */
export function scanDateTime(s: string): DateTimeParts | undefined {
  const n = s.length;
  if (n < 20) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (
    year < 0 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    s.charCodeAt(4) !== 0x2d || // -
    s.charCodeAt(7) !== 0x2d ||
    s.charCodeAt(10) !== 0x54 || // T
    s.charCodeAt(13) !== 0x3a || // :
    s.charCodeAt(16) !== 0x3a
  ) {
    return undefined;
  }
  let i = 19;
  let fraction = false;
  if (s.charCodeAt(i) === 0x2e) {
    // .\d+
    const start = ++i;
    while (i < n && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
    if (i === start) return undefined;
    fraction = true;
  }
  const zone = s.charCodeAt(i);
  if (zone === 0x5a && i === n - 1) {
    return { year, month, day, hour, minute, second, fraction, zulu: true, offsetMinutes: 0, zoneAt: i };
  }
  if ((zone === 0x2b || zone === 0x2d) && i === n - 6 && s.charCodeAt(i + 3) === 0x3a) {
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (oh < 0 || om < 0) return undefined;
    const offsetMinutes = (zone === 0x2d ? -1 : 1) * (oh * 60 + om);
    return { year, month, day, hour, minute, second, fraction, zulu: false, offsetMinutes, zoneAt: i };
  }
  return undefined;
}

/** Days in a month of the proleptic Gregorian calendar (year 0 is a leap year). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** What is out of range in a scanned dateTime; messages quote the digits as written. */
function rangeProblem(s: string, p: DateTimeParts): string | undefined {
  if (p.year === 0) return 'year 0000 does not exist in xs:dateTime';
  if (p.month < 1 || p.month > 12) return `month ${s.slice(5, 7)} is out of range`;
  if (p.day < 1 || p.day > daysInMonth(p.year, p.month)) return `day ${s.slice(8, 10)} does not exist in ${s.slice(0, 4)}-${s.slice(5, 7)}`;
  if (p.hour > 23) return `hour ${s.slice(11, 13)} is out of range`;
  if (p.minute > 59) return `minute ${s.slice(14, 16)} is out of range`;
  if (p.second > 59) return `second ${s.slice(17, 19)} is out of range`;
  if (!p.zulu) {
    const oh = digits(s, p.zoneAt + 1, 2);
    const om = digits(s, p.zoneAt + 4, 2);
    if (oh > 14 || om > 59 || (oh === 14 && om !== 0)) {
      return `UTC offset ${s.slice(p.zoneAt + 1, p.zoneAt + 3)}:${s.slice(p.zoneAt + 4, p.zoneAt + 6)} is out of range (max ±14:00)`;
    }
  }
  return undefined;
}

const EXPECTED = 'expected YYYY-MM-DDThh:mm:ss±hh:mm, e.g. 2003-06-17T14:57:00-07:00';

/** Check a CAP dateTime for the given document version. */
export function checkCapDateTime(value: string, version: CapVersion): DateTimeCheck {
  const p = scanDateTime(value);
  if (!p) {
    const hint = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?$/.test(value)
      ? ' (CAP requires an explicit UTC offset)'
      : '';
    return { ok: false, reason: `invalid dateTime "${truncate(value)}"${hint}: ${EXPECTED}` };
  }
  const problem = rangeProblem(value, p);
  if (problem) return { ok: false, reason: `invalid dateTime "${value}": ${problem}` };
  if (!p.zulu && !p.fraction) return { ok: true }; // the CAP 1.2 form
  if (version === '1.2') {
    return {
      ok: false,
      reason: p.zulu
        ? `invalid dateTime "${value}": CAP 1.2 does not allow "Z"; write the offset as +00:00`
        : `invalid dateTime "${value}": CAP 1.2 does not allow fractional seconds`,
    };
  }
  const what = [p.zulu ? '"Z" instead of +00:00' : '', p.fraction ? 'fractional seconds' : ''].filter(Boolean).join(' and ');
  return { ok: true, warning: `dateTime "${value}" uses ${what}; accepted for CAP ${version}, written as CAP 1.2 form when serialized` };
}

/**
 * Bring an accepted dateTime to the CAP 1.2 form: `Z` becomes `+00:00` and
 * fractional seconds are dropped (truncated). Strings that are not a
 * recognisable dateTime are returned unchanged.
 */
export function toCap12DateTime(value: string): string {
  const v = xmlTrim(value);
  const p = scanDateTime(v);
  if (!p) return value;
  if (!p.zulu && !p.fraction) return v;
  return `${v.slice(0, 19)}${p.zulu ? '+00:00' : v.slice(p.zoneAt)}`;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
