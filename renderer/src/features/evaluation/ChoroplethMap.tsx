/**
 * The 13 prefectures coloured by alert density on the offline basemap
 * (DESIGN §7: the GeoJSON of resources/basemap/, fetched from the app's own
 * origin, labels drawn locally in Noto Sans SC). Clicking a prefecture
 * drills down to its alerts.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Map as MapLibreMap, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type * as GeoJSON from 'geojson';
import type { PrefectureIndicators } from '@shared/evaluation';
import { BASEMAP_FILES, PROVINCE_BOUNDS } from '../map/basemapData';
import { charactersOf, loadLabelFonts, TEXT_FONT } from '../map/fonts';
import { BASEMAP_COLORS } from '../map/layers/basemap';
import { useLang } from '../board/badges';
import { densityCollection } from './choropleth';

const RAMP = ['#12213a', '#1f4e79', '#d9a21b', '#ff7d1a', '#e8322e'] as const;

async function fetchCollection(url: string): Promise<GeoJSON.FeatureCollection> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as GeoJSON.FeatureCollection;
}

function labelsOf(points: GeoJSON.FeatureCollection, rows: readonly PrefectureIndicators[]): GeoJSON.FeatureCollection {
  const count = new Map(rows.map((r) => [r.code, r.received]));
  return {
    type: 'FeatureCollection',
    features: points.features.map((f) => ({
      ...f,
      properties: { ...f.properties, alerts: count.get(String(f.properties?.['code'])) ?? 0 },
    })),
  };
}

export function ChoroplethMap({ rows, onSelect }: { rows: readonly PrefectureIndicators[]; onSelect(code: string): void }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const base = useRef<{ prefectures: GeoJSON.FeatureCollection; labels: GeoJSON.FeatureCollection } | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [max, setMax] = useState(0);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let m: MapLibreMap;
    try {
      m = new MapLibreMap({
        container: el,
        style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.background } }] },
        bounds: PROVINCE_BOUNDS,
        fitBoundsOptions: { padding: 12 },
        interactive: true,
        dragRotate: false,
        renderWorldCopies: false,
        attributionControl: false,
        // Kept so the PDF report prints the map as drawn.
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
    } catch {
      setStatus('error');
      return;
    }
    map.current = m;
    let disposed = false;
    const loaded = new Promise<void>((r) => m.once('load', () => r()));
    void Promise.all([fetchCollection(BASEMAP_FILES.prefectures), fetchCollection(BASEMAP_FILES.prefectureLabels), loaded])
      .then(async ([prefectures, labels]) => {
        const names = labels.features.flatMap((f) => [String(f.properties?.['name'] ?? ''), String(f.properties?.['name_en'] ?? '')]);
        await loadLabelFonts(charactersOf([...names, '0123456789']));
        if (disposed) return;
        base.current = { prefectures, labels };
        m.addSource('eval-prefectures', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        m.addSource('eval-labels', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        m.addLayer({ id: 'eval-fill', type: 'fill', source: 'eval-prefectures', paint: { 'fill-color': RAMP[0], 'fill-opacity': 0.92 } });
        m.addLayer({ id: 'eval-line', type: 'line', source: 'eval-prefectures', paint: { 'line-color': BASEMAP_COLORS.prefectureLine, 'line-width': 1 } });
        m.addLayer({
          id: 'eval-labels',
          type: 'symbol',
          source: 'eval-labels',
          layout: { 'text-field': '', 'text-font': [...TEXT_FONT.medium], 'text-size': 12, 'text-allow-overlap': true },
          paint: { 'text-color': BASEMAP_COLORS.prefectureLabel, 'text-halo-color': BASEMAP_COLORS.halo, 'text-halo-width': 1.4 },
        });
        m.on('click', 'eval-fill', (e) => {
          const code = e.features?.[0]?.properties?.['code'];
          if (typeof code === 'string') select.current(code);
        });
        m.on('mouseenter', 'eval-fill', () => (m.getCanvas().style.cursor = 'pointer'));
        m.on('mouseleave', 'eval-fill', () => (m.getCanvas().style.cursor = ''));
        setStatus('ready');
      })
      .catch(() => {
        if (!disposed) setStatus('error');
      });
    const observer = new ResizeObserver(() => m.resize());
    observer.observe(el);
    return () => {
      disposed = true;
      observer.disconnect();
      m.remove();
      map.current = null;
    };
  }, []);

  // Data: a whole setData per change (13 features), style follows the new maximum.
  useEffect(() => {
    const m = map.current;
    if (status !== 'ready' || !m || !base.current) return;
    const { collection, max: top } = densityCollection(base.current.prefectures, rows);
    (m.getSource('eval-prefectures') as GeoJSONSource).setData(collection);
    (m.getSource('eval-labels') as GeoJSONSource).setData(labelsOf(base.current.labels, rows));
    const hi = Math.max(top, 1e-9);
    m.setPaintProperty('eval-fill', 'fill-color', ['interpolate', ['linear'], ['get', 'density'], 0, RAMP[0], hi * 0.25, RAMP[1], hi * 0.5, RAMP[2], hi * 0.75, RAMP[3], hi, RAMP[4]]);
    setMax(top);
  }, [rows, status]);

  useEffect(() => {
    const m = map.current;
    if (status !== 'ready' || !m) return;
    m.setLayoutProperty('eval-labels', 'text-field', ['format', ['get', lang === 'en' ? 'name_en' : 'name'], {}, '\n', {}, ['to-string', ['get', 'alerts']], { 'font-scale': 0.9 }]);
  }, [lang, status]);

  return (
    <div className="eval-map-wrap">
      <div ref={box} className="eval-map" data-testid="eval-choropleth" data-status={status} />
      {status === 'error' && <div className="eval-map-error">{t('evaluation.map.error')}</div>}
      <div className="eval-map-legend" aria-label={t('evaluation.map.legend')}>
        <span>{t('evaluation.map.legend')}</span>
        <span className="eval-ramp" aria-hidden />
        <span className="eval-ramp-scale">
          <span>0</span>
          <span>{max.toFixed(max >= 10 ? 0 : 1)}</span>
        </span>
      </div>
    </div>
  );
}
