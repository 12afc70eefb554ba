// Type declarations for scripts/basemap/lib.mjs (used by generate.test.ts).

export type Position = [number, number];
export type BBox = readonly [number, number, number, number];

export interface Geometry {
  type: 'Point' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';
  coordinates: Position | Position[] | Position[][] | Position[][][];
}

export interface Feature<P = Record<string, unknown>> {
  type: 'Feature';
  id?: string | number;
  properties: P;
  geometry: Geometry;
}

export interface FeatureCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

export interface PrefectureInfo {
  code: string;
  name: string;
  name_en: string;
  echartsName: string;
  seat: string;
  seatName: string;
}

export interface PlacesReport {
  outsideBBox: string[];
  excluded: string[];
  duplicates: string[];
  unassigned: string[];
  admin2Mismatch: string[];
}

export interface CityRow {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}

export const GENERATOR_VERSION: string;
export const BBOX: BBox;
export const COORD_DECIMALS: number;
export const POINT_DECIMALS: number;
export const PREFECTURES: readonly PrefectureInfo[];
export const PROVINCE_NAMES_EN: Readonly<Record<string, string>>;
export const COUNTRIES: Readonly<Record<string, { iso_a3: string; name: string; short: string; name_en: string }>>;
export const RIVER_SEGMENTS: Readonly<Record<string, string[]>>;
export const RIVER_NAMES: Readonly<Record<string, { name: string; name_en: string }>>;
export const LAKE_NAMES: Readonly<Record<string, { name: string; name_en: string }>>;
export const PLACE_NAMES: Readonly<Record<string, { name: string; level: 'city' | 'county' | 'district' | 'town' }>>;
export const PLACE_EXCLUDES: Readonly<Record<string, string>>;
export const EXTRA_PLACES: readonly { name: string; country: string; admin1: string }[];

export function decodeRing(encoded: string, encodeOffsets: readonly number[], encodeScale?: number): Position[];
export function decodeEchartsGeoJson(json: unknown): FeatureCollection;
export function roundTo(value: number, decimals: number): number;
export function ringSignedArea(ring: readonly Position[]): number;
export function cleanRing(ring: readonly Position[], decimals?: number): Position[] | null;
export function cleanLine(line: readonly Position[], decimals?: number): Position[] | null;
export function clipRing(ring: readonly Position[], bbox: BBox): Position[] | null;
export function clipLine(line: readonly Position[], bbox: BBox): Position[][];
export function clipPolygonGeometry(geometry: Geometry, bbox: BBox, decimals?: number): Geometry | null;
export function cleanPolygonGeometry(geometry: Geometry, decimals?: number): Geometry;
export function pointInGeometry(point: Position, geometry: Geometry): boolean;
export function ringCentroid(ring: readonly Position[]): Position;
export function poleOfInaccessibility(rings: readonly Position[][], precision: number): { point: Position; distance: number };
export function labelPoint(geometry: Geometry): Position;
export function featureCollectionBBox(fc: FeatureCollection): [number, number, number, number];
export function serializeGeoJson(fc: FeatureCollection): string;
export function mergeLines(lines: readonly Position[][], tol?: number): Position[][];

export function buildPrefectures(heilongjiangEcharts: unknown): FeatureCollection<{ code: string; name: string; name_en: string }>;
export function buildPrefectureLabels(prefectures: FeatureCollection): FeatureCollection<{ code: string; name: string; name_en: string }>;
export function buildProvinces(chinaEcharts: unknown, bbox?: BBox): FeatureCollection<{ name: string; name_en: string; adcode: string }>;
export function buildCountries(topology: unknown, bbox?: BBox): FeatureCollection;
export function buildBorder(topology: unknown, bbox?: BBox): FeatureCollection;
export function buildWater(rivers: unknown, lakes: unknown, bbox?: BBox): FeatureCollection<{ kind: 'river' | 'lake'; name: string | null; name_en: string | null }>;
export function buildLand(land: unknown, bbox?: BBox): FeatureCollection;
export function buildPlaces(
  cities: readonly CityRow[],
  prefectures: FeatureCollection,
  bbox?: BBox,
): { fc: FeatureCollection<{ name: string; name_en: string; rank: 1 | 2 | 3; prefecture?: string }>; report: PlacesReport };
