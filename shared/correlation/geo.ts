/**
 * Great-circle geometry on a spherical Earth, enough for correlation radii of
 * tens of kilometres. The sphere is off the WGS84 ellipsoid by at most ~0.5 %,
 * far below how precisely a feed places an alert.
 */
import type { Point } from '../domain/model';

/** Mean Earth radius (IUGG), kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/** Great-circle (haversine) distance between two WGS84 points, kilometres. */
export function haversineKm(a: Point, b: Point): number {
  return haversineKmLonLat(a.lon, a.lat, b.lon, b.lat);
}

/** `haversineKm` on bare degrees, for hot loops that hold no `Point`. */
export function haversineKmLonLat(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLon / 2);
  const h = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  // h can creep past 1 by rounding for antipodal points; asin would be NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** A point on the unit sphere (x towards 0°E on the equator, z towards the north pole). */
export interface UnitVector {
  x: number;
  y: number;
  z: number;
}

/**
 * The unit vector of (lon, lat). The chord between two of them is c and the
 * great-circle distance 2R·asin(c/2), at least R·c: a lower bound without
 * trigonometry per pair, for ranking candidates before measuring them.
 */
export function unitVector(lon: number, lat: number): UnitVector {
  const cosLat = Math.cos(lat * RAD);
  return { x: cosLat * Math.cos(lon * RAD), y: cosLat * Math.sin(lon * RAD), z: Math.sin(lat * RAD) };
}

/** A longitude/latitude box in degrees. */
export interface DegreeBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * The smallest lon/lat box that contains every point within `radiusKm` of
 * `center`. A degree of longitude shrinks with cos(latitude), so the width
 * comes from the spherical formula sin Δλ = sin r / cos φ rather than from the
 * centre's scale; near a pole (or for huge radii) the box spans all
 * longitudes. Boxes are clamped, not wrapped, at ±180°: Heilongjiang is far
 * from the antimeridian.
 */
export function boxAround(center: Point, radiusKm: number): DegreeBox {
  return boxAroundInto(center.lon, center.lat, radiusKm, { minX: 0, minY: 0, maxX: 0, maxY: 0 });
}

/** `boxAround` of (lon, lat) written into `out` (returned), for a hot loop that reuses one box. */
export function boxAroundInto(lon: number, lat: number, radiusKm: number, out: DegreeBox): DegreeBox {
  const r = Math.max(0, radiusKm) / EARTH_RADIUS_KM;
  const dLat = r / RAD;
  const minY = Math.max(-90, lat - dLat);
  const maxY = Math.min(90, lat + dLat);
  const sinR = Math.sin(Math.min(r, Math.PI / 2));
  const cosLat = Math.cos(lat * RAD);
  // A hair of slack so a point exactly on the circle is not lost to rounding.
  const slack = 1e-9;
  // Only when neither pole is inside the circle is the longitude span bounded.
  const bounded = r < Math.PI / 2 && sinR < cosLat && minY > -90 && maxY < 90;
  const dLon = bounded ? Math.asin(sinR / cosLat) / RAD : 360;
  out.minX = Math.max(-180, lon - dLon - slack);
  out.maxX = Math.min(180, lon + dLon + slack);
  out.minY = Math.max(-90, minY - slack);
  out.maxY = Math.min(90, maxY + slack);
  return out;
}

/**
 * A lower bound on the great-circle distance from a point to anything inside
 * `box`, kilometres; 0 inside. Two bounds, the larger wins: the latitude gap
 * (no path is shorter than its change in latitude), and the distance to the
 * great circle of the nearer bounding meridian, sin d = cos φ · sin Δλ, which
 * every path into the box must cross. The clamped-corner haversine is not a
 * bound (meridians converge, so the nearest point of an edge is poleward of
 * the query's latitude); this one is, which keeps best-first search exact.
 * `cosLat` is cos(lat), for callers that bound many boxes from one point.
 */
export function minDistanceToBoxKm(lon: number, lat: number, box: DegreeBox, cosLat: number = Math.cos(lat * RAD)): number {
  let dLat = 0;
  if (lat < box.minY) dLat = box.minY - lat;
  else if (lat > box.maxY) dLat = lat - box.maxY;
  const latBound = dLat * RAD * EARTH_RADIUS_KM;
  let dLon = 0;
  if (lon < box.minX) dLon = box.minX - lon;
  else if (lon > box.maxX) dLon = lon - box.maxX;
  // The meridian argument needs the box within the half-sphere beyond that meridian.
  if (dLon === 0 || dLon >= 90 || box.maxX - box.minX > 180) return latBound;
  // asin y ≥ y and sin x ≥ x − x³/6 keep it a bound without trigonometry; the loss is O(Δλ³).
  const x = dLon * RAD;
  const cross = cosLat * x * (1 - (x * x) / 6) * EARTH_RADIUS_KM;
  return cross > latBound ? cross : latBound;
}
