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
import type { GeoJSONSource, GeoJSONSourceDiff } from 'maplibre-gl';
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

/** What the differ knows of one item: its latest version, and the feature last sent for it if it is in the source. */
interface Entry<T> {
  item: T;
  /** Never mutated (MapLibre keeps a copy of the source's features on this thread); null when not in the source. */
  feature: GeoJSON.Feature | null;
  /** Its feature id once looked up (0 before). */
  fid: number;
}

/**
 * Remembers every item seen (whether drawn or not) and which are in the
 * source with the feature last sent, so a delta, a filter change or a whole
 * new state (a replay seek) becomes the smallest `{add, remove}` diff. Items
 * are immutable snapshots: an item whose reference has not changed is not
 * looked at again, and a new version that draws the same is not sent.
 *
 * One map entry per item, changed in place: a new version of a known item
 * costs one lookup (a far replay seek at 1M events hands every map layer
 * 60–90k alerts changed by reference, and map operations on ~100k string
 * keys were most of the layers' time).
 */
export class SourceDiffer<T extends { id: string }> {
  private entries = new Map<string, Entry<T>>();
  private drawnCount = 0;

  constructor(private readonly options: SourceDifferOptions<T>) {}

  /** The latest version of an item, drawn or not. */
  get(id: string): T | undefined {
    return this.entries.get(id)?.item;
  }

  /** Whether the item is drawn. */
  has(id: string): boolean {
    return (this.entries.get(id)?.feature ?? null) !== null;
  }

  get size(): number {
    return this.drawnCount;
  }

  /** Items drawn now. */
  *drawn(): IterableIterator<T> {
    for (const e of this.entries.values()) if (e.feature) yield e.item;
  }

  featureIdOf(id: string): number {
    return this.options.ids.idOf(id);
  }

  featureOf(item: T): GeoJSON.Feature | null {
    const geometry = this.options.geometryOf(item);
    if (!geometry) return null;
    return { type: 'Feature', id: this.options.ids.idOf(item.id), geometry, properties: this.options.propertiesOf(item) };
  }

  /** Replaces everything (first load, user switch): the collection for one `setData`. */
  reset(items: Iterable<T>): GeoJSON.FeatureCollection {
    this.entries.clear();
    this.drawnCount = 0;
    const features: GeoJSON.Feature[] = [];
    for (const item of items) {
      const feature = this.options.include(item) ? this.featureOf(item) : null;
      this.entries.set(item.id, { item, feature, fid: 0 });
      if (!feature) continue;
      this.drawnCount++;
      features.push(feature);
    }
    return { type: 'FeatureCollection', features };
  }

  /**
   * Replaces everything with `items`, as what differs from the source when
   * anything drawn stays (a reset while the source holds features: MapLibre
   * serialises every feature it is given on this thread, ~0.1 s per 15k); as
   * a whole collection when nothing does.
   */
  replace(items: Iterable<T>): SourceReplacement {
    if (this.drawnCount === 0) return { kind: 'set', data: this.reset(items) };
    const before = this.entries;
    this.entries = new Map();
    this.drawnCount = 0;
    const diff = new DiffBuilder();
    let kept = 0;
    for (const item of items) {
      const was = before.get(item.id);
      before.delete(item.id);
      const entry: Entry<T> = was ?? { item, feature: null, fid: 0 };
      this.entries.set(item.id, entry);
      if (this.placeEntry(entry, item, diff, false)) kept++;
    }
    if (kept === 0) return { kind: 'set', data: { type: 'FeatureCollection', features: diff.add } };
    for (const [id, e] of before) if (e.feature) diff.remove.push(this.fidOf(id, e));
    return { kind: 'diff', diff: diff.build() };
  }

  /** The diff for changed and removed items, or null when the source needs nothing. */
  apply(upsert: Iterable<T>, remove: Iterable<string>): GeoJSONSourceDiff | null {
    const diff = new DiffBuilder();
    for (const id of remove) {
      const e = this.entries.get(id);
      if (!e) continue;
      this.entries.delete(id);
      if (e.feature) {
        this.drawnCount--;
        diff.remove.push(this.fidOf(id, e));
      }
    }
    for (const item of upsert) {
      let e = this.entries.get(item.id);
      if (!e) this.entries.set(item.id, (e = { item, feature: null, fid: 0 }));
      this.placeEntry(e, item, diff, true);
    }
    return diff.build();
  }

  /** Re-evaluates `include` for every known item (after a filter change). */
  refilter(): GeoJSONSourceDiff | null {
    const diff = new DiffBuilder();
    for (const e of this.entries.values()) this.placeEntry(e, e.item, diff, true);
    return diff.build();
  }

  private fidOf(id: string, e: Entry<T>): number {
    return e.fid || (e.fid = this.options.ids.idOf(id));
  }

  /**
   * Makes `item` the entry's version and puts it in the source or takes it
   * out as `include` says. Returns whether the feature already sent stays.
   * `counted`: the entry is counted in `drawnCount` as it is drawn now.
   */
  private placeEntry(e: Entry<T>, item: T, diff: DiffBuilder, counted: boolean): boolean {
    const was = e.feature;
    const old = e.item;
    e.item = item;
    const wanted = this.options.include(item);
    if (was && wanted && (old === item || (this.options.drawsSame?.(old, item) ?? false))) {
      // The newest version, drawn by the feature already sent.
      if (!counted) this.drawnCount++;
      return true;
    }
    const geometry = wanted ? this.options.geometryOf(item) : null;
    const feature: GeoJSON.Feature | null = geometry ? { type: 'Feature', id: this.fidOf(item.id, e), geometry, properties: this.options.propertiesOf(item) } : null;
    if (!feature) {
      e.feature = null;
      if (was) {
        if (counted) this.drawnCount--;
        diff.remove.push(this.fidOf(item.id, e));
      }
      return false;
    }
    if (!was || !counted) this.drawnCount++;
    e.feature = feature;
    // A feature added under an id the source holds replaces it (MapLibre's diff, and geojson-vt's in its
    // worker). Not an `update` entry: geojson-vt applies each of those with a pass over the whole source.
    diff.add.push(feature);
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

/** Hands a replacement to its source: one `setData`, or one `updateData` when anything differs. */
export function sendReplacement(source: Pick<GeoJSONSource, 'setData' | 'updateData'>, replacement: SourceReplacement): void {
  if (replacement.kind === 'set') source.setData(replacement.data);
  else if (replacement.diff) source.updateData(replacement.diff);
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
