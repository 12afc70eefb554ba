/**
 * Feeds one GeoJSON source from its `SourceDiffer`, with one update at a
 * time in MapLibre's worker.
 *
 * MapLibre takes `updateData` at once on this thread: it serialises the
 * diff's features and posts them to its worker; while the worker still
 * indexes the last one (a clustered source of ~100k alerts rebuilds its
 * whole index per update), a new diff is merged into the waiting one by
 * hashing both (`mergeSourceDiffs`), again per call. Live at 2,000 alerts/s
 * and in replay playback a diff came every frame while the worker was busy,
 * so the waiting diff was re-hashed each frame and finally serialised
 * whole. Here the changes wait in the differ instead (several to one item
 * are one entry), and the next diff is built when the worker is done.
 *
 * Large diffs go in parts of at most `maxChanges` features, each after the
 * last has been indexed, so no single task serialises a far replay seek's
 * 60–90k changed alerts at once.
 */
import type * as GeoJSON from 'geojson';
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import type { SourceDiffer } from './sourceDiff';

/** What a feed needs of a source (the unit tests' recording map returns nothing from `updateData`). */
export interface FedSource {
  setData(data: GeoJSON.FeatureCollection): unknown;
  updateData(diff: GeoJSONSourceDiff, waitForCompletion: true): Promise<void> | unknown;
}

/**
 * Features per `updateData` (added plus removed). MapLibre's serialising
 * and posting cost ~2 µs a feature on this thread (~130 ms for a far seek's
 * ~60k): 15k keeps a part near 30 ms.
 */
export const MAX_CHANGES_PER_UPDATE = 15_000;

export class SourceFeed {
  private inFlight = false;
  private disposed = false;

  constructor(
    private readonly source: () => FedSource | undefined,
    private readonly differ: Pick<SourceDiffer<{ id: string }>, 'takeDiff' | 'pending'>,
    private readonly onDidSettle: () => void = () => {},
    private readonly maxChanges = MAX_CHANGES_PER_UPDATE,
  ) {}

  /** Nothing staged and nothing in the worker: the source holds what the differ says. */
  get settled(): boolean {
    return !this.inFlight && this.differ.pending === 0;
  }

  /** Replaces the source's data (nothing it held stays); staged changes wait for it. */
  setData(data: GeoJSON.FeatureCollection): void {
    this.source()?.setData(data);
  }

  /** Sends the staged changes now, or when the update in the worker is done. */
  send(): void {
    if (this.inFlight || this.disposed) return;
    const src = this.source();
    if (!src) return;
    const diff = this.differ.takeDiff(this.maxChanges);
    if (!diff) return;
    const done = src.updateData(diff, true);
    if (!(done instanceof Promise)) return;
    this.inFlight = true;
    const landed = (): void => {
      this.inFlight = false;
      this.send();
      if (this.settled) this.onDidSettle();
    };
    // (MapLibre reports a failed update as an error event; the next one goes all the same.)
    done.then(landed, landed);
  }

  dispose(): void {
    this.disposed = true;
  }
}
