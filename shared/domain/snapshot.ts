/**
 * State snapshots, for a fast start (hub, workstation) and fast seeks
 * (replay): load a snapshot, then fold only the events after it.
 *
 * Two forms:
 * - format 1, JSON text (`snapshotOf` / `stateFromSnapshot`): the hub's
 *   store keeps it. It repeats every key of every alert and costs about as
 *   much to parse as folding the events it replaces (~600 bytes and ~40 µs
 *   per alert held, renderer/src/features/replay/README.md).
 * - format 2, paged (`SnapshotPager` / `stateFromPages`), log-structured:
 *   each snapshot writes one page with the entities (alerts, incidents,
 *   aliases) that changed since the previous snapshot, and a head listing
 *   the pages that make up the state, oldest first; a later page's copy of
 *   an entity wins. Pages that became mostly stale are merged into a new
 *   page at the end (compaction). Pages hold the entities as they are
 *   (structured clones in IndexedDB, no JSON text). Snapshots close
 *   together then cost about what changed between
 *   them, and a reader that keeps the states it built goes from one to a
 *   later one by applying only the pages added in between.
 *
 * Pages keyed by where an alert sits in the log (its receivedSeq) were
 * measured first: a command center's acknowledgements and expiries touch
 * alerts spread over hours, so every snapshot rewrote most pages (538 MB of
 * pages for 150k events, 60 MB of events). Columnar pages (field names
 * once per page) were measured too: V8's deserializer took 5× longer for
 * them than for the same alerts as objects, which it reads fast when they
 * share one shape (1.3 s against 0.25 s for 6.5 MB, loaded machine).
 */
import type { Alert, AlertId, Incident } from './model';
import { PMap } from './pmap';
import type { SourceState, State } from './state';

const FORMAT = 1;

/** The state's scalars and feed health, as both snapshot formats store them. */
interface SnapshotScalars {
  seq: number;
  hash: string;
  time: number;
  nextIncidentNo: number;
  quarantined: number;
  rejected: number;
  sources: SourceState[];
}

interface SnapshotJson extends SnapshotScalars {
  format: number;
  alerts: Alert[];
  aliases: [string, string][];
  incidents: Incident[];
}

export function snapshotOf(state: State): string {
  const json: SnapshotJson = {
    format: FORMAT,
    seq: state.seq,
    hash: state.hash,
    time: state.time,
    nextIncidentNo: state.nextIncidentNo,
    quarantined: state.quarantined,
    rejected: state.rejected,
    alerts: state.alerts.values(),
    aliases: state.aliases.entries(),
    incidents: state.incidents.values(),
    sources: state.sources.values(),
  };
  return JSON.stringify(json);
}

export type Restored = { ok: true; state: State } | { ok: false; reason: string };

/** Rebuilds a state from `snapshotOf` text; an unknown format is refused (fold from the log instead). */
export function stateFromSnapshot(text: string): Restored {
  let json: SnapshotJson;
  try {
    json = JSON.parse(text) as SnapshotJson;
  } catch (e) {
    return { ok: false, reason: `snapshot is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (json.format !== FORMAT) return { ok: false, reason: `snapshot format ${String(json.format)} is not ${FORMAT}` };
  let alerts = PMap.empty<Alert>().asTransient();
  for (const a of json.alerts) alerts = alerts.set(a.id, a);
  let incidents = PMap.empty<Incident>().asTransient();
  for (const i of json.incidents) incidents = incidents.set(i.id, i);
  return {
    ok: true,
    state: {
      seq: json.seq,
      hash: json.hash,
      time: json.time,
      nextIncidentNo: json.nextIncidentNo,
      quarantined: json.quarantined,
      rejected: json.rejected,
      lastRejection: undefined,
      alerts: alerts.persistent(),
      aliases: PMap.from(json.aliases),
      incidents: incidents.persistent(),
      sources: PMap.from(json.sources.map((s) => [s.feed, s] as const)),
    },
  };
}


// ---- format 2: paged, log-structured ---------------------------------------

export const PAGED_FORMAT = 2;
/** A page is merged into a new one once fewer than this share of its entities are still its own. */
const COMPACT_BELOW = 0.5;

/** One page of a paged snapshot (structured-clonable). */
export interface SnapshotPage {
  /** `${seq}` for the changes up to a snapshot, `${seq}c` for what compaction merged then. */
  key: string;
  alerts: Alert[];
  incidents: Incident[];
  /** Alias key → alert id, as flat pairs. */
  aliases: string[];
  /** Entities gone from the state (`a:`, `i:`, `k:` + id or alias key). */
  removed: string[];
}

/** A paged snapshot: the state's scalars and feed health, and its pages in order. */
export interface SnapshotHead extends SnapshotScalars {
  format: typeof PAGED_FORMAT;
  /** Page keys, oldest first: a later page's copy of an entity wins. */
  pages: string[];
}

/** A page decoded back into entities (what a reader caches). */
export interface DecodedPage {
  key: string;
  alerts: readonly Alert[];
  incidents: readonly Incident[];
  aliases: readonly (readonly [string, string])[];
  removed: readonly string[];
}

export function decodePage(page: SnapshotPage): DecodedPage {
  const aliases: [string, string][] = [];
  for (let i = 0; i + 1 < page.aliases.length; i += 2) aliases.push([page.aliases[i]!, page.aliases[i + 1]!]);
  return { key: page.key, alerts: page.alerts, incidents: page.incidents, aliases, removed: page.removed };
}

const GONE = Symbol('removed');

interface Tracked {
  /** The entity as last written (by reference: the reducer replaces an entity whenever it changes), or GONE. */
  ref: unknown;
  /** Key of the page holding that copy. */
  page: string;
  /** Walk in which the entity was last seen in the state. */
  seen: number;
}

class PageBuilder {
  readonly alerts: Alert[] = [];
  readonly incidents: Incident[] = [];
  readonly aliases: string[] = [];
  readonly removed: string[] = [];
  count = 0;

  add(id: string, ref: unknown): void {
    this.count++;
    if (ref === GONE) this.removed.push(id);
    else if (id[0] === 'a') this.alerts.push(ref as Alert);
    else if (id[0] === 'i') this.incidents.push(ref as Incident);
    else this.aliases.push(id.slice(2), ref as string);
  }

  page(key: string): SnapshotPage {
    return { key, alerts: this.alerts, incidents: this.incidents, aliases: this.aliases, removed: this.removed };
  }
}

/**
 * Writes paged snapshots of one log, in seq order. It remembers which page
 * holds each entity's current copy, so each snapshot returns only a page of
 * what changed (and, now and then, a page merging mostly-stale ones).
 */
export class SnapshotPager {
  private tracked = new Map<string, Tracked>();
  /** Pages of the last head, in order, with how many entities each holds and how many of those are still current. */
  private pages = new Map<string, { size: number; live: number }>();
  private walk = 0;

  /** The head of `state` and the pages to store with it (new pages only). */
  pagesOf(state: State): { head: SnapshotHead; pages: SnapshotPage[] } {
    const walk = ++this.walk;
    const key = String(state.seq);
    const changes = new PageBuilder();
    const visit = (id: string, ref: unknown): void => {
      const t = this.tracked.get(id);
      if (t) {
        t.seen = walk;
        if (t.ref === ref) return;
        this.pages.get(t.page)!.live--;
        t.ref = ref;
        t.page = key;
      } else this.tracked.set(id, { ref, page: key, seen: walk });
      changes.add(id, ref);
    };
    state.alerts.forEach((a, id) => visit(`a:${id}`, a));
    state.incidents.forEach((i, id) => visit(`i:${id}`, i));
    state.aliases.forEach((alertId, k) => visit(`k:${k}`, alertId));
    // What the state no longer holds becomes a tombstone, current until the entity is back.
    for (const [id, t] of this.tracked) {
      if (t.seen === walk || t.ref === GONE) continue;
      t.seen = walk;
      this.pages.get(t.page)!.live--;
      t.ref = GONE;
      t.page = key;
      changes.add(id, GONE);
    }
    const out: SnapshotPage[] = [];
    if (changes.count > 0) {
      out.push(changes.page(key));
      this.pages.set(key, { size: changes.count, live: changes.count });
    }
    // Compaction: pages with few current entities are dropped (none) or merged into one new page at the end.
    const stale = new Set<string>();
    for (const [k, p] of this.pages) {
      if (p.live === 0) this.pages.delete(k);
      else if (p.live < p.size * COMPACT_BELOW) stale.add(k);
    }
    if (stale.size > 0) {
      const merged = new PageBuilder();
      const mergedKey = `${key}c`;
      for (const [id, t] of this.tracked) {
        if (!stale.has(t.page)) continue;
        t.page = mergedKey;
        merged.add(id, t.ref);
      }
      for (const k of stale) this.pages.delete(k);
      out.push(merged.page(mergedKey));
      this.pages.set(mergedKey, { size: merged.count, live: merged.count });
    }
    const head: SnapshotHead = {
      format: PAGED_FORMAT,
      seq: state.seq,
      hash: state.hash,
      time: state.time,
      nextIncidentNo: state.nextIncidentNo,
      quarantined: state.quarantined,
      rejected: state.rejected,
      sources: state.sources.values(),
      pages: [...this.pages.keys()],
    };
    return { head, pages: out };
  }

  /** Takes a stored snapshot as written (after a restore from it): the next one writes only what changed since. */
  remember(head: SnapshotHead, pageOf: (key: string) => DecodedPage | undefined, state: State): void {
    this.tracked = new Map();
    this.pages = new Map();
    const walk = this.walk;
    for (const key of head.pages) {
      const page = pageOf(key);
      if (!page) continue;
      let size = 0;
      const take = (id: string, ref: unknown): void => {
        size++;
        const t = this.tracked.get(id);
        if (t) {
          this.pages.get(t.page)!.live--;
          t.page = key;
          t.ref = ref;
        } else this.tracked.set(id, { ref, page: key, seen: walk });
      };
      for (const a of page.alerts) take(`a:${a.id}`, state.alerts.get(a.id) ?? GONE);
      for (const i of page.incidents) take(`i:${i.id}`, state.incidents.get(i.id) ?? GONE);
      for (const [k] of page.aliases) take(`k:${k}`, state.aliases.get(k) ?? GONE);
      for (const id of page.removed) take(id, GONE);
      this.pages.set(key, { size, live: size });
    }
  }
}

/** Whether `value` is a paged snapshot head this code can read. */
export function isSnapshotHead(value: unknown): value is SnapshotHead {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === PAGED_FORMAT && Array.isArray((value as { pages?: unknown }).pages);
}

/** A state built from a head's pages (a base for building a later head). */
export interface PagedState {
  head: SnapshotHead;
  state: State;
  /** The head's page keys. */
  pageSet: ReadonlySet<string>;
}

/**
 * Rebuilds the state of a paged snapshot from its pages (`pageOf` returns
 * each key of `head.pages`; a missing page refuses the snapshot).
 *
 * With a `base` built from an earlier head of the same log, only the pages
 * of `head` that the base did not have are applied to the base's maps: a
 * pager only ever appends pages (changes and merges) and drops pages whose
 * current entities it merged into an appended one, so what the base lacks
 * is exactly what changed since.
 */
export function stateFromPages(head: SnapshotHead, pageOf: (key: string) => DecodedPage | undefined, base?: PagedState): { ok: true; built: PagedState } | { ok: false; reason: string } {
  if (!isSnapshotHead(head)) return { ok: false, reason: `snapshot format ${String((head as { format?: unknown }).format)} is not ${PAGED_FORMAT}` };
  const from = base && base.head.seq <= head.seq ? base : undefined;
  const pages: DecodedPage[] = [];
  for (const key of head.pages) {
    if (from?.pageSet.has(key)) continue;
    const page = pageOf(key);
    if (!page) return { ok: false, reason: `snapshot ${head.seq} misses its page ${key}` };
    pages.push(page);
  }
  let alerts = (from?.state.alerts ?? PMap.empty<Alert>()).asTransient();
  let aliases = (from?.state.aliases ?? PMap.empty<AlertId>()).asTransient();
  let incidents = (from?.state.incidents ?? PMap.empty<Incident>()).asTransient();
  for (const page of pages) {
    for (const a of page.alerts) alerts = alerts.set(a.id, a);
    for (const i of page.incidents) incidents = incidents.set(i.id, i);
    for (const [k, v] of page.aliases) aliases = aliases.set(k, v);
    for (const id of page.removed) {
      const rest = id.slice(2);
      if (id[0] === 'a') alerts = alerts.delete(rest);
      else if (id[0] === 'i') incidents = incidents.delete(rest);
      else aliases = aliases.delete(rest);
    }
  }
  const state: State = {
    seq: head.seq,
    hash: head.hash,
    time: head.time,
    nextIncidentNo: head.nextIncidentNo,
    quarantined: head.quarantined,
    rejected: head.rejected,
    lastRejection: undefined,
    alerts: alerts.persistent(),
    aliases: aliases.persistent(),
    incidents: incidents.persistent(),
    sources: PMap.from(head.sources.map((s) => [s.feed, s] as const)),
  };
  return { ok: true, built: { head, state, pageSet: new Set(head.pages) } };
}
