/**
 * Shader warm-up beside a map that is already shown and working.
 *
 * MapLibre compiles a layer's shader program the first time the layer draws
 * something, on the main thread. Under software WebGL (SwiftShader: virtual
 * desktops, the e2e machine) one compile takes 0.2–1.6 s, so the first
 * selected alert (its area and ring), the first incident, the heatmap, the
 * first overdue halo or the first zoom past the domain icons froze the whole
 * workspace for 1–3 s in the middle of an operator's work.
 *
 * Here, after the map has reported ready and drawn its first frame, each
 * data layer is copied once — same type, layout and paint, so MapLibre picks
 * the same program (a program is chosen by the layer type and by which paint
 * values are constants, zoom or data expressions), filter and zoom range
 * dropped — onto a small source of synthetic features that lie just outside
 * the canvas, in a tile MapLibre still draws (the source's `maxzoom` is low
 * enough that one tile covers the canvas and the features). Each copy draws
 * once and is removed before the next is added: one compile per frame, with
 * the page free between them. The real layers, their data, the canvas and
 * the map's ready state are never touched, so the warm-up can be slow (a
 * throttled page) or cut off by its bound without anyone seeing it; what did
 * not compile yet compiles on first use, as before.
 *
 * Not opacity 0 instead: MapLibre skips drawing a circle, fill, line or
 * heatmap layer whose opacity is the constant 0 (`draw_circle.ts`,
 * `draw_fill.ts`, `draw_line.ts`, `draw_heatmap.ts`), and a different
 * opacity expression would select a different program anyway.
 */
import { MercatorCoordinate, type ExpressionSpecification, type GeoJSONSourceSpecification, type LayerSpecification, type Map as MapLibreMap } from 'maplibre-gl';

export const WARMUP_SOURCE = 'lw-warmup';
const LAYER_PREFIX = 'lw-warmup:';

/** After this long the warm-up stops and removes what it added (a hidden page draws no frames). */
export const WARMUP_BOUND_MS = 90_000;

/**
 * The copies draw in this many steps (frames), a few layers each. One copy
 * a step (one compile a frame) took 20 s at load 6–10 with one page and
 * 90 s was not enough with the five desks of the joint e2e test: every step
 * waits for a frame and for MapLibre's worker, which is busy with the live
 * sources. Three steps are over within seconds of the first frame, while
 * the workstation is still replicating and before anyone selects.
 */
const WARMUP_STEPS = 3;

/** Pixels beyond the canvas's right edge: points (circles and symbols, < 30 px across; MapLibre places symbols up to 100 px out), and heat (radius up to 60 px at the warm-up's zoom). */
const NEAR_PX = 60;
const FAR_PX = 170;
/** Half the side of the synthetic polygon (areas' fill and outline), in pixels. */
const SQUARE_PX = 6;

/** One bag of the properties any data layer reads, with values that make every one draw (clusters' text included). */
export const WARMUP_PROPERTIES: Readonly<Record<string, string | number>> = {
  rank: 3,
  maxRank: 3,
  ack: 0,
  pulse: 1,
  heat: 1,
  domain: 'traffic',
  level: 1,
  overdue: 1,
  kind: 'alert',
  aid: 'warmup',
  iid: 'warmup',
  point_count: 3,
  point_count_abbreviated: '3',
};

type Where = 'near' | 'far' | 'area';
const whereOf = (l: LayerSpecification): Where => (l.type === 'heatmap' ? 'far' : l.type === 'fill' || l.type === 'line' ? 'area' : 'near');

export interface WarmUpResult {
  /** Layers drawn once by a copy. */
  warmed: number;
  /** Layers left to compile on first use (bound reached or the map removed). */
  skipped: number;
  ms: number;
}

export interface WarmUp {
  readonly done: Promise<WarmUpResult>;
  /** Stops and removes the warm-up's source and layer (the map stays as it is). */
  cancel(): void;
}

/** Copies of the layers of `sources` (in style order), each drawn once off-canvas and removed. */
export function warmUpPrograms(map: MapLibreMap, sources: readonly string[], boundMs = WARMUP_BOUND_MS): WarmUp {
  const t0 = performance.now();
  const ids = new Set(sources);
  const specs: LayerSpecification[] = [];
  for (const id of map.getLayersOrder()) {
    const layer = map.getLayer(id);
    if (!layer?.source || !ids.has(layer.source)) continue;
    const spec = layer.serialize();
    if (spec.type === 'background' || spec.type === 'raster' || spec.type === 'hillshade' || spec.type === 'color-relief') continue;
    specs.push(spec);
  }
  let cancelled = false;
  let current: string[] = [];
  let wake: (() => void) | null = null;
  /** The canvas moved or changed size: the features may be in view, so the copy goes and the step is redone. */
  let disturbed = false;
  /** Whether the source's features lie beside the canvas as it is now. */
  let placed = false;
  const disturb = (): void => {
    disturbed = true;
    placed = false;
    removeCurrent();
    wake?.();
  };
  const removeCurrent = (): void => {
    for (const id of current) if (map.getLayer(id)) map.removeLayer(id);
    current = [];
  };
  let cleaned = false;
  const cleanUp = (): void => {
    if (cleaned) return;
    cleaned = true;
    map.off('movestart', disturb);
    map.off('resize', disturb);
    removeCurrent();
    if (map.getSource(WARMUP_SOURCE)) map.removeSource(WARMUP_SOURCE);
  };
  const timer = setTimeout(() => stop(), boundMs);
  function stop(): void {
    cancelled = true;
    wake?.();
  }

  const run = async (): Promise<WarmUpResult> => {
    let warmed = 0;
    map.on('movestart', disturb);
    map.on('resize', disturb);
    try {
      const size = Math.ceil(specs.length / WARMUP_STEPS);
      for (let i = 0; i < specs.length; i += size) {
        const batch = specs.slice(i, i + size);
        for (;;) {
          if (cancelled) return { warmed, skipped: specs.length - warmed, ms: performance.now() - t0 };
          // Wait for a still map, then put the features beside the canvas as it is now.
          if (map.isMoving()) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              map.once('moveend', () => resolve());
            });
            continue;
          }
          disturbed = false;
          if (cancelled) continue;
          if (!placed) placeSource(map);
          placed = true;
          for (const spec of batch) {
            const copy = warmUpCopyOf(spec, LAYER_PREFIX + spec.id);
            map.addLayer(copy);
            current.push(copy.id);
          }
          // Symbols may be placed a frame late (MapLibre's placement has a time budget per frame).
          const ok = await drawnOnce(map, batch.some((l) => l.type === 'symbol') ? 1 : 0, (resolve) => (wake = resolve));
          wake = null;
          removeCurrent();
          if (ok && !disturbed && !cancelled) break;
        }
        warmed += batch.length;
      }
      return { warmed, skipped: 0, ms: performance.now() - t0 };
    } finally {
      clearTimeout(timer);
      wake = null;
      cleanUp();
    }
  };

  const done = run().then(
    (r) => {
      // Shown in DevTools' performance panel and read by the probes.
      if (!cancelled || r.warmed > 0) performance.measure(r.skipped > 0 ? 'longwatch: map shader warm-up (cut off)' : 'longwatch: map shader warm-up', { start: t0 });
      return r;
    },
    () => ({ warmed: 0, skipped: specs.length, ms: performance.now() - t0 }),
  );
  return {
    done,
    cancel() {
      // Synchronously: the owner may remove the map right after.
      stop();
      cleanUp();
    },
  };
}

/** The warm-up copy of a data layer: same type, layout and paint, drawing only its kind of synthetic feature, at any zoom. */
export function warmUpCopyOf(spec: LayerSpecification, id: string): LayerSpecification {
  const where = whereOf(spec);
  const filter: ExpressionSpecification = ['==', ['get', 'warmup'], where];
  // Same layout and paint; no filter of its own, no zoom range, always visible.
  const { minzoom: _min, maxzoom: _max, filter: _filter, ...rest } = spec as LayerSpecification & { filter?: unknown };
  const layout = { ...('layout' in rest ? rest.layout : {}), visibility: 'visible' as const };
  return { ...rest, id, source: WARMUP_SOURCE, filter, layout } as LayerSpecification;
}

/**
 * (Re)creates the warm-up source with its features just right of the canvas,
 * with a `maxzoom` low enough that the tile holding them also holds the
 * canvas's right edge, so MapLibre draws it (a feature is drawn with its
 * tile; GL clips what falls outside the canvas). Coordinates snap to
 * 1/8192 of that tile: the highest zoom that still holds them keeps that
 * under ~2 px.
 */
function placeSource(map: MapLibreMap): void {
  const { clientWidth: w, clientHeight: h } = map.getContainer();
  const y = h / 2;
  const edge = MercatorCoordinate.fromLngLat(map.unproject([Math.max(0, w - 1), y]));
  const far = MercatorCoordinate.fromLngLat(map.unproject([w + FAR_PX + SQUARE_PX, y]));
  const tileOf = (c: MercatorCoordinate, z: number): string => `${Math.floor(c.x * 2 ** z)}/${Math.floor(c.y * 2 ** z)}`;
  let maxzoom = Math.max(0, Math.min(18, Math.floor(map.getZoom()) - 4));
  while (maxzoom > 0 && tileOf(edge, maxzoom) !== tileOf(far, maxzoom)) maxzoom--;
  const at = (dx: number, dy = 0): [number, number] => map.unproject([w + dx, y + dy]).toArray() as [number, number];
  const point = (where: Where, dx: number): GeoJSON.Feature => ({ type: 'Feature', properties: { ...WARMUP_PROPERTIES, warmup: where }, geometry: { type: 'Point', coordinates: at(dx) } });
  const s = SQUARE_PX;
  const ring = [at(NEAR_PX - s, -s), at(NEAR_PX + s, -s), at(NEAR_PX + s, s), at(NEAR_PX - s, s), at(NEAR_PX - s, -s)];
  const data: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: [point('near', NEAR_PX), point('far', FAR_PX), { type: 'Feature', properties: { ...WARMUP_PROPERTIES, warmup: 'area' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
  };
  const existing = map.getSource(WARMUP_SOURCE);
  if (existing && existing.maxzoom !== maxzoom) map.removeSource(WARMUP_SOURCE);
  const source = map.getSource(WARMUP_SOURCE);
  if (source && source.type === 'geojson') (source as unknown as { setData(d: GeoJSON.FeatureCollection): void }).setData(data);
  else map.addSource(WARMUP_SOURCE, { type: 'geojson', data, maxzoom } satisfies GeoJSONSourceSpecification);
}

/**
 * Resolves true once a frame was drawn with the layer just added loaded into
 * the warm-up source's tile (re-parsed in the worker; `addLayer` starts that
 * at the next frame, so a frame that finds the source loaded has drawn the
 * new layer), plus `extraFrames`; false when woken early (moved, resized,
 * cancelled). The next copy is added in the same turn: no idle frame between
 * steps.
 */
function drawnOnce(map: MapLibreMap, extraFrames: number, onWake: (wake: () => void) => void): Promise<boolean> {
  return new Promise((resolve) => {
    let loadedFrames = -1;
    const finish = (ok: boolean): void => {
      map.off('render', check);
      resolve(ok);
    };
    function check(): void {
      if (loadedFrames >= 0 || map.isSourceLoaded(WARMUP_SOURCE)) loadedFrames++;
      if (loadedFrames >= extraFrames) return finish(true);
      map.triggerRepaint();
    }
    onWake(() => finish(false));
    map.on('render', check);
    map.triggerRepaint();
  });
}
