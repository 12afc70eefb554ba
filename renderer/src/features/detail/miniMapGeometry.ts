/**
 * The detail panel's locator map (pure): an equirectangular projection of
 * the province, scaled by cos(latitude) so Heilongjiang keeps its shape at
 * a glance. Good enough to say "north-west, near Qiqihar"; the real map is
 * the map pane's job.
 */
import type { Area } from '@shared/domain/model';

export type LonLat = readonly [number, number];

/** Heilongjiang with a small margin, as the map pane's province view. */
export const LOCATOR_BOUNDS = { west: 121.1, south: 43.4, east: 135.1, north: 53.6 } as const;

/** A lon/lat window (degrees). */
export interface LocatorBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Projection {
  width: number;
  height: number;
  project(p: LonLat): [number, number];
  /** Kilometres → pixels (north–south scale). */
  km(km: number): number;
}

const KM_PER_DEGREE = 111.32;

export function locatorProjection(width: number, bounds: LocatorBounds = LOCATOR_BOUNDS): Projection {
  const midLat = ((bounds.south + bounds.north) / 2) * (Math.PI / 180);
  const kx = Math.cos(midLat);
  const spanX = (bounds.east - bounds.west) * kx;
  const spanY = bounds.north - bounds.south;
  const scale = width / spanX;
  const height = Math.round(spanY * scale);
  return {
    width,
    height,
    project: ([lon, lat]) => [Math.round((lon - bounds.west) * kx * scale * 10) / 10, Math.round((bounds.north - lat) * scale * 10) / 10],
    km: (km) => (km / KM_PER_DEGREE) * scale,
  };
}

export function pathOf(ring: readonly LonLat[], projection: Projection): string {
  return ring.map((p, i) => `${i === 0 ? 'M' : 'L'}${projection.project(p).join(',')}`).join('') + 'Z';
}

/** The alert's area (polygons and circles) as SVG shapes. */
export function areaShapes(area: Area | undefined, projection: Projection): { paths: string[]; circles: { cx: number; cy: number; r: number }[] } {
  if (!area) return { paths: [], circles: [] };
  return {
    paths: area.polygons.map((ring) => pathOf(ring, projection)),
    circles: area.circles.map((c) => {
      const [cx, cy] = projection.project(c.center);
      return { cx, cy, r: Math.max(2, projection.km(c.radiusKm)) };
    }),
  };
}
