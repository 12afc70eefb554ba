import { describe, expect, it } from 'vitest';
import { PREFECTURES } from '@shared/domain/regions';
import { areaShapes, LOCATOR_BOUNDS, locatorProjection } from './miniMapGeometry';

describe('locator projection', () => {
  const p = locatorProjection(150);

  it('puts the province corners at the corners and keeps the shape', () => {
    expect(p.project([LOCATOR_BOUNDS.west, LOCATOR_BOUNDS.north])).toEqual([0, 0]);
    const [x, y] = p.project([LOCATOR_BOUNDS.east, LOCATOR_BOUNDS.south]);
    expect(x).toBeCloseTo(150, 0);
    expect(y).toBeCloseTo(p.height, 0);
    // Heilongjiang at 48.5°N is taller than wide once longitude is scaled by cos(lat).
    expect(p.height).toBeGreaterThan(150);
  });

  it('places Harbin south of Heihe and Jixi east of Qiqihar', () => {
    const at = (code: string) => p.project(PREFECTURES.find((x) => x.code === code)!.center);
    expect(at('230100')[1]).toBeGreaterThan(at('231100')[1]);
    expect(at('230300')[0]).toBeGreaterThan(at('230200')[0]);
  });

  it('draws circles at their radius', () => {
    const { circles } = areaShapes({ polygons: [], circles: [{ center: [126.5, 45.8], radiusKm: 111.32 }] }, p);
    expect(circles[0]!.r).toBeCloseTo(p.km(111.32), 5);
    expect(circles[0]!.r).toBeCloseTo(p.height / (LOCATOR_BOUNDS.north - LOCATOR_BOUNDS.south), 0);
  });
});
