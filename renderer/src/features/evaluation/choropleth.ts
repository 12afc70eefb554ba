/**
 * Alert density per prefecture for the choropleth: alerts received per
 * 10,000 km², with each prefecture's area measured on the sphere from the
 * offline basemap's boundaries (resources/basemap/prefectures.geojson,
 * property `code` = GB/T 2260).
 */
import type * as GeoJSON from 'geojson';
import type { PrefectureIndicators } from '@shared/evaluation';

const EARTH_RADIUS_KM = 6371.0088;
const rad = (d: number): number => (d * Math.PI) / 180;

/** Area of a ring on the sphere (km², unsigned); the spherical excess formula used by d3-geo and turf. */
export function ringAreaKm2(ring: readonly GeoJSON.Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [lon1, lat1] = ring[i] as [number, number];
    const [lon2, lat2] = ring[i + 1] as [number, number];
    sum += rad(lon2 - lon1) * (2 + Math.sin(rad(lat1)) + Math.sin(rad(lat2)));
  }
  return Math.abs((sum * EARTH_RADIUS_KM * EARTH_RADIUS_KM) / 2);
}

export function areaKm2(geometry: GeoJSON.Geometry): number {
  const polygon = (rings: GeoJSON.Position[][]): number => rings.reduce((s, r, i) => s + (i === 0 ? ringAreaKm2(r) : -ringAreaKm2(r)), 0);
  if (geometry.type === 'Polygon') return polygon(geometry.coordinates);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.reduce((s, p) => s + polygon(p), 0);
  return 0;
}

export interface DensityFeatureProps {
  code: string;
  name: string;
  name_en: string;
  alerts: number;
  /** Alerts per 10,000 km². */
  density: number;
}

/** The prefectures with their alert counts and densities as feature properties. */
export function densityCollection(prefectures: GeoJSON.FeatureCollection, rows: readonly PrefectureIndicators[]): { collection: GeoJSON.FeatureCollection; max: number } {
  const byCode = new Map(rows.map((r) => [r.code, r.received]));
  let max = 0;
  const features = prefectures.features.map((f, id) => {
    const code = String(f.properties?.['code'] ?? '');
    const alerts = byCode.get(code) ?? 0;
    const area = f.geometry ? areaKm2(f.geometry) : 0;
    const density = area > 0 ? (alerts / area) * 10_000 : 0;
    max = Math.max(max, density);
    const properties: DensityFeatureProps = { code, name: String(f.properties?.['name'] ?? code), name_en: String(f.properties?.['name_en'] ?? code), alerts, density };
    return { type: 'Feature' as const, id, geometry: f.geometry, properties };
  });
  return { collection: { type: 'FeatureCollection', features }, max };
}
