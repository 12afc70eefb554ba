/**
 * What crosses from the ingest worker to the UI thread for one update
 * (issue 5): an alert or incident the UI thread does not hold goes whole;
 * one it holds goes as the fields that changed since the worker last posted
 * it, and an array field that only grew (an incident's `alerts`, its notes,
 * an alert's revisions) as the items added at its end. The UI thread
 * rebuilds whole objects — new ones, as React compares by identity — and
 * its listeners get a plain `LiveDelta`.
 *
 * Why: the UI thread pays for the structured clone of every update it reads.
 * Sending every touched incident whole copied a large incident's thousands
 * of alert ids ten times a second when one id was added.
 *
 * The worker compares against the state of its last update (`shown`): the
 * state is persistent, so what the UI thread holds is that state's alerts
 * and incidents, and a field that did not change is the same value (`===`).
 * Pure, so it is unit-tested without a worker.
 */
import type { Alert, Incident } from '@shared/domain/model';
import type { Touched } from './delta';
import type { LiveDelta } from './types';

/** The changed fields of an entity the UI thread holds. */
export interface FieldPatch {
  readonly id: string;
  /** Fields with a new value (including one that is now `undefined` but still an own property). */
  readonly set?: Record<string, unknown>;
  /** Fields that are no longer own properties. */
  readonly unset?: readonly string[];
  /** Array fields whose old items are still their first items: the items added after them. */
  readonly append?: Record<string, readonly unknown[]>;
}

export interface WirePart<T> {
  /** Entities the UI thread does not hold (or holds no longer after a reset), whole. */
  readonly whole: T[];
  readonly patch: FieldPatch[];
  readonly remove: string[];
}

/** One update's alerts and incidents as posted (see `decodeDelta`). */
export interface WireDelta {
  readonly alerts: WirePart<Alert>;
  readonly incidents: WirePart<Incident>;
  /** As `LiveDelta.reset`: the UI thread empties its maps first, and every entity comes whole. */
  readonly reset: boolean;
}

interface Lookup<T> {
  get(id: string): T | undefined;
}

type Fields = Record<string, unknown>;

/**
 * `after` as a patch of `before` (the same entity as the UI thread holds
 * it), or null when no field changed. Fields are compared by identity: the
 * reducer makes a new value for what it changes.
 */
export function patchOf(id: string, before: object, after: object): FieldPatch | null {
  const b = before as Fields;
  const a = after as Fields;
  let set: Fields | undefined;
  let unset: string[] | undefined;
  let append: Record<string, unknown[]> | undefined;
  for (const k in a) {
    const next = a[k];
    const prev = b[k];
    if (next === prev && (next !== undefined || Object.hasOwn(b, k))) continue;
    if (Array.isArray(next) && Array.isArray(prev) && next.length > prev.length && startsWith(next, prev)) (append ??= {})[k] = next.slice(prev.length);
    else (set ??= {})[k] = next;
  }
  for (const k in b) if (!Object.hasOwn(a, k)) (unset ??= []).push(k);
  if (!set && !unset && !append) return null;
  return { id, ...(set ? { set } : {}), ...(unset ? { unset } : {}), ...(append ? { append } : {}) };
}

function startsWith(list: readonly unknown[], prefix: readonly unknown[]): boolean {
  for (let i = 0; i < prefix.length; i++) if (list[i] !== prefix[i]) return false;
  return true;
}

/** `before` with `patch` applied, as a new object (`before` is left as it was). */
export function patched<T extends object>(before: T, patch: FieldPatch): T {
  const b = before as Fields;
  let next: Fields;
  if (patch.unset) {
    // Copied without them rather than `delete`d: V8 turns an object with a deleted field into a slow dictionary.
    const gone = new Set(patch.unset);
    next = {};
    for (const k in b) if (!gone.has(k)) next[k] = b[k];
  } else next = { ...b };
  if (patch.set) Object.assign(next, patch.set);
  if (patch.append) for (const k in patch.append) next[k] = (b[k] as unknown[]).concat(patch.append[k]);
  return next as T;
}

function encodePart<T extends { readonly id: string }>(ids: Iterable<string>, shown: Lookup<T>, now: Lookup<T>): WirePart<T> {
  const part: WirePart<T> = { whole: [], patch: [], remove: [] };
  for (const id of ids) {
    const after = now.get(id);
    const before = shown.get(id);
    if (!after) {
      if (before) part.remove.push(id);
    } else if (!before) part.whole.push(after);
    else if (after !== before) {
      const patch = patchOf(id, before, after);
      if (patch) part.patch.push(patch);
    }
  }
  return part;
}

/**
 * The update for what `touched` names, from `shown` (the state of the last
 * update, which the UI thread holds) to `now`. Ids that did not change, or
 * came and went between the two, are left out.
 */
export function encodeDelta(touched: Touched, shown: { alerts: Lookup<Alert>; incidents: Lookup<Incident> }, now: { alerts: Lookup<Alert>; incidents: Lookup<Incident> }): WireDelta {
  return { alerts: encodePart(touched.alerts, shown.alerts, now.alerts), incidents: encodePart(touched.incidents, shown.incidents, now.incidents), reset: false };
}

/** An update that replaces everything with these alerts and incidents, all whole. */
export function encodeReset(alerts: Iterable<Alert>, incidents: Iterable<Incident>): WireDelta {
  return { alerts: { whole: [...alerts], patch: [], remove: [] }, incidents: { whole: [...incidents], patch: [], remove: [] }, reset: true };
}

export function isEmptyWire(wire: WireDelta): boolean {
  const empty = (p: WirePart<unknown>): boolean => p.whole.length === 0 && p.patch.length === 0 && p.remove.length === 0;
  return !wire.reset && empty(wire.alerts) && empty(wire.incidents);
}

function decodePart<T extends object>(part: WirePart<T>, held: Lookup<T>, what: string): T[] {
  const upsert = part.whole;
  for (const p of part.patch) {
    const before = held.get(p.id);
    // The worker patches only what it posted before, in order: a miss is a bug, not data to skip.
    if (!before) throw new Error(`longwatch: the ingest worker sent changes to ${what} ${p.id}, which this window does not hold`);
    upsert.push(patched(before, p));
  }
  return upsert;
}

/**
 * The `LiveDelta` a posted update makes of the alerts and incidents the UI
 * thread holds (read before the delta is applied; a reset holds nothing).
 * Takes over `wire`'s arrays.
 */
export function decodeDelta(wire: WireDelta, alerts: Lookup<Alert>, incidents: Lookup<Incident>): LiveDelta {
  const none: Lookup<never> = { get: () => undefined };
  return {
    alerts: { upsert: decodePart(wire.alerts, wire.reset ? none : alerts, 'alert'), remove: wire.alerts.remove },
    incidents: { upsert: decodePart(wire.incidents, wire.reset ? none : incidents, 'incident'), remove: wire.incidents.remove },
    reset: wire.reset,
  };
}
