/**
 * From live deltas to GeoJSON source diffs (DESIGN §5: the map applies
 * deltas with `updateData`, never a whole `setData` per alert). Pure: the
 * layer modules call these and hand the result to MapLibre.
 *
 * MapLibre's `updateData` needs every feature of the source to carry a
 * unique id from the start (`setData` included); feature-state and
 * `promoteId` want numbers, and alert ids are strings (`traffic:ABC-1`), so
 * each string id gets a small number that never changes for the session.
 */
import type * as GeoJSON from 'geojson';
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import type { LiveDelta } from '../../live/types';

/** Stable numeric feature ids for string ids: the same key always gets the same number. */
export class FeatureIds {
  private readonly ids = new Map<string, number>();
  private next = 1;

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(key, id);
    }
    return id;
  }

  /** The id already given to `key`, if any. */
  peek(key: string): number | undefined {
    return this.ids.get(key);
  }

  private readonly ofArray = new WeakMap<readonly { id: string }[], Uint32Array>();

  /**
   * The ids of an array of items, looked up once per array: the alert and
   * area sources share this registry and take the same delta's arrays, and
   * a lookup of a string among ~100k is most of what a far replay seek's
   * 60–90k changed alerts cost each source.
   */
  idsOf(items: readonly { id: string }[]): Uint32Array {
    let ids = this.ofArray.get(items);
    if (!ids) {
      ids = new Uint32Array(items.length);
      for (let i = 0; i < items.length; i++) ids[i] = this.idOf(items[i]!.id);
      this.ofArray.set(items, ids);
    }
    return ids;
  }
}

/** Properties are flat scalars: what a paint expression reads. */
export type FeatureProperties = Record<string, string | number | boolean | null>;

export interface SourceDifferOptions<T extends { id: string }> {
  ids: FeatureIds;
  /** Whether an item belongs in the source now (e.g. passes the shared filters). */
  include(item: T): boolean;
  /** Its geometry, or null when it has none to draw (e.g. an alert without a CAP area). */
  geometryOf(item: T): GeoJSON.Geometry | null;
  propertiesOf(item: T): FeatureProperties;
  /**
   * Whether two versions of an item draw the same feature: same geometry and
   * same `propertiesOf` (default: only the same object). With it, a new
   * version that draws the same (an alert repeated: new object, same point,
   * level, domain and status) is not sent again. Compares the fields the
   * feature is made of, so it builds nothing: a far replay seek at 1M events
   * hands the map 60–90k alerts changed by reference.
   */
  drawsSame?(a: T, b: T): boolean;
}

/** What a reset becomes: the whole collection for `setData`, or only what differs for `updateData`. */
export type SourceReplacement = { kind: 'set'; data: GeoJSON.FeatureCollection } | { kind: 'diff'; diff: GeoJSONSourceDiff | null };

/** What the differ knows of one item: its latest version, the feature it should draw and the feature the source was sent. */
interface Entry<T> {
  readonly id: string;
  /** Its feature id: where it sits in `entries`. */
  readonly fid: number;
  /** The latest version; null once removed, until the source has been told (then the entry goes). */
  item: T | null;
  /** The feature the source should hold now; null when the item is not to be drawn. Never mutated. */
  feature: GeoJSON.Feature | null;
  /**
   * The feature last handed to the source, null when it holds none. Never mutated: MapLibre keeps
   * the objects it is given (its copy of the source on this thread).
   */
  sent: GeoJSON.Feature | null;
  /** In the list of entries whose `feature` may differ from `sent`. */
  queued: boolean;
  /** The `stageReplace` that last saw it. */
  seen: number;
}

/**
 * Remembers every item seen (whether drawn or not), which feature each
 * should draw, and which feature the source was last sent, so deltas, filter
 * changes and whole new states (a replay seek) become the smallest
 * `{add, remove}` diff. Items are immutable snapshots: an item whose
 * reference has not changed is not looked at again, and a new version that
 * draws the same is not sent.
 *
 * Changes are staged (`stage`, `stageRefilter`, `stageReplace`) and taken
 * as a diff when the source can have one (`takeDiff`, at most so many
 * changes at a time): changes staged while MapLibre's worker still indexes
 * the last update wait here, where several changes to one item are one entry,
 * instead of in MapLibre's own queue, which merges a waiting diff into the
 * next by hashing both on the UI thread (`SourceFeed`).
 *
 * Entries sit in an array at their feature id, changed in place: a new
 * version of a known item costs an index, once the delta's ids are known
 * (`FeatureIds.idsOf`, shared by the sources of one registry). A far replay
 * seek at 1M events hands every map layer 60–90k alerts changed by
 * reference, and lookups among ~100k string keys were most of the layers'
 * time (two per alert per source before this).
 */
export class SourceDiffer<T extends { id: string }> {
  private entries: Array<Entry<T> | undefined> = [];
  private drawnCount = 0;
  /** Entries in the source (`sent` set). */
  private sentCount = 0;
  private dirty: Entry<T>[] = [];
  /** `dirty[head..]` are still queued. */
  private head = 0;
  private replaces = 0;

  constructor(private readonly options: SourceDifferOptions<T>) {}

  private entryOf(id: string): Entry<T> | undefined {
    const fid = this.options.ids.peek(id);
    return fid === undefined ? undefined : this.entries[fid];
  }

  /** The latest version of an item, drawn or not. */
  get(id: string): T | undefined {
    return this.entryOf(id)?.item ?? undefined;
  }

  /** Whether the item is drawn (or will be, once the staged changes are sent). */
  has(id: string): boolean {
    return (this.entryOf(id)?.feature ?? null) !== null;
  }

  get size(): number {
    return this.drawnCount;
  }

  /** How many items have changes not yet taken for the source (an upper bound: some may draw as sent). */
  get pending(): number {
    return this.dirty.length - this.head;
  }

  /** Items drawn now. */
  *drawn(): IterableIterator<T> {
    for (const e of this.entries) if (e?.feature) yield e.item!;
  }

  featureIdOf(id: string): number {
    return this.options.ids.idOf(id);
  }

  featureOf(item: T): GeoJSON.Feature | null {
    const geometry = this.options.geometryOf(item);
    if (!geometry) return null;
    return { type: 'Feature', id: this.options.ids.idOf(item.id), geometry, properties: this.options.propertiesOf(item) };
  }

  private entry(id: string, fid: number): Entry<T> {
    let e = this.entries[fid];
    if (e) return e;
    // Grown densely: an index far past the end would turn the array into a hash table.
    while (this.entries.length <= fid) this.entries.push(undefined);
    this.entries[fid] = e = { id, fid, item: null, feature: null, sent: null, queued: false, seen: 0 };
    return e;
  }

  /** Replaces everything (first load, user switch): the collection for one `setData`, which the source then holds. */
  reset(items: Iterable<T>): GeoJSON.FeatureCollection {
    this.entries = [];
    this.dirty = [];
    this.head = 0;
    this.drawnCount = 0;
    this.sentCount = 0;
    const features: GeoJSON.Feature[] = [];
    for (const item of items) {
      const e = this.entry(item.id, this.options.ids.idOf(item.id));
      e.item = item;
      const geometry = this.options.include(item) ? this.options.geometryOf(item) : null;
      if (!geometry) continue;
      e.feature = e.sent = { type: 'Feature', id: e.fid, geometry, properties: this.options.propertiesOf(item) };
      this.drawnCount++;
      this.sentCount++;
      features.push(e.feature);
    }
    return { type: 'FeatureCollection', features };
  }

  /**
   * Stages everything being replaced with `items`, as what differs from the
   * source, when anything it holds stays (MapLibre serialises every feature
   * it is given on this thread, ~0.1 s per 15k). When the source holds
   * nothing, returns the whole collection for `setData` instead.
   */
  stageReplace(items: Iterable<T>): GeoJSON.FeatureCollection | null {
    if (this.sentCount === 0) return this.reset(items);
    const seen = ++this.replaces;
    let kept = 0;
    for (const item of items) {
      const e = this.entry(item.id, this.options.ids.idOf(item.id));
      e.seen = seen;
      if (this.place(e, item)) kept++;
    }
    for (const e of this.entries) if (e && e.seen !== seen && e.item !== null) this.remove(e);
    if (kept > 0) return null;
    // Nothing the source holds stays: the new state as one collection, and what was there forgotten.
    this.dirty = [];
    this.head = 0;
    this.sentCount = 0;
    const features: GeoJSON.Feature[] = [];
    for (const e of this.entries) {
      if (!e) continue;
      e.queued = false;
      e.sent = e.feature;
      if (e.item === null) this.entries[e.fid] = undefined;
      if (!e.feature) continue;
      this.sentCount++;
      features.push(e.feature);
    }
    return { type: 'FeatureCollection', features };
  }

  /** `stageReplace`, and every staged change as one diff. */
  replace(items: Iterable<T>): SourceReplacement {
    const data = this.stageReplace(items);
    return data ? { kind: 'set', data } : { kind: 'diff', diff: this.takeDiff() };
  }

  /** Stages changed and removed items. */
  stage(upsert: readonly T[], remove: Iterable<string>): void {
    for (const id of remove) {
      const e = this.entryOf(id);
      if (e && e.item !== null) this.remove(e);
    }
    const fids = this.options.ids.idsOf(upsert);
    for (let i = 0; i < upsert.length; i++) {
      const item = upsert[i]!;
      this.place(this.entries[fids[i]!] ?? this.entry(item.id, fids[i]!), item);
    }
  }

  /** `stage`, and every staged change as one diff (null when the source needs nothing). */
  apply(upsert: readonly T[], remove: Iterable<string>): GeoJSONSourceDiff | null {
    this.stage(upsert, remove);
    return this.takeDiff();
  }

  /** Re-evaluates `include` for every known item (after a filter change). */
  stageRefilter(): void {
    for (const e of this.entries) if (e && e.item !== null) this.place(e, e.item);
  }

  /** `stageRefilter`, and every staged change as one diff. */
  refilter(): GeoJSONSourceDiff | null {
    this.stageRefilter();
    return this.takeDiff();
  }

  /**
   * The staged changes as a diff for the source, at most `max` features
   * added or removed (the rest stay staged, in the order they came), or
   * null when the source needs nothing. From then on the differ counts them
   * as in the source.
   */
  takeDiff(max = Infinity): GeoJSONSourceDiff | null {
    const diff = new DiffBuilder();
    let n = 0;
    let i = this.head;
    const dirty = this.dirty;
    for (; i < dirty.length && n < max; i++) {
      const e = dirty[i]!;
      e.queued = false;
      if (e.feature) {
        if (e.feature !== e.sent) {
          if (!e.sent) this.sentCount++;
          e.sent = e.feature;
          // A feature added under an id the source holds replaces it (MapLibre's diff, and geojson-vt's in its
          // worker). Not an `update` entry: geojson-vt applies each of those with a pass over the whole source.
          diff.add.push(e.feature);
          n++;
        }
      } else if (e.sent) {
        e.sent = null;
        this.sentCount--;
        diff.remove.push(e.fid);
        n++;
      }
      if (e.item === null && this.entries[e.fid] === e) this.entries[e.fid] = undefined;
    }
    if (i >= dirty.length) {
      this.dirty = [];
      this.head = 0;
    } else this.head = i;
    return diff.build();
  }

  private queue(e: Entry<T>): void {
    if (e.queued) return;
    e.queued = true;
    this.dirty.push(e);
  }

  /**
   * Forgets the item; the entry stays (as removed) until the source is told,
   * so a remove and a later add of the same id are never sent out of order.
   */
  private remove(e: Entry<T>): void {
    if (e.feature) {
      e.feature = null;
      this.drawnCount--;
    }
    e.item = null;
    if (e.sent || e.queued) this.queue(e);
    else this.entries[e.fid] = undefined;
  }

  /**
   * Makes `item` the entry's version and stages it into the source or out of
   * it as `include` says. Returns whether the feature it had stays.
   */
  private place(e: Entry<T>, item: T): boolean {
    const was = e.feature;
    const old = e.item;
    e.item = item;
    const wanted = this.options.include(item);
    // The newest version, drawn by the feature it has.
    if (was && wanted && (old === item || (this.options.drawsSame?.(old!, item) ?? false))) return true;
    const geometry = wanted ? this.options.geometryOf(item) : null;
    if (!geometry) {
      if (was) {
        e.feature = null;
        this.drawnCount--;
        this.queue(e);
      }
      return false;
    }
    if (!was) this.drawnCount++;
    e.feature = { type: 'Feature', id: e.fid, geometry, properties: this.options.propertiesOf(item) };
    this.queue(e);
    return false;
  }
}

class DiffBuilder {
  readonly add: GeoJSON.Feature[] = [];
  readonly remove: number[] = [];

  build(): GeoJSONSourceDiff | null {
    if (this.add.length === 0 && this.remove.length === 0) return null;
    const diff: GeoJSONSourceDiff = {};
    if (this.add.length > 0) diff.add = this.add;
    if (this.remove.length > 0) diff.remove = this.remove;
    return diff;
  }
}

/** Two points at the same place. */
export function samePoint(a: { lon: number; lat: number }, b: { lon: number; lat: number }): boolean {
  return a.lon === b.lon && a.lat === b.lat;
}

/**
 * Folds the deltas that arrived since the last frame into one, in order: a
 * reset drops what came before it; the last word on an id wins. The result
 * is a reset if any input was.
 */
export function mergeDeltas(deltas: readonly LiveDelta[]): LiveDelta {
  let reset = false;
  const alerts = new MergedSet<LiveDelta['alerts']['upsert'][number]>();
  const incidents = new MergedSet<LiveDelta['incidents']['upsert'][number]>();
  for (const d of deltas) {
    if (d.reset) {
      reset = true;
      alerts.clear();
      incidents.clear();
    }
    alerts.fold(d.alerts.upsert, d.alerts.remove);
    incidents.fold(d.incidents.upsert, d.incidents.remove);
  }
  return { reset, alerts: alerts.toChange(reset), incidents: incidents.toChange(reset) };
}

/**
 * A delta as at most `max` changes now and the rest later (null when it
 * fits): removals first, then upserts in order. Never splits a reset, which
 * replaces everything at once. Within a delta an id is upserted or removed,
 * never both, so the parts may be applied one after the other.
 */
export function splitDelta(delta: LiveDelta, max: number): [LiveDelta, LiveDelta | null] {
  const { alerts, incidents } = delta;
  const total = alerts.upsert.length + alerts.remove.length + incidents.upsert.length + incidents.remove.length;
  if (delta.reset || total <= max) return [delta, null];
  let room = max;
  const take = <T>(items: readonly T[]): [T[], T[]] => {
    const n = Math.min(room, items.length);
    room -= n;
    return [items.slice(0, n), items.slice(n)];
  };
  const [incidentRemove, incidentRemoveLater] = take(incidents.remove);
  const [incidentUpsert, incidentUpsertLater] = take(incidents.upsert);
  const [alertRemove, alertRemoveLater] = take(alerts.remove);
  const [alertUpsert, alertUpsertLater] = take(alerts.upsert);
  return [
    { alerts: { upsert: alertUpsert, remove: alertRemove }, incidents: { upsert: incidentUpsert, remove: incidentRemove }, reset: false },
    { alerts: { upsert: alertUpsertLater, remove: alertRemoveLater }, incidents: { upsert: incidentUpsertLater, remove: incidentRemoveLater }, reset: false },
  ];
}

class MergedSet<T extends { id: string }> {
  private readonly upsert = new Map<string, T>();
  private readonly remove = new Set<string>();

  clear(): void {
    this.upsert.clear();
    this.remove.clear();
  }

  fold(upsert: readonly T[], remove: readonly string[]): void {
    for (const id of remove) {
      this.upsert.delete(id);
      this.remove.add(id);
    }
    for (const item of upsert) {
      this.remove.delete(item.id);
      this.upsert.set(item.id, item);
    }
  }

  /** After a reset the upserts are the whole set and removals mean nothing. */
  toChange(reset: boolean): { upsert: T[]; remove: string[] } {
    return { upsert: [...this.upsert.values()], remove: reset ? [] : [...this.remove] };
  }
}
