/** The best-first walk against a plain scan: same order of offers, same answer, same distance, to the last bit. */
import fc from 'fast-check';
import RBush from 'rbush';
import { describe, expect, it } from 'vitest';
import { nearestTaken, type PointItem, type RTreeNode } from './bestFirst';
import { haversineKmLonLat, unitVector } from './geo';

function item(lon: number, lat: number, incidentId: string, alertId: string): PointItem {
  return { minX: lon, minY: lat, maxX: lon, maxY: lat, ...unitVector(lon, lat), incidentId, alertId };
}

/** The definition: every point within the radius by (exact distance, incident id, alert id). */
function scanOrder(items: readonly PointItem[], lon: number, lat: number, radiusKm: number): { item: PointItem; d: number }[] {
  return items
    .map((p) => ({ item: p, d: haversineKmLonLat(lon, lat, p.minX, p.minY) }))
    .filter((x) => x.d <= radiusKm)
    .sort((a, b) => a.d - b.d || (a.item.incidentId < b.item.incidentId ? -1 : a.item.incidentId > b.item.incidentId ? 1 : a.item.alertId < b.item.alertId ? -1 : 1));
}

const around = (c: number, spread: number) => fc.double({ min: c - spread, max: c + spread, noNaN: true });

describe('nearestTaken', () => {
  it('offers points in the order of a scan by exact distance and ids, and stops at the first one taken', () => {
    const point = fc.record({ lon: around(126.6, 0.4), lat: around(45.8, 0.3), incident: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(
        // Points on a coarse grid too, so that equal distances (and duplicates) are common.
        fc.array(fc.oneof(point, point.map((p) => ({ ...p, lon: Math.round(p.lon * 20) / 20, lat: Math.round(p.lat * 20) / 20 }))), { maxLength: 150 }),
        around(126.6, 0.5),
        around(45.8, 0.4),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }),
        fc.boolean(),
        (points, lon, lat, radiusKm, refused, bulk) => {
          const items = points.map((p, i) => item(p.lon, p.lat, `INC-${p.incident}`, `a:${i}`));
          const tree = new RBush<PointItem>(4);
          if (bulk) tree.load(items);
          else for (const p of items) tree.insert(p);
          const offered: string[] = [];
          const found = nearestTaken(tree.toJSON() as RTreeNode<PointItem>, lon, lat, radiusKm, (p, d) => {
            offered.push(`${p.alertId}@${d}`);
            return !refused.includes(Number(p.incidentId.slice(4)));
          });
          const order = scanOrder(items, lon, lat, radiusKm);
          const first = order.findIndex((x) => !refused.includes(Number(x.item.incidentId.slice(4))));
          const expected = first < 0 ? order : order.slice(0, first + 1);
          expect(offered).toEqual(expected.map((x) => `${x.item.alertId}@${x.d}`));
          expect(found && { id: found.item.alertId, d: found.distanceKm }).toEqual(first < 0 ? undefined : { id: order[first]!.item.alertId, d: order[first]!.d });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps a point exactly on the radius and drops one a hair beyond', () => {
    const p = item(127.0, 45.8, 'INC-1', 'a:1');
    const tree = new RBush<PointItem>();
    tree.insert(p);
    const exact = haversineKmLonLat(126.7, 45.8, 127.0, 45.8);
    expect(nearestTaken(tree.toJSON() as RTreeNode<PointItem>, 126.7, 45.8, exact, () => true)?.distanceKm).toBe(exact);
    expect(nearestTaken(tree.toJSON() as RTreeNode<PointItem>, 126.7, 45.8, exact * (1 - 1e-12), () => true)).toBeUndefined();
  });

  it('can be walked again from inside a walk', () => {
    const tree = new RBush<PointItem>();
    tree.load([item(126.6, 45.8, 'INC-1', 'a:1'), item(126.61, 45.8, 'INC-2', 'a:2')]);
    const root = tree.toJSON() as RTreeNode<PointItem>;
    const inner: string[] = [];
    const outer = nearestTaken(root, 126.6, 45.8, 10, () => {
      inner.push(nearestTaken(root, 126.61, 45.8, 10, () => true)!.item.alertId);
      return true;
    });
    expect(outer?.item.alertId).toBe('a:1');
    expect(inner).toEqual(['a:2']);
    expect(nearestTaken(root, 126.61, 45.8, 10, () => true)?.item.alertId).toBe('a:2');
  });
});
