/**
 * Shader warm-up, while the map still says it is loading.
 *
 * MapLibre compiles a layer's shader program the first time the layer draws
 * something, on the main thread. Under software WebGL (SwiftShader: virtual
 * desktops, and the e2e machine) one compile takes 0.2–1.5 s, so the first
 * selected alert (its area and ring), the first overdue halo or the first
 * zoom past the domain icons froze the whole workspace for 1–3 s, in the
 * middle of an operator's work. Here every data layer draws one synthetic
 * feature once, with its filter and zoom range lifted, on a canvas made
 * invisible, and everything is put back before the map reports ready. Paint
 * properties are left alone: a program is chosen by the layer's type and by
 * which paint values are constants or data expressions, so the programs
 * compiled here are the ones the real data uses.
 */
import type { FilterSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/** The longest a warm-up may hold the map back (a map that never goes idle still starts). */
const WARMUP_TIMEOUT_MS = 20_000;

/** One bag of the properties any data layer reads, with values that make every one draw. */
const PROPERTIES = { rank: 3, maxRank: 3, ack: 0, pulse: 1, heat: 1, domain: 'traffic', level: 1, overdue: 1, aid: 'warmup', iid: 'warmup' };

interface Saved {
  id: string;
  filter: FilterSpecification | null | undefined;
  visibility: unknown;
  minzoom: number | undefined;
  maxzoom: number | undefined;
}

/** Draws every layer of `sources` once (points for point sources, a small square for `polygonSources`), then restores them. */
export async function warmUpPrograms(map: MapLibreMap, sources: { points: readonly string[]; polygons: readonly string[] }): Promise<number> {
  const t0 = performance.now();
  const ids = new Set([...sources.points, ...sources.polygons]);
  const layers = (map.getStyle().layers ?? []).filter((l) => 'source' in l && typeof l.source === 'string' && ids.has(l.source));
  if (layers.length === 0) return 0;
  const canvas = map.getCanvas();
  const shown = canvas.style.visibility;
  canvas.style.visibility = 'hidden';
  const saved: Saved[] = layers.map((l) => ({
    id: l.id,
    filter: map.getFilter(l.id) ?? null,
    visibility: map.getLayoutProperty(l.id, 'visibility'),
    minzoom: l.minzoom,
    maxzoom: l.maxzoom,
  }));
  try {
    for (const l of layers) {
      map.setFilter(l.id, null);
      map.setLayoutProperty(l.id, 'visibility', 'visible');
      map.setLayerZoomRange(l.id, 0, 24);
    }
    const { lng, lat } = map.getCenter();
    // Three points on one spot make a cluster (cluster layers), one apart stays a point.
    const point = (dx: number): GeoJSON.Feature => ({ type: 'Feature', properties: PROPERTIES, geometry: { type: 'Point', coordinates: [lng + dx, lat] } });
    const points: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [point(0), point(0), point(0), point(1.5)] };
    const d = 0.3;
    const square: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: PROPERTIES, geometry: { type: 'Polygon', coordinates: [[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]]] } }],
    };
    for (const id of sources.points) map.getSource<GeoJSONSource>(id)?.setData(points);
    for (const id of sources.polygons) map.getSource<GeoJSONSource>(id)?.setData(square);
    await drawn(map, [...ids]);
  } finally {
    const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
    for (const id of ids) map.getSource<GeoJSONSource>(id)?.setData(empty);
    for (const s of saved) {
      map.setFilter(s.id, s.filter ?? null);
      map.setLayoutProperty(s.id, 'visibility', s.visibility ?? 'visible');
      map.setLayerZoomRange(s.id, s.minzoom ?? 0, s.maxzoom ?? 24);
    }
    canvas.style.visibility = shown;
  }
  // Shown in DevTools' performance panel and read by the benches.
  performance.measure('longwatch: map shader warm-up', { start: t0 });
  return performance.now() - t0;
}

/** The first frame drawn after `sources` have loaded the data just set (not `idle`, which also waits out label fades), or the timeout. */
function drawn(map: MapLibreMap, sources: readonly string[]): Promise<void> {
  return new Promise((resolve) => {
    let loaded = false;
    const timer = setTimeout(done, WARMUP_TIMEOUT_MS);
    function check(): void {
      // The frame after the one that found everything loaded has drawn it.
      if (loaded) return done();
      loaded = sources.every((id) => map.getSource(id) !== undefined && map.isSourceLoaded(id));
      map.triggerRepaint();
    }
    function done(): void {
      clearTimeout(timer);
      map.off('render', check);
      resolve();
    }
    map.on('render', check);
    map.triggerRepaint();
  });
}
