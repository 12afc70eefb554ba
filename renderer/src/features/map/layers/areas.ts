/**
 * CAP areas (polygons, and circles turned into 64-gons) as translucent
 * fills with level-coloured outlines: those of active Severe/Extreme alerts
 * that pass the filters, and the selected alert's. Drawn below the basemap
 * labels so place names stay readable through them.
 *
 * Every CAP alert carries an area (the codec adds a small circle round the
 * point), so drawing all of them would tessellate ~65 vertices per alert;
 * only the severe ones are in the diffed source, and the selected one sits
 * in a one-feature source of its own that a selection change replaces.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import type { Alert } from '@shared/domain/model';
import type { LiveDelta } from '../../../live/types';
import { matchesAlert, type Filters, type LevelKey } from '../../workspace/filters';
import { areaToGeometry } from '../geometry';
import { LEVEL_RANK, rankColorExpression, rankOf } from '../levels';
import type { ExpressionSpecification } from '../mapTypes';
import { FeatureIds, SourceDiffer } from '../sourceDiff';
import { SourceFeed } from '../sourceFeed';
import { BELOW_LABELS, type MapLayerModule } from './types';

export const AREAS_SOURCE = 'alert-areas';
export const SELECTED_AREA_SOURCE = 'alert-area-selected';
export const AREA_LAYER = {
  fill: 'alert-areas-fill',
  line: 'alert-areas-line',
  selectedFill: 'alert-area-selected-fill',
  selectedLine: 'alert-area-selected-line',
} as const;

/** Unselected areas show from this zoom (the province view is ~5.5). */
export const AREAS_MIN_ZOOM = 6;

export interface AreasStyle {
  selectedAlertId: string | null;
}

export interface AreasLayer extends MapLayerModule<AreasStyle> {
  setFilters(filters: Filters): void;
  readonly drawnCount: number;
}

/** Areas worth showing unselected: the alert still needs attention and is 橙 or 红. */
export function showsAreaOf(alert: Alert): boolean {
  return (alert.status === 'new' || alert.status === 'acknowledged') && rankOf(alert.severity) >= LEVEL_RANK.orange;
}

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };


export function createAreasLayer(options: { filters: Filters; colors: Readonly<Record<LevelKey, string>>; ids?: FeatureIds }): AreasLayer {
  let filters = options.filters;
  let selectedAlertId: string | null = null;
  let map: MapLibreMap | null = null;
  const differ = new SourceDiffer<Alert>({
    ids: options.ids ?? new FeatureIds(),
    include: (a) => showsAreaOf(a) && matchesAlert(a, filters),
    geometryOf: (a) => areaToGeometry(a.area),
    propertiesOf: (a) => ({ aid: a.id, rank: rankOf(a.severity) }),
    // What propertiesOf reads, and the area.
    drawsSame: (a, b) => a.severity === b.severity && (a.area === b.area || JSON.stringify(a.area) === JSON.stringify(b.area)),
  });
  const source = (id: string): GeoJSONSource | undefined => map?.getSource<GeoJSONSource>(id);
  const feed = new SourceFeed(() => source(AREAS_SOURCE), differ);
  let selectedVisibility: 'visible' | 'none' = 'none';

  function showSelected(): void {
    if (!map) return; // before add(): the first reset after it (update) shows the selection
    const alert = selectedAlertId ? differ.get(selectedAlertId) : undefined;
    const feature = alert ? differ.featureOf(alert) : null;
    source(SELECTED_AREA_SOURCE)?.setData(feature ? { type: 'FeatureCollection', features: [feature] } : EMPTY);
    // Hidden while empty: a visible fill or line layer makes MapLibre tile its source, and every frame
    // then redraws the tile clipping mask for it (two stencil passes over the whole canvas, in the opaque
    // and again in the translucent pass) even with nothing to draw.
    const visibility = feature ? 'visible' : 'none';
    if (visibility !== selectedVisibility) {
      map.setLayoutProperty(AREA_LAYER.selectedFill, 'visibility', visibility);
      map.setLayoutProperty(AREA_LAYER.selectedLine, 'visibility', visibility);
    }
    selectedVisibility = visibility;
  }

  return {
    add(m) {
      map = m;
      m.addSource(AREAS_SOURCE, { type: 'geojson', data: EMPTY });
      m.addSource(SELECTED_AREA_SOURCE, { type: 'geojson', data: EMPTY });
      const color = rankColorExpression(['get', 'rank'], options.colors);
      // At the province view areas are small rings under the clusters, so they start at zoom 6 and fade
      // in; below it MapLibre does not even tile the source (the selected area still shows).
      const fade = (far: number, near: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], AREAS_MIN_ZOOM, far, 8.5, near];
      m.addLayer(
        { id: AREA_LAYER.fill, type: 'fill', source: AREAS_SOURCE, minzoom: AREAS_MIN_ZOOM, paint: { 'fill-color': color, 'fill-opacity': fade(0.04, 0.12) } },
        BELOW_LABELS,
      );
      m.addLayer(
        {
          id: AREA_LAYER.line,
          type: 'line',
          source: AREAS_SOURCE,
          minzoom: AREAS_MIN_ZOOM,
          paint: { 'line-color': color, 'line-width': 1.4, 'line-opacity': fade(0.3, 0.85) },
        },
        BELOW_LABELS,
      );
      m.addLayer(
        { id: AREA_LAYER.selectedFill, type: 'fill', source: SELECTED_AREA_SOURCE, layout: { visibility: selectedVisibility }, paint: { 'fill-color': color, 'fill-opacity': 0.2 } },
        BELOW_LABELS,
      );
      m.addLayer(
        {
          id: AREA_LAYER.selectedLine,
          type: 'line',
          source: SELECTED_AREA_SOURCE,
          layout: { visibility: selectedVisibility },
          paint: { 'line-color': '#ffffff', 'line-width': 2, 'line-dasharray': [2, 1.5], 'line-opacity': 0.9 },
        },
        BELOW_LABELS,
      );
    },

    update(delta: LiveDelta) {
      if (!source(AREAS_SOURCE)) return;
      if (delta.reset) {
        const data = differ.stageReplace(delta.alerts.upsert);
        if (data) feed.setData(data);
      } else differ.stage(delta.alerts.upsert, delta.alerts.remove);
      feed.send();
      if (selectedAlertId && (delta.reset || delta.alerts.remove.includes(selectedAlertId) || delta.alerts.upsert.some((a) => a.id === selectedAlertId))) showSelected();
    },

    setFilters(next) {
      if (next === filters) return;
      filters = next;
      if (!source(AREAS_SOURCE)) return;
      differ.stageRefilter();
      feed.send();
    },

    setStyle(next) {
      if (next.selectedAlertId === undefined || next.selectedAlertId === selectedAlertId) return;
      selectedAlertId = next.selectedAlertId;
      showSelected();
    },

    get drawnCount() {
      return differ.size;
    },
    get settled() {
      return feed.settled;
    },

    dispose() {
      feed.dispose();
      map = null;
    },
  };
}
