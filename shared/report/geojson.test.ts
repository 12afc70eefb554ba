import { describe, expect, it } from 'vitest';
import { alertsGeoJson, circleRing, CIRCLE_SEGMENTS, type Position } from './geojson';
import { incidentLog } from './testing/incidentLog';

const R = 6371.0088;
function km([a, b]: Position, [c, d]: Position): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((d - b) * rad) / 2) ** 2 + Math.cos(b * rad) * Math.cos(d * rad) * Math.sin(((c - a) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s;
}

describe('alertsGeoJson', () => {
  const log = incidentLog();
  const alerts = log.state.alerts.values();
  const fc = alertsGeoJson(alerts);

  it('is a FeatureCollection with one feature per alert, each with an id, geometry and readable properties', () => {
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.id).sort()).toEqual(['safety:SAF-1', 'traffic:OTHER', 'traffic:TRF-1']);
    const leak = fc.features.find((f) => f.id === 'safety:SAF-1')!;
    expect(leak.properties).toMatchObject({
      headline: '哈尔滨滨东精细化工有限公司苯储罐发生泄漏',
      agency: '黑龙江省应急管理厅（安全生产）',
      warningLevel: 'orange',
      warningLevelName: '橙色',
      regionName: '黑龙江省哈尔滨',
      sent: '2026-11-26T14:00:00+08:00',
      incidentId: 'INC-1',
      lon: 126.68,
      lat: 45.78,
      circles: [{ center: [126.68, 45.78], radiusKm: 1 }],
    });
    // Survives JSON (what is written to the file) unchanged.
    expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
  });

  it('writes a CAP circle as a closed counterclockwise polygon at the radius, and a point when there is no area', () => {
    const leak = fc.features.find((f) => f.id === 'safety:SAF-1')!;
    expect(leak.geometry.type).toBe('Polygon');
    const ring = (leak.geometry as { coordinates: Position[][] }).coordinates[0]!;
    expect(ring).toHaveLength(CIRCLE_SEGMENTS + 1);
    expect(ring[0]).toEqual(ring.at(-1));
    expect(signedArea(ring)).toBeGreaterThan(0);
    for (const p of ring) expect(km([126.68, 45.78], p)).toBeCloseTo(1, 2);
    expect(fc.features.find((f) => f.id === 'traffic:TRF-1')!.geometry).toEqual({ type: 'Point', coordinates: [126.7595, 45.7979] });
  });

  it('writes several shapes as a MultiPolygon and turns clockwise polygons around', () => {
    const a = log.state.alerts.get('traffic:TRF-1')!;
    const cw: [number, number][] = [[126, 45], [126, 46], [127, 46], [127, 45], [126, 45]];
    const [f] = alertsGeoJson([{ ...a, area: { polygons: [cw], circles: [{ center: [126.5, 45.5], radiusKm: 3 }] } }]).features;
    expect(f!.geometry.type).toBe('MultiPolygon');
    const polys = (f!.geometry as { coordinates: Position[][][] }).coordinates;
    expect(polys).toHaveLength(2);
    expect(polys[0]![0]).toEqual([...cw].reverse());
    expect(signedArea(polys[1]![0]!)).toBeGreaterThan(0);
    expect(circleRing([126.5, 45.5], 3).every((p) => Math.abs(km([126.5, 45.5], p) - 3) < 0.01)).toBe(true);
  });
});
