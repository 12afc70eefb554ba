/**
 * The map image of the packet: a MapLibre map of the incident's alerts,
 * their CAP areas and the incident location on the offline basemap, drawn
 * once off-screen with `preserveDrawingBuffer`, then kept as a PNG
 * (`canvas.toDataURL`) so that printing and PDF take a plain image. The map
 * is removed afterwards, freeing its WebGL context.
 */
import { Map as MapLibreMap, type LngLatBoundsLike } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, Incident } from '@shared/domain/model';
import { warningLevelOf } from '@shared/domain/warningLevel';
import { alertGeometry } from '@shared/report/geojson';
import { basemapLabelTexts, basemapOnce, PROVINCE_BOUNDS } from '../map/basemapData';
import { charactersOf, LABEL_FONT_FAMILY, loadLabelFonts } from '../map/fonts';
import { BASEMAP_COLORS, createBasemapLayer } from '../map/layers/basemap';
import { BELOW_LABELS } from '../map/layers/types';
import { themeLevelColors } from '../map/levels';
import 'maplibre-gl/dist/maplibre-gl.css';

/** CSS pixels of the image; drawn at twice that for print. */
export const REPORT_MAP_SIZE = { width: 720, height: 400 } as const;
const PIXEL_RATIO = 2;
/** Never zoom in further than this: the reader needs the surrounding towns and roads. */
const MAX_ZOOM = 10.5;
const IDLE_WAIT_MS = 20_000;
/** A redraw waits until the incident's alerts have been quiet this long (a scenario links one every few seconds). */
const REDRAW_QUIET_MS = 10_000;

type MapState = { kind: 'loading' } | { kind: 'image'; url: string } | { kind: 'error'; message: string };

function boundsOf(incident: Incident, alerts: readonly Alert[]): LngLatBoundsLike {
  let w = incident.location.lon;
  let e = w;
  let s = incident.location.lat;
  let n = s;
  const take = ([x, y]: readonly number[]): void => {
    w = Math.min(w, x!);
    e = Math.max(e, x!);
    s = Math.min(s, y!);
    n = Math.max(n, y!);
  };
  for (const a of alerts) {
    const g = alertGeometry(a);
    if (g.type === 'Point') take(g.coordinates);
    else if (g.type === 'Polygon') g.coordinates.flat().forEach(take);
    else g.coordinates.flat(2).forEach(take);
  }
  return [
    [w, s],
    [e, n],
  ];
}

function featureCollections(incident: Incident, alerts: readonly Alert[]) {
  const colors = themeLevelColors();
  const colorOf = (a: Alert): string => colors[warningLevelOf(a.severity) ?? 'unknown'];
  const areas: GeoJSON.Feature[] = [];
  const points: GeoJSON.Feature[] = [];
  for (const a of alerts) {
    const g = alertGeometry(a);
    if (g.type !== 'Point') areas.push({ type: 'Feature', geometry: g, properties: { color: colorOf(a) } });
    points.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [a.point.lon, a.point.lat] }, properties: { color: colorOf(a) } });
  }
  const place: GeoJSON.Feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [incident.location.lon, incident.location.lat] }, properties: {} };
  return {
    areas: { type: 'FeatureCollection', features: areas } as GeoJSON.FeatureCollection,
    points: { type: 'FeatureCollection', features: points } as GeoJSON.FeatureCollection,
    place: { type: 'FeatureCollection', features: [place] } as GeoJSON.FeatureCollection,
  };
}


async function drawImage(container: HTMLDivElement, incident: Incident, alerts: readonly Alert[], language: 'zh-CN' | 'en', signal: AbortSignal): Promise<string> {
  const basemap = await basemapOnce();
  if (signal.aborted) throw new DOMException('aborted', 'AbortError');
  const map = new MapLibreMap({
    container,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.background } }] },
    bounds: PROVINCE_BOUNDS,
    interactive: false,
    attributionControl: false,
    pixelRatio: PIXEL_RATIO,
    fadeDuration: 0,
    renderWorldCopies: false,
    localIdeographFontFamily: `'${LABEL_FONT_FAMILY}', sans-serif`,
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
  });
  try {
    await Promise.all([new Promise<void>((resolve) => map.once('load', () => resolve())), loadLabelFonts(charactersOf(basemapLabelTexts(basemap)))]);
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    createBasemapLayer(basemap, { language }).add(map);
    const data = featureCollections(incident, alerts);
    map.addSource('report-areas', { type: 'geojson', data: data.areas });
    map.addSource('report-alerts', { type: 'geojson', data: data.points });
    map.addSource('report-incident', { type: 'geojson', data: data.place });
    map.addLayer({ id: 'report-area-fill', type: 'fill', source: 'report-areas', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.22 } }, BELOW_LABELS);
    map.addLayer({ id: 'report-area-line', type: 'line', source: 'report-areas', paint: { 'line-color': ['get', 'color'], 'line-width': 1.6 } }, BELOW_LABELS);
    map.addLayer({ id: 'report-incident', type: 'circle', source: 'report-incident', paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 } });
    map.addLayer({ id: 'report-alerts', type: 'circle', source: 'report-alerts', paint: { 'circle-radius': 5.5, 'circle-color': ['get', 'color'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.2 } });
    map.fitBounds(boundsOf(incident, alerts), { padding: 48, maxZoom: MAX_ZOOM, animate: false });
    // 'idle' = every tile and label placed. Under a software renderer on a busy machine it can take long;
    // after IDLE_WAIT_MS take what is drawn (the drawing buffer is preserved) rather than no picture.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, IDLE_WAIT_MS);
      map.once('idle', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return map.getCanvas().toDataURL('image/png');
  } finally {
    map.remove();
  }
}

export function ReportMap({ incident, alerts, onDone }: { incident: Incident; alerts: readonly Alert[]; onDone?: () => void }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<MapState>({ kind: 'loading' });
  const language: 'zh-CN' | 'en' = i18n.language === 'en' ? 'en' : 'zh-CN';
  // Redrawn when the incident's alerts or the language change, one drawing at a time: a drawing in
  // progress finishes, then the latest wish is drawn (a busy incident never leaves the page without a map).
  const key = `${incident.id}|${language}|${incident.alerts.join(',')}`;
  const latest = useRef({ key, incident, alerts, language });
  latest.current = { key, incident, alerts, language };
  const drawing = useRef(false);
  const unmounted = useRef(new AbortController());

  useEffect(() => {
    const abort = new AbortController();
    unmounted.current = abort;
    return () => abort.abort();
  }, []);

  useEffect(() => {
    const el = container.current;
    if (!el || drawing.current) return;
    drawing.current = true;
    const signal = unmounted.current.signal;
    void (async () => {
      let drawn = '';
      while (!signal.aborted && drawn !== latest.current.key) {
        if (drawn !== '') {
          // Redraw once the alerts stop changing, so a busy incident does not keep the page drawing.
          for (let seen = latest.current.key; ; seen = latest.current.key) {
            await new Promise((resolve) => setTimeout(resolve, REDRAW_QUIET_MS));
            if (signal.aborted || latest.current.key === seen) break;
          }
          if (signal.aborted) break;
        }
        const want = latest.current;
        try {
          const url = await drawImage(el, want.incident, want.alerts, want.language, signal);
          if (!signal.aborted) setState({ kind: 'image', url });
        } catch (e) {
          if (!signal.aborted) setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
        }
        drawn = want.key;
      }
      drawing.current = false;
    })();
  }, [key]);

  useEffect(() => {
    if (state.kind !== 'loading') onDone?.();
  }, [state.kind, onDone]);

  return (
    <figure className="report-map" data-testid="report-map" data-state={state.kind}>
      {state.kind === 'image' && <img src={state.url} width={REPORT_MAP_SIZE.width} height={REPORT_MAP_SIZE.height} alt={t('report.section.map')} />}
      {state.kind === 'loading' && <div className="report-map-note">{t('report.page.mapLoading')}</div>}
      {state.kind === 'error' && <div className="report-map-note">{t('report.page.mapFailed', { message: state.message })}</div>}
      {/* The drawing surface: sized like the image, off-screen; empty between drawings. */}
      <div ref={container} className="report-map-canvas" aria-hidden="true" />
      <figcaption>{t('report.page.mapCaption')}</figcaption>
    </figure>
  );
}
