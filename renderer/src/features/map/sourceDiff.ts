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

interface Drawn<T> {
  item: T;
  /** The feature last sent for it (never mutated: MapLibre keeps a copy of the source's features on this thread). */
  feature: GeoJSON.Feature;
}

/**
 * Remembers every item seen (whether drawn or not) and which are in the
 * source with the feature last sent, so a delta, a filter change or a whole
 * new state (a replay seek) becomes the smallest `{add, remove}` diff. Items
 * are immutable snapshots: an item whose reference has not changed is not
 * looked at again, and a new version that draws the same is not sent.
 */
export class SourceDiffer<T extends { id: string }> {
  private items = new Map<string, T>();
  /** Items currently in the source, by id, with the feature last sent. */
  private inSource = new Map<string, Drawn<T>>();

  constructor(private readonly options: SourceDifferOptions<T>) {}

  /** The latest version of an item, drawn or not. */
  get(id: string): T | undefined {
    return this.items.get(id);
  }

  /** Whether the item is drawn. */
  has(id: string): boolean {
    return this.inSource.has(id);
  }

  get size(): number {
    return this.inSource.size;
  }

  /** Items drawn now. */
  *drawn(): IterableIterator<T> {
    for (const d of this.inSource.values()) yield d.item;
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
    this.items.clear();
    this.inSource.clear();
    const features: GeoJSON.Feature[] = [];
    for (const item of items) {
      this.items.set(item.id, item);
      const feature = this.options.include(item) ? this.featureOf(item) : null;
      if (!feature) continue;
      this.inSource.set(item.id, { item, feature });
      features.push(feature);
    }
    return { type: 'FeatureCollection', features };
  }

  /**
   * Replaces everything with `items`, as what differs from the source when
   * anything drawn stays (a replay seek: the states share most alerts, and
   * MapLibre serialises every feature it is given on this thread, ~0.1 s per
   * 15k); as a whole collection when nothing does.
   */
  replace(items: Iterable<T>): SourceReplacement {
    if (this.inSource.size === 0) return { kind: 'set', data: this.reset(items) };
    const before = this.inSource;
    const next = new Map<string, Drawn<T>>();
    this.items = new Map();
    this.inSource = next;
    const diff = new DiffBuilder();
    let kept = 0;
    for (const item of items) {
      this.items.set(item.id, item);
      if (!this.options.include(item)) continue;
      const was = before.get(item.id);
      if (was && this.keep(was, item)) {
        was.item = item;
        next.set(item.id, was);
        kept++;
        continue;
      }
      const feature = this.featureOf(item);
      if (!feature) continue;
      next.set(item.id, { item, feature });
      diff.add.push(feature);
    }
    if (kept === 0) return { kind: 'set', data: { type: 'FeatureCollection', features: diff.add } };
    for (const id of before.keys()) if (!next.has(id)) diff.remove.push(this.options.ids.idOf(id));
    return { kind: 'diff', diff: diff.build() };
  }

  /** The diff for changed and removed items, or null when the source needs nothing. */
  apply(upsert: Iterable<T>, remove: Iterable<string>): GeoJSONSourceDiff | null {
    const diff = new DiffBuilder();
    for (const id of remove) {
      this.items.delete(id);
      if (this.inSource.delete(id)) diff.remove.push(this.options.ids.idOf(id));
    }
    for (const item of upsert) {
      this.items.set(item.id, item);
      this.place(item, diff);
    }
    return diff.build();
  }

  /** Re-evaluates `include` for every known item (after a filter change). */
  refilter(): GeoJSONSourceDiff | null {
    const diff = new DiffBuilder();
    for (const item of this.items.values()) this.place(item, diff);
    return diff.build();
  }

  /** Whether `item` draws exactly as `was` did: nothing to send. */
  private keep(was: Drawn<T>, item: T): boolean {
    return was.item === item || (this.options.drawsSame?.(was.item, item) ?? false);
  }

  private place(item: T, diff: DiffBuilder): void {
    const was = this.inSource.get(item.id);
    const wanted = this.options.include(item);
    if (was && wanted && this.keep(was, item)) {
      // The newest version, drawn by the feature already sent (the entry is the differ's own: no new object per alert).
      was.item = item;
      return;
    }
    const feature = wanted ? this.featureOf(item) : null;
    if (!feature) {
      if (was) {
        this.inSource.delete(item.id);
        diff.remove.push(this.options.ids.idOf(item.id));
      }
      return;
    }
    this.inSource.set(item.id, { item, feature });
    // A feature added under an id the source holds replaces it (MapLibre's diff, and geojson-vt's in its
    // worker). Not an `update` entry: geojson-vt applies each of those with a pass over the whole source.
    diff.add.push(feature);
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
