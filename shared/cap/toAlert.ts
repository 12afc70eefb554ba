/**
 * CAP message -> Longwatch alert content (`AlertContent`, shared/domain/model.ts).
 *
 * CAP has no notion of Longwatch's domains or agencies: the feed that
 * delivered the message is the agency, so `feed` and `domain` come from the
 * caller. Everything else is read from the message; the rules are tabled in
 * README.md ("CAP -> alert content"). Nothing is refused or dropped
 * silently: text over the schema limits is truncated, geometry and
 * attributes over the limits are dropped, and each such step is reported as
 * a warning (the full message stays in `capXml`). The result is always
 * checked with `alertContentSchema`, so a value this returns is valid
 * content.
 *
 * Pure, no I/O; never throws for any `CapMessage` (an unexpected exception
 * is returned as an error, as `parseCap` does).
 */

import type { Domain } from '../domain/agencies';
import { LIMITS, alertContentSchema, isIdText } from '../domain/model';
import type { AlertContent, Attributes, Classification, LonLat, Point } from '../domain/model';
import { PREFECTURES, PROVINCE_CODE, isHeilongjiangRegion, prefectureOf } from '../domain/regions';
import { daysInMonth, scanDateTime } from './datetime';
import { parseCap } from './parse';
import type { CapInfo, CapIssue, CapMessage, CapResult, CapScope } from './types';
import { xmlTrim } from './xml';

/** What the caller knows and CAP does not say. */
export interface CapToAlertContext {
  /** Feed that delivered the message (`ecology`, `traffic` ...); becomes `AlertContent.feed`. */
  feed: string;
  /** Domain of the feed's agency. */
  domain: Domain;
  /** The CAP XML as received, kept for the detail panel and audit. */
  capXml?: string;
  /** Used (with a warning) when the message locates itself nowhere Longwatch can use. */
  fallback: { point: Point; region: string };
}

/** Rough bounding box of Heilongjiang (WGS 84), used to pick the nearest prefecture for a point. */
export const HEILONGJIANG_BBOX = { minLon: 121.1, maxLon: 135.1, minLat: 43.4, maxLat: 53.6 } as const;

/** CAP scope -> Longwatch classification. */
export const CLASSIFICATION_OF_SCOPE: Readonly<Record<CapScope, Classification>> = {
  Public: 'public',
  Restricted: 'internal',
  Private: 'sensitive',
};

const CLASSIFICATION_RANK: Readonly<Record<Classification, number>> = { public: 0, internal: 1, sensitive: 2 };

const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Runs of ASCII characters an attribute key cannot hold (spaces, `:`, `/` ...); replaced by one `_`. Non-ASCII stays (and fails the key pattern). */
const KEY_FILLER = /[^A-Za-z0-9_.\-\u0080-\u{10FFFF}]+/gu;

const CJK_DOT = '；';
const ELLIPSIS = '…';

// ---------------------------------------------------------------------------
// Small helpers (exported where other modules or tests use them)

/**
 * CAP dateTime -> epoch milliseconds. Accepts what the codec accepts
 * (explicit offset; for old versions also `Z` and fractional seconds, which
 * are truncated like the serializer does). Undefined if not a dateTime.
 */
export function capDateTimeToEpochMs(value: string): number | undefined {
  const p = scanDateTime(xmlTrim(value));
  if (!p) return undefined;
  const { year, month, day, hour, minute, second } = p;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined; // 31 April and the like too
  // Proleptic Gregorian, like Date; years 0-99 stay as written (Date.UTC would add 1900).
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 - p.offsetMinutes * 60_000;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Whether a geocode `valueName` names the Chinese administrative division code (GB/T 2260). */
export function isGbt2260ValueName(valueName: string): boolean {
  const k = valueName.toLowerCase().replace(/[\s/_.:-]+/g, '');
  return k === 'gbt2260' || k === 'gb2260' || k === 'adcode';
}

/** Whether a point lies within the rough bounding box of Heilongjiang. */
export function inHeilongjiangBbox(p: Point): boolean {
  const b = HEILONGJIANG_BBOX;
  return p.lon >= b.minLon && p.lon <= b.maxLon && p.lat >= b.minLat && p.lat <= b.maxLat;
}

/** GB/T 2260 code of the prefecture whose seat is nearest to `p` (equirectangular distance; fine at this scale). */
export function nearestPrefectureCode(p: Point): string {
  const k = Math.cos((p.lat * Math.PI) / 180);
  let best = PREFECTURES[0]!;
  let bestD = Infinity;
  for (const pref of PREFECTURES) {
    const dx = (pref.center[0] - p.lon) * k;
    const dy = pref.center[1] - p.lat;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = pref;
    }
  }
  return best.code;
}

/**
 * Centroid of a closed ring in GeoJSON order, area-weighted (planar, in
 * degrees: fine for warning areas, which are small and far from the
 * antimeridian). Degenerate rings (zero area: a line, repeated points) fall
 * back to the mean of the distinct vertices.
 */
export function ringCentroid(ring: readonly (readonly [number, number])[]): Point {
  const closed = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1];
  const pts = closed ? ring.slice(0, -1) : ring.slice();
  if (pts.length === 0) return { lon: NaN, lat: NaN };
  // Relative to the first vertex, for precision.
  const [x0, y0] = pts[0]!;
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < pts.length; i++) {
    const [xa, ya] = pts[i]!;
    const [xb, yb] = pts[(i + 1) % pts.length]!;
    const x1 = xa - x0;
    const y1 = ya - y0;
    const x2 = xb - x0;
    const y2 = yb - y0;
    const cross = x1 * y2 - x2 * y1;
    a2 += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  let span = 0;
  for (const [x, y] of pts) span = Math.max(span, Math.abs(x - x0), Math.abs(y - y0));
  if (Math.abs(a2) > 1e-12 * Math.max(span * span, 1e-300) && Number.isFinite(a2)) {
    return clampPoint({ lon: x0 + cx / (3 * a2), lat: y0 + cy / (3 * a2) });
  }
  let sx = 0;
  let sy = 0;
  for (const [x, y] of pts) {
    sx += x;
    sy += y;
  }
  return clampPoint({ lon: sx / pts.length, lat: sy / pts.length });
}

/** Keep a computed point inside the valid coordinate range (rounding can step over ±180/±90 by an ulp). */
function clampPoint(p: Point): Point {
  return { lon: Math.min(180, Math.max(-180, p.lon)), lat: Math.min(90, Math.max(-90, p.lat)) };
}

/** Cut `text` to at most `max` UTF-16 units, ending in `…`, never splitting a surrogate pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/**
 * Attribute key for a CAP `valueName`, or why it cannot be one. Runs of
 * ASCII characters a key cannot hold (spaces, `:`, `/` ...) become one `_`
 * (`layer:EC-MSC-SMC:1.0:Alert_Type` -> `layer_EC-MSC-SMC_1.0_Alert_Type`);
 * names that still do not fit (non-ASCII, leading digit or `_`, too long,
 * reserved) are unusable.
 */
export function attributeKeyOf(valueName: string): { ok: true; key: string } | { ok: false; reason: string } {
  const raw = xmlTrim(valueName);
  if (RESERVED_KEYS.has(raw)) return { ok: false, reason: `reserved name "${raw}"` };
  // Already a key (the usual case): nothing for KEY_FILLER to replace.
  const key = ATTRIBUTE_KEY.test(raw) ? raw : raw.replace(KEY_FILLER, '_');
  if (RESERVED_KEYS.has(key)) return { ok: false, reason: `reserved name "${key}"` };
  if (key.length > LIMITS.attributeKey) return { ok: false, reason: `name longer than ${LIMITS.attributeKey} characters` };
  if (!ATTRIBUTE_KEY.test(key)) return { ok: false, reason: 'an attribute key must start with a letter and use only A-Z a-z 0-9 _ . -' };
  return { ok: true, key };
}

/**
 * `idSchema.safeParse(s).success`, without zod: 1-128 characters, no leading
 * whitespace, no control characters. Used to drop unusable references and
 * event codes with a warning; the final `alertContentSchema` check still
 * applies idSchema itself to everything kept.
 */
function isValidId(s: string): boolean {
  return s.length >= 1 && s.length <= LIMITS.id && isIdText(s);
}

/** `epochMsSchema.safeParse(ms).success` for the integers {@link capDateTimeToEpochMs} returns: 1990-2200. */
function inEpochWindow(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= EPOCH_MIN && ms <= EPOCH_MAX;
}

const EPOCH_MIN = 631152000000;
const EPOCH_MAX = 7258118400000;

function quote(s: string, max = 60): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max - 3)}...` : s);
}

// ---------------------------------------------------------------------------
// Info selection

/** 0 = Simplified Chinese / mainland, 1 = other Chinese, 2 = English, 3 = anything else. */
function languageRank(language: string): number {
  const l = xmlTrim(language).toLowerCase();
  if (l === 'zh' || l === 'zh-cn' || l.startsWith('zh-cn-') || l.startsWith('zh-hans')) return 0;
  if (l.startsWith('zh-')) return 1;
  if (l === 'en' || l.startsWith('en-')) return 2;
  return 3;
}

/** Index of the info block to use: zh-CN/zh first, then other zh-*, then en*, else the first. */
export function selectInfoIndex(info: readonly CapInfo[]): number | undefined {
  if (info.length === 0) return undefined;
  let best = 0;
  let bestRank = languageRank(info[0]!.language);
  for (let i = 1; i < info.length; i++) {
    const r = languageRank(info[i]!.language);
    if (r < bestRank) {
      best = i;
      bestRank = r;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// The mapping

class Warnings {
  readonly list: CapIssue[] = [];
  add(path: string, reason: string): void {
    this.list.push({ path, reason });
  }
}

function clip(text: string, max: number, path: string, what: string, w: Warnings): string {
  if (text.length <= max) return text;
  w.add(path, `${what} is ${text.length} characters, over the limit of ${max}: truncated (the full text stays in the CAP source)`);
  return truncateText(text, max);
}

function optionalText(value: string | undefined, max: number, path: string, what: string, w: Warnings): string | undefined {
  if (value === undefined) return undefined;
  const t = xmlTrim(value);
  return t === '' ? undefined : clip(t, max, path, what, w);
}

interface GeoResult {
  point: Point;
  region: string;
  area?: AlertContent['area'];
}

function mapGeography(info: CapInfo | undefined, infoPath: string, ctx: CapToAlertContext, w: Warnings): GeoResult {
  const polygons: LonLat[][] = [];
  const circles: { center: LonLat; radiusKm: number }[] = [];
  const descs: string[] = [];
  let firstCircle: LonLat | undefined;
  let firstRing: LonLat[] | undefined;
  let prefectureCode: string | undefined;
  let provinceCode: string | undefined;
  let droppedPolygons = 0;
  let droppedCircles = 0;

  for (const [ai, area] of (info?.area ?? []).entries()) {
    const areaPath = `${infoPath}/area[${ai}]`;
    const desc = xmlTrim(area.areaDesc);
    if (desc !== '') descs.push(desc);
    for (const [pi, poly] of area.polygon.entries()) {
      const ring = poly.map(([lat, lon]): LonLat => [lon, lat]);
      firstRing ??= ring;
      if (ring.length > LIMITS.polygonPoints) {
        w.add(`${areaPath}/polygon[${pi}]`, `polygon has ${ring.length} points, over the limit of ${LIMITS.polygonPoints}: dropped from the area`);
        continue;
      }
      if (polygons.length >= LIMITS.polygons) {
        droppedPolygons++;
        continue;
      }
      polygons.push(ring);
    }
    for (const [ci, circle] of area.circle.entries()) {
      const [lat, lon] = circle.center;
      const center: LonLat = [lon, lat];
      firstCircle ??= center;
      const cPath = `${areaPath}/circle[${ci}]`;
      if (!(circle.radiusKm > 0)) {
        w.add(cPath, `circle radius ${circle.radiusKm} km denotes a point, not an area: not kept as area (its centre can still be the alert's point)`);
        continue;
      }
      if (circle.radiusKm > LIMITS.maxRadiusKm) {
        w.add(cPath, `circle radius ${circle.radiusKm} km is over the limit of ${LIMITS.maxRadiusKm} km: dropped from the area`);
        continue;
      }
      if (circles.length >= LIMITS.circles) {
        droppedCircles++;
        continue;
      }
      circles.push({ center, radiusKm: circle.radiusKm });
    }
    for (const [gi, g] of area.geocode.entries()) {
      if (!isGbt2260ValueName(g.valueName)) continue;
      const code = xmlTrim(g.value);
      if (!/^\d{6}$/.test(code) || !isHeilongjiangRegion(code)) {
        w.add(`${areaPath}/geocode[${gi}]`, `GB/T 2260 geocode ${quote(code)} is not a division of Heilongjiang: ignored`);
        continue;
      }
      if (code === PROVINCE_CODE) provinceCode ??= code;
      else prefectureCode ??= code;
    }
  }
  if (droppedPolygons > 0) {
    w.add(infoPath, `${droppedPolygons} polygon(s) over the limit of ${LIMITS.polygons} dropped from the area`);
  }
  if (droppedCircles > 0) {
    w.add(infoPath, `${droppedCircles} circle(s) over the limit of ${LIMITS.circles} dropped from the area`);
  }

  const geocode = prefectureCode ?? provinceCode;
  let point: Point;
  let pointIsFallback = false;
  if (firstCircle) point = { lon: firstCircle[0], lat: firstCircle[1] };
  else if (firstRing) point = ringCentroid(firstRing);
  else if (geocode !== undefined && prefectureOf(geocode)) {
    const c = prefectureOf(geocode)!.center;
    point = { lon: c[0], lat: c[1] };
  } else {
    w.add(infoPath, 'no circle, polygon or Heilongjiang GB/T 2260 geocode to place the alert: using the feed\'s fallback point and region');
    point = { ...ctx.fallback.point };
    pointIsFallback = true;
  }

  let region: string;
  if (geocode !== undefined) region = geocode;
  else if (pointIsFallback) region = ctx.fallback.region; // the point warning above already says so
  else if (inHeilongjiangBbox(point)) region = nearestPrefectureCode(point);
  else {
    w.add(infoPath, 'the alert lies outside Heilongjiang and has no GB/T 2260 geocode: using the feed\'s fallback region');
    region = ctx.fallback.region;
  }

  const joined = descs.join(CJK_DOT);
  const desc = joined === '' ? undefined : clip(joined, LIMITS.areaDesc, `${infoPath}/area`, 'areaDesc', w);
  const hasArea = polygons.length > 0 || circles.length > 0 || desc !== undefined;
  return { point, region, area: hasArea ? { desc, polygons, circles } : undefined };
}

function mapAttributes(info: CapInfo | undefined, infoPath: string, w: Warnings): { attributes: Attributes; classification?: { value: Classification; path: string } } {
  const values = new Map<string, string>();
  const firstPath = new Map<string, string>();
  let classification: { value: Classification; path: string } | undefined;
  let overflow = 0;
  for (const [i, p] of (info?.parameter ?? []).entries()) {
    const path = `${infoPath}/parameter[${i}]`;
    if (xmlTrim(p.valueName).toLowerCase() === 'classification') {
      const v = xmlTrim(p.value).toLowerCase();
      if (v === 'public' || v === 'internal' || v === 'sensitive') classification ??= { value: v, path };
      else w.add(path, `classification parameter ${quote(p.value)} is not public, internal or sensitive: ignored`);
      continue;
    }
    const k = attributeKeyOf(p.valueName);
    if (!k.ok) {
      w.add(path, `parameter ${quote(p.valueName)} dropped: ${k.reason}`);
      continue;
    }
    const previous = values.get(k.key);
    if (previous !== undefined) {
      // CAP parameters may repeat (several values for one name): keep them all, joined.
      values.set(k.key, `${previous}; ${xmlTrim(p.value)}`);
      continue;
    }
    if (values.size >= LIMITS.attributes) {
      overflow++;
      continue;
    }
    values.set(k.key, xmlTrim(p.value));
    firstPath.set(k.key, path);
  }
  if (overflow > 0) w.add(infoPath, `${overflow} parameter(s) over the limit of ${LIMITS.attributes} attributes dropped`);
  if (info?.onset !== undefined && !values.has('onset')) {
    if (values.size < LIMITS.attributes) {
      values.set('onset', info.onset);
      firstPath.set('onset', `${infoPath}/onset`);
    } else w.add(`${infoPath}/onset`, `no room left for onset among ${LIMITS.attributes} attributes: dropped`);
  }
  // Every key was checked above (pattern, length, not reserved: never `__proto__`), so plain
  // assignment is safe; it is much cheaper than Object.fromEntries and keeps the same order
  // (no key starts with a digit).
  const attributes: Attributes = {};
  for (const [key, value] of values) {
    const v = value.length > LIMITS.attributeValue ? truncateText(value, LIMITS.attributeValue) : value;
    if (v !== value) {
      w.add(firstPath.get(key) ?? infoPath, `attribute ${key} is ${value.length} characters, over the limit of ${LIMITS.attributeValue}: truncated`);
    }
    attributes[key] = v;
  }
  return { attributes, classification };
}

function mapReferences(msg: CapMessage, w: Warnings): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const [i, r] of msg.references.entries()) {
    const id = r.identifier;
    if (!isValidId(id)) {
      w.add(`alert/references[${i}]`, `referenced identifier ${quote(id)} cannot be a source id (empty, control characters or over ${LIMITS.id} characters): dropped`);
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  if (ids.length > LIMITS.references) {
    w.add('alert/references', `${ids.length} referenced identifiers, over the limit of ${LIMITS.references}: kept the last ${LIMITS.references} (the most recent)`);
    return ids.slice(-LIMITS.references);
  }
  return ids;
}

function mapTimes(msg: CapMessage, info: CapInfo | undefined, infoPath: string, w: Warnings): CapResult<{ sent: number; effective: number; expires?: number }> {
  const sent = capDateTimeToEpochMs(msg.sent);
  if (sent === undefined) return { ok: false, error: { path: 'alert/sent', reason: `sent ${quote(msg.sent)} is not a CAP dateTime` } };
  const optional = (value: string | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined;
    const ms = capDateTimeToEpochMs(value);
    if (ms === undefined) {
      w.add(`${infoPath}/${name}`, `${name} ${quote(value)} is not a CAP dateTime: ignored`);
      return undefined;
    }
    if (!inEpochWindow(ms)) {
      w.add(`${infoPath}/${name}`, `${name} ${quote(value)} is outside the years 1990-2200 Longwatch accepts: ignored`);
      return undefined;
    }
    return ms;
  };
  const effective = optional(info?.effective, 'effective') ?? sent;
  const expires = optional(info?.expires, 'expires');
  return { ok: true, value: { sent, effective, expires }, warnings: [] };
}

function mapMessage(msg: CapMessage, ctx: CapToAlertContext): CapResult<AlertContent> {
  const w = new Warnings();
  if (msg.msgType !== 'Alert' && msg.msgType !== 'Update' && msg.msgType !== 'Cancel') {
    return { ok: false, error: { path: 'alert/msgType', reason: `not an alert: msgType ${msg.msgType} is not mapped to alert content` } };
  }
  const index = selectInfoIndex(msg.info);
  if (index === undefined && msg.msgType !== 'Cancel') {
    return { ok: false, error: { path: 'alert/info', reason: `${msg.msgType} without an <info> block has nothing to show: refused` } };
  }
  const info = index === undefined ? undefined : msg.info[index];
  const infoPath = index === undefined ? 'alert' : `alert/info[${index}]`;
  if (info) {
    const lang = xmlTrim(info.language);
    for (const [i, other] of msg.info.entries()) {
      if (i !== index && xmlTrim(other.language).toLowerCase() === lang.toLowerCase()) {
        w.add(`alert/info[${i}]`, `another info block in the same language (${lang}) is not mapped; only ${infoPath} is`);
      }
    }
  }

  const times = mapTimes(msg, info, infoPath, w);
  if (!times.ok) return times;

  // Text. A Cancel without info says only which messages it cancels.
  let event: string;
  let headline: string;
  let description: string | undefined;
  let instruction: string | undefined;
  if (info) {
    const rawEvent = xmlTrim(info.event);
    const rawHeadline = info.headline === undefined ? '' : xmlTrim(info.headline);
    let ev = rawEvent;
    if (ev === '') {
      ev = rawHeadline !== '' ? rawHeadline : `${info.category[0] ?? 'Other'} event`;
      w.add(`${infoPath}/event`, `empty event: using ${quote(ev)}`);
    }
    event = clip(ev, LIMITS.event, `${infoPath}/event`, 'event', w);
    headline = clip(rawHeadline !== '' ? rawHeadline : ev, LIMITS.headline, `${infoPath}/headline`, 'headline', w);
    description = optionalText(info.description, LIMITS.description, `${infoPath}/description`, 'description', w);
    instruction = optionalText(info.instruction, LIMITS.instruction, `${infoPath}/instruction`, 'instruction', w);
  } else {
    event = 'Cancel';
    headline = clip(`Cancel ${msg.identifier}`, LIMITS.headline, 'alert/identifier', 'headline', w);
    description = optionalText(msg.note, LIMITS.description, 'alert/note', 'note', w);
  }

  const category = [...new Set(info?.category ?? [])];
  if (category.length === 0) {
    category.push('Other');
    if (info) w.add(`${infoPath}/category`, 'no category: using Other');
  }

  let eventCode: string | undefined;
  const firstCode = info?.eventCode.find((c) => xmlTrim(c.value) !== '');
  if (firstCode) {
    const v = xmlTrim(firstCode.value);
    if (isValidId(v)) eventCode = v;
    else w.add(`${infoPath}/eventCode`, `eventCode ${quote(v)} is not usable as a code (control characters or over ${LIMITS.id} characters): omitted`);
  }

  const geo = mapGeography(info, infoPath, ctx, w);
  const { attributes, classification: override } = mapAttributes(info, infoPath, w);

  let classification = CLASSIFICATION_OF_SCOPE[msg.scope] ?? 'sensitive';
  if (override && override.value !== classification) {
    if (CLASSIFICATION_RANK[override.value] < CLASSIFICATION_RANK[classification]) {
      w.add(override.path, `classification parameter ${override.value} is less strict than scope ${msg.scope} (${classification}); the parameter wins`);
    }
    classification = override.value;
  }

  const ga = geo.area;
  const area = ga === undefined ? undefined : ga.desc !== undefined ? { desc: ga.desc, polygons: ga.polygons, circles: ga.circles } : { polygons: ga.polygons, circles: ga.circles };
  // Same members, in the same order, as the schema lists them; optional ones only when present.
  const content: Record<string, unknown> = {
    feed: ctx.feed,
    sourceId: msg.identifier,
    version: 1,
    msgType: msg.msgType,
    references: mapReferences(msg, w),
    domain: ctx.domain,
    category,
    event,
  };
  if (eventCode !== undefined) content.eventCode = eventCode;
  content.headline = headline;
  if (description !== undefined) content.description = description;
  if (instruction !== undefined) content.instruction = instruction;
  content.severity = info?.severity ?? 'Unknown';
  content.urgency = info?.urgency ?? 'Unknown';
  content.certainty = info?.certainty ?? 'Unknown';
  content.capStatus = msg.status;
  content.point = geo.point;
  if (area !== undefined) content.area = area;
  content.region = geo.region;
  content.sent = times.value.sent;
  content.effective = times.value.effective;
  if (times.value.expires !== undefined) content.expires = times.value.expires;
  content.classification = classification;
  content.attributes = attributes;
  content.format = 'cap';
  if (ctx.capXml !== undefined) content.capXml = ctx.capXml;

  const checked = alertContentSchema.safeParse(content);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return { ok: false, error: { path: issue.path.map(String).join('.'), reason: `alert content invalid: ${issue.message}` } };
  }
  return { ok: true, value: checked.data, warnings: w.list };
}

/**
 * Map a decoded CAP message to Longwatch alert content. Alert, Update and
 * Cancel map; Ack and Error are refused ("not an alert"). Never throws.
 */
export function capToAlertContent(msg: CapMessage, ctx: CapToAlertContext): CapResult<AlertContent> {
  try {
    return mapMessage(msg, ctx);
  } catch (e) {
    return { ok: false, error: { path: '', reason: `internal error while mapping CAP to an alert: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

/**
 * `parseCap` then `capToAlertContent`, keeping the raw XML as `capXml`.
 * Documents longer than `LIMITS.capXml` are refused before parsing (the
 * source must be kept whole). Warnings of both steps are returned.
 */
export function decodeCapAlert(xml: string, ctx: Omit<CapToAlertContext, 'capXml'>): CapResult<AlertContent> {
  if (typeof xml === 'string' && xml.length > LIMITS.capXml) {
    return { ok: false, error: { path: '', reason: `CAP document is ${xml.length} characters, over the limit of ${LIMITS.capXml} kept per alert: refused` } };
  }
  const parsed = parseCap(xml);
  if (!parsed.ok) return parsed;
  const mapped = capToAlertContent(parsed.value, { ...ctx, capXml: xml });
  if (!mapped.ok) return mapped;
  return { ok: true, value: mapped.value, warnings: [...parsed.warnings, ...mapped.warnings] };
}
