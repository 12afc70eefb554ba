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
import type { GeoJSONFeatureDiff, GeoJSONSourceDiff } from 'maplibre-gl';
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
}

/**
 * Remembers every item seen (whether drawn or not) and which are in the
 * source, so a delta or a filter change becomes the smallest
 * `{add, update, remove}` diff. Items are immutable snapshots: an item whose
 * reference has not changed is not sent again.
 */
export class SourceDiffer<T extends { id: string }> {
  private readonly items = new Map<string, T>();
  /** Items currently in the source, by id, as last sent. */
  private readonly inSource = new Map<string, T>();

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
  drawn(): IterableIterator<T> {
    return this.inSource.values();
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
      this.inSource.set(item.id, item);
      features.push(feature);
    }
    return { type: 'FeatureCollection', features };
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

  private place(item: T, diff: DiffBuilder): void {
    const was = this.inSource.get(item.id);
    const wanted = this.options.include(item);
    if (was === item && wanted) return; // unchanged and still wanted
    const feature = wanted ? this.featureOf(item) : null;
    const fid = this.options.ids.idOf(item.id);
    if (!feature) {
      if (was) {
        this.inSource.delete(item.id);
        diff.remove.push(fid);
      }
      return;
    }
    this.inSource.set(item.id, item);
    if (was) diff.update.push(featureUpdate(feature));
    else diff.add.push(feature);
  }
}

class DiffBuilder {
  readonly add: GeoJSON.Feature[] = [];
  readonly update: GeoJSONFeatureDiff[] = [];
  readonly remove: number[] = [];

  build(): GeoJSONSourceDiff | null {
    if (this.add.length === 0 && this.update.length === 0 && this.remove.length === 0) return null;
    const diff: GeoJSONSourceDiff = {};
    if (this.add.length > 0) diff.add = this.add;
    if (this.update.length > 0) diff.update = this.update;
    if (this.remove.length > 0) diff.remove = this.remove;
    return diff;
  }
}

/**
 * A whole-feature replacement as an `updateData` update entry. Every feature
 * of a source has the same property keys, so overwriting them all replaces
 * them. Not `removeAllProperties`: geojson-vt (maplibre-gl 5.24) returns `{}`
 * for it and ignores `addOrUpdateProperties` in the same entry.
 */
export function featureUpdate(feature: GeoJSON.Feature): GeoJSONFeatureDiff {
  return {
    id: feature.id!,
    newGeometry: feature.geometry,
    addOrUpdateProperties: Object.entries(feature.properties ?? {}).map(([key, value]) => ({ key, value: value as unknown })),
  };
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
