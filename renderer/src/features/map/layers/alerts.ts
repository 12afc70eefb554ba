/**
 * Alerts as clustered circles coloured by warning level (DESIGN §5: clustered
 * points repaint in ~20–30 ms where 100k unclustered take ~200 ms). Only
 * alerts that pass the shared filters are in the source. Single alerts show
 * their domain as a small symbol; acknowledged ones are dimmer; new
 * Severe/Extreme ones pulse until someone acknowledges them.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Alert } from '@shared/domain/model';
import type { LiveDelta } from '../../../live/types';
import { matchesAlert, type Filters, type LevelKey } from '../../workspace/filters';
import { TEXT_FONT } from '../fonts';
import { DOMAIN_ICON_PREFIX } from '../icons';
import { ALERT_CLUSTER_PROPERTIES, heatWeightOf, pulsesOf, rankColorExpression, rankOf } from '../levels';
import type { ExpressionSpecification } from '../mapTypes';
import { browserPulseEnvironment, PulseAnimator, STILL_RING, type PulseEnvironment } from '../pulse';
import { FeatureIds, samePoint, SourceDiffer } from '../sourceDiff';
import { SourceFeed } from '../sourceFeed';
import type { MapLayerModule } from './types';

export const ALERTS_SOURCE = 'alerts';
export const ALERT_LAYER = {
  pulse: 'alerts-pulse',
  clusters: 'alerts-clusters',
  clusterCounts: 'alerts-cluster-counts',
  points: 'alerts-points',
  domains: 'alerts-domains',
} as const;

/** Beyond this zoom every alert is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 10;
const CLUSTER_RADIUS_PX = 42;

export interface AlertsStyle {
  /** Draw acknowledged alerts dimmer (default on). */
  dimAcknowledged: boolean;
  /** Fade the cluster bubbles (while the heatmap shows, so the heat is not hidden under them). */
  subdued: boolean;
}

const CLUSTER_OPACITY = { normal: 0.82, subdued: 0.3 } as const;

export interface AlertsLayer extends MapLayerModule<AlertsStyle> {
  /** New shared filters: alerts that now pass are added, the others removed (a data change, as a diff). */
  setFilters(filters: Filters): void;
  /** The latest version of an alert the layer knows, drawn or not. */
  alert(id: string): Alert | undefined;
  /** Whether the alert passes the filters and is on the map. */
  isDrawn(id: string): boolean;
  readonly drawnCount: number;
  readonly pulsingCount: number;
}

/** What a paint expression needs, nothing more: headlines stay in the store (the tooltip reads them there). */
export function alertProperties(alert: Alert): { aid: string; rank: number; domain: string; ack: number; pulse: number; heat: number } {
  return {
    aid: alert.id,
    rank: rankOf(alert.severity),
    domain: alert.domain,
    ack: alert.status === 'new' ? 0 : 1,
    pulse: pulsesOf(alert) ? 1 : 0,
    heat: heatWeightOf(alert),
  };
}

/** Whether two versions of an alert make the same feature: what `alertProperties` reads, and the point. */
export function alertDrawsSame(a: Alert, b: Alert): boolean {
  return a.severity === b.severity && a.status === b.status && a.domain === b.domain && a.id === b.id && samePoint(a.point, b.point);
}

const IS_CLUSTER: ExpressionSpecification = ['has', 'point_count'];
const NOT_CLUSTER: ExpressionSpecification = ['!', ['has', 'point_count']];
const clusterRadius: ExpressionSpecification = ['step', ['get', 'point_count'], 12, 10, 15, 50, 19, 200, 24, 1000, 30, 5000, 36];
const pointRadius: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 5, 7, 10, 8.5, 14, 10];

export function createAlertsLayer(options: {
  filters: Filters;
  colors: Readonly<Record<LevelKey, string>>;
  style?: Partial<AlertsStyle>;
  ids?: FeatureIds;
  /** The page as the pulse sees it (timers, reduced motion, visibility); the browser's by default. */
  pulseEnvironment?: PulseEnvironment;
}): AlertsLayer {
  let filters = options.filters;
  let style: AlertsStyle = { dimAcknowledged: true, subdued: false, ...options.style };
  let map: MapLibreMap | null = null;
  const differ = new SourceDiffer<Alert>({
    ids: options.ids ?? new FeatureIds(),
    include: (a) => matchesAlert(a, filters),
    geometryOf: (a) => ({ type: 'Point', coordinates: [a.point.lon, a.point.lat] }),
    propertiesOf: alertProperties,
    drawsSame: alertDrawsSame,
  });
  const feed = new SourceFeed(() => source(), differ);
  const pulsing = new Set<string>();
  let pulse: PulseAnimator | null = null;
  /** Whether a pulsing alert is inside the view: at most a few times a second, stops at the first hit. */
  function anyPulsingInView(): boolean {
    if (!map) return false;
    const b = map.getBounds();
    for (const id of pulsing) {
      const p = differ.get(id)?.point;
      if (p && p.lon >= b.getWest() && p.lon <= b.getEast() && p.lat >= b.getSouth() && p.lat <= b.getNorth()) return true;
    }
    return false;
  }

  const source = (): GeoJSONSource | undefined => map?.getSource<GeoJSONSource>(ALERTS_SOURCE);
  const opacity = (full: number, dimmed: number): ExpressionSpecification | number =>
    style.dimAcknowledged ? ['case', ['==', ['get', 'ack'], 1], dimmed, full] : full;

  function trackPulse(a: Alert): void {
    if (pulsesOf(a) && differ.has(a.id)) pulsing.add(a.id);
    else pulsing.delete(a.id);
  }
  function recountPulse(): void {
    pulsing.clear();
    for (const a of differ.drawn()) if (pulsesOf(a)) pulsing.add(a.id);
  }

  let pulseShown: boolean | null = null;
  function syncPulse(): void {
    if (!map) return;
    const shown = pulsing.size > 0;
    if (shown !== pulseShown) map.setLayoutProperty(ALERT_LAYER.pulse, 'visibility', shown ? 'visible' : 'none');
    pulseShown = shown;
    pulse?.setActive(shown);
  }

  return {
    add(m) {
      map = m;
      // The ring changes constant paint values only: no data, no relayout (unlike data-driven ones).
      pulse = new PulseAnimator(
        {
          anyInView: anyPulsingInView,
          paint(radius, opacity) {
            map?.setPaintProperty(ALERT_LAYER.pulse, 'circle-radius', radius);
            map?.setPaintProperty(ALERT_LAYER.pulse, 'circle-stroke-opacity', opacity);
          },
          afterNextFrame: (callback) => m.once('render', () => requestAnimationFrame(() => callback())),
        },
        options.pulseEnvironment ?? browserPulseEnvironment(),
      );
      m.addSource(ALERTS_SOURCE, {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
        cluster: true,
        clusterRadius: CLUSTER_RADIUS_PX,
        clusterMaxZoom: CLUSTER_MAX_ZOOM,
        clusterProperties: ALERT_CLUSTER_PROPERTIES,
        // Clusters need no simplification; a small buffer keeps bubbles from being cut at tile edges.
        buffer: 64,
      });
      const rank: ExpressionSpecification = ['case', IS_CLUSTER, ['get', 'maxRank'], ['get', 'rank']];
      m.addLayer({
        id: ALERT_LAYER.pulse,
        type: 'circle',
        source: ALERTS_SOURCE,
        filter: ['==', ['get', 'pulse'], 1],
        layout: { visibility: 'none' },
        paint: {
          'circle-radius': STILL_RING.radius,
          'circle-radius-transition': { duration: 0 },
          'circle-color': 'rgba(0, 0, 0, 0)',
          'circle-stroke-width': 2.2,
          'circle-stroke-color': rankColorExpression(rank, options.colors),
          'circle-stroke-opacity': STILL_RING.opacity,
          'circle-stroke-opacity-transition': { duration: 0 },
        },
      });
      m.addLayer({
        id: ALERT_LAYER.clusters,
        type: 'circle',
        source: ALERTS_SOURCE,
        filter: IS_CLUSTER,
        layout: { 'circle-sort-key': ['get', 'maxRank'] },
        paint: {
          'circle-radius': clusterRadius,
          'circle-color': rankColorExpression(['get', 'maxRank'], options.colors),
          'circle-opacity': style.subdued ? CLUSTER_OPACITY.subdued : CLUSTER_OPACITY.normal,
          'circle-stroke-color': 'rgba(255, 255, 255, 0.55)',
          'circle-stroke-width': 1.2,
        },
      });
      m.addLayer({
        id: ALERT_LAYER.clusterCounts,
        type: 'symbol',
        source: ALERTS_SOURCE,
        filter: IS_CLUSTER,
        layout: {
          'text-field': ['get', 'point_count_abbreviated'],
          'text-font': [...TEXT_FONT.bold],
          'text-size': 12,
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': ['match', ['get', 'maxRank'], 2, '#1a1400', '#ffffff'] },
      });
      m.addLayer({
        id: ALERT_LAYER.points,
        type: 'circle',
        source: ALERTS_SOURCE,
        filter: NOT_CLUSTER,
        layout: { 'circle-sort-key': ['get', 'rank'] },
        paint: {
          'circle-radius': pointRadius,
          'circle-color': rankColorExpression(['get', 'rank'], options.colors),
          'circle-opacity': opacity(0.95, 0.4),
          'circle-stroke-color': '#050a13',
          'circle-stroke-width': 1.2,
          'circle-stroke-opacity': opacity(1, 0.5),
        },
      });
      m.addLayer({
        id: ALERT_LAYER.domains,
        type: 'symbol',
        source: ALERTS_SOURCE,
        filter: NOT_CLUSTER,
        minzoom: 6.5,
        layout: {
          'icon-image': ['concat', DOMAIN_ICON_PREFIX, ['get', 'domain']],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          'symbol-sort-key': ['get', 'rank'],
        },
        paint: { 'icon-opacity': opacity(1, 0.5) },
      });
    },

    update(delta: LiveDelta) {
      if (!source()) return;
      if (delta.reset) {
        const data = differ.stageReplace(delta.alerts.upsert);
        if (data) feed.setData(data);
        recountPulse();
      } else {
        differ.stage(delta.alerts.upsert, delta.alerts.remove);
        for (const id of delta.alerts.remove) pulsing.delete(id);
        for (const a of delta.alerts.upsert) trackPulse(a);
      }
      feed.send();
      syncPulse();
    },

    setFilters(next) {
      if (next === filters) return;
      filters = next;
      if (!source()) return; // not added yet: the first reset filters with these
      differ.stageRefilter();
      feed.send();
      recountPulse();
      syncPulse();
    },

    setStyle(next) {
      style = { ...style, ...next };
      if (!map) return;
      if (next.subdued !== undefined) {
        // A constant: no relayout.
        map.setPaintProperty(ALERT_LAYER.clusters, 'circle-opacity', next.subdued ? CLUSTER_OPACITY.subdued : CLUSTER_OPACITY.normal);
      }
      if (next.dimAcknowledged !== undefined) {
        map.setPaintProperty(ALERT_LAYER.points, 'circle-opacity', opacity(0.95, 0.4));
        map.setPaintProperty(ALERT_LAYER.points, 'circle-stroke-opacity', opacity(1, 0.5));
        map.setPaintProperty(ALERT_LAYER.domains, 'icon-opacity', opacity(1, 0.5));
      }
    },

    alert: (id) => differ.get(id),
    isDrawn: (id) => differ.has(id),
    get drawnCount() {
      return differ.size;
    },
    get pulsingCount() {
      return pulsing.size;
    },
    get settled() {
      return feed.settled;
    },

    dispose() {
      feed.dispose();
      pulse?.dispose();
      pulse = null;
      map = null;
    },
  };
}
