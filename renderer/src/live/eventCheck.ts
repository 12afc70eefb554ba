/**
 * A fast acceptance check for events from the hub, compiled once from the
 * very zod schemas (`domainEventSchema`) into plain closures: no `eval` (the
 * app's CSP forbids it, so zod's own JIT is off in the worker), no copy of
 * the event, no issue objects. It answers one question: does zod accept
 * this value and give back a value equal to it? Only a yes is trusted; on
 * no (a malformed event, an unknown key zod would strip, a default zod
 * would fill, a schema part this compiler does not know) the caller runs
 * zod itself, which gives the clear error or the normalised value. So the
 * fast path never accepts what zod refuses, and never loses what zod keeps.
 *
 * Supported schema parts: object (no catchall), string, number, boolean,
 * enum, literal, optional, default (when the value is present), array,
 * tuple (no rest), union, record with string keys, pipe; checks min/max
 * length, regex format, safe-int format, bounds, and `refine` functions
 * (called as zod calls them). Anything else makes its event type go to zod.
 *
 * Measured in the ingest worker's CPU profile of `npm run bench -- client`:
 * zod's `safeParse` took ~72 µs per hub event (2.4 s of a 32.9k-event sync).
 */
import type { z } from 'zod';
import { domainEventSchema } from '@shared/domain/events';

type Check = (v: unknown) => boolean;

/** The parts of zod 4's internal definitions this compiler reads. */
interface Def {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  element?: Schema;
  items?: Schema[];
  rest?: Schema | null;
  options?: Schema[];
  keyType?: Schema;
  valueType?: Schema;
  in?: Schema;
  out?: Schema;
  entries?: Record<string, unknown>;
  values?: unknown[];
  discriminator?: string;
}
interface CheckDef {
  check: string;
  type?: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
  fn?: (v: unknown) => unknown;
  when?: (payload: { value: unknown; issues: unknown[] }) => boolean;
  abort?: boolean;
}
interface Schema {
  _zod: { def: Def };
}

/** Thrown while compiling: this schema part has no fast check. */
class Unsupported extends Error {}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether a check's `when` is zod's "the value has a length" guard, which
 * always holds for a value already known to be a string or an array.
 */
function isLengthGuard(when: NonNullable<CheckDef['when']>): boolean {
  const holds = (value: unknown): boolean => when({ value, issues: [] });
  return holds('') && holds('abc') && holds([]) && holds([1]) && !holds(undefined) && !holds(null) && !holds(1);
}

/** `lengthy`: the value has passed a string or array type check. */
function compileCheck(def: CheckDef, lengthy: boolean): Check {
  const when = def.when && !(lengthy && isLengthGuard(def.when)) ? def.when : undefined;
  const guarded = (c: Check): Check => (when ? (v) => !when({ value: v, issues: [] }) || c(v) : c);
  switch (def.check) {
    case 'min_length': {
      const min = def.minimum!;
      return guarded((v) => (v as { length: number }).length >= min);
    }
    case 'max_length': {
      const max = def.maximum!;
      return guarded((v) => (v as { length: number }).length <= max);
    }
    case 'length_equals': {
      const n = def.length!;
      return guarded((v) => (v as { length: number }).length === n);
    }
    case 'greater_than': {
      const x = def.value!;
      return guarded(def.inclusive ? (v) => (v as number) >= x : (v) => (v as number) > x);
    }
    case 'less_than': {
      const x = def.value!;
      return guarded(def.inclusive ? (v) => (v as number) <= x : (v) => (v as number) < x);
    }
    case 'number_format':
      if (def.format !== 'safeint') throw new Unsupported(`number format ${def.format}`);
      return guarded((v) => Number.isSafeInteger(v));
    case 'string_format': {
      if (def.format !== 'regex' || !(def.pattern instanceof RegExp)) throw new Unsupported(`string format ${def.format}`);
      const pattern = def.pattern;
      return guarded((v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string);
      });
    }
    case 'custom': {
      // `refine(fn)`: zod calls fn(value) and takes a falsy result as an issue (a promise would make the parse async).
      const fn = def.fn;
      if (def.type !== 'custom' || typeof fn !== 'function') throw new Unsupported('custom check');
      return guarded((v) => {
        const r = fn(v);
        return !!r && !(r instanceof Promise);
      });
    }
    default:
      throw new Unsupported(`check ${def.check}`);
  }
}

/** `base` then every check of the schema, in order (`lengthy`: `base` holds only for strings or arrays). */
function withChecks(def: Def, base: Check, lengthy = false): Check {
  const checks = (def.checks ?? []).map((c) => compileCheck(c._zod.def, lengthy));
  if (checks.length === 0) return base;
  return (v) => {
    if (!base(v)) return false;
    for (let i = 0; i < checks.length; i++) if (!checks[i]!(v)) return false;
    return true;
  };
}

/** An object as JSON.parse makes them (zod's output is one). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A check that holds only where zod accepts `v` and outputs a value equal to it. */
function compile(schema: Schema): Check {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return withChecks(def, (v) => typeof v === 'string', true);
    case 'number':
      return withChecks(def, (v) => typeof v === 'number' && Number.isFinite(v));
    case 'boolean':
      return withChecks(def, (v) => typeof v === 'boolean');
    case 'enum': {
      const values = new Set(Object.values(def.entries!));
      return withChecks(def, (v) => values.has(v));
    }
    case 'literal': {
      const values = new Set(def.values);
      return withChecks(def, (v) => values.has(v));
    }
    case 'optional': {
      // Reached only for a present value (see `object`): undefined would be kept as a key zod may drop.
      return withChecks(def, compile(def.innerType!));
    }
    case 'default':
      // Present: zod checks the value as is; absent (filled by zod) is handled in `object`.
      return withChecks(def, compile(def.innerType!));
    case 'pipe': {
      const a = compile(def.in!);
      const b = compile(def.out!);
      return withChecks(def, (v) => a(v) && b(v));
    }
    case 'array': {
      const element = compile(def.element!);
      return withChecks(def, (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      }, true);
    }
    case 'tuple': {
      if (def.rest) throw new Unsupported('tuple with rest');
      const items = def.items!.map(compile);
      return withChecks(def, (v) => {
        if (!Array.isArray(v) || v.length !== items.length) return false;
        for (let i = 0; i < items.length; i++) if (!items[i]!(v[i])) return false;
        return true;
      });
    }
    case 'union': {
      const options = def.options!.map(compile);
      return withChecks(def, (v) => {
        for (let i = 0; i < options.length; i++) if (options[i]!(v)) return true;
        return false;
      });
    }
    case 'record': {
      if (def.keyType!._zod.def.type !== 'string') throw new Unsupported('record key');
      const key = compile(def.keyType!);
      const value = compile(def.valueType!);
      return withChecks(def, (v) => {
        if (!isPlainObject(v)) return false;
        for (const k in v) {
          if (!hasOwn.call(v, k)) continue;
          // (zod's output would set a prototype for this key, not a property.)
          if (k === '__proto__' || !key(k) || !value(v[k])) return false;
        }
        return true;
      });
    }
    case 'object': {
      if (def.catchall) throw new Unsupported('object catchall');
      const fields = Object.entries(def.shape!).map(([name, s]) => {
        const type = s._zod.def.type;
        // An absent key passes only where zod leaves it absent too.
        return { name, check: compile(s), absentOk: type === 'optional' };
      });
      return withChecks(def, (v) => {
        if (!isPlainObject(v)) return false;
        let present = 0;
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i]!;
          if (!hasOwn.call(v, f.name)) {
            // Absent: fine if optional; a default to fill: zod decides.
            if (!f.absentOk) return false;
            continue;
          }
          const x = v[f.name];
          // (A key present with undefined: zod decides.)
          if (x === undefined || !f.check(x)) return false;
          present++;
        }
        // Another key, which zod would strip: zod decides.
        return Object.keys(v).length === present;
      });
    }
    default:
      throw new Unsupported(def.type);
  }
}

/** Checks by event type; null where some part of that type's schema has no fast check. */
function compileEvents(schema: Schema): Map<unknown, Check | null> {
  const def = schema._zod.def;
  if (def.type !== 'union' || def.discriminator !== 'type') throw new Error('domainEventSchema is expected to be a union on `type`');
  const byType = new Map<unknown, Check | null>();
  for (const option of def.options!) {
    const literal = option._zod.def.shape?.['type']?._zod.def;
    if (literal?.type !== 'literal' || literal.values?.length !== 1) throw new Error('every event schema is expected to have a literal `type`');
    let check: Check | null;
    try {
      check = compile(option);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      check = null;
    }
    byType.set(literal.values[0], check);
  }
  return byType;
}

const checks = compileEvents(domainEventSchema as unknown as Schema);

/** Event types checked by zod every time (some part of their schema has no fast check). */
export const typesWithoutFastCheck = [...checks].filter(([, c]) => c === null).map(([t]) => t as string);

/**
 * True only if `domainEventSchema` accepts `raw` and its output equals
 * `raw`; then `raw` may be used as the parsed event.
 */
export function fastAccepts(raw: unknown): boolean {
  if (!isPlainObject(raw)) return false;
  const check = checks.get(raw['type']);
  return check ? check(raw) : false;
}

export type ParsedEvent = z.infer<typeof domainEventSchema>;

/**
 * Validates one event from the hub: the fast check, else zod (its clear
 * error when the event is malformed, or the value it normalised). A schema
 * whose refinement throws on a malformed value (zod runs refinements after
 * a failed length check) is a refusal too, never an exception.
 */
export function parseEvent(raw: unknown): { success: true; data: ParsedEvent } | { success: false; problem: string } {
  if (fastAccepts(raw)) return { success: true, data: raw as ParsedEvent };
  try {
    const parsed = domainEventSchema.safeParse(raw);
    if (parsed.success) return { success: true, data: parsed.data };
    const issue = parsed.error.issues[0];
    return { success: false, problem: issue ? `${issue.path.join('.') || '(event)'}: ${issue.message}` : 'invalid event' };
  } catch (e) {
    return { success: false, problem: `invalid event (${e instanceof Error ? e.message : String(e)})` };
  }
}
