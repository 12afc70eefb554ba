/**
 * The live situation map. Owns one MapLibre map (through its controller, in
 * a ref) and fills its parent. Live data goes straight from the store to
 * the map sources on animation frames; React only renders the buttons, the
 * legend and the loading/error states, which change rarely.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LiveStore } from '../../live/types';
import { useSelection } from '../workspace/selection';
import { MapLegend } from './MapLegend';
import { MapController, type ApplyMeasurement, type MapStatus } from './mapController';
import type { MapLanguage } from './layers/types';
import './map.css';

export interface MapViewProps {
  store: LiveStore;
  /** Measurements of each applied batch (the preview and benchmarks read them). */
  onDidApply?: (measurement: ApplyMeasurement) => void;
  /** Called once the basemap and layers are in place. */
  onMapReady?: (map: MapLibreMap) => void;
  /** Whether the legend starts open (default true); the operator can fold it away. */
  defaultLegendOpen?: boolean;
  /** Frame this incident and its alerts once the map is ready (replay focus). */
  frameIncidentId?: string;
}

const mapLanguage = (language: string): MapLanguage => (language.startsWith('en') ? 'en' : 'zh-CN');

export function MapView({ store, onDidApply, onMapReady, defaultLegendOpen = true, frameIncidentId }: MapViewProps): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<MapController | null>(null);
  const [status, setStatus] = useState<MapStatus>({ kind: 'loading' });
  const [heatmap, setHeatmap] = useState(false);
  const [legendOpen, setLegendOpen] = useState(defaultLegendOpen);
  const selection = useSelection();

  // The latest props and strings for the controller, without re-creating the map when they change.
  const latest = useRef({ t, language: i18n.language, heatmap, onDidApply, onMapReady });
  useEffect(() => {
    latest.current = { t, language: i18n.language, heatmap, onDidApply, onMapReady };
  });

  useEffect(() => {
    const container = containerRef.current;
    const tooltip = tooltipRef.current;
    if (!container || !tooltip) return;
    const l = latest.current;
    let controller: MapController;
    try {
      controller = new MapController({
        container,
        tooltip,
        store,
        language: mapLanguage(l.language),
        t: (key, options) => latest.current.t(key, options),
        heatmap: l.heatmap,
        onStatus: setStatus,
        onDidApply: (m) => latest.current.onDidApply?.(m),
        onMapReady: (map) => latest.current.onMapReady?.(map),
      });
    } catch (e) {
      setStatus({ kind: 'error', reason: 'webgl', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    controllerRef.current = controller;
    return () => {
      controllerRef.current = null;
      controller.dispose();
    };
  }, [store]);

  useEffect(() => controllerRef.current?.setHeatmap(heatmap), [heatmap]);
  useEffect(() => {
    if (!frameIncidentId || status.kind !== 'ready') return;
    // A replay store may still be seeking: frame once the incident is there.
    let framed = controllerRef.current?.frameIncident(frameIncidentId) ?? false;
    if (framed) return;
    const off = store.onDidApplyDelta(() => {
      if (!framed) framed = controllerRef.current?.frameIncident(frameIncidentId) ?? false;
    });
    return off;
  }, [frameIncidentId, status.kind, store]);
  useEffect(() => controllerRef.current?.setLanguage(mapLanguage(i18n.language), t), [i18n.language, t]);

  return (
    <div className="lw-map" role="region" aria-label={t('map.region')} data-testid="map" data-map-status={status.kind}>
      <div className="lw-map-canvas" ref={containerRef} />
      <div className="lw-map-tooltip" ref={tooltipRef} role="tooltip" hidden />
      <div className="lw-map-toolbar" role="toolbar" aria-label={t('map.region')}>
        <button type="button" className="lw-map-button" title={t('map.fitProvinceHint')} onClick={() => controllerRef.current?.fitProvince()} data-testid="map-fit-province">
          {t('map.fitProvince')}
        </button>
        <button
          type="button"
          className="lw-map-button"
          title={selection ? t('map.zoomToSelectionHint') : t('map.zoomToSelectionNone')}
          disabled={!selection}
          onClick={() => controllerRef.current?.zoomToSelection()}
          data-testid="map-zoom-selection"
        >
          {t('map.zoomToSelection')}
        </button>
        <button
          type="button"
          className="lw-map-button"
          title={t('map.heatmapHint')}
          aria-pressed={heatmap}
          onClick={() => setHeatmap((v) => !v)}
          data-testid="map-heatmap"
        >
          {t('map.heatmap')}
        </button>
        <button type="button" className="lw-map-button" aria-expanded={legendOpen} onClick={() => setLegendOpen((v) => !v)} data-testid="map-legend-toggle">
          {legendOpen ? t('map.legend.hide') : t('map.legend.show')}
        </button>
      </div>
      {legendOpen && <MapLegend />}
      {status.kind !== 'ready' && (
        <div className={`lw-map-status lw-map-status-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.kind === 'loading' ? t('map.loading') : status.reason === 'webgl' ? t('map.noWebgl') : t('map.loadFailed', { message: status.message })}
        </div>
      )}
    </div>
  );
}
