import { describe, expect, it } from 'vitest';
import { areaToGeometry, boundsOf, circleToRing, destination, distanceKm, labelPointOf, pointInRing } from './geometry';
import type { LonLat } from '@shared/domain/model';

const HARBIN: LonLat = [126.535, 45.803];

describe('circleToRing (CAP circle → polygon)', () => {
  it('closes the ring: 64 vertices plus the first repeated last', () => {
    const ring = circleToRing(HARBIN, 10);
    expect(ring).toHaveLength(65);
    expect(ring[64]).toEqual(ring[0]);
  });

  it.each([0.5, 10, 120, 999])('keeps every vertex within 1%% of %s km from the centre at Harbin latitude', (radiusKm) => {
    for (const p of circleToRing(HARBIN, radiusKm)) {
      expect(Math.abs(distanceKm(HARBIN, p) - radiusKm) / radiusKm).toBeLessThan(0.01);
    }
  });

  it('is wider in degrees of longitude than latitude at 45.8°N (a true circle on the ground)', () => {
    const b = boundsOf({ type: 'Polygon', coordinates: [circleToRing(HARBIN, 50)] })!;
    const ratio = (b[2] - b[0]) / (b[3] - b[1]);
    expect(ratio).toBeCloseTo(1 / Math.cos((45.803 * Math.PI) / 180), 1);
  });

  it('runs counter-clockwise, the GeoJSON exterior ring order', () => {
    const ring = circleToRing(HARBIN, 10, 8);
    let area2 = 0;
    for (let i = 1; i < ring.length; i++) area2 += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
    expect(area2).toBeGreaterThan(0);
  });
});

describe('destination and distanceKm', () => {
  it('go 100 km north by about 0.9° of latitude', () => {
    const p = destination(HARBIN, 100, 0);
    expect(p[0]).toBeCloseTo(HARBIN[0], 6);
    expect(p[1] - HARBIN[1]).toBeCloseTo(0.8993, 3);
    expect(distanceKm(HARBIN, p)).toBeCloseTo(100, 6);
  });
});

describe('areaToGeometry', () => {
  it('joins CAP polygons and circles into one MultiPolygon', () => {
    const square: LonLat[] = [[126, 45], [127, 45], [127, 46], [126, 46], [126, 45]];
    const g = areaToGeometry({ polygons: [square], circles: [{ center: HARBIN, radiusKm: 5 }] })!;
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates).toHaveLength(2);
    expect(g.coordinates[0]).toEqual([square]);
    expect(g.coordinates[1]![0]).toHaveLength(65);
  });

  it('is null for no area, or an area without shapes', () => {
    expect(areaToGeometry(undefined)).toBeNull();
    expect(areaToGeometry({ polygons: [], circles: [] })).toBeNull();
  });
});

describe('labelPointOf', () => {
  it('puts the label inside a concave polygon, away from its edges', () => {
    // An L shape: its bounding-box centre (1.5, 1.5) lies outside.
    const l: LonLat[] = [[0, 0], [3, 0], [3, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    const p = labelPointOf({ type: 'Polygon', coordinates: [l] })!;
    expect(pointInRing(p, l)).toBe(true);
    expect(pointInRing([1.5, 1.5], l)).toBe(false);
  });

  it('keeps to the window it is given', () => {
    const big: LonLat[] = [[100, 40], [140, 40], [140, 60], [100, 60], [100, 40]];
    const p = labelPointOf({ type: 'Polygon', coordinates: [big] }, [120, 45, 125, 50])!;
    expect(p[0]).toBeGreaterThan(120);
    expect(p[0]).toBeLessThan(125);
    expect(p[1]).toBeGreaterThan(45);
    expect(p[1]).toBeLessThan(50);
  });
});
