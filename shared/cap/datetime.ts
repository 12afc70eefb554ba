/**
 * CAP dateTime checks.
 *
 * CAP 1.2 restricts xs:dateTime with the pattern
 * `\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d`: whole seconds and an
 * explicit numeric offset, never `Z`. (The `[-,+]` class in the schema also
 * matches a comma by accident; the xs:dateTime base type rejects it, and so
 * do we.) CAP 1.0/1.1 documents in the wild also use `Z` and fractional
 * seconds; those are accepted for old versions only, with a warning.
 */

import type { CapVersion } from './types';
import { xmlTrim } from './xml';

const CAP12 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;
const LENIENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Result of checking one dateTime string. */
export type DateTimeCheck =
  | { ok: true; warning?: string }
  | { ok: false; reason: string };

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function rangeProblem(y: string, mo: string, d: string, h: string, mi: string, s: string, oh?: string, om?: string): string | undefined {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year === 0) return 'year 0000 does not exist in xs:dateTime';
  if (month < 1 || month > 12) return `month ${mo} is out of range`;
  if (day < 1 || day > daysInMonth(year, month)) return `day ${d} does not exist in ${y}-${mo}`;
  if (Number(h) > 23) return `hour ${h} is out of range`;
  if (Number(mi) > 59) return `minute ${mi} is out of range`;
  if (Number(s) > 59) return `second ${s} is out of range`;
  if (oh !== undefined && om !== undefined) {
    if (Number(oh) > 14 || Number(om) > 59 || (Number(oh) === 14 && Number(om) !== 0)) {
      return `UTC offset ${oh}:${om} is out of range (max ±14:00)`;
    }
  }
  return undefined;
}

const EXPECTED = 'expected YYYY-MM-DDThh:mm:ss±hh:mm, e.g. 2003-06-17T14:57:00-07:00';

/** Check a CAP dateTime for the given document version. */
export function checkCapDateTime(value: string, version: CapVersion): DateTimeCheck {
  const m = CAP12.exec(value);
  if (m) {
    const problem = rangeProblem(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!);
    return problem ? { ok: false, reason: `invalid dateTime "${value}": ${problem}` } : { ok: true };
  }
  const l = LENIENT.exec(value);
  if (!l) {
    const hint = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?$/.test(value)
      ? ' (CAP requires an explicit UTC offset)'
      : '';
    return { ok: false, reason: `invalid dateTime "${truncate(value)}"${hint}: ${EXPECTED}` };
  }
  const problem = rangeProblem(l[1]!, l[2]!, l[3]!, l[4]!, l[5]!, l[6]!, l[10], l[11]);
  if (problem) return { ok: false, reason: `invalid dateTime "${value}": ${problem}` };
  const usesZ = l[8] === 'Z';
  const fraction = l[7] !== undefined;
  if (version === '1.2') {
    return {
      ok: false,
      reason: usesZ
        ? `invalid dateTime "${value}": CAP 1.2 does not allow "Z"; write the offset as +00:00`
        : `invalid dateTime "${value}": CAP 1.2 does not allow fractional seconds`,
    };
  }
  const what = [usesZ ? '"Z" instead of +00:00' : '', fraction ? 'fractional seconds' : ''].filter(Boolean).join(' and ');
  return { ok: true, warning: `dateTime "${value}" uses ${what}; accepted for CAP ${version}, written as CAP 1.2 form when serialized` };
}

/**
 * Bring an accepted dateTime to the CAP 1.2 form: `Z` becomes `+00:00` and
 * fractional seconds are dropped (truncated). Strings that are not a
 * recognisable dateTime are returned unchanged.
 */
export function toCap12DateTime(value: string): string {
  const v = xmlTrim(value);
  if (CAP12.test(v)) return v;
  const l = LENIENT.exec(v);
  if (!l) return value;
  const offset = l[8] === 'Z' ? '+00:00' : l[8]!;
  return `${l[1]}-${l[2]}-${l[3]}T${l[4]}:${l[5]}:${l[6]}${offset}`;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
