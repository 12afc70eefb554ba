/**
 * The Heilongjiang outline for the locator map, from the offline basemap
 * (`resources/basemap/provinces.geojson`, the same file the map pane
 * fetches, so it is one cached asset of the app's own origin). Loaded once.
 */
import { useEffect, useState } from 'react';
import provincesUrl from '../../../../resources/basemap/provinces.geojson?url';
import type { LonLat } from './miniMapGeometry';

let outline: Promise<LonLat[][]> | null = null;

interface Feature {
  properties?: { adcode?: string };
  geometry?: { type: string; coordinates: unknown };
}

export function provinceOutline(): Promise<LonLat[][]> {
  outline ??= fetch(provincesUrl)
    .then((r) => (r.ok ? (r.json() as Promise<{ features?: Feature[] }>) : Promise.reject(new Error(`${provincesUrl}: HTTP ${r.status}`))))
    .then((data) => {
      const f = data.features?.find((x) => x.properties?.adcode === '230000');
      if (f?.geometry?.type === 'Polygon') return f.geometry.coordinates as LonLat[][];
      if (f?.geometry?.type === 'MultiPolygon') return (f.geometry.coordinates as LonLat[][][]).flat();
      return [];
    })
    .catch((e: unknown) => {
      // The locator still shows the point and the prefecture seats without the outline.
      console.warn('longwatch: province outline unavailable', e);
      outline = null;
      return [];
    });
  return outline;
}

/** The outline's rings for a component: empty until loaded (or when unavailable). */
export function useProvinceOutline(): LonLat[][] {
  const [rings, setRings] = useState<LonLat[][]>([]);
  useEffect(() => {
    let live = true;
    void provinceOutline().then((r) => live && setRings(r));
    return () => {
      live = false;
    };
  }, []);
  return rings;
}
