/**
 * CAP encoder: {@link CapMessage} -> CAP 1.2 XML.
 *
 * Always writes CAP 1.2 (namespace urn:oasis:names:tc:emergency:cap:1.2),
 * whatever `msg.version` says, with elements in the order the schema's
 * xs:sequence requires. Input is assumed to be a well-typed message, e.g.
 * from `parseCap`; the encoder normalizes what older versions allowed so the
 * output stays schema-valid:
 * - dateTimes ending in `Z` are written with `+00:00`, fractional seconds are
 *   dropped (CAP 1.2 allows neither);
 * - text is trimmed of XML whitespace (as the decoder does), escaped, and
 *   characters XML cannot carry are replaced by U+FFFD;
 * - empty optional values are omitted, an empty `language` becomes `en-US`;
 * - numbers never use exponent notation (xs:decimal has none).
 * Values the model cannot make valid (e.g. NaN coordinates, an unknown enum
 * string forced through a cast) are written as-is and will fail validation.
 *
 * The encoder is a fixpoint of the decoder: for any message `m`,
 * `serializeCap(parseCap(serializeCap(m)).value) === serializeCap(m)`.
 */

import { toCap12DateTime } from './datetime';
import { CAP_NAMESPACE_1_2 } from './types';
import type { CapArea, CapInfo, CapMessage, CapPolygon, CapResource, CapValuePair } from './types';
import { escapeXmlText, isXmlWhitespace, xmlTrim } from './xml';

/** Decimal notation without exponent, shortest round-tripping digits; -0 as 0. */
export function formatDecimal(n: number): string {
  if (n === 0) return '0';
  const s = String(n);
  const e = s.indexOf('e');
  if (e === -1) return s;
  const mantissa = s.slice(0, e);
  const exp = Number(s.slice(e + 1));
  const negative = mantissa.startsWith('-');
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const dot = unsigned.indexOf('.');
  const digits = unsigned.replace('.', '');
  const intLen = (dot === -1 ? unsigned.length : dot) + exp;
  let out: string;
  if (intLen <= 0) out = `0.${'0'.repeat(-intLen)}${digits}`;
  else if (intLen >= digits.length) out = digits + '0'.repeat(intLen - digits.length);
  else out = `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  return negative ? `-${out}` : out;
}

function quoteListItem(item: string): string {
  return item.startsWith('"') || hasXmlWhitespace(item) ? `"${item}"` : item;
}

function hasXmlWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isXmlWhitespace(s.charCodeAt(i))) return true;
  return false;
}

/** Indentation by depth, 2 spaces a level (alert 0, info 1, area 2, geocode 3, its valueName 4). */
const INDENT: readonly string[] = ['', '  ', '    ', '      ', '        ', '          '];

/**
 * Appends one element per line (each line ends in '\n'). Text is trimmed
 * (XML whitespace only) and escaped; building one string is cheaper than
 * joining an array of lines.
 */
class Writer {
  out = '';

  open(depth: number, name: string): void {
    this.out += `${INDENT[depth]}<${name}>\n`;
  }

  close(depth: number, name: string): void {
    this.out += `${INDENT[depth]}</${name}>\n`;
  }

  /** Always written (required element); text trimmed and escaped. */
  required(depth: number, name: string, value: string): void {
    this.out += `${INDENT[depth]}<${name}>${escapeXmlText(xmlTrim(value))}</${name}>\n`;
  }

  /** Written only when there is non-whitespace text. */
  optional(depth: number, name: string, value: string | undefined): void {
    if (value === undefined) return;
    const t = xmlTrim(value);
    if (t === '') return;
    this.out += `${INDENT[depth]}<${name}>${escapeXmlText(t)}</${name}>\n`;
  }

  pair(depth: number, name: string, p: CapValuePair): void {
    this.open(depth, name);
    this.required(depth + 1, 'valueName', p.valueName);
    this.required(depth + 1, 'value', p.value);
    this.close(depth, name);
  }
}

function writeResource(w: Writer, d: number, r: CapResource): void {
  w.open(d, 'resource');
  w.required(d + 1, 'resourceDesc', r.resourceDesc);
  w.required(d + 1, 'mimeType', r.mimeType);
  if (r.size !== undefined) w.optional(d + 1, 'size', formatDecimal(Math.round(r.size)));
  w.optional(d + 1, 'uri', r.uri);
  w.optional(d + 1, 'derefUri', r.derefUri);
  w.optional(d + 1, 'digest', r.digest);
  w.close(d, 'resource');
}

function polygonText(poly: CapPolygon): string {
  let s = '';
  for (let i = 0; i < poly.length; i++) {
    const [lat, lon] = poly[i]!;
    s += `${i === 0 ? '' : ' '}${formatDecimal(lat)},${formatDecimal(lon)}`;
  }
  return s;
}

function writeArea(w: Writer, d: number, a: CapArea): void {
  w.open(d, 'area');
  w.required(d + 1, 'areaDesc', a.areaDesc);
  for (const poly of a.polygon) {
    if (poly.length === 0) continue;
    w.required(d + 1, 'polygon', polygonText(poly));
  }
  for (const c of a.circle) {
    w.required(d + 1, 'circle', `${formatDecimal(c.center[0])},${formatDecimal(c.center[1])} ${formatDecimal(c.radiusKm)}`);
  }
  for (const g of a.geocode) w.pair(d + 1, 'geocode', g);
  if (a.altitude !== undefined) w.required(d + 1, 'altitude', formatDecimal(a.altitude));
  if (a.ceiling !== undefined) w.required(d + 1, 'ceiling', formatDecimal(a.ceiling));
  w.close(d, 'area');
}

function writeInfo(w: Writer, d: number, info: CapInfo): void {
  w.open(d, 'info');
  const language = xmlTrim(info.language);
  w.required(d + 1, 'language', language === '' ? 'en-US' : language);
  for (const c of info.category) w.required(d + 1, 'category', c);
  w.required(d + 1, 'event', info.event);
  for (const r of info.responseType) w.required(d + 1, 'responseType', r);
  w.required(d + 1, 'urgency', info.urgency);
  w.required(d + 1, 'severity', info.severity);
  w.required(d + 1, 'certainty', info.certainty);
  w.optional(d + 1, 'audience', info.audience);
  for (const e of info.eventCode) w.pair(d + 1, 'eventCode', e);
  if (info.effective !== undefined) w.optional(d + 1, 'effective', toCap12DateTime(info.effective));
  if (info.onset !== undefined) w.optional(d + 1, 'onset', toCap12DateTime(info.onset));
  if (info.expires !== undefined) w.optional(d + 1, 'expires', toCap12DateTime(info.expires));
  w.optional(d + 1, 'senderName', info.senderName);
  w.optional(d + 1, 'headline', info.headline);
  w.optional(d + 1, 'description', info.description);
  w.optional(d + 1, 'instruction', info.instruction);
  w.optional(d + 1, 'web', info.web);
  w.optional(d + 1, 'contact', info.contact);
  for (const p of info.parameter) w.pair(d + 1, 'parameter', p);
  for (const r of info.resource) writeResource(w, d + 1, r);
  for (const a of info.area) writeArea(w, d + 1, a);
  w.close(d, 'info');
}

/** Encode a message as a CAP 1.2 XML document (UTF-8 declaration, 2-space indentation, trailing newline). */
export function serializeCap(msg: CapMessage): string {
  const w = new Writer();
  const d = 1;
  w.out = `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP_NAMESPACE_1_2}">\n`;
  w.required(d, 'identifier', msg.identifier);
  w.required(d, 'sender', msg.sender);
  w.required(d, 'sent', toCap12DateTime(msg.sent));
  w.required(d, 'status', msg.status);
  w.required(d, 'msgType', msg.msgType);
  w.optional(d, 'source', msg.source);
  w.required(d, 'scope', msg.scope);
  w.optional(d, 'restriction', msg.restriction);
  w.optional(d, 'addresses', msg.addresses);
  for (const c of msg.code) w.optional(d, 'code', c);
  w.optional(d, 'note', msg.note);
  if (msg.references.length > 0) {
    let refs = '';
    for (const r of msg.references) refs += `${refs === '' ? '' : ' '}${xmlTrim(r.sender)},${xmlTrim(r.identifier)},${toCap12DateTime(r.sent)}`;
    w.optional(d, 'references', refs);
  }
  let incidents = '';
  for (const i of msg.incidents) {
    const t = xmlTrim(i);
    if (t !== '') incidents += `${incidents === '' ? '' : ' '}${quoteListItem(t)}`;
  }
  if (incidents !== '') w.optional(d, 'incidents', incidents);
  for (const info of msg.info) writeInfo(w, d, info);
  w.close(0, 'alert');
  return w.out;
}
