import { describe, expect, it } from 'vitest';
import { alert } from '../board/testing';
import { boundsAround, distanceKm, incidentRadiusKm } from './incidentArea';

describe('incident area', () => {
  const harbin = { lon: 126.63, lat: 45.75 };

  it('measures distances on the sphere', () => {
    // One degree of latitude is ~111 km.
    expect(distanceKm(harbin, { lon: 126.63, lat: 46.75 })).toBeCloseTo(111.2, 0);
  });

  it('holds every alert point and CAP circle', () => {
    const near = alert({ point: { lon: 126.73, lat: 45.75 } });
    const spread = alert({ point: harbin, area: { polygons: [], circles: [{ center: [126.63, 45.85], radiusKm: 5 }] } });
    const r = incidentRadiusKm(harbin, [near, spread]);
    expect(r).toBeCloseTo(11.1 + 5, 0);
    expect(incidentRadiusKm(harbin, [])).toBe(2);
  });

  it('frames the circle with a margin and a minimum span', () => {
    const b = boundsAround(harbin, 16);
    expect(b.north - harbin.lat).toBeCloseTo(0.18, 2);
    expect(harbin.lon - b.west).toBeGreaterThan(b.north - harbin.lat);
    expect(boundsAround(harbin, 1).north - harbin.lat).toBeCloseTo(0.15, 9);
  });
});
