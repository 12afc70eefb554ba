import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { afterEach, describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import type { LiveDelta, LiveSnapshot } from '../../../live/types';
import { DEFAULT_FILTERS, type Filters } from '../../workspace/filters';
import type { Basemap } from '../basemapData';
import { FALLBACK_LEVEL_COLORS } from '../levels';
import { alertOf, incidentOf, manualPulseEnvironment, recordingMap } from '../testing/fixtures';
import { ALERT_LAYER, ALERTS_SOURCE, alertDrawsSame, alertProperties, createAlertsLayer } from './alerts';
import { AREAS_SOURCE, createAreasLayer, SELECTED_AREA_SOURCE } from './areas';
import { createBasemapLayer, GEOMETRY_TOLERANCE } from './basemap';
import { createHeatmapLayer, HEATMAP_LAYER } from './heatmap';
import { createIncidentsLayer, INCIDENTS_SOURCE } from './incidents';
import { createSelectionLayer, SELECTION_SOURCE } from './selection';
import type { MapLayerModule } from './types';

const snapshot = {} as LiveSnapshot;
const delta = (patch: Partial<LiveDelta> = {}): LiveDelta => ({ alerts: { upsert: [], remove: [] }, incidents: { upsert: [], remove: [] }, reset: false, ...patch });
const asMap = (m: ReturnType<typeof recordingMap>['map']): MapLibreMap => m as unknown as MapLibreMap;
const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const basemap: Basemap = {
  countries: empty, provinces: empty, prefectures: empty, prefectureLabels: empty, water: empty, border: empty, places: empty,
  regionLabels: { type: 'FeatureCollection', features: [] },
};
const colors = FALLBACK_LEVEL_COLORS;
const disposables: MapLayerModule<object>[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose?.();
});

describe('every layer module together', () => {
  it('builds a style MapLibre accepts: no glyphs URL, no sprite, valid expressions', () => {
    const rec = recordingMap();
    const layers: MapLayerModule<object>[] = [
      createBasemapLayer(basemap, { language: 'zh-CN' }),
      createAreasLayer({ filters: DEFAULT_FILTERS, colors }),
      createAlertsLayer({ filters: DEFAULT_FILTERS, colors, pulseEnvironment: manualPulseEnvironment().env }),
      createHeatmapLayer(),
      createIncidentsLayer(),
      createSelectionLayer(() => null),
    ];
    disposables.push(...layers);
    for (const l of layers) l.add(asMap(rec.map));
    const style = { version: 8, sources: Object.fromEntries([...rec.sources].map(([id, s]) => [id, s.spec])), layers: rec.layers };
    expect(validateStyleMin(style as never)).toEqual([]);
    // (The validator does look: a broken expression is reported.)
    const broken = { ...style, layers: [{ id: 'x', type: 'circle', source: ALERTS_SOURCE, paint: { 'circle-radius': ['no-such-op'] } }] };
    expect(validateStyleMin(broken as never)).not.toEqual([]);
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    // Fills and heat lie under the basemap labels; alerts and incidents above everything.
    const order = rec.layers.map((l) => l.id);
    expect(order.indexOf('alert-areas-fill')).toBeLessThan(order.indexOf('basemap-prefecture-labels'));
    expect(order.indexOf(HEATMAP_LAYER)).toBeLessThan(order.indexOf('basemap-prefecture-labels'));
    expect(order.indexOf(ALERT_LAYER.points)).toBeGreaterThan(order.indexOf('basemap-prefecture-labels'));
  });
});

describe('basemap layer', () => {
  it('draws every fill and line from one source (MapLibre redraws its tile clipping masks at each change of source)', () => {
    const rec = recordingMap();
    createBasemapLayer({ ...basemap, prefectures: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [126, 45] }, properties: { name: '哈尔滨市' } }] } }, { language: 'zh-CN' }).add(asMap(rec.map));
    const clipped = rec.layers.filter((l) => l.type === 'fill' || l.type === 'line');
    expect(clipped.length).toBeGreaterThanOrEqual(8);
    expect(new Set(clipped.map((l) => l['source']))).toEqual(new Set(['basemap-geometry']));
    // Coarser than MapLibre's default simplification, and no round joins: both multiply the triangles software GL draws per frame.
    expect(rec.sources.get('basemap-geometry')!.spec).toMatchObject({ tolerance: GEOMETRY_TOLERANCE });
    expect(GEOMETRY_TOLERANCE).toBeGreaterThanOrEqual(1);
    expect(clipped.filter((l) => l.type === 'line').map((l) => (l['layout'] as Record<string, unknown> | undefined)?.['line-join'] ?? 'miter')).not.toContain('round');
    const geometry = rec.sources.get('basemap-geometry')!.spec['data'] as GeoJSON.FeatureCollection;
    expect(geometry.features).toEqual([expect.objectContaining({ properties: { name: '哈尔滨市', basemap: 'prefectures' } })]);
  });

  it('switches label language with layout properties only', () => {
    const rec = recordingMap();
    const layer = createBasemapLayer(basemap, { language: 'zh-CN' });
    layer.add(asMap(rec.map));
    expect(rec.layers.find((l) => l.id === 'basemap-prefecture-labels')).toMatchObject({ layout: { 'text-field': ['coalesce', ['get', 'name'], ['get', 'name_en']] } });
    layer.setStyle({ language: 'en' });
    expect(rec.calls.length).toBeGreaterThanOrEqual(7);
    expect(rec.calls.every((c) => c[0] === 'setLayoutProperty' && c[2] === 'text-field')).toBe(true);
    expect(rec.calls).toContainEqual(['setLayoutProperty', 'basemap-prefecture-labels', 'text-field', ['coalesce', ['get', 'name_en'], ['get', 'name']]]);
    expect([...rec.sources.values()].every((s) => s.setData.length === 0 && s.updateData.length === 0)).toBe(true);
  });
});

describe('alerts layer', () => {
  function setup(filters: Filters = DEFAULT_FILTERS) {
    const rec = recordingMap();
    const layer = createAlertsLayer({ filters, colors, pulseEnvironment: manualPulseEnvironment().env });
    disposables.push(layer);
    layer.add(asMap(rec.map));
    return { rec, layer, source: rec.sources.get(ALERTS_SOURCE)! };
  }

  it('is a clustered source aggregating the highest level inside each cluster', () => {
    const { source } = setup();
    expect(source.spec).toMatchObject({ type: 'geojson', cluster: true, clusterProperties: { maxRank: ['max', ['get', 'rank']] } });
  });

  it('loads a reset with one setData, then applies deltas with updateData only', () => {
    const { layer, source } = setup();
    layer.update(delta({ reset: true, alerts: { upsert: [alertOf('a'), alertOf('b'), alertOf('gone', { status: 'dismissed' })], remove: [] } }), snapshot);
    expect(source.setData).toHaveLength(1);
    expect((source.setData[0] as GeoJSON.FeatureCollection).features).toHaveLength(2); // dismissed is filtered out by default
    layer.update(delta({ alerts: { upsert: [alertOf('c')], remove: ['a'] } }), snapshot);
    layer.update(delta({ alerts: { upsert: [alertOf('b', { status: 'acknowledged' })], remove: [] } }), snapshot);
    expect(source.setData).toHaveLength(1);
    expect(source.updateData).toHaveLength(2);
    expect(source.updateData[0]!.add).toHaveLength(1);
    expect(source.updateData[0]!.remove).toHaveLength(1);
    expect(source.updateData[1]!.add?.[0]?.properties).toMatchObject({ aid: 'b', ack: 1 });
    expect(layer.drawnCount).toBe(2);
  });

  it('alertDrawsSame holds exactly when the feature would be the same (its properties and point)', () => {
    const base = alertOf('a', { severity: 'Severe' });
    const variants = [
      alertOf('a', { severity: 'Severe', duplicates: 9, headline: '另一个标题' }),
      alertOf('a', { severity: 'Extreme' }),
      alertOf('a', { severity: 'Severe', status: 'acknowledged' }),
      alertOf('a', { severity: 'Severe', domain: 'traffic' }),
      alertOf('a', { severity: 'Severe', point: { lon: 126.63, lat: 45.77 } }),
      alertOf('a', { severity: 'Minor', status: 'dismissed' }),
    ];
    for (const v of variants) {
      const same = JSON.stringify(alertProperties(base)) === JSON.stringify(alertProperties(v)) && base.point.lon === v.point.lon && base.point.lat === v.point.lat;
      expect(alertDrawsSame(base, v)).toBe(same);
    }
  });

  it('takes a later reset (a replay seek) as the difference from what it draws, and a repeat that draws the same as nothing', () => {
    const { layer, source } = setup();
    const a = alertOf('a');
    layer.update(delta({ reset: true, alerts: { upsert: [a, alertOf('b'), alertOf('c')], remove: [] } }), snapshot);
    layer.update(delta({ alerts: { upsert: [alertOf('b', { duplicates: 5 })], remove: [] } }), snapshot);
    expect(source.updateData).toEqual([]);
    layer.update(delta({ reset: true, alerts: { upsert: [a, alertOf('b', { duplicates: 6 }), alertOf('d', { severity: 'Extreme' })], remove: [] } }), snapshot);
    expect(source.setData).toHaveLength(1);
    expect(source.updateData).toHaveLength(1);
    expect(source.updateData[0]!.add?.map((f) => f.properties?.['aid'])).toEqual(['d']);
    expect(source.updateData[0]!.remove).toHaveLength(1);
    expect(layer.drawnCount).toBe(3);
    expect(layer.alert('b')?.duplicates).toBe(6);
  });

  it('re-filters on a filter change with a diff, not a setData', () => {
    const { layer, source } = setup();
    layer.update(delta({ reset: true, alerts: { upsert: [alertOf('e'), alertOf('t', { domain: 'traffic' })], remove: [] } }), snapshot);
    layer.setFilters({ ...DEFAULT_FILTERS, domains: new Set(['traffic']) });
    expect(source.setData).toHaveLength(1);
    expect(source.updateData).toEqual([{ remove: [1] }]);
    expect(layer.isDrawn('e')).toBe(false);
    expect(layer.alert('e')?.id).toBe('e');
  });

  it('pulses only while new Severe/Extreme alerts are drawn, and dims acknowledged ones by style alone', () => {
    const { rec, layer, source } = setup();
    layer.update(delta({ reset: true, alerts: { upsert: [alertOf('x', { severity: 'Extreme' }), alertOf('m')], remove: [] } }), snapshot);
    expect(layer.pulsingCount).toBe(1);
    expect(rec.calls).toContainEqual(['setLayoutProperty', ALERT_LAYER.pulse, 'visibility', 'visible']);
    layer.update(delta({ alerts: { upsert: [alertOf('x', { severity: 'Extreme', status: 'acknowledged' })], remove: [] } }), snapshot);
    expect(layer.pulsingCount).toBe(0);
    expect(rec.calls.at(-1)).toEqual(['setLayoutProperty', ALERT_LAYER.pulse, 'visibility', 'none']);

    const before = source.updateData.length;
    layer.setStyle({ subdued: true });
    expect(rec.calls.at(-1)).toEqual(['setPaintProperty', ALERT_LAYER.clusters, 'circle-opacity', 0.3]);
    rec.calls.length = 0;
    layer.setStyle({ dimAcknowledged: false });
    expect(rec.calls.filter((c) => c[0] === 'setPaintProperty').map((c) => c[2])).toEqual(['circle-opacity', 'circle-stroke-opacity', 'icon-opacity']);
    expect(source.updateData).toHaveLength(before);
  });
});

describe('areas layer', () => {
  it('draws areas of active 橙/红 alerts only, and the selected one in a source of its own', () => {
    const rec = recordingMap();
    const layer = createAreasLayer({ filters: DEFAULT_FILTERS, colors });
    disposables.push(layer);
    layer.add(asMap(rec.map));
    const circle = { polygons: [], circles: [{ center: [126.6, 45.7] as [number, number], radiusKm: 5 }] };
    layer.update(
      delta({
        reset: true,
        alerts: {
          upsert: [alertOf('red', { severity: 'Extreme', area: circle }), alertOf('blue', { severity: 'Minor', area: circle }), alertOf('nothing', { severity: 'Severe' })],
          remove: [],
        },
      }),
      snapshot,
    );
    const fc = rec.sources.get(AREAS_SOURCE)!.setData[0] as GeoJSON.FeatureCollection;
    expect(fc.features.map((f) => f.properties?.['aid'])).toEqual(['red']);
    expect(fc.features[0]!.geometry.type).toBe('MultiPolygon');

    layer.setStyle({ selectedAlertId: 'blue' });
    const selected = rec.sources.get(SELECTED_AREA_SOURCE)!.setData.at(-1) as GeoJSON.FeatureCollection;
    expect(selected.features.map((f) => f.properties?.['aid'])).toEqual(['blue']);
    expect(rec.sources.get(AREAS_SOURCE)!.updateData).toEqual([]);
    layer.setStyle({ selectedAlertId: null });
    expect((rec.sources.get(SELECTED_AREA_SOURCE)!.setData.at(-1) as GeoJSON.FeatureCollection).features).toEqual([]);
  });

  it('hides the layers of the selected area while nothing is selected (no clipping masks for an empty source)', () => {
    const rec = recordingMap();
    const layer = createAreasLayer({ filters: DEFAULT_FILTERS, colors });
    disposables.push(layer);
    layer.add(asMap(rec.map));
    const selectedLayers = rec.layers.filter((l) => l['source'] === SELECTED_AREA_SOURCE);
    expect(selectedLayers.map((l) => (l['layout'] as { visibility?: string }).visibility)).toEqual(['none', 'none']);
    const circle = { polygons: [], circles: [{ center: [126.6, 45.7] as [number, number], radiusKm: 5 }] };
    layer.update(delta({ reset: true, alerts: { upsert: [alertOf('red', { severity: 'Extreme', area: circle })], remove: [] } }), snapshot);
    const visibility = (): unknown[] => rec.calls.filter((c) => c[0] === 'setLayoutProperty' && c[2] === 'visibility').map((c) => [c[1], c[3]]);
    expect(visibility()).toEqual([]);
    layer.setStyle({ selectedAlertId: 'red' });
    expect(visibility()).toEqual(selectedLayers.map((l) => [l.id, 'visible']));
    layer.setStyle({ selectedAlertId: 'gone' });
    expect(visibility().slice(2)).toEqual(selectedLayers.map((l) => [l.id, 'none']));
  });
});

describe('incidents layer', () => {
  it('shows open incidents only: not resolved, closed or merged', () => {
    const rec = recordingMap();
    const layer = createIncidentsLayer();
    layer.add(asMap(rec.map));
    layer.update(
      delta({
        reset: true,
        incidents: {
          upsert: [incidentOf('i1', { overdue: true }), incidentOf('i2', { status: 'closed' }), incidentOf('i3', { mergedInto: 'i1' }), incidentOf('i4', { status: 'resolved' })],
          remove: [],
        },
      }),
      snapshot,
    );
    const fc = rec.sources.get(INCIDENTS_SOURCE)!.setData[0] as GeoJSON.FeatureCollection;
    expect(fc.features.map((f) => f.properties)).toEqual([{ iid: 'i1', level: 2, overdue: 1 }]);
    layer.update(delta({ incidents: { upsert: [incidentOf('i1', { status: 'resolved' })], remove: [] } }), snapshot);
    expect(rec.sources.get(INCIDENTS_SOURCE)!.updateData).toEqual([{ remove: [1] }]);
  });
});

describe('heatmap and selection', () => {
  it('turns the heatmap on and off with a layout property only', () => {
    const rec = recordingMap();
    const layer = createHeatmapLayer();
    layer.add(asMap(rec.map));
    expect(rec.layers[0]).toMatchObject({ id: HEATMAP_LAYER, source: ALERTS_SOURCE, layout: { visibility: 'none' } });
    layer.setStyle({ visible: true });
    expect(rec.calls).toEqual([['setLayoutProperty', HEATMAP_LAYER, 'visibility', 'visible']]);
  });

  it('moves the selection ring to the selected item, and follows it when it moves', () => {
    const rec = recordingMap();
    let at: [number, number] = [126.6, 45.7];
    const layer = createSelectionLayer(() => at);
    layer.add(asMap(rec.map));
    layer.setStyle({ selection: { kind: 'alert', id: 'a' } });
    const source = rec.sources.get(SELECTION_SOURCE)!;
    expect((source.setData.at(-1) as GeoJSON.FeatureCollection).features[0]!.geometry).toEqual({ type: 'Point', coordinates: [126.6, 45.7] });
    at = [127, 46];
    layer.update(delta({ alerts: { upsert: [alertOf('other')], remove: [] } }), snapshot);
    expect(layer.position()).toEqual([126.6, 45.7]);
    layer.update(delta({ alerts: { upsert: [alertOf('a')], remove: [] } }), snapshot);
    expect(layer.position()).toEqual([127, 46]);
  });
});
