/**
 * Open joint incidents as diamonds (alerts are circles) at
 * `incident.location`, coloured and numbered by level Ⅰ–Ⅳ; overdue ones
 * (the hub escalated an SLA miss: `sla.escalated` sets `incident.overdue`)
 * get a pulsing-free red halo. Drawn above alerts. The ids of haloed
 * incidents are also written to the map container's
 * `data-overdue-incidents`, so tests and assistive tools can read what the
 * canvas shows.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Incident } from '@shared/domain/model';
import type { LiveDelta } from '../../../live/types';
import { INCIDENT_ICON_PREFIX } from '../icons';
import { FeatureIds, samePoint, SourceDiffer } from '../sourceDiff';
import { SourceFeed } from '../sourceFeed';
import type { MapLayerModule } from './types';

export const INCIDENTS_SOURCE = 'incidents';
export const INCIDENT_LAYER = {
  overdue: 'incidents-overdue',
  markers: 'incidents-markers',
} as const;

/** The map shows incidents still being worked: not resolved, not closed, not merged into another. */
export function isOpenIncident(incident: Incident): boolean {
  return incident.status !== 'resolved' && incident.status !== 'closed' && !incident.mergedInto;
}

export interface IncidentsStyle {
  visible: boolean;
}

export interface IncidentsLayer extends MapLayerModule<IncidentsStyle> {
  incident(id: string): Incident | undefined;
  readonly drawnCount: number;
  /** Ids of the drawn incidents with the overdue halo. */
  overdueIds(): string[];
}

export function createIncidentsLayer(options: { ids?: FeatureIds } = {}): IncidentsLayer {
  let map: MapLibreMap | null = null;
  const overdueIds = (): string[] => [...differ.drawn()].filter((i) => i.overdue).map((i) => i.id);
  const mark = (): void => {
    // The unit tests' recording map has no DOM container.
    const container = map && 'getContainer' in map ? map.getContainer() : undefined;
    if (!container) return;
    const ids = overdueIds().sort().join(' ');
    if (container.dataset['overdueIncidents'] !== ids) container.dataset['overdueIncidents'] = ids;
  };
  const differ = new SourceDiffer<Incident>({
    ids: options.ids ?? new FeatureIds(),
    include: isOpenIncident,
    geometryOf: (i) => ({ type: 'Point', coordinates: [i.location.lon, i.location.lat] }),
    propertiesOf: (i) => ({ iid: i.id, level: i.level, overdue: i.overdue ? 1 : 0 }),
    // What propertiesOf reads, and the place.
    drawsSame: (a, b) => a.level === b.level && !!a.overdue === !!b.overdue && samePoint(a.location, b.location),
  });
  const feed = new SourceFeed(() => map?.getSource<GeoJSONSource>(INCIDENTS_SOURCE), differ);
  return {
    add(m) {
      map = m;
      m.addSource(INCIDENTS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addLayer({
        id: INCIDENT_LAYER.overdue,
        type: 'circle',
        source: INCIDENTS_SOURCE,
        filter: ['==', ['get', 'overdue'], 1],
        paint: {
          'circle-radius': 21,
          'circle-color': '#ff4d4f',
          'circle-opacity': 0.28,
          'circle-blur': 0.35,
          'circle-stroke-color': '#ff4d4f',
          'circle-stroke-width': 2,
          'circle-stroke-opacity': 0.9,
        },
      });
      m.addLayer({
        id: INCIDENT_LAYER.markers,
        type: 'symbol',
        source: INCIDENTS_SOURCE,
        layout: {
          'icon-image': ['concat', INCIDENT_ICON_PREFIX, ['to-string', ['get', 'level']]],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          // Ⅰ above Ⅳ when they overlap.
          'symbol-sort-key': ['-', 0, ['get', 'level']],
        },
      });
    },

    update(delta: LiveDelta) {
      if (!map?.getSource(INCIDENTS_SOURCE)) return;
      if (delta.reset) {
        const data = differ.stageReplace(delta.incidents.upsert);
        if (data) feed.setData(data);
      } else differ.stage(delta.incidents.upsert, delta.incidents.remove);
      feed.send();
      mark();
    },

    setStyle(next) {
      if (!map || next.visible === undefined) return;
      const visibility = next.visible ? 'visible' : 'none';
      for (const id of Object.values(INCIDENT_LAYER)) map.setLayoutProperty(id, 'visibility', visibility);
    },

    incident: (id) => differ.get(id),
    overdueIds,
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
