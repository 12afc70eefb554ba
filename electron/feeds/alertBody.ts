/**
 * Turning an alert draft (what the catalog and the scenarios write) into the
 * item body a feed sends: a Longwatch JSON object (`alertInputSchema`) or a
 * CAP 1.2 XML document. Every body says status `Exercise`: demo data must
 * never be mistaken for a real alert.
 */
import type { Domain } from '@shared/domain/agencies';
import type { CapCategory, Certainty, Classification, LonLat, MsgType, Point, Urgency } from '@shared/domain/model';
import type { CapSeverity } from '@shared/domain/warningLevel';
import type { AlertInput } from '@shared/protocol/alertInput';
import { serializeCap, type CapArea, type CapMessage, type CapReference, type CapScope } from '@shared/cap';
import { ALERT_POINT_RADIUS_KM, formatCapDateTime, GBT2260_VALUE_NAME, regionName, SCOPE_OF_CLASSIFICATION } from '@shared/cap/fromDomain';
import type { FeedFormat } from './feedConfig';

/** What an alert says, before it becomes a message with an id and a time. */
export interface AlertDraft {
  category: CapCategory[];
  event: string;
  eventCode?: string;
  headline: string;
  description?: string;
  instruction?: string;
  severity: CapSeverity;
  urgency: Urgency;
  certainty: Certainty;
  point: Point;
  area?: { desc?: string; polygons?: LonLat[][]; circles?: { center: LonLat; radiusKm: number }[] };
  /** GB/T 2260 code of the prefecture. */
  region: string;
  classification: Classification;
  /** Domain attributes; keys match `^[A-Za-z][A-Za-z0-9_.-]*$`. */
  attributes: Record<string, string | number | boolean>;
  /** Minutes from `sent` until it expires; none: no expiry. */
  expiresMinutes?: number;
}

/** Who sends: the feed's domain, body format and, for CAP, sender identity. */
export interface FeedIdentity {
  domain: Domain;
  format: FeedFormat;
  /** CAP `sender` (no spaces, commas, `<` or `&`). */
  sender: string;
  /** CAP `senderName`: the agency's Chinese name. */
  senderName: string;
}

/** What makes a draft one message. */
export interface Emission {
  /** JSON `id` / CAP `identifier`, unique per feed. */
  id: string;
  /** JSON version (an in-place update raises it); CAP ignores it. */
  version: number;
  msgType: MsgType;
  /** Earlier messages this one updates or cancels (CAP); JSON bodies carry their identifiers. */
  references: CapReference[];
  /** Emission time, epoch ms. */
  sentMs: number;
}

/** Written as the CAP `note` of every demo message. */
export const EXERCISE_NOTE = '演练：龙江联合指挥中心演示数据，非真实事件。Exercise: Longwatch demo data, not a real event.';

const RESTRICTION = '仅限龙江联合指挥中心及成员单位';
const MINUTE_MS = 60_000;

/** The Longwatch JSON body of a draft. */
export function jsonBody(domain: Domain, d: AlertDraft, e: Emission): AlertInput {
  const sent = formatCapDateTime(e.sentMs);
  const body: AlertInput = {
    id: e.id,
    version: e.version,
    msgType: e.msgType,
    domain,
    category: d.category,
    event: d.event,
    headline: d.headline,
    severity: d.severity,
    urgency: d.urgency,
    certainty: d.certainty,
    status: 'Exercise',
    point: d.point,
    region: d.region,
    sent,
    effective: sent,
    classification: d.classification,
    attributes: d.attributes,
  };
  if (e.references.length > 0) body.references = e.references.map((r) => r.identifier);
  if (d.eventCode !== undefined) body.eventCode = d.eventCode;
  if (d.description !== undefined) body.description = d.description;
  if (d.instruction !== undefined) body.instruction = d.instruction;
  if (d.area !== undefined) body.area = { desc: d.area.desc, polygons: d.area.polygons ?? [], circles: d.area.circles ?? [] };
  if (d.expiresMinutes !== undefined) body.expires = formatCapDateTime(e.sentMs + d.expiresMinutes * MINUTE_MS);
  return body;
}

/** The CAP 1.2 message of a draft: one `zh-CN` info block, scope from the classification. */
export function capMessage(feed: FeedIdentity, d: AlertDraft, e: Emission): CapMessage {
  const sent = formatCapDateTime(e.sentMs);
  const scope: CapScope = SCOPE_OF_CLASSIFICATION[d.classification];
  const circles = (d.area?.circles ?? []).map((c) => ({ center: [c.center[1], c.center[0]] as [number, number], radiusKm: c.radiusKm }));
  const first = circles[0];
  // CAP has no separate point: the decoder takes the first circle's centre, so the point goes first.
  if (!first || first.center[0] !== d.point.lat || first.center[1] !== d.point.lon) {
    circles.unshift({ center: [d.point.lat, d.point.lon], radiusKm: ALERT_POINT_RADIUS_KM });
  }
  const area: CapArea = {
    areaDesc: d.area?.desc ?? regionName(d.region, 'zh'),
    polygon: (d.area?.polygons ?? []).map((ring) => ring.map(([lon, lat]): [number, number] => [lat, lon])),
    circle: circles,
    geocode: [{ valueName: GBT2260_VALUE_NAME, value: d.region }],
  };
  return {
    version: '1.2',
    identifier: e.id,
    sender: feed.sender,
    sent,
    status: 'Exercise',
    msgType: e.msgType,
    source: `${feed.senderName}（演示）`,
    scope,
    restriction: scope === 'Restricted' ? RESTRICTION : undefined,
    addresses: scope === 'Private' ? 'hlj-command' : undefined,
    code: [],
    note: EXERCISE_NOTE,
    references: e.references,
    incidents: [],
    info: [
      {
        language: 'zh-CN',
        category: d.category,
        event: d.event,
        responseType: [],
        urgency: d.urgency,
        severity: d.severity,
        certainty: d.certainty,
        eventCode: d.eventCode === undefined ? [] : [{ valueName: 'longwatch', value: d.eventCode }],
        effective: sent,
        expires: d.expiresMinutes === undefined ? undefined : formatCapDateTime(e.sentMs + d.expiresMinutes * MINUTE_MS),
        senderName: feed.senderName,
        headline: d.headline,
        description: d.description,
        instruction: d.instruction,
        parameter: Object.entries(d.attributes).map(([valueName, v]) => ({ valueName, value: String(v) })),
        resource: [],
        area: [area],
      },
    ],
  };
}

/** The body the feed sends: a JSON object, or CAP XML for CAP feeds. */
export function buildBody(feed: FeedIdentity, d: AlertDraft, e: Emission): unknown {
  return feed.format === 'cap' ? serializeCap(capMessage(feed, d, e)) : jsonBody(feed.domain, d, e);
}

/** The CAP reference to a message this feed sent (`sender,identifier,sent`). */
export function referenceTo(feed: FeedIdentity, id: string, sentMs: number): CapReference {
  return { sender: feed.sender, identifier: id, sent: formatCapDateTime(sentMs) };
}
