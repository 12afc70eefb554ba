/**
 * The selection ring: one point in a source of its own, so it shows even
 * when the selected alert is folded into a cluster and a selection change
 * never touches the alert sources. The board, the detail panel and the map
 * share the selection (workspace/selection.ts).
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import type { LonLat } from '@shared/domain/model';
import type { LiveDelta } from '../../../live/types';
import type { Selection } from '../../workspace/selection';
import type { MapLayerModule } from './types';

export const SELECTION_SOURCE = 'selection';
export const SELECTION_LAYER = { halo: 'selection-halo', ring: 'selection-ring' } as const;

export interface SelectionStyle {
  selection: Selection;
}

export interface SelectionLayer extends MapLayerModule<SelectionStyle> {
  /** Where the selection is, if the map knows it. */
  position(): LonLat | null;
}

export function createSelectionLayer(positionOf: (selection: NonNullable<Selection>) => LonLat | null): SelectionLayer {
  let map: MapLibreMap | null = null;
  let selection: Selection = null;
  let shown: LonLat | null = null;

  function show(): void {
    const at = selection ? positionOf(selection) : null;
    if (at?.[0] === shown?.[0] && at?.[1] === shown?.[1]) return;
    shown = at;
    const data: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: at && selection ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { kind: selection.kind } }] : [],
    };
    map?.getSource<GeoJSONSource>(SELECTION_SOURCE)?.setData(data);
  }

  return {
    add(m) {
      map = m;
      m.addSource(SELECTION_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addLayer({
        id: SELECTION_LAYER.halo,
        type: 'circle',
        source: SELECTION_SOURCE,
        paint: { 'circle-radius': 19, 'circle-color': '#3fa9ff', 'circle-opacity': 0.16, 'circle-blur': 0.4 },
      });
      m.addLayer({
        id: SELECTION_LAYER.ring,
        type: 'circle',
        source: SELECTION_SOURCE,
        paint: {
          'circle-radius': ['match', ['get', 'kind'], 'incident', 18, 13],
          'circle-color': 'rgba(0, 0, 0, 0)',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2.2,
        },
      });
      shown = null;
      show();
    },
    update(delta: LiveDelta) {
      if (!selection) return;
      const list = selection.kind === 'alert' ? delta.alerts : delta.incidents;
      if (delta.reset || list.remove.includes(selection.id) || list.upsert.some((x) => x.id === selection!.id)) show();
    },
    setStyle(next) {
      if (next.selection === undefined) return;
      selection = next.selection;
      show();
    },
    position: () => shown,
    dispose() {
      map = null;
    },
  };
}
