import type * as GeoJSON from 'geojson';
import { describe, expect, it } from 'vitest';
import { PREFECTURES } from '@shared/domain/regions';
import type { PrefectureIndicators } from '@shared/evaluation';
import prefecturesText from '../../../../resources/basemap/prefectures.geojson?raw';
import { areaKm2, densityCollection, ringAreaKm2 } from './choropleth';

const prefectures = JSON.parse(prefecturesText) as GeoJSON.FeatureCollection;

describe('choropleth density', () => {
  it('measures a 1°×1° square at the equator as about 12,364 km²', () => {
    expect(ringAreaKm2([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBeCloseTo(12_364, -2);
  });

  it('measures Harbin near its official 53,100 km² and the province near 473,000 km²', () => {
    const harbin = prefectures.features.find((f) => f.properties?.['code'] === '230100')!;
    expect(areaKm2(harbin.geometry) / 53_100).toBeGreaterThan(0.95);
    expect(areaKm2(harbin.geometry) / 53_100).toBeLessThan(1.05);
    const total = prefectures.features.reduce((s, f) => s + areaKm2(f.geometry), 0);
    expect(total / 473_000).toBeGreaterThan(0.95);
    expect(total / 473_000).toBeLessThan(1.05);
  });

  it('puts count and density per 10,000 km² on each of the 13 prefectures', () => {
    const rows = PREFECTURES.map((p) => ({ code: p.code, received: p.code === '230100' ? 531 : 0 }) as PrefectureIndicators);
    const { collection, max } = densityCollection(prefectures, rows);
    expect(collection.features).toHaveLength(13);
    const harbin = collection.features.find((f) => f.properties?.['code'] === '230100')!;
    expect(harbin.properties?.['alerts']).toBe(531);
    expect(harbin.properties?.['density']).toBeCloseTo(100, -1); // 531 alerts on ~53,100 km²
    expect(max).toBe(harbin.properties?.['density']);
  });
});
