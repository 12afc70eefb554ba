/**
 * A heatmap of active alerts weighted by severity, off by default. It reads
 * the clustered alerts source: a cluster carries the summed `heat` of its
 * alerts (`ALERT_CLUSTER_PROPERTIES`), so the heat costs what the clusters
 * cost instead of a second, unclustered copy of every alert. Its data
 * follows the alerts layer; turning it on or off is a layout change only.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ALERTS_SOURCE } from './alerts';
import { BELOW_LABELS, type MapLayerModule } from './types';

export const HEATMAP_LAYER = 'alerts-heatmap';

export interface HeatmapStyle {
  visible: boolean;
}

export function createHeatmapLayer(initial: Partial<HeatmapStyle> = {}): MapLayerModule<HeatmapStyle> {
  let map: MapLibreMap | null = null;
  let style: HeatmapStyle = { visible: false, ...initial };
  return {
    add(m) {
      map = m;
      m.addLayer(
        {
          id: HEATMAP_LAYER,
          type: 'heatmap',
          source: ALERTS_SOURCE,
          layout: { visibility: style.visible ? 'visible' : 'none' },
          paint: {
            // ln keeps a 500-alert cluster from flattening everything else to blue.
            'heatmap-weight': ['ln', ['+', 1, ['coalesce', ['get', 'heat'], 0]]],
            // Wider than the cluster bubbles drawn over it, or the heat hides beneath them.
            'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 4, 0.2, 8, 0.5, 12, 1],
            'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 4, 40, 6, 60, 9, 70, 12, 80],
            'heatmap-opacity': 0.72,
            'heatmap-color': [
              'interpolate',
              ['linear'],
              ['heatmap-density'],
              0, 'rgba(47, 125, 255, 0)',
              0.15, 'rgba(47, 125, 255, 0.45)',
              0.4, 'rgba(245, 197, 24, 0.6)',
              0.7, 'rgba(255, 125, 26, 0.75)',
              1, 'rgba(232, 50, 46, 0.85)',
            ],
          },
        },
        BELOW_LABELS,
      );
    },
    update() {
      // The alerts layer keeps the shared source current.
    },
    setStyle(next) {
      style = { ...style, ...next };
      if (map && next.visible !== undefined) map.setLayoutProperty(HEATMAP_LAYER, 'visibility', next.visible ? 'visible' : 'none');
    },
    dispose() {
      map = null;
    },
  };
}
