/**
 * The offline basemap (DESIGN §7): GeoJSON generated into
 * `resources/basemap/` and emitted by Vite as files of the app's own origin
 * (`?url`), fetched once. Kept out of the JS bundle (0.9 MB of coordinates
 * would slow every start-up parse); the files are cached like any asset.
 */
import type * as GeoJSON from 'geojson';
import borderUrl from '../../../../resources/basemap/border.geojson?url';
import countriesUrl from '../../../../resources/basemap/countries.geojson?url';
import placesUrl from '../../../../resources/basemap/places.geojson?url';
import prefectureLabelsUrl from '../../../../resources/basemap/prefecture-labels.geojson?url';
import prefecturesUrl from '../../../../resources/basemap/prefectures.geojson?url';
import provincesUrl from '../../../../resources/basemap/provinces.geojson?url';
import waterUrl from '../../../../resources/basemap/water.geojson?url';
import { labelPointOf, type Bounds } from './geometry';

/**
 * The files the map draws. `land.geojson` is not among them: land has the
 * background's colour (see layers/basemap.ts). Countries give only their
 * name labels; the border comes from `border.geojson`.
 */
export const BASEMAP_FILES = {
  countries: countriesUrl,
  provinces: provincesUrl,
  prefectures: prefecturesUrl,
  prefectureLabels: prefectureLabelsUrl,
  water: waterUrl,
  border: borderUrl,
  places: placesUrl,
} as const;

export type BasemapName = keyof typeof BASEMAP_FILES;
export type Basemap = Record<BasemapName, GeoJSON.FeatureCollection> & {
  /** One label point per neighbouring country and province (not China, not Heilongjiang). */
  regionLabels: GeoJSON.FeatureCollection<GeoJSON.Point>;
};

/** The generator's clip window (manifest.json `bbox`). */
export const BASEMAP_BBOX: Bounds = [116.5, 41.5, 138.5, 55];
/** Heilongjiang with a small margin: the "whole province" view. */
export const PROVINCE_BOUNDS: Bounds = [121.1, 43.4, 135.1, 53.6];
/** Region labels stay near the province so they show in the province view. */
const REGION_LABEL_WINDOW: Bounds = [118.5, 42.2, 136.5, 54.6];

async function fetchCollection(url: string, signal?: AbortSignal): Promise<GeoJSON.FeatureCollection> {
  const response = await fetch(url, signal ? { signal } : {});
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const data = (await response.json()) as GeoJSON.FeatureCollection;
  if (data?.type !== 'FeatureCollection') throw new Error(`${url}: not a GeoJSON FeatureCollection`);
  return data;
}

export async function loadBasemap(signal?: AbortSignal): Promise<Basemap> {
  const names = Object.keys(BASEMAP_FILES) as BasemapName[];
  const collections = await Promise.all(names.map((n) => fetchCollection(BASEMAP_FILES[n], signal)));
  const basemap = Object.fromEntries(names.map((n, i) => [n, collections[i]])) as Record<BasemapName, GeoJSON.FeatureCollection>;
  return { ...basemap, regionLabels: regionLabelsOf(basemap.countries, basemap.provinces) };
}

export function regionLabelsOf(countries: GeoJSON.FeatureCollection, provinces: GeoJSON.FeatureCollection): GeoJSON.FeatureCollection<GeoJSON.Point> {
  const features: GeoJSON.Feature<GeoJSON.Point>[] = [];
  const add = (f: GeoJSON.Feature, kind: 'country' | 'province'): void => {
    if (f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon') return;
    const at = labelPointOf(f.geometry, REGION_LABEL_WINDOW);
    if (!at) return;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { kind, name: f.properties?.['name'], name_en: f.properties?.['name_en'] } });
  };
  for (const f of countries.features) if (f.properties?.['iso_a3'] !== 'CHN') add(f, 'country');
  for (const f of provinces.features) if (f.properties?.['adcode'] !== '230000') add(f, 'province');
  return { type: 'FeatureCollection', features };
}

/** Every label text the basemap can show (both languages), for loading font faces. */
export function basemapLabelTexts(basemap: Basemap): string[] {
  const texts: string[] = [];
  for (const name of ['prefectureLabels', 'water', 'places'] as const) {
    for (const f of basemap[name].features) texts.push(String(f.properties?.['name'] ?? ''), String(f.properties?.['name_en'] ?? ''));
  }
  for (const f of basemap.regionLabels.features) texts.push(String(f.properties?.['name'] ?? ''), String(f.properties?.['name_en'] ?? ''));
  return texts;
}

let basemapPromise: Promise<Basemap> | null = null;
/** One fetch of the basemap files per page, shared by every map (StrictMode mounts twice; a wall or a report may draw more). */
export function basemapOnce(): Promise<Basemap> {
  basemapPromise ??= loadBasemap().catch((e: unknown) => {
    basemapPromise = null;
    throw e;
  });
  return basemapPromise;
}
