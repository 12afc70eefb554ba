import { describe, expect, it } from 'vitest';
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import type { Alert } from '@shared/domain/model';
import { FeatureIds, SourceDiffer } from './sourceDiff';
import { SourceFeed } from './sourceFeed';
import { alertOf } from './testing/fixtures';

/** A source whose worker finishes each update when the test says so. */
function slowSource() {
  const updates: GeoJSONSourceDiff[] = [];
  const waiting: Array<() => void> = [];
  return {
    updates,
    source: {
      setData: () => undefined,
      updateData(diff: GeoJSONSourceDiff) {
        updates.push(diff);
        return new Promise<void>((resolve) => waiting.push(resolve));
      },
    },
    /** The worker finishes the oldest update; the feed's reaction runs before this resolves. */
    async finish() {
      waiting.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

const differ = () =>
  new SourceDiffer<Alert>({
    ids: new FeatureIds(),
    include: () => true,
    geometryOf: (a) => ({ type: 'Point', coordinates: [a.point.lon, a.point.lat] }),
    propertiesOf: (a) => ({ aid: a.id, status: a.status }),
  });

describe('SourceFeed', () => {
  it('keeps one update in the worker: changes staged meanwhile go together when it is done, the latest version of each', async () => {
    const s = slowSource();
    const d = differ();
    let settles = 0;
    const feed = new SourceFeed(() => s.source, d, () => settles++);
    d.stage([alertOf('a'), alertOf('b')], []);
    feed.send();
    expect(s.updates).toHaveLength(1);
    expect(feed.settled).toBe(false);
    // While the worker indexes, three more frames of changes: nothing is handed to MapLibre.
    d.stage([alertOf('a', { status: 'acknowledged' })], []);
    feed.send();
    d.stage([alertOf('a', { status: 'dismissed' }), alertOf('c')], []);
    feed.send();
    d.stage([], ['b']);
    feed.send();
    expect(s.updates).toHaveLength(1);
    await s.finish();
    expect(s.updates).toHaveLength(2);
    expect(s.updates[1]!.add?.map((f) => [f.properties?.['aid'], f.properties?.['status']])).toEqual([
      ['a', 'dismissed'],
      ['c', 'new'],
    ]);
    expect(s.updates[1]!.remove).toEqual([d.featureIdOf('b')]);
    expect(settles).toBe(0);
    await s.finish();
    expect(feed.settled).toBe(true);
    expect(settles).toBe(1);
  });

  it('sends a large change in parts, each after the worker has taken the last', async () => {
    const s = slowSource();
    const d = differ();
    const feed = new SourceFeed(() => s.source, d, undefined, 4);
    d.stage(Array.from({ length: 10 }, (_, i) => alertOf(`a${i}`)), []);
    feed.send();
    expect(s.updates.map((u) => u.add?.length)).toEqual([4]);
    await s.finish();
    expect(s.updates.map((u) => u.add?.length)).toEqual([4, 4]);
    await s.finish();
    await s.finish();
    expect(s.updates.map((u) => u.add?.length)).toEqual([4, 4, 2]);
    expect(feed.settled).toBe(true);
    expect(new Set(s.updates.flatMap((u) => u.add!.map((f) => f.id))).size).toBe(10);
  });
});
