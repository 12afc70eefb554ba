/**
 * The small map of an incident (pure): the extent to show, and the
 * incident's area as the circle round its location that holds every linked
 * alert's point and CAP area. An incident has no area of its own in the
 * model; its alerts do.
 */
import type { Alert, Point } from '@shared/domain/model';
import type { LocatorBounds } from '../detail/miniMapGeometry';

const KM_PER_DEG_LAT = 111.32;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Radius (km) of the circle round `center` holding every alert's point and area circles; at least `minKm`. */
export function incidentRadiusKm(center: Point, alerts: readonly Pick<Alert, 'point' | 'area'>[], minKm = 2): number {
  let r = minKm;
  for (const a of alerts) {
    r = Math.max(r, distanceKm(center, a.point));
    for (const c of a.area?.circles ?? []) r = Math.max(r, distanceKm(center, { lon: c.center[0], lat: c.center[1] }) + c.radiusKm);
    for (const ring of a.area?.polygons ?? []) for (const [lon, lat] of ring) r = Math.max(r, distanceKm(center, { lon, lat }));
  }
  return r;
}

/** Lon/lat bounds of the circle, padded by a quarter, never narrower than ~0.3° of latitude. */
export function boundsAround(center: Point, radiusKm: number): LocatorBounds {
  const dLat = Math.max(0.15, (radiusKm * 1.25) / KM_PER_DEG_LAT);
  const dLon = dLat / Math.cos((center.lat * Math.PI) / 180);
  return { west: center.lon - dLon, east: center.lon + dLon, south: center.lat - dLat, north: center.lat + dLat };
}
