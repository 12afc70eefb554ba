import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxAround, EARTH_RADIUS_KM, haversineKm, minDistanceToBoxKm, unitVector } from './geo';

const RAD = Math.PI / 180;
const HARBIN = { lon: 126.535, lat: 45.803 };
const QIQIHAR = { lon: 123.918, lat: 47.354 };

/** The point `km` from `from` on initial bearing `deg` (spherical direct problem), an independent check. */
function destination(from: { lon: number; lat: number }, deg: number, km: number) {
  const d = km / EARTH_RADIUS_KM;
  const t = deg * RAD;
  const p1 = from.lat * RAD;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(t));
  const l2 = from.lon * RAD + Math.atan2(Math.sin(t) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lon: l2 / RAD, lat: p2 / RAD };
}

describe('haversineKm', () => {
  it('is zero for the same point and symmetric', () => {
    expect(haversineKm(HARBIN, HARBIN)).toBe(0);
    expect(haversineKm(HARBIN, QIQIHAR)).toBeCloseTo(haversineKm(QIQIHAR, HARBIN), 9);
  });

  it('gives a degree of the equator and a quarter meridian', () => {
    expect(haversineKm({ lon: 0, lat: 0 }, { lon: 1, lat: 0 })).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_KM) / 360, 6);
    expect(haversineKm({ lon: 10, lat: 0 }, { lon: 10, lat: 90 })).toBeCloseTo((Math.PI * EARTH_RADIUS_KM) / 2, 6);
  });

  it('shrinks a degree of longitude with latitude (about 77.6 km at Harbin)', () => {
    const d = haversineKm({ lon: 126, lat: 45.8 }, { lon: 127, lat: 45.8 });
    expect(d).toBeGreaterThan(77.3);
    expect(d).toBeLessThan(77.7);
  });

  it('puts Harbin and Qiqihar about 270 km apart', () => {
    const d = haversineKm(HARBIN, QIQIHAR);
    expect(d).toBeGreaterThan(260);
    expect(d).toBeLessThan(280);
  });

  it('survives antipodes without NaN', () => {
    expect(haversineKm({ lon: 0, lat: 0 }, { lon: 180, lat: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });

  it('agrees with the direct problem for any bearing and distance', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0.001, max: 500, noNaN: true }), (deg, km) => {
        expect(haversineKm(HARBIN, destination(HARBIN, deg, km))).toBeCloseTo(km, 6);
      }),
    );
  });
});

describe('boxAround', () => {
  it('contains every point on the circle, at any latitude short of the poles', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0.01, max: 300, noNaN: true }),
        (lon, lat, deg, km) => {
          const box = boxAround({ lon, lat }, km);
          const p = destination({ lon, lat }, deg, km * 0.999999);
          expect(p.lon).toBeGreaterThanOrEqual(box.minX);
          expect(p.lon).toBeLessThanOrEqual(box.maxX);
          expect(p.lat).toBeGreaterThanOrEqual(box.minY);
          expect(p.lat).toBeLessThanOrEqual(box.maxY);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is tight: about 25 / (111.2 cos φ) degrees of longitude each side at Harbin', () => {
    const box = boxAround(HARBIN, 25);
    const halfWidth = (box.maxX - box.minX) / 2;
    expect(halfWidth).toBeCloseTo(25 / (111.195 * Math.cos(HARBIN.lat * RAD)), 3);
    expect((box.maxY - box.minY) / 2).toBeCloseTo(25 / 111.195, 3);
  });

  it('spans all longitudes when the circle holds a pole', () => {
    const box = boxAround({ lon: 10, lat: 89.9 }, 50);
    expect(box.minX).toBe(-180);
    expect(box.maxX).toBe(180);
    expect(box.maxY).toBe(90);
  });
});

describe('minDistanceToBoxKm', () => {
  it('never exceeds the distance to a point in the box, and is 0 inside', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 118, max: 138, noNaN: true }),
        fc.double({ min: 40, max: 56, noNaN: true }),
        fc.double({ min: 118, max: 138, noNaN: true }),
        fc.double({ min: 40, max: 56, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lon, lat, minX, minY, w, h, u, v) => {
          const box = { minX, minY, maxX: minX + w, maxY: minY + h };
          const inside = { lon: minX + u * w, lat: minY + v * h };
          const bound = minDistanceToBoxKm(lon, lat, box);
          expect(bound).toBeLessThanOrEqual(haversineKm({ lon, lat }, inside) + 1e-9);
          // Every corner and edge point counts too: the poleward pull of the meridian is where naive bounds fail.
          expect(bound).toBeLessThanOrEqual(haversineKm({ lon, lat }, { lon: minX, lat: minY + v * h }) + 1e-9);
          expect(bound).toBeLessThanOrEqual(haversineKm({ lon, lat }, { lon: minX + w, lat: minY + v * h }) + 1e-9);
        },
      ),
      { numRuns: 2000 },
    );
    expect(minDistanceToBoxKm(126.5, 45.8, { minX: 126, minY: 45, maxX: 127, maxY: 46 })).toBe(0);
  });

  it('is tight for a box due east or due north', () => {
    const east = minDistanceToBoxKm(126, 45.8, { minX: 127, minY: 45, maxX: 128, maxY: 46 });
    expect(east).toBeGreaterThan(haversineKm({ lon: 126, lat: 45.8 }, { lon: 127, lat: 45.8 }) * 0.999);
    const north = minDistanceToBoxKm(126.5, 45, { minX: 126, minY: 46, maxX: 127, maxY: 47 });
    expect(north).toBeCloseTo(haversineKm({ lon: 126.5, lat: 45 }, { lon: 126.5, lat: 46 }), 9);
  });

  it('is a real bound where the clamped corner is not', () => {
    // Far north and a wide gap in longitude: the meridian's nearest point is well poleward of the query.
    const p = { lon: 100, lat: 60 };
    const box = { minX: 130, minY: 50, maxX: 131, maxY: 70 };
    const clamped = haversineKm(p, { lon: 130, lat: 60 });
    const truth = Math.min(...Array.from({ length: 2001 }, (_, i) => haversineKm(p, { lon: 130, lat: 50 + i * 0.01 })));
    expect(truth).toBeLessThan(clamped - 10);
    expect(minDistanceToBoxKm(p.lon, p.lat, box)).toBeLessThanOrEqual(truth + 1e-9);
  });
});

describe('unitVector', () => {
  it('gives chords that bound the great-circle distance from below, short of it by about d³/24R² (under a millionth at 25 km)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (lon, lat, bearing, km) => {
          const a = { lon, lat };
          const b = destination(a, bearing, km);
          const u = unitVector(a.lon, a.lat);
          const v = unitVector(b.lon, b.lat);
          const chordKm = EARTH_RADIUS_KM * Math.hypot(u.x - v.x, u.y - v.y, u.z - v.z);
          const d = haversineKm(a, b);
          expect(chordKm * (1 - 1e-9) - 1e-9).toBeLessThanOrEqual(d);
          expect(chordKm).toBeGreaterThan(d * (1 - (d * d) / (20 * EARTH_RADIUS_KM ** 2)) - 1e-9);
        },
      ),
      { numRuns: 2000 },
    );
    const n = unitVector(0, 90);
    expect(n.z).toBe(1);
    expect(Math.hypot(n.x, n.y)).toBeLessThan(1e-15);
  });
});
