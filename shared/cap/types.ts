/**
 * Typed model of an OASIS Common Alerting Protocol (CAP) message.
 *
 * The model follows CAP 1.2 (OASIS Standard, 1 July 2010) and its schema
 * (`fixtures/schema/cap12.xsd`) element for element. CAP 1.0 and 1.1
 * documents are parsed into the same model: `version` records what the
 * document declared, and values that only existed in older versions are
 * mapped to their 1.2 equivalent by the parser (each mapping is reported as a
 * warning), so every `CapMessage` can be serialized as schema-valid CAP 1.2.
 *
 * Conventions used throughout:
 * - Free-text values are the element's text with XML entities decoded and
 *   leading/trailing XML whitespace (space, tab, CR, LF) removed; inner
 *   whitespace and line breaks are kept. Other Unicode spaces (U+3000, NBSP)
 *   are text and are kept.
 * - Optional elements that were absent or empty are `undefined`; repeatable
 *   elements that were absent are `[]`.
 * - Times are the CAP dateTime string exactly as sent, e.g.
 *   `2003-06-17T14:57:00-07:00`: always an explicit numeric UTC offset (CAP
 *   1.2 forbids `Z`), `-00:00` means UTC too. Strings are not converted to
 *   `Date` so the sender's local offset is never lost. Only for 1.0/1.1
 *   documents may a time end in `Z` or carry fractional seconds (accepted
 *   with a warning); the serializer normalizes those to `+00:00` and whole
 *   seconds.
 * - Coordinates are WGS 84 decimal degrees in CAP's order: latitude first,
 *   then longitude (the opposite of GeoJSON).
 */

/** CAP version a document declared through its namespace. */
export type CapVersion = '1.0' | '1.1' | '1.2';

/** XML namespace of CAP 1.2; the serializer always writes this one. */
export const CAP_NAMESPACE_1_2 = 'urn:oasis:names:tc:emergency:cap:1.2';
/** XML namespace of CAP 1.1. */
export const CAP_NAMESPACE_1_1 = 'urn:oasis:names:tc:emergency:cap:1.1';
/** XML namespace of CAP 1.0 (OASIS standard, 2004). */
export const CAP_NAMESPACE_1_0 = 'urn:oasis:names:tc:emergency:cap:1.0';
/** Namespace used by the CAP 1.0 specification's own examples (pre-OASIS URL). */
export const CAP_NAMESPACE_1_0_URL = 'http://www.incident.com/cap/1.0';

/** Accepted namespaces and the version each one means. */
export const CAP_NAMESPACES: Readonly<Record<string, CapVersion>> = Object.freeze({
  [CAP_NAMESPACE_1_2]: '1.2',
  [CAP_NAMESPACE_1_1]: '1.1',
  [CAP_NAMESPACE_1_0]: '1.0',
  [CAP_NAMESPACE_1_0_URL]: '1.0',
});

/** `alert/status`: the appropriate handling of the message. */
export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
/**
 * `alert/status`.
 * - `Actual`: actionable by all targeted recipients.
 * - `Exercise`: only for designated exercise participants (see `note`).
 * - `System`: messages that support alert network internal functions.
 * - `Test`: technical testing only, all recipients disregard.
 * - `Draft`: a preliminary template or draft, not actionable (new in 1.1).
 */
export type CapStatus = (typeof CAP_STATUSES)[number];

/** `alert/msgType`: the nature of the message. */
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
/**
 * `alert/msgType`.
 * - `Alert`: initial information requiring attention.
 * - `Update`: updates and supersedes the messages in `references`.
 * - `Cancel`: cancels the messages in `references`.
 * - `Ack`: acknowledges receipt and acceptance of the messages in `references`.
 * - `Error`: rejects the messages in `references` (reason in `note`).
 */
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];

/** `alert/scope`: the intended distribution. */
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
/**
 * `alert/scope`.
 * - `Public`: general dissemination to unrestricted audiences.
 * - `Restricted`: users with a known operational requirement (see `restriction`).
 * - `Private`: the specified `addresses` only.
 */
export type CapScope = (typeof CAP_SCOPES)[number];

/** `info/category`: the category of the subject event. */
export const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
/**
 * `info/category`.
 * `Geo` geophysical (incl. landslide), `Met` meteorological (incl. flood),
 * `Safety` general emergency and public safety, `Security` law enforcement,
 * military, homeland and local/private security, `Rescue` rescue and
 * recovery, `Fire` fire suppression and rescue, `Health` medical and public
 * health, `Env` pollution and other environmental, `Transport` public and
 * private transportation, `Infra` utility, telecommunication, other
 * non-transport infrastructure, `CBRNE` chemical, biological, radiological,
 * nuclear or high-yield explosive threat or attack, `Other` other events.
 */
export type CapCategory = (typeof CAP_CATEGORIES)[number];

/** `info/responseType`: the type of action recommended for the target audience. */
export const CAP_RESPONSE_TYPES = [
  'Shelter',
  'Evacuate',
  'Prepare',
  'Execute',
  'Avoid',
  'Monitor',
  'Assess',
  'AllClear',
  'None',
] as const;
/**
 * `info/responseType` (element new in 1.1; `Avoid` and `AllClear` new in 1.2).
 * `Shelter` take shelter in place, `Evacuate` relocate, `Prepare` make
 * preparations, `Execute` execute a pre-planned activity (see
 * `instruction`), `Avoid` avoid the subject event, `Monitor` attend to
 * information sources, `Assess` evaluate the information (not for public
 * warnings), `AllClear` the event no longer poses a threat, `None` no
 * action recommended.
 */
export type CapResponseType = (typeof CAP_RESPONSE_TYPES)[number];

/** `info/urgency`: the urgency of the subject event. */
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
/**
 * `info/urgency`.
 * `Immediate` responsive action should be taken immediately, `Expected`
 * soon (within the next hour), `Future` in the near future, `Past` no longer
 * required, `Unknown` not known.
 */
export type CapUrgency = (typeof CAP_URGENCIES)[number];

/** `info/severity`: the severity of the subject event. */
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
/**
 * `info/severity`.
 * `Extreme` extraordinary threat to life or property, `Severe` significant
 * threat, `Moderate` possible threat, `Minor` minimal to no known threat,
 * `Unknown` not known.
 */
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

/** `info/certainty`: the certainty of the subject event (1.2 values). */
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
/**
 * `info/certainty`.
 * `Observed` determined to have occurred or to be ongoing, `Likely`
 * probability > ~50%, `Possible` probability <= ~50%, `Unlikely` not
 * expected to occur (~0%), `Unknown` not known.
 *
 * CAP 1.0's `Very Likely` is not part of this type: the parser maps it to
 * `Likely` (with a warning), as the CAP 1.1/1.2 specifications direct for
 * backward compatibility.
 */
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

/**
 * A `valueName`/`value` pair, used by `eventCode`, `parameter` and `geocode`.
 * CAP 1.0 wrote these as a single `name=value` string; the parser splits
 * such strings at the first `=`.
 */
export interface CapValuePair {
  /** A user-assigned name for the system or code list, e.g. `SAME`, `FIPS6`, `profile:CAP-CP:Location:0.3`. Case as sent. */
  valueName: string;
  /** The value; may be the empty string (some feeds send `<value/>` on purpose). */
  value: string;
}

/**
 * One entry of `alert/references`: an earlier message this one refers to
 * (the message it updates, cancels, acknowledges or rejects).
 * Sent as `sender,identifier,sent`; entries are space separated.
 */
export interface CapReference {
  /** `sender` of the referenced message. */
  sender: string;
  /** `identifier` of the referenced message. */
  identifier: string;
  /** `sent` of the referenced message: CAP dateTime with explicit offset. */
  sent: string;
}

/** A point as CAP writes it: `[latitude, longitude]` in WGS 84 decimal degrees. */
export type CapPoint = [lat: number, lon: number];

/**
 * `area/polygon`: a closed ring of at least 4 points, the first equal to the
 * last, in CAP order `[lat, lon]`. Latitudes are within ±90, longitudes
 * within ±180. Winding order is whatever the sender used.
 */
export type CapPolygon = CapPoint[];

/** `area/circle`: a point and a radius. */
export interface CapCircle {
  /** Centre as `[lat, lon]`, WGS 84 decimal degrees. */
  center: CapPoint;
  /** Radius in kilometres, >= 0. `0` (common for earthquake epicentres) denotes just the point. */
  radiusKm: number;
}

/** `info/area`: a geographic area to which the info block applies. */
export interface CapArea {
  /** Text description of the area (required). */
  areaDesc: string;
  /** Polygons, each a closed ring in `[lat, lon]` order. */
  polygon: CapPolygon[];
  /** Circles (centre + radius in km). */
  circle: CapCircle[];
  /** Geographic codes, e.g. `{ valueName: 'SAME', value: '006109' }`. */
  geocode: CapValuePair[];
  /** Specific altitude, or minimum altitude when `ceiling` is set; feet above mean sea level (WGS 84 datum). May be negative. */
  altitude?: number;
  /** Maximum altitude of the area, feet above mean sea level. Meaningful only together with `altitude`. */
  ceiling?: number;
}

/** `info/resource`: a supplemental file (image, audio, map...). */
export interface CapResource {
  /** Human readable description of the resource, e.g. `map` (required). */
  resourceDesc: string;
  /**
   * MIME content type, e.g. `image/gif` (required in 1.2). CAP 1.0/1.1 made it
   * optional; when an older document omits it the parser sets
   * `application/octet-stream` and warns.
   */
  mimeType: string;
  /** Approximate size of the resource in bytes (non-negative integer). */
  size?: number;
  /** URI where the resource can be retrieved (absolute, or relative to `derefUri` content). */
  uri?: string;
  /** The resource content itself, base64 encoded (sent instead of, or with, `uri`). Can be large. */
  derefUri?: string;
  /** SHA-1 digest of the resource, as sent (normally 40 hex digits). */
  digest?: string;
}

/**
 * `alert/info`: the event and its effects, in one language. A message may
 * carry several, e.g. one per language (see `language`).
 */
export interface CapInfo {
  /** RFC 3066 / xs:language code, e.g. `en-US`, `fr-CA`, `zh-CN`. The schema default `en-US` when absent. */
  language: string;
  /** At least one category. */
  category: CapCategory[];
  /** Text denoting the type of the subject event, e.g. `Earthquake`, `SEVERE THUNDERSTORM` (required). */
  event: string;
  /** Recommended actions, possibly none. */
  responseType: CapResponseType[];
  /** Urgency of the subject event (required). Older documents' empty value is read as `Unknown` (with a warning). */
  urgency: CapUrgency;
  /** Severity of the subject event (required). Same empty-value rule as `urgency`. */
  severity: CapSeverity;
  /** Certainty of the subject event (required). CAP 1.0 `Very Likely` arrives as `Likely`. */
  certainty: CapCertainty;
  /** Intended audience, free text. */
  audience?: string;
  /** System-specific codes for the event type, e.g. `{ valueName: 'SAME', value: 'SVR' }`. */
  eventCode: CapValuePair[];
  /** Effective time of the information (CAP dateTime). When absent, it is `sent`. */
  effective?: string;
  /** Expected time of the beginning of the subject event (CAP dateTime). */
  onset?: string;
  /** Expiry time of the information (CAP dateTime). When absent, each recipient applies its own policy. */
  expires?: string;
  /** Human-readable name of the issuing agency or authority. */
  senderName?: string;
  /** Brief headline (CAP suggests <= 160 characters; not enforced). */
  headline?: string;
  /** Extended description of the hazard or event. Line breaks preserved. */
  description?: string;
  /** Recommended action. Line breaks preserved. */
  instruction?: string;
  /** Full absolute URI for additional information (xs:anyURI). */
  web?: string;
  /** Text describing the contact for follow-up and confirmation. */
  contact?: string;
  /** System-specific additional parameters, e.g. `{ valueName: 'VTEC', value: '/O.CON.../' }`. */
  parameter: CapValuePair[];
  /** Supplemental files. */
  resource: CapResource[];
  /** Affected areas; an info block may have none. */
  area: CapArea[];
}

/** A CAP alert message (the `alert` root element). */
export interface CapMessage {
  /** CAP version the source document declared (by namespace). Serialization always writes 1.2. */
  version: CapVersion;
  /** Unique identifier assigned by the sender. CAP forbids spaces, commas, `<` and `&` (the parser warns). */
  identifier: string;
  /** Globally unique identifier of the sender, e.g. `KSTO@NWS.NOAA.GOV`. Same character rules as `identifier`. */
  sender: string;
  /** Time and date of origination: CAP dateTime with explicit offset, e.g. `2003-06-17T14:57:00-07:00`. */
  sent: string;
  /** Handling of the message (required), e.g. `Actual`, `Exercise`, `Test`. */
  status: CapStatus;
  /** Nature of the message (required); `Update`/`Cancel`/`Ack`/`Error` point at earlier messages through `references`. */
  msgType: CapMsgType;
  /** Text identifying the source of the message (operator, device...). */
  source?: string;
  /** Intended distribution (required). */
  scope: CapScope;
  /** Rule for limiting distribution; used when `scope` is `Restricted`. */
  restriction?: string;
  /**
   * Intended recipients; used (and required) when `scope` is `Private`.
   * Kept as sent: space-delimited, addresses containing spaces in double quotes.
   */
  addresses?: string;
  /** Special handling codes, e.g. `IPAWSv1.0`, `profile:CAP-CP:0.4`. */
  code: string[];
  /** Message note: purpose of the message, e.g. exercise identifier or the reason for an Error. */
  note?: string;
  /** Earlier messages referenced (superseded, cancelled, acknowledged...), in the order sent. */
  references: CapReference[];
  /** Incident names this message relates to; the space-delimited list split, double quotes removed. */
  incidents: string[];
  /** Info blocks; `Ack`/`Error`/`Cancel` messages may carry none. */
  info: CapInfo[];
}

/** Something wrong (or worth knowing) about a document, and where. */
export interface CapIssue {
  /**
   * Element path like `alert/info[0]/area[1]/polygon[0]`: repeatable elements
   * carry their 0-based index among siblings of the same name, single ones
   * none. `''` means the document as a whole (size, encoding, DOCTYPE...).
   */
  path: string;
  /** Human readable explanation, in English. */
  reason: string;
}

/** Outcome of decoding: a value with warnings, or one error. */
export type CapResult<T> =
  | { ok: true; value: T; warnings: CapIssue[] }
  | { ok: false; error: CapIssue };
