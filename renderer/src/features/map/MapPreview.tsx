/**
 * `#/map-preview`: the map on its own, fed by a synthetic store, for looking
 * at the basemap, for the end-to-end test and for measuring. Parameters
 * after the hash: `alerts` (count, default 0), `incidents` (default 0),
 * `burst` (one delta of that many changes once the first load has drawn),
 * `probe` (an alert with a markup headline in Harbin), `hide` (comma-separated
 * layer id prefixes not to draw: a measuring aid, to find what a frame costs).
 *
 * What it measured and what the map drew is written to `data-*` attributes
 * of the preview root, for tests to read; nothing is put on `window`.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { select, useSelection } from '../workspace/selection';
import { MapView } from './MapView';
import type { ApplyMeasurement } from './mapController';
import { ALERT_LAYER } from './layers/alerts';
import { BASEMAP_LAYER } from './layers/basemap';
import { INCIDENT_LAYER } from './layers/incidents';
import { createPreviewStore, FIRST_INCIDENT_ID, PROBE_ALERT_ID, PROBE_POINT, previewParamsOf } from './previewStore';

export const MAP_PREVIEW_ROUTE = '#/map-preview';

const round = (ms: number): string => ms.toFixed(1);

/** `hide=…`: layers whose id starts with one of these prefixes are not drawn. */
function hideLayers(map: MapLibreMap, prefixes: readonly string[]): void {
  if (prefixes.length === 0) return;
  for (const layer of map.getStyle().layers) {
    if (prefixes.some((prefix) => layer.id.startsWith(prefix))) map.setLayoutProperty(layer.id, 'visibility', 'none');
  }
}

export function MapPreview(): React.JSX.Element {
  const { t } = useTranslation();
  const params = useMemo(() => previewParamsOf(window.location.hash), []);
  const store = useMemo(() => createPreviewStore({ alerts: params.alerts, incidents: params.incidents, probe: params.probe }), [params]);
  const rootRef = useRef<HTMLDivElement>(null);
  const selection = useSelection();
  const burstDone = useRef(false);
  const resetDrawn = useRef(false);
  const mapRef = useRef<MapLibreMap | null>(null);

  const onDidApply = useCallback(
    (m: ApplyMeasurement) => {
      const root = rootRef.current;
      if (!root) return;
      const prefix = m.reset ? 'reset' : 'delta';
      root.dataset[`${prefix}Ms`] = round(m.renderedMs);
      root.dataset[`${prefix}ApplyMs`] = round(m.applyMs);
      root.dataset[`${prefix}IndexedMs`] = round(m.indexedMs);
      root.dataset[`${prefix}Alerts`] = String(m.alerts);
      if (m.reset) resetDrawn.current = true;
      // The first load shows the pulse layer: hide it again if asked to.
      if (m.reset && mapRef.current) hideLayers(mapRef.current, params.hide);
      if (m.reset && params.burst > 0 && !burstDone.current) {
        burstDone.current = true;
        setTimeout(() => store.burst(params.burst), 250);
      }
    },
    [params, store],
  );

  const onMapReady = useCallback((map: MapLibreMap) => {
    mapRef.current = map;
    hideLayers(map, params.hide);
    const report = (): void => {
      const root = rootRef.current;
      if (!root || map.isMoving()) return;
      const count = (layer: string): number => (map.getLayer(layer) ? map.queryRenderedFeatures({ layers: [layer] }).length : 0);
      root.dataset['prefectureLabels'] = String(count(BASEMAP_LAYER.prefectureLabels));
      root.dataset['alertMarks'] = String(count(ALERT_LAYER.points) + count(ALERT_LAYER.clusters));
      root.dataset['incidentMarks'] = String(count(INCIDENT_LAYER.markers));
      // Page coordinates of the probe alert and the first incident, for tests to point at.
      const box = map.getContainer().getBoundingClientRect();
      const at = (name: string, lon: number, lat: number): void => {
        const p = map.project([lon, lat]);
        root.dataset[`${name}X`] = String(Math.round(box.left + p.x));
        root.dataset[`${name}Y`] = String(Math.round(box.top + p.y));
      };
      at('probe', PROBE_POINT.lon, PROBE_POINT.lat);
      const incident = store.getSnapshot().incidents.get(FIRST_INCIDENT_ID);
      if (incident) at('incident', incident.location.lon, incident.location.lat);
      root.dataset['zoom'] = map.getZoom().toFixed(2);
      // Settled: the store's first load is drawn, nothing moves, every tile is loaded.
      root.dataset['settled'] = String(resetDrawn.current && map.areTilesLoaded());
    };
    // Pulsing alerts keep the map repainting, so `idle` may never come: report at most every
    // 250 ms while frames are drawn (the last one included), and on `idle`.
    let timer = 0;
    let renders = 0;
    map.on('render', () => {
      renders++;
      timer ||= window.setTimeout(() => {
        if (rootRef.current) rootRef.current.dataset['renders'] = String(renders);
        timer = 0;
        report();
      }, 250);
    });
    map.on('idle', report);
    map.on('movestart', () => {
      if (rootRef.current) rootRef.current.dataset['settled'] = 'false';
    });
  }, [params, store]);

  return (
    <div className="lw-map-preview" ref={rootRef} data-testid="map-preview" data-selected={selection ? `${selection.kind}:${selection.id}` : ''}>
      <header className="lw-map-preview-header">
        <h1>{t('map.preview.title')}</h1>
        <span>{t('map.preview.alerts', { count: params.alerts + (params.probe ? 1 : 0) })}</span>
        {params.probe && (
          // Selects the way the board does (selection.ts), to show the map following a selection made elsewhere.
          <button type="button" className="lw-map-button" onClick={() => select({ kind: 'alert', id: PROBE_ALERT_ID })} data-testid="preview-select-probe">
            {t('map.preview.selectProbe')}
          </button>
        )}
      </header>
      <div className="lw-map-preview-body">
        <MapView store={store} onDidApply={onDidApply} onMapReady={onMapReady} />
      </div>
    </div>
  );
}
