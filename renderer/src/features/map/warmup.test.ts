import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { DEFAULT_FILTERS } from '../workspace/filters';
import { FALLBACK_LEVEL_COLORS } from './levels';
import { manualPulseEnvironment, recordingMap } from './testing/fixtures';
import { ALERTS_SOURCE, createAlertsLayer } from './layers/alerts';
import { AREAS_SOURCE, createAreasLayer, SELECTED_AREA_SOURCE } from './layers/areas';
import { createHeatmapLayer } from './layers/heatmap';
import { createIncidentsLayer, INCIDENTS_SOURCE } from './layers/incidents';
import { createSelectionLayer, SELECTION_SOURCE } from './layers/selection';
import { WARMUP_PROPERTIES, WARMUP_SOURCE, warmUpCopyOf } from './warmup';

const DATA_SOURCES = new Set([ALERTS_SOURCE, AREAS_SOURCE, SELECTED_AREA_SOURCE, INCIDENTS_SOURCE, SELECTION_SOURCE]);

function dataLayers() {
  const rec = recordingMap();
  const modules = [
    createAreasLayer({ filters: DEFAULT_FILTERS, colors: FALLBACK_LEVEL_COLORS }),
    createAlertsLayer({ filters: DEFAULT_FILTERS, colors: FALLBACK_LEVEL_COLORS, pulseEnvironment: manualPulseEnvironment().env }),
    createHeatmapLayer(),
    createIncidentsLayer(),
    createSelectionLayer(() => null),
  ];
  // Areas and heat insert themselves below the basemap labels' anchor.
  rec.map.addLayer({ id: 'basemap-labels-anchor', type: 'background', layout: { visibility: 'none' } });
  for (const m of modules) m.add(rec.map as unknown as MapLibreMap);
  for (const m of modules) m.dispose?.();
  const layers = rec.layers.filter((l) => typeof l['source'] === 'string' && DATA_SOURCES.has(l['source'])) as unknown as LayerSpecification[];
  return { rec, layers };
}

/** Every `['get', name]` in a value (filters, layout, paint). */
function propertiesRead(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    if (value[0] === 'get' && typeof value[1] === 'string' && value.length === 2) into.add(value[1]);
    for (const v of value) propertiesRead(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) propertiesRead(v, into);
  }
  return into;
}

describe('shader warm-up copies', () => {
  it('copy every data layer with the same type, layout and paint (so MapLibre picks the same program), visible at any zoom, on the warm-up source', () => {
    const { rec, layers } = dataLayers();
    expect(layers.length).toBeGreaterThanOrEqual(12);
    const copies = layers.map((l) => warmUpCopyOf(l, `warmup:${l.id}`));
    for (const [i, copy] of copies.entries()) {
      const original = layers[i] as LayerSpecification & { layout?: Record<string, unknown>; paint?: unknown };
      expect(copy.type).toBe(original.type);
      expect('source' in copy && copy.source).toBe(WARMUP_SOURCE);
      expect('paint' in copy ? copy.paint : undefined).toEqual(original.paint);
      const { visibility, ...layout } = ('layout' in copy ? copy.layout : {}) as Record<string, unknown>;
      expect(visibility).toBe('visible');
      const { visibility: _v, ...originalLayout } = original.layout ?? {};
      expect(layout).toEqual(originalLayout);
      expect(copy).not.toHaveProperty('minzoom');
      expect(copy).not.toHaveProperty('maxzoom');
    }
    // The heatmap's copy draws its own far point; fills and lines the small square; the rest the near point.
    const filterOf = (type: string) => copies.find((c) => c.type === type) as { filter?: unknown };
    expect(filterOf('heatmap').filter).toEqual(['==', ['get', 'warmup'], 'far']);
    expect(filterOf('fill').filter).toEqual(['==', ['get', 'warmup'], 'area']);
    expect(filterOf('symbol').filter).toEqual(['==', ['get', 'warmup'], 'near']);
    const style = {
      version: 8,
      sources: { ...Object.fromEntries([...rec.sources].map(([id, s]) => [id, s.spec])), [WARMUP_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, maxzoom: 0 } },
      layers: copies,
    };
    expect(validateStyleMin(style as never)).toEqual([]);
  });

  it('give the synthetic features every property a data layer reads, so no copy draws nothing (a symbol without text, an icon without image)', () => {
    const { layers } = dataLayers();
    const read = propertiesRead(layers);
    expect(read.size).toBeGreaterThan(5);
    expect([...read].filter((name) => !(name in WARMUP_PROPERTIES))).toEqual([]);
  });
});
