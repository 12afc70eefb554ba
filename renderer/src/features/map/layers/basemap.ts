/**
 * The static basemap (DESIGN §7): land and neighbours muted, Heilongjiang's
 * prefectures with thin bright borders, water in blue, the national border
 * dashed, and Chinese labels in the bundled Noto Sans SC. Never changes
 * with live data; `setStyle` only switches the label language.
 */
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import type { Basemap, BasemapName } from '../basemapData';
import { TEXT_FONT } from '../fonts';
import type { ExpressionSpecification } from '../mapTypes';
import { BELOW_LABELS, type MapLanguage, type MapLayerModule } from './types';

export interface BasemapStyle {
  language: MapLanguage;
}

/** Control-room palette: dark navy, low contrast except where the eye should go. */
export const BASEMAP_COLORS = {
  // Outside the data's clip window is background; land, sea and foreign countries share its
  // colour so the window's straight edges do not show (countries are told apart by the border).
  background: '#070d18',
  province: '#0b1526',
  provinceLine: '#24344f',
  prefecture: '#12213a',
  prefectureLine: '#4f8fd8',
  provinceGlow: '#3fa9ff',
  lake: '#0f3458',
  river: '#1f5d99',
  border: '#a8b7cf',
  borderCasing: '#050a13',
  waterLabel: '#5b9ad6',
  regionLabel: '#5d6f8d',
  prefectureLabel: '#e4eefc',
  placeMajor: '#dde7f5',
  placeMinor: '#9aabc6',
  placeSmall: '#7d8eaa',
  halo: '#050a13',
} as const;

/** Layer ids tests and other modules refer to. */
export const BASEMAP_LAYER = {
  prefectureLabels: 'basemap-prefecture-labels',
  prefectureFill: 'basemap-prefectures-fill',
} as const;

/**
 * Provinces, prefectures, water and the border share one source, told apart
 * by a `basemap` property: MapLibre clips fill and line layers to their
 * tiles with a stencil mask drawn anew (twice, over the whole screen)
 * whenever the source changes from one such layer to the next, so four
 * interleaved sources cost six extra full-screen passes per frame on
 * software GL. The label sources are not clipped and stay apart.
 */
const GEOMETRY = ['provinces', 'prefectures', 'water', 'border'] as const satisfies readonly BasemapName[];
type GeometryName = (typeof GEOMETRY)[number];
const GEOMETRY_SOURCE = 'basemap-geometry';
/**
 * Douglas–Peucker tolerance of the geometry source, in pixels of a 512 px tile at each tile
 * zoom (MapLibre's default is 0.375). The boundaries are drawn as thin lines, so 2 px does not
 * show, and it cuts the triangles the GPU draws per frame ~3× (README, "Performance choices").
 */
export const GEOMETRY_TOLERANCE = 2;

const SOURCE: Record<'prefectureLabels' | 'places' | 'regionLabels', string> = {
  prefectureLabels: 'basemap-prefecture-labels',
  places: 'basemap-places',
  regionLabels: 'basemap-region-labels',
};

/** The features of the named collections in one, each tagged with `basemap: <its collection>`. */
export function basemapGeometryOf(basemap: Basemap): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const name of GEOMETRY) {
    for (const f of basemap[name].features) features.push({ ...f, properties: { ...f.properties, basemap: name } });
  }
  return { type: 'FeatureCollection', features };
}

/** Only features of one collection of the geometry source, and (optionally) a further condition. */
function from(name: GeometryName, condition?: ExpressionSpecification): ExpressionSpecification {
  const mine: ExpressionSpecification = ['==', ['get', 'basemap'], name];
  return condition ? ['all', mine, condition] : mine;
}

/** The label layers, whose `text-field` follows the UI language. */
const LABEL_LAYERS = ['basemap-water-labels', 'basemap-lake-labels', 'basemap-region-labels', 'basemap-places-3', 'basemap-places-2', 'basemap-places-1', BASEMAP_LAYER.prefectureLabels];

export function labelField(language: MapLanguage): ExpressionSpecification {
  return language === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name']] : ['coalesce', ['get', 'name'], ['get', 'name_en']];
}

const HALO = { 'text-halo-color': BASEMAP_COLORS.halo, 'text-halo-width': 1.4, 'text-halo-blur': 0.4 } as const;

function layers(language: MapLanguage): LayerSpecification[] {
  const text = labelField(language);
  const C = BASEMAP_COLORS;
  return [
    // Land and foreign countries are the background colour, so they are not filled: on software GL
    // (DESIGN §5) every full-screen fill costs a whole repaint's worth of pixels, on every frame.
    // China inside the window is covered by its provinces, which are filled.
    // No antialiasing pass for the large fills: their line layers draw the edges anyway.
    { id: 'basemap-provinces-fill', type: 'fill', source: GEOMETRY_SOURCE, filter: from('provinces', ['!=', ['get', 'adcode'], '230000']), paint: { 'fill-color': C.province, 'fill-antialias': false } },
    { id: 'basemap-provinces-line', type: 'line', source: GEOMETRY_SOURCE, filter: from('provinces', ['!=', ['get', 'adcode'], '230000']), paint: { 'line-color': C.provinceLine, 'line-width': 0.8 } },
    { id: BASEMAP_LAYER.prefectureFill, type: 'fill', source: GEOMETRY_SOURCE, filter: from('prefectures'), paint: { 'fill-color': C.prefecture, 'fill-antialias': false } },
    {
      // A soft glow along the province edge; the coarse outline is hidden when zoomed in.
      id: 'basemap-province-glow',
      type: 'line',
      source: GEOMETRY_SOURCE,
      maxzoom: 8,
      filter: from('provinces', ['==', ['get', 'adcode'], '230000']),
      paint: { 'line-color': C.provinceGlow, 'line-width': 7, 'line-blur': 6, 'line-opacity': 0.22 },
    },
    { id: 'basemap-lakes', type: 'fill', source: GEOMETRY_SOURCE, filter: from('water', ['==', ['get', 'kind'], 'lake']), paint: { 'fill-color': C.lake } },
    // Lines join with miters (the default; beyond the miter limit a bevel): a round join is a fan of
    // extra triangles at every vertex that turns, ~40% of the basemap's triangles on software GL.
    {
      id: 'basemap-rivers',
      type: 'line',
      source: GEOMETRY_SOURCE,
      filter: from('water', ['==', ['get', 'kind'], 'river']),
      layout: { 'line-join': 'miter' },
      paint: { 'line-color': C.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1.3, 9, 3] },
    },
    {
      id: 'basemap-prefectures-line',
      type: 'line',
      source: GEOMETRY_SOURCE,
      filter: from('prefectures'),
      layout: { 'line-join': 'miter' },
      paint: { 'line-color': C.prefectureLine, 'line-opacity': 0.75, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.7, 9, 1.6] },
    },
    {
      id: 'basemap-border-casing',
      type: 'line',
      source: GEOMETRY_SOURCE,
      filter: from('border'),
      layout: { 'line-join': 'miter' },
      paint: { 'line-color': C.borderCasing, 'line-width': 3.2, 'line-opacity': 0.7 },
    },
    {
      id: 'basemap-border',
      type: 'line',
      source: GEOMETRY_SOURCE,
      filter: from('border'),
      layout: { 'line-join': 'miter' },
      paint: { 'line-color': C.border, 'line-width': 1.3, 'line-dasharray': [3, 2], 'line-opacity': 0.85 },
    },
    { id: BELOW_LABELS, type: 'background', layout: { visibility: 'none' }, paint: {} },
    {
      id: 'basemap-places-dots',
      type: 'circle',
      source: SOURCE.places,
      filter: ['any', ['<=', ['get', 'rank'], 2], ['>=', ['zoom'], 7]],
      paint: {
        'circle-radius': ['match', ['get', 'rank'], 1, 2.8, 2, 1.8, 1.5],
        'circle-color': ['match', ['get', 'rank'], 1, C.placeMajor, 2, C.placeMinor, C.placeSmall],
        'circle-stroke-color': C.halo,
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'basemap-places-3',
      type: 'symbol',
      source: SOURCE.places,
      minzoom: 7,
      filter: ['==', ['get', 'rank'], 3],
      layout: { 'text-field': text, 'text-font': [...TEXT_FONT.regular], 'text-size': 11, 'text-variable-anchor': ['left', 'right', 'top', 'bottom'], 'text-radial-offset': 0.5 },
      paint: { 'text-color': C.placeSmall, ...HALO },
    },
    {
      id: 'basemap-places-2',
      type: 'symbol',
      source: SOURCE.places,
      filter: ['==', ['get', 'rank'], 2],
      layout: {
        'text-field': text,
        'text-font': [...TEXT_FONT.regular],
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 10.5, 9, 12.5],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.45,
      },
      paint: { 'text-color': C.placeMinor, ...HALO },
    },
    {
      id: 'basemap-water-labels',
      type: 'symbol',
      source: GEOMETRY_SOURCE,
      filter: from('water', ['==', ['get', 'kind'], 'river']),
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 420,
        'text-field': text,
        'text-font': [...TEXT_FONT.regular],
        'text-size': 11,
        'text-letter-spacing': 0.15,
        'text-max-angle': 35,
      },
      paint: { 'text-color': C.waterLabel, ...HALO },
    },
    {
      id: 'basemap-lake-labels',
      type: 'symbol',
      source: GEOMETRY_SOURCE,
      filter: from('water', ['==', ['get', 'kind'], 'lake']),
      layout: { 'text-field': text, 'text-font': [...TEXT_FONT.regular], 'text-size': 11 },
      paint: { 'text-color': C.waterLabel, ...HALO },
    },
    {
      id: 'basemap-region-labels',
      type: 'symbol',
      source: SOURCE.regionLabels,
      layout: {
        'text-field': text,
        'text-font': [...TEXT_FONT.medium],
        'text-size': ['match', ['get', 'kind'], 'country', 15, 12],
        'text-letter-spacing': ['match', ['get', 'kind'], 'country', 0.6, 0.3],
      },
      paint: { 'text-color': C.regionLabel, ...HALO },
    },
    {
      id: 'basemap-places-1',
      type: 'symbol',
      source: SOURCE.places,
      filter: ['==', ['get', 'rank'], 1],
      layout: {
        'text-field': text,
        'text-font': [...TEXT_FONT.bold],
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 12.5, 9, 15],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.55,
      },
      paint: { 'text-color': C.placeMajor, ...HALO },
    },
    {
      // Prefecture names: the largest text, placed first (top of the stack), always shown.
      id: BASEMAP_LAYER.prefectureLabels,
      type: 'symbol',
      source: SOURCE.prefectureLabels,
      layout: {
        'text-field': text,
        'text-font': [...TEXT_FONT.medium],
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 15, 9, 22],
        'text-letter-spacing': 0.25,
        'text-allow-overlap': true,
        'text-ignore-placement': false,
      },
      paint: { 'text-color': C.prefectureLabel, 'text-opacity': 0.82, 'text-halo-color': C.halo, 'text-halo-width': 1.8, 'text-halo-blur': 0.6 },
    },
  ];
}

export function createBasemapLayer(basemap: Basemap, initial: BasemapStyle): MapLayerModule<BasemapStyle> {
  let map: MapLibreMap | null = null;
  let style = { ...initial };
  return {
    add(m) {
      map = m;
      m.addSource(GEOMETRY_SOURCE, { type: 'geojson', data: basemapGeometryOf(basemap), tolerance: GEOMETRY_TOLERANCE });
      for (const [name, id] of Object.entries(SOURCE) as [keyof typeof SOURCE, string][]) {
        m.addSource(id, { type: 'geojson', data: basemap[name], tolerance: 0.45 });
      }
      for (const layer of layers(style.language)) m.addLayer(layer);
    },
    update() {
      // Static data: nothing streams into the basemap.
    },
    setStyle(next) {
      const language = next.language ?? style.language;
      style = { ...style, ...next };
      if (!map || next.language === undefined) return;
      for (const id of LABEL_LAYERS) map.setLayoutProperty(id, 'text-field', labelField(language));
    },
  };
}
