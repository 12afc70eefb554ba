/**
 * Geometry for the map: CAP areas as GeoJSON, distances, bounds. Pure.
 * Units: WGS84 degrees in GeoJSON order ([lon, lat]), kilometres.
 */
import type * as GeoJSON from 'geojson';
import type { Area, LonLat } from '@shared/domain/model';

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `distance` km from `from` along initial `bearing` (degrees from north). */
export function destination(from: LonLat, distance: number, bearing: number): LonLat {
  const d = distance / EARTH_RADIUS_KM;
  const b = bearing * RAD;
  const lat1 = from[1] * RAD;
  const lon1 = from[0] * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return [(((lon2 / RAD + 540) % 360) - 180), lat2 / RAD];
}

/**
 * A CAP circle (CAP 1.2 §3.3.2 `circle`: centre and radius in km) as a closed
 * ring of `steps` vertices on the sphere, counter-clockwise (GeoJSON's
 * exterior ring order), first position repeated last.
 */
export function circleToRing(center: LonLat, radiusKm: number, steps = 64): LonLat[] {
  const ring: LonLat[] = [];
  for (let i = 0; i < steps; i++) ring.push(destination(center, radiusKm, 360 - (i * 360) / steps));
  ring.push(ring[0]!);
  return ring;
}

/** All polygons and circles of a CAP area as one MultiPolygon, or null when the area has none. */
export function areaToGeometry(area: Pick<Area, 'polygons' | 'circles'> | undefined, steps = 64): GeoJSON.MultiPolygon | null {
  if (!area) return null;
  const polygons: LonLat[][][] = [];
  for (const ring of area.polygons) polygons.push([ring.map((p) => [p[0], p[1]] as LonLat)]);
  for (const c of area.circles) polygons.push([circleToRing(c.center, c.radiusKm, steps)]);
  return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

export type Bounds = [west: number, south: number, east: number, north: number];

/** Bounding box of any geometry's positions, or null for an empty one. */
export function boundsOf(geometry: GeoJSON.Geometry): Bounds | null {
  const b: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) {
      const gb = boundsOf(g);
      if (gb) visit([[gb[0], gb[1]], [gb[2], gb[3]]]);
    }
  } else visit(geometry.coordinates);
  return b[0] <= b[2] ? b : null;
}

/** Even-odd point-in-ring test (planar; fine for label placement). */
export function pointInRing(p: LonLat, ring: readonly LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegmentSq(p: LonLat, a: LonLat, b: LonLat, kx: number): number {
  // Equirectangular: longitudes shrink by cos(lat) so "farthest from the edge" means the same in both axes.
  const ax = a[0] * kx, bx = b[0] * kx, px = p[0] * kx;
  let dx = bx - ax, dy = b[1] - a[1];
  let t = dx * dx + dy * dy > 0 ? ((px - ax) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy) : 0;
  t = Math.max(0, Math.min(1, t));
  dx = ax + t * dx - px;
  dy = a[1] + t * dy - p[1];
  return dx * dx + dy * dy;
}

/**
 * A label point well inside a (Multi)Polygon: of a grid over its bounds,
 * the inside point farthest from any edge. MapLibre would label a polygon
 * once per tile it spans, so country and province names get a point of their
 * own. `within` restricts candidates (e.g. to the area the map shows).
 */
export function labelPointOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, within?: Bounds, grid = 20): LonLat | null {
  const bb = boundsOf(geometry);
  if (!bb) return null;
  const box: Bounds = within ? [Math.max(bb[0], within[0]), Math.max(bb[1], within[1]), Math.min(bb[2], within[2]), Math.min(bb[3], within[3])] : bb;
  if (box[0] >= box[2] || box[1] >= box[3]) return null;
  // Only polygons reaching into the window matter, each with its own bounds for a quick reject.
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates)
    .map((rings) => ({ rings: rings as LonLat[][], bounds: boundsOf({ type: 'Polygon', coordinates: rings })! }))
    .filter((p) => p.bounds[0] < box[2] && p.bounds[2] > box[0] && p.bounds[1] < box[3] && p.bounds[3] > box[1]);
  // Distances to the edges need not be exact: ~200 vertices per ring are plenty to rank candidates.
  const edges = polygons.flatMap((p) => p.rings.map((r) => decimate(r, 200)));
  const kx = Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
  let best: LonLat | null = null;
  let bestD = -1;
  for (let i = 0; i <= grid; i++) {
    for (let j = 0; j <= grid; j++) {
      const p: LonLat = [box[0] + ((box[2] - box[0]) * (i + 0.5)) / (grid + 1), box[1] + ((box[3] - box[1]) * (j + 0.5)) / (grid + 1)];
      const inside = polygons.some(
        ({ rings, bounds: b }) =>
          p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3] && pointInRing(p, rings[0]!) && !rings.slice(1).some((hole) => pointInRing(p, hole)),
      );
      if (!inside) continue;
      let d = Infinity;
      for (const ring of edges) for (let k = 1; k < ring.length; k++) d = Math.min(d, distanceToSegmentSq(p, ring[k - 1]!, ring[k]!, kx));
      if (d > bestD) {
        bestD = d;
        best = p;
      }
    }
  }
  return best;
}

/** Every n-th vertex so that at most `max` remain, the last kept (the ring stays closed). */
function decimate(ring: readonly LonLat[], max: number): readonly LonLat[] {
  if (ring.length <= max) return ring;
  const step = Math.ceil(ring.length / max);
  const out = ring.filter((_, i) => i % step === 0);
  out.push(ring[ring.length - 1]!);
  return out;
}
