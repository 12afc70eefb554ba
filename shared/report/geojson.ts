/**
 * Alerts as a GeoJSON FeatureCollection (RFC 7946), for GIS desks (QGIS,
 * ArcGIS, the provincial 一张图 platform).
 *
 * - Geometry: the CAP area where the alert has one (polygons as they are,
 *   circles as 64-sided polygons on the sphere, since GeoJSON has no circle;
 *   one Polygon, or a MultiPolygon for several shapes), else the point.
 *   Positions are WGS84 [lon, lat] with 6 decimals (~0.1 m, RFC 7946 §11.2);
 *   exterior rings are counterclockwise (the right-hand rule, §3.1.6).
 * - Properties: the readable fields of the alert (Chinese names of agency,
 *   level, region; times in Beijing ISO 8601); the point always as `lon` /
 *   `lat`, circles also as `circles` so the exact CAP shape is not lost.
 */
import { AGENCIES } from '../domain/agencies';
import type { Alert, LonLat } from '../domain/model';
import { PROVINCE_CODE, prefectureOf } from '../domain/regions';
import { warningLevelOf } from '../domain/warningLevel';
import { beijingIso, SEVERITY_LABEL } from './labels';

export type Position = [number, number];
export type GeoJsonGeometry = { type: 'Point'; coordinates: Position } | { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface GeoJsonFeature {
  type: 'Feature';
  id: string;
  geometry: GeoJsonGeometry;
  properties: Record<string, string | number | boolean | null | readonly { center: Position; radiusKm: number }[]>;
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: GeoJsonFeature[];
}

/** Segments of the polygon that stands for a CAP circle. */
export const CIRCLE_SEGMENTS = 64;
/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const pos = ([lon, lat]: readonly [number, number]): Position => [round6(lon), round6(lat)];

/** Twice the signed area (shoelace); positive for counterclockwise in lon/lat. */
function signedArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a;
}

function counterclockwise(ring: Position[]): Position[] {
  return signedArea(ring) < 0 ? [...ring].reverse() : ring;
}

/** A circle on the sphere as a closed counterclockwise ring of `CIRCLE_SEGMENTS` + 1 positions. */
export function circleRing(center: LonLat, radiusKm: number, segments = CIRCLE_SEGMENTS): Position[] {
  const [lon0, lat0] = center;
  const φ1 = (lat0 * Math.PI) / 180;
  const λ1 = (lon0 * Math.PI) / 180;
  const δ = radiusKm / EARTH_RADIUS_KM;
  const ring: Position[] = [];
  for (let i = 0; i < segments; i++) {
    // Counterclockwise seen from above: bearings decreasing from north (0, -θ …).
    const θ = (-2 * Math.PI * i) / segments;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
    ring.push(pos([(((λ2 * 180) / Math.PI + 540) % 360) - 180, (φ2 * 180) / Math.PI]));
  }
  ring.push(ring[0]!);
  return ring;
}

function regionName(code: string): string {
  if (code === PROVINCE_CODE) return '黑龙江省';
  const p = prefectureOf(code);
  return p ? `黑龙江省${p.name.zh}` : code;
}

export function alertGeometry(alert: Pick<Alert, 'point' | 'area'>): GeoJsonGeometry {
  const polygons: Position[][][] = [];
  for (const ring of alert.area?.polygons ?? []) polygons.push([counterclockwise(ring.map(pos))]);
  for (const c of alert.area?.circles ?? []) polygons.push([circleRing(c.center, c.radiusKm)]);
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! };
  if (polygons.length > 1) return { type: 'MultiPolygon', coordinates: polygons };
  return { type: 'Point', coordinates: pos([alert.point.lon, alert.point.lat]) };
}

export function alertFeature(alert: Alert): GeoJsonFeature {
  const level = warningLevelOf(alert.severity);
  const opt = (v: number | undefined): string | null => (v !== undefined ? beijingIso(v) : null);
  return {
    type: 'Feature',
    id: alert.id,
    geometry: alertGeometry(alert),
    properties: {
      id: alert.id,
      headline: alert.headline,
      event: alert.event,
      agency: AGENCIES[alert.agency]?.name.zh ?? alert.agency,
      agencyId: alert.agency,
      domain: alert.domain,
      severity: alert.severity,
      warningLevel: level,
      warningLevelName: SEVERITY_LABEL[alert.severity].zh,
      urgency: alert.urgency,
      certainty: alert.certainty,
      status: alert.status,
      capStatus: alert.capStatus,
      msgType: alert.msgType,
      classification: alert.classification,
      region: alert.region,
      regionName: regionName(alert.region),
      areaDesc: alert.area?.desc ?? null,
      description: alert.description ?? null,
      instruction: alert.instruction ?? null,
      sent: beijingIso(alert.sent),
      received: beijingIso(alert.received),
      effective: opt(alert.effective),
      expires: opt(alert.expires),
      incidentId: alert.incidentId ?? null,
      lon: round6(alert.point.lon),
      lat: round6(alert.point.lat),
      circles: (alert.area?.circles ?? []).map((c) => ({ center: pos(c.center), radiusKm: c.radiusKm })),
    },
  };
}

/** The alerts, in the order given, as one FeatureCollection. */
export function alertsGeoJson(alerts: Iterable<Alert>): GeoJsonFeatureCollection {
  const features: GeoJsonFeature[] = [];
  for (const a of alerts) features.push(alertFeature(a));
  return { type: 'FeatureCollection', features };
}
