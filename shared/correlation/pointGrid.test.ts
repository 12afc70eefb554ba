/** The grid walk against a plain scan: same order of offers, same answer, same distance, to the last bit, through adds, removals and relabels. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKmLonLat } from './geo';
import { PointGrid } from './pointGrid';

interface Held {
  slot: number;
  lon: number;
  lat: number;
  incidentId: string;
  alertId: string;
}

/** The definition: every point within the radius by (exact distance, incident id, alert id). */
function scanOrder(points: readonly Held[], lon: number, lat: number, radiusKm: number): { p: Held; d: number }[] {
  return points
    .map((p) => ({ p, d: haversineKmLonLat(lon, lat, p.lon, p.lat) }))
    .filter((x) => x.d <= radiusKm)
    .sort((a, b) => a.d - b.d || (a.p.incidentId < b.p.incidentId ? -1 : a.p.incidentId > b.p.incidentId ? 1 : a.p.alertId < b.p.alertId ? -1 : 1));
}

const around = (c: number, spread: number) => fc.double({ min: c - spread, max: c + spread, noNaN: true });

/** A grid holding `points` in order, each as alert `a:<index>` of incident `INC-<incident>`, and what it holds. */
function gridOf(points: ReadonlyArray<{ lon: number; lat: number; incident: number }>): { grid: PointGrid; held: Held[] } {
  const grid = new PointGrid();
  const held = points.map((p, i) => {
    const h = { lon: p.lon, lat: p.lat, incidentId: `INC-${p.incident}`, alertId: `a:${i}` };
    return { ...h, slot: grid.add(h.lon, h.lat, h.incidentId, h.alertId) };
  });
  return { grid, held };
}

/** Offers of one walk, checked against the scan; returns nothing, fails on the first difference. */
function expectScanOrder(grid: PointGrid, held: readonly Held[], lon: number, lat: number, radiusKm: number, refused: readonly number[]): void {
  const offered: string[] = [];
  const slot = grid.nearest(lon, lat, radiusKm, (s, d) => {
    offered.push(`${grid.alertAt(s)}@${d}`);
    return !refused.includes(Number(grid.incidentAt(s).slice(4)));
  });
  const order = scanOrder(held, lon, lat, radiusKm);
  const first = order.findIndex((x) => !refused.includes(Number(x.p.incidentId.slice(4))));
  // A refused incident is offered once, at its nearest point: its other points are skipped.
  const seen = new Set<string>();
  const expected = (first < 0 ? order : order.slice(0, first + 1)).filter((x) => !seen.has(x.p.incidentId) && seen.add(x.p.incidentId));
  expect(offered).toEqual(expected.map((x) => `${x.p.alertId}@${x.d}`));
  expect(slot < 0 ? undefined : { id: grid.alertAt(slot), d: grid.distanceKm }).toEqual(first < 0 ? undefined : { id: order[first]!.p.alertId, d: order[first]!.d });
}

describe('PointGrid', () => {
  it('offers points in the order of a scan by exact distance and ids, and stops at the first one taken', () => {
    const point = fc.record({ lon: around(126.6, 0.4), lat: around(45.8, 0.3), incident: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(
        // Points on a coarse grid and on cell edges too, so that equal distances, duplicates and edge cases are common.
        fc.array(fc.oneof(point, point.map((p) => ({ ...p, lon: Math.round(p.lon * 20) / 20, lat: Math.round(p.lat * 100) / 100 }))), { maxLength: 150 }),
        around(126.6, 0.5),
        around(45.8, 0.4),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }),
        (points, lon, lat, radiusKm, refused) => {
          const { grid, held } = gridOf(points);
          expect(grid.size).toBe(held.length);
          expectScanOrder(grid, held, lon, lat, radiusKm, refused);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('stays exact in a dense cluster over a few cells, where cell bounds decide the order', () => {
    const point = fc.record({ lon: around(126.6, 0.06), lat: around(45.8, 0.04), incident: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.array(point, { minLength: 20, maxLength: 300 }), around(126.6, 0.06), around(45.8, 0.04), fc.double({ min: 0, max: 5, noNaN: true }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 38 }), (points, lon, lat, radiusKm, refused) => {
        const { grid, held } = gridOf(points);
        expectScanOrder(grid, held, lon, lat, radiusKm, refused);
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact with points and queries hugging cell edges (45.81°N and 126.585°E are edges)', () => {
    const point = fc.record({ lon: around(126.585, 0.004), lat: around(45.81, 0.003), incident: fc.integer({ min: 1, max: 30 }) });
    fc.assert(
      fc.property(fc.array(point, { minLength: 10, maxLength: 200 }), around(126.585, 0.004), around(45.81, 0.003), fc.double({ min: 0, max: 2, noNaN: true }), fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 29 }), (points, lon, lat, radiusKm, refused) => {
        const { grid, held } = gridOf(points);
        expectScanOrder(grid, held, lon, lat, radiusKm, refused);
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact in a crowded cell, queued slice by slice', () => {
    // One cell (45.81–45.84°N, 126.585–126.63°E) holding hundreds of reports, as at a big incident's site.
    const point = fc.record({ lon: around(126.6075, 0.0224), lat: around(45.825, 0.0149), incident: fc.integer({ min: 1, max: 60 }) });
    fc.assert(
      fc.property(fc.array(point, { minLength: 100, maxLength: 400 }), around(126.6075, 0.04), around(45.825, 0.03), fc.double({ min: 0, max: 6, noNaN: true }), fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 59 }), (points, lon, lat, radiusKm, refused) => {
        const { grid, held } = gridOf(points);
        expectScanOrder(grid, held, lon, lat, radiusKm, refused);
      }),
      { numRuns: 200 },
    );
  });

  it('stays exact through removals, reused slots and relabels', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), lon: around(126.6, 0.3), lat: around(45.8, 0.2), incident: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('relabel' as const), pick: fc.nat(), incident: fc.integer({ min: 1, max: 6 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), around(126.6, 0.3), around(45.8, 0.2), fc.double({ min: 0, max: 30, noNaN: true }), fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 6 }), (ops, lon, lat, radiusKm, refused) => {
        const grid = new PointGrid();
        let held: Held[] = [];
        ops.forEach((o, i) => {
          if (o.kind === 'add') {
            const h = { lon: o.lon, lat: o.lat, incidentId: `INC-${o.incident}`, alertId: `a:${i}` };
            held.push({ ...h, slot: grid.add(h.lon, h.lat, h.incidentId, h.alertId) });
          } else if (held.length > 0) {
            const h = held[o.pick % held.length]!;
            if (o.kind === 'remove') {
              grid.remove(h.slot);
              held = held.filter((x) => x !== h);
            } else {
              grid.setIncident(h.slot, `INC-${o.incident}`);
              h.incidentId = `INC-${o.incident}`;
            }
          }
        });
        expect(grid.size).toBe(held.length);
        for (const h of held) {
          expect(grid.alertAt(h.slot)).toBe(h.alertId);
          expect([grid.lonAt(h.slot), grid.latAt(h.slot)]).toEqual([h.lon, h.lat]);
        }
        expectScanOrder(grid, held, lon, lat, radiusKm, refused);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a point exactly on the radius and drops one a hair beyond', () => {
    const grid = new PointGrid();
    grid.add(127.0, 45.8, 'INC-1', 'a:1');
    const exact = haversineKmLonLat(126.7, 45.8, 127.0, 45.8);
    expect(grid.nearest(126.7, 45.8, exact, () => true)).toBe(0);
    expect(grid.distanceKm).toBe(exact);
    expect(grid.nearest(126.7, 45.8, exact * (1 - 1e-12), () => true)).toBe(-1);
  });

  it('finds points far from the query cell, across many empty rings, and at high latitude', () => {
    const grid = new PointGrid();
    const held: Held[] = [
      { lon: 126.6, lat: 45.8, incidentId: 'INC-1', alertId: 'a:1' },
      { lon: 127.9, lat: 46.7, incidentId: 'INC-2', alertId: 'a:2' },
      { lon: 20, lat: 84.9, incidentId: 'INC-3', alertId: 'a:3' },
      { lon: -160, lat: 85.2, incidentId: 'INC-4', alertId: 'a:4' },
    ].map((h) => ({ ...h, slot: grid.add(h.lon, h.lat, h.incidentId, h.alertId) }));
    expectScanOrder(grid, held, 127.0, 46.2, 150, []);
    expectScanOrder(grid, held, 127.0, 46.2, 150, [1]);
    // Near the pole the box spans every longitude: the walk must still reach across it.
    expectScanOrder(grid, held, 100, 86, 800, []);
    expectScanOrder(grid, held, 100, 86, 800, [3]);
  });

  it('can be walked again from inside a walk', () => {
    const grid = new PointGrid();
    grid.add(126.6, 45.8, 'INC-1', 'a:1');
    grid.add(126.61, 45.8, 'INC-2', 'a:2');
    const inner: string[] = [];
    const outer = grid.nearest(126.6, 45.8, 10, () => {
      inner.push(grid.alertAt(grid.nearest(126.61, 45.8, 10, () => true)));
      return true;
    });
    expect(grid.alertAt(outer)).toBe('a:1');
    expect(inner).toEqual(['a:2']);
    expect(grid.alertAt(grid.nearest(126.61, 45.8, 10, () => true))).toBe('a:2');
  });
});
