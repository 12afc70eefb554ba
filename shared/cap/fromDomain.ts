/**
 * Longwatch -> CAP 1.2: one alert as a CAP message (`alertToCap`), and an
 * incident as a bilingual public warning (`incidentToCap`).
 *
 * Both return a `CapMessage` that `serializeCap` writes as schema-valid CAP
 * 1.2 (times with an explicit +08:00 offset and whole seconds, identifiers
 * without the characters CAP forbids). The rules are tabled in README.md.
 *
 * `incidentToCap` builds a PUBLIC message: only linked alerts classified
 * `public` (and neither dismissed nor cancelled) contribute instructions and
 * geometry. Whether the incident itself may be published (its own
 * classification, the user's role) is for the caller to decide.
 */

import { AGENCIES, AGENCY_IDS, AGENCY_OF_DOMAIN } from '../domain/agencies';
import type { AgencyId, Domain } from '../domain/agencies';
import { LIMITS } from '../domain/model';
import type { Alert, Classification, Incident, IncidentLevel, LonLat, Point } from '../domain/model';
import { PROVINCE_CODE, prefectureOf } from '../domain/regions';
import { truncateText } from './toAlert';
import type { CapArea, CapCategory, CapCircle, CapInfo, CapMessage, CapPolygon, CapReference, CapScope, CapSeverity, CapUrgency, CapValuePair } from './types';

/** Beijing time, the offset every Longwatch CAP time is written with. */
export const BEIJING_OFFSET_MINUTES = 8 * 60;

/** The geocode `valueName` Longwatch writes (and reads, with its variants). */
export const GBT2260_VALUE_NAME = 'GB/T 2260';

/** Classification -> CAP scope (inverse of `CLASSIFICATION_OF_SCOPE`). */
export const SCOPE_OF_CLASSIFICATION: Readonly<Record<Classification, CapScope>> = {
  public: 'Public',
  internal: 'Restricted',
  sensitive: 'Private',
};

/** Domain -> CAP category of an incident's public warning. */
export const CAP_CATEGORY_OF_DOMAIN: Readonly<Record<Domain, CapCategory>> = {
  traffic: 'Transport',
  safety: 'Safety',
  market: 'Other',
  security: 'Security',
  ecology: 'Env',
};

const LEVEL_ROMAN_ZH: Readonly<Record<IncidentLevel, string>> = { 1: 'Ⅰ', 2: 'Ⅱ', 3: 'Ⅲ', 4: 'Ⅳ' };
const LEVEL_ROMAN_EN: Readonly<Record<IncidentLevel, string>> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };
const LEVEL_NAME_ZH: Readonly<Record<IncidentLevel, string>> = { 1: '特别重大', 2: '重大', 3: '较大', 4: '一般' };
const LEVEL_NAME_EN: Readonly<Record<IncidentLevel, string>> = { 1: 'extremely serious', 2: 'very serious', 3: 'serious', 4: 'general' };
const SEVERITY_OF_LEVEL: Readonly<Record<IncidentLevel, CapSeverity>> = { 1: 'Extreme', 2: 'Severe', 3: 'Moderate', 4: 'Minor' };

const SENDER_NAME = AGENCIES['hlj-command'].name;
/** Radius of the circle written around an alert's point when it has no area. */
export const ALERT_POINT_RADIUS_KM = 1;
/** Radius of the circle written around an incident's alert points (and location) that have no area. */
export const INCIDENT_POINT_RADIUS_KM = 2;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

// ---------------------------------------------------------------------------
// Helpers

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Epoch ms -> CAP 1.2 dateTime with an explicit offset (default +08:00,
 * Beijing) and whole seconds (fractions are dropped), e.g.
 * `2024-07-01T09:30:00+08:00`.
 */
export function formatCapDateTime(ms: number, offsetMinutes = BEIJING_OFFSET_MINUTES): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
  );
}

/** Replace what CAP forbids in identifier/sender (whitespace, `,`, `<`, `&`) and control characters by `_`. */
export function capSafeId(s: string): string {
  let out = '';
  for (const ch of s) out += /[\s,<&]/.test(ch) || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? '_' : ch;
  return out === '' ? '_' : out;
}

/** 32-bit FNV-1a as 8 hex digits: keeps shortened identifiers distinct. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * A CAP-valid identifier `<base>-<now>`, at most `LIMITS.id` characters so
 * Longwatch can read it back as a source id; a long base is shortened and
 * suffixed with a hash of the full base.
 */
export function capIdentifier(base: string, now: number): string {
  const safe = capSafeId(base);
  const suffix = `-${Math.floor(now)}`;
  if (safe.length + suffix.length <= LIMITS.id) return safe + suffix;
  const hash = `~${fnv1a(base)}`;
  let head = safe.slice(0, LIMITS.id - suffix.length - hash.length);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return head + hash + suffix;
}

const toCapPoint = ([lon, lat]: readonly [number, number]): [number, number] => [lat, lon];
const toCapPolygon = (ring: readonly LonLat[]): CapPolygon => ring.map(toCapPoint);
const pointCircle = (p: Point, radiusKm: number): CapCircle => ({ center: [p.lat, p.lon], radiusKm });

function regionGeocode(region: string): CapValuePair {
  return { valueName: GBT2260_VALUE_NAME, value: region };
}

/** Name of a region for `areaDesc`. */
export function regionName(region: string, lang: 'zh' | 'en'): string {
  if (region === PROVINCE_CODE) return lang === 'zh' ? '黑龙江省' : 'Heilongjiang Province';
  const pref = prefectureOf(region);
  if (!pref) return region;
  return lang === 'zh' ? `黑龙江省${pref.name.zh}` : `${pref.name.en}, Heilongjiang`;
}

function hasGeometry(alert: Pick<Alert, 'area'>): boolean {
  return (alert.area?.polygons.length ?? 0) > 0 || (alert.area?.circles.length ?? 0) > 0;
}

// ---------------------------------------------------------------------------
// alertToCap

export interface AlertToCapOptions {
  /** CAP `sender` (e.g. `longwatch@hlj.gov.cn`); characters CAP forbids become `_`. */
  sender: string;
  /** Time of writing (epoch ms): `sent` and part of the identifier. */
  now: number;
}

/**
 * One Longwatch alert as a CAP 1.2 message: msgType Alert, one `zh-CN` info
 * block with the alert's content, scope from its classification.
 */
export function alertToCap(alert: Alert, opts: AlertToCapOptions): CapMessage {
  const scope = SCOPE_OF_CLASSIFICATION[alert.classification];
  const polygons = (alert.area?.polygons ?? []).map(toCapPolygon);
  const circles = (alert.area?.circles ?? []).map((c): CapCircle => ({ center: toCapPoint(c.center), radiusKm: c.radiusKm }));
  if (polygons.length === 0 && circles.length === 0) circles.push(pointCircle(alert.point, ALERT_POINT_RADIUS_KM));
  const area: CapArea = {
    areaDesc: alert.area?.desc ?? regionName(alert.region, 'zh'),
    polygon: polygons,
    circle: circles,
    geocode: [regionGeocode(alert.region)],
  };
  const parameter: CapValuePair[] = [];
  for (const [key, value] of Object.entries(alert.attributes ?? {})) {
    // `classification` as a parameter overrides the scope on the way in: never let an attribute do that.
    if (key.toLowerCase() === 'classification') continue;
    parameter.push({ valueName: key, value: String(value) });
  }
  const info: CapInfo = {
    language: 'zh-CN',
    category: [...alert.category],
    event: alert.event,
    responseType: [],
    urgency: alert.urgency,
    severity: alert.severity,
    certainty: alert.certainty,
    eventCode: alert.eventCode !== undefined ? [{ valueName: 'longwatch', value: alert.eventCode }] : [],
    effective: alert.effective !== undefined ? formatCapDateTime(alert.effective) : undefined,
    expires: alert.expires !== undefined ? formatCapDateTime(alert.expires) : undefined,
    senderName: AGENCIES[alert.agency]?.name.zh ?? SENDER_NAME.zh,
    headline: alert.headline,
    description: alert.description,
    instruction: alert.instruction,
    parameter,
    resource: [],
    area: [area],
  };
  return compactMessage({
    version: '1.2',
    identifier: capIdentifier(`longwatch-${alert.id}`, opts.now),
    sender: capSafeId(opts.sender),
    sent: formatCapDateTime(opts.now),
    status: alert.capStatus,
    msgType: 'Alert',
    source: `Longwatch ${alert.id}`,
    scope,
    restriction: scope === 'Restricted' ? '仅限龙江联合指挥中心及成员单位内部使用 / Longwatch internal use only' : undefined,
    addresses: scope === 'Private' ? alert.agency : undefined,
    code: [],
    references: [],
    incidents: alert.incidentId !== undefined ? [capSafeId(`longwatch-${alert.incidentId}`)] : [],
    info: [compactInfo(info)],
  });
}

// ---------------------------------------------------------------------------
// incidentToCap

export interface IncidentToCapOptions {
  /** CAP `sender`; characters CAP forbids become `_`. */
  sender: string;
  /** Time of writing (epoch ms). */
  now: number;
  /** CAP identifier; default `longwatch-<incident id>-<now>`. Made CAP-safe either way. */
  identifier?: string;
  /** Earlier public warnings this one updates: msgType becomes Update. */
  references?: CapReference[];
}

function agencyName(id: AgencyId, lang: 'zh' | 'en'): string {
  return AGENCIES[id]?.name[lang] ?? id;
}

function domainLabel(d: Domain, lang: 'zh' | 'en'): string {
  return AGENCIES[AGENCY_OF_DOMAIN[d]]?.short[lang] ?? d;
}

/** Alerts whose content may go into a public message. */
function publishable(a: Alert): boolean {
  return a.classification === 'public' && a.status !== 'dismissed' && a.status !== 'cancelled';
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function incidentArea(incident: Incident, alerts: readonly Alert[]): { polygon: CapPolygon[]; circle: CapCircle[] } {
  const polygon: CapPolygon[] = [];
  const circle: CapCircle[] = [];
  const seen = new Set<string>();
  const add = <T>(list: T[], item: T): void => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return;
    seen.add(key);
    list.push(item);
  };
  for (const a of alerts) {
    if (hasGeometry(a)) {
      for (const ring of a.area?.polygons ?? []) add(polygon, toCapPolygon(ring));
      for (const c of a.area?.circles ?? []) add(circle, { center: toCapPoint(c.center), radiusKm: c.radiusKm });
    } else add(circle, pointCircle(a.point, INCIDENT_POINT_RADIUS_KM));
  }
  if (polygon.length === 0 && circle.length === 0) circle.push(pointCircle(incident.location, INCIDENT_POINT_RADIUS_KM));
  return { polygon, circle };
}

/**
 * An incident as a public warning for the public warning system: status
 * Actual (Exercise when every linked alert is an exercise), msgType Alert
 * (Update when `opts.references` is given), scope Public, two info blocks
 * (`zh-CN`, `en-US`) with one area: the union of the linked public alerts'
 * geometry, described by the incident's region.
 *
 * `alerts` may hold more than the incident's alerts; only those listed in
 * `incident.alerts` are used.
 */
export function incidentToCap(incident: Incident, alerts: readonly Alert[], opts: IncidentToCapOptions): CapMessage {
  const linkedIds = new Set(incident.alerts);
  const linked = alerts.filter((a) => linkedIds.has(a.id));
  const exercise = linked.length > 0 && linked.every((a) => a.capStatus === 'Exercise');
  const contributing = linked.filter(publishable);
  const level = incident.level;

  const categories = distinct(incident.domains.map((d) => CAP_CATEGORY_OF_DOMAIN[d])) as CapCategory[];
  if (categories.length === 0) categories.push('Other');

  const participating = AGENCY_IDS.filter((id) => {
    const p = incident.agencies[id];
    return p !== undefined && id !== incident.lead && p.status !== 'declined';
  });
  const alertCount = incident.alerts.length;

  const instructions = distinct(contributing.map((a) => a.instruction?.trim() ?? '').filter((s) => s !== ''));
  const zhInstructions = instructions.filter((s) => CJK.test(s));
  const enInstructions = instructions.filter((s) => !CJK.test(s));
  const instructionZh =
    instructions.length === 0 ? undefined : zhInstructions.length > 0 ? zhInstructions.join('\n') : '请按照当地政府和有关部门的指引行动。';
  const instructionEn =
    instructions.length === 0
      ? undefined
      : enInstructions.length > 0
        ? enInstructions.join('\n')
        : 'Follow the instructions of local authorities (details in the Chinese message).';

  const { polygon, circle } = incidentArea(incident, contributing);
  const geocode = [regionGeocode(incident.region)];
  const parameter: CapValuePair[] = [
    { valueName: 'incidentId', value: incident.id },
    { valueName: 'level', value: String(level) },
  ];
  const common = {
    category: categories,
    responseType: [],
    urgency: (level <= 2 ? 'Immediate' : 'Expected') as CapUrgency,
    severity: SEVERITY_OF_LEVEL[level],
    certainty: 'Observed' as const,
    eventCode: [],
    parameter,
    resource: [],
  };

  const zhDomains = incident.domains.map((d) => domainLabel(d, 'zh'));
  const enDomains = incident.domains.map((d) => domainLabel(d, 'en'));
  const zh: CapInfo = {
    ...common,
    language: 'zh-CN',
    event: zhDomains.length > 0 ? `突发事件（${zhDomains.join('、')}）` : '突发事件',
    senderName: SENDER_NAME.zh,
    headline: `【${LEVEL_ROMAN_ZH[level]}级】${incident.title}`,
    description: [
      `事件等级：${LEVEL_ROMAN_ZH[level]}级（${LEVEL_NAME_ZH[level]}）。`,
      `牵头单位：${incident.lead !== undefined ? agencyName(incident.lead, 'zh') : '未指定'}。`,
      `参与单位：${participating.length > 0 ? participating.map((id) => agencyName(id, 'zh')).join('、') : '无'}。`,
      `关联预警：${alertCount} 条。`,
    ].join('\n'),
    instruction: instructionZh !== undefined ? truncateText(instructionZh, LIMITS.instruction) : undefined,
    area: [{ areaDesc: regionName(incident.region, 'zh'), polygon, circle, geocode }],
  };
  const en: CapInfo = {
    ...common,
    language: 'en-US',
    event: enDomains.length > 0 ? `Emergency incident (${enDomains.join(', ')})` : 'Emergency incident',
    senderName: SENDER_NAME.en,
    headline: `[Level ${LEVEL_ROMAN_EN[level]}] ${incident.title}`,
    description: [
      `Incident level: Level ${LEVEL_ROMAN_EN[level]} (${LEVEL_NAME_EN[level]}).`,
      `Lead agency: ${incident.lead !== undefined ? agencyName(incident.lead, 'en') : 'not assigned'}.`,
      `Participating agencies: ${participating.length > 0 ? participating.map((id) => agencyName(id, 'en')).join('; ') : 'none'}.`,
      `Linked alerts: ${alertCount}.`,
    ].join('\n'),
    instruction: instructionEn !== undefined ? truncateText(instructionEn, LIMITS.instruction) : undefined,
    area: [{ areaDesc: regionName(incident.region, 'en'), polygon, circle, geocode }],
  };

  const references = opts.references ?? [];
  return compactMessage({
    version: '1.2',
    identifier: opts.identifier !== undefined ? capSafeId(opts.identifier) : capIdentifier(`longwatch-${incident.id}`, opts.now),
    sender: capSafeId(opts.sender),
    sent: formatCapDateTime(opts.now),
    status: exercise ? 'Exercise' : 'Actual',
    msgType: references.length > 0 ? 'Update' : 'Alert',
    source: SENDER_NAME.zh,
    scope: 'Public',
    note: exercise ? '演练信息，无需采取行动。Exercise message: no action required.' : undefined,
    code: [],
    references: references.map((r) => ({ sender: capSafeId(r.sender), identifier: capSafeId(r.identifier), sent: r.sent })),
    incidents: [capSafeId(`longwatch-${incident.id}`)],
    info: [compactInfo(zh), compactInfo(en)],
  });
}

// ---------------------------------------------------------------------------

/** Optional members absent rather than undefined, as `parseCap` returns them. */
function compactInfo(info: CapInfo): CapInfo {
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)) as unknown as CapInfo;
}

function compactMessage(msg: CapMessage): CapMessage {
  return Object.fromEntries(Object.entries(msg).filter(([, v]) => v !== undefined)) as unknown as CapMessage;
}
