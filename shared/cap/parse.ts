/**
 * CAP decoder: XML string -> {@link CapMessage}.
 *
 * Safety first: the raw string is checked (size, DOCTYPE/ENTITY, characters,
 * well-formedness) before the XML parser sees it, the parser runs with
 * entity processing off, and the only entity decoding is our own handling of
 * the five predefined entities and numeric references ({@link decodeXmlText}).
 * `parseCap` never throws; every problem comes back as a {@link CapIssue}.
 */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkCapDateTime } from './datetime';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_NAMESPACES,
  CAP_NAMESPACE_1_2,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from './types';
import type {
  CapArea,
  CapCertainty,
  CapCircle,
  CapInfo,
  CapIssue,
  CapMessage,
  CapPoint,
  CapPolygon,
  CapReference,
  CapResource,
  CapResult,
  CapValuePair,
  CapVersion,
} from './types';
import { decodeXmlText, findInvalidXmlChar, isXmlBlank, isXmlWhitespace, XmlReferenceError, xmlTokens, xmlTrim } from './xml';

/** Largest accepted input, in UTF-16 code units (string length): 1 MiB. Real CAP messages with embedded audio stay well below. */
export const CAP_MAX_INPUT_CHARS = 1024 * 1024;

/** Internal: unwinds to `parseCap` with the one error it reports. */
class Refusal {
  constructor(readonly issue: CapIssue) {}
}

function fail(path: string, reason: string): never {
  throw new Refusal({ path, reason });
}

// ---------------------------------------------------------------------------
// XML layer

let sharedParser: XMLParser | undefined;

/**
 * Options of the fast-xml-parser instance ({@link parser}); exported for the
 * benchmark's same-run baseline.
 * - `processEntities: false`, `htmlEntities: false`: no entity expansion at all
 *   (and DOCTYPEs never reach the parser, see `parseCap`).
 * - `ignoreAttributes` keeps only `xmlns*`; with `removeNSPrefix` the parser
 *   drops those too, so the root namespace is read from the raw start tag
 *   ({@link rootNamespace}).
 * - `parseTagValue: false`: every value stays a string; this module validates.
 * - `preserveOrder: true`: children come back as an ordered list, so every
 *   element is "an array" whether it occurs once or many times (the
 *   single-vs-array ambiguity cannot arise), sequence order can be checked
 *   and text/CDATA pieces keep their order. (The object mode is not faster
 *   with fast-xml-parser 5, and loses the order of text and CDATA pieces.)
 * - `trimValues: false`: trimming is done here with XML whitespace only
 *   ({@link xmlTrim}); the parser's own trim is `String.prototype.trim`, which
 *   would also strip U+3000 and NBSP from Chinese text.
 * - `cdataPropName`: CDATA kept apart so it is not entity-decoded.
 * - `jPath: false`: no callback here needs the path string, and building it
 *   for every tag costs about a tenth of the parse.
 */
export const CAP_XML_PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: (name: string) => !(name === 'xmlns' || name.startsWith('xmlns:')),
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
  jPath: false,
} as const;

/** The fast-xml-parser instance, created on first use (no work at import). */
function parser(): XMLParser {
  sharedParser ??= new XMLParser(CAP_XML_PARSER_OPTIONS);
  return sharedParser;
}

/** Our own view of an element: name (prefix removed), path, child elements in order, decoded text. */
interface XElement {
  name: string;
  /** Path for issues, e.g. `alert/info[0]/area[1]/polygon[0]` (see {@link CapIssue}). */
  path: string;
  children: XElement[];
  /** Concatenated character data (entities decoded, CDATA verbatim), untrimmed. */
  text: string;
}

/** Elements that may repeat somewhere in CAP; their paths carry an index. */
const REPEATABLE: ReadonlySet<string> = new Set([
  'code',
  'info',
  'category',
  'responseType',
  'eventCode',
  'parameter',
  'resource',
  'area',
  'polygon',
  'circle',
  'geocode',
  'Signature',
]);

/**
 * Build the element tree from the parser's ordered output, decoding text as
 * we go. Runs over the whole document before the CAP layer looks at it, so a
 * reference error (`&nbsp;`, a bare `&`) is reported first, at the element
 * that holds it, whatever else is wrong.
 */
function buildElement(name: string, nodes: unknown, path: string): XElement {
  const children: XElement[] = [];
  let text = '';
  let seen: Map<string, number> | undefined;
  if (Array.isArray(nodes)) {
    for (const node of nodes) {
      if (node === null || typeof node !== 'object') continue;
      // for-in over own keys: same order as Object.keys without allocating an array per node
      for (const key in node) {
        if (key === ':@' || !Object.prototype.hasOwnProperty.call(node, key)) continue;
        const value = (node as Record<string, unknown>)[key];
        if (key === '#text') {
          try {
            text += decodeXmlText(String(value));
          } catch (e) {
            if (e instanceof XmlReferenceError) fail(path, `not well-formed XML: ${e.message}`);
            throw e;
          }
        } else if (key === '#cdata') {
          text += cdataText(value);
        } else {
          let childPath = `${path}/${key}`;
          if (REPEATABLE.has(key)) {
            seen ??= new Map();
            const i = seen.get(key) ?? 0;
            seen.set(key, i + 1);
            childPath = `${childPath}[${i}]`;
          }
          children.push(buildElement(key, value, childPath));
        }
      }
    }
  }
  return { name, path, children, text };
}

function cdataText(value: unknown): string {
  let out = '';
  if (Array.isArray(value)) {
    for (const piece of value) {
      if (piece !== null && typeof piece === 'object' && '#text' in piece) out += String((piece as Record<string, unknown>)['#text']);
    }
  }
  return out;
}

/**
 * Read the root start tag from the raw text (after BOM, XML declaration,
 * processing instructions, comments) and resolve the namespace bound to its
 * prefix. Only called on input that passed the well-formedness check.
 */
function rootNamespace(xml: string): { ns: string | undefined; rawName: string } {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = xml.length;
  for (;;) {
    while (i < n && isXmlWhitespace(xml.charCodeAt(i))) i++;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) return { ns: undefined, rawName: '' };
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) return { ns: undefined, rawName: '' };
      i = end + 3;
    } else break;
  }
  if (xml[i] !== '<') return { ns: undefined, rawName: '' };
  // find the end of the start tag, skipping quoted attribute values
  let j = i + 1;
  let quote = '';
  for (; j < n; j++) {
    const c = xml[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') break;
  }
  const tag = xml.slice(i + 1, j);
  const nameMatch = /^[^\s/>]+/.exec(tag);
  const rawName = nameMatch ? nameMatch[0] : '';
  const colon = rawName.indexOf(':');
  const wanted = colon === -1 ? 'xmlns' : `xmlns:${rawName.slice(0, colon)}`;
  const attr = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = attr.exec(tag)) !== null) {
    if (m[1] === wanted) {
      let value = m[2] ?? m[3] ?? '';
      try {
        value = decodeXmlText(value);
      } catch {
        return { ns: value, rawName };
      }
      return { ns: xmlTrim(value), rawName };
    }
  }
  return { ns: undefined, rawName };
}

// ---------------------------------------------------------------------------
// CAP layer

interface Ctx {
  version: CapVersion;
  warnings: CapIssue[];
}

function warn(ctx: Ctx, path: string, reason: string): void {
  ctx.warnings.push({ path, reason });
}

/** Schema sequence of a CAP complex element (1.2), with each name's position. */
interface Sequence {
  names: readonly string[];
  position: ReadonlyMap<string, number>;
}

function sequence(names: readonly string[]): Sequence {
  return { names, position: new Map(names.map((name, i) => [name, i])) };
}

const ALERT_ORDER = sequence([
  'identifier',
  'sender',
  'sent',
  'status',
  'msgType',
  'source',
  'scope',
  'restriction',
  'addresses',
  'code',
  'note',
  'references',
  'incidents',
  'info',
]);
const INFO_ORDER = sequence([
  'language',
  'category',
  'event',
  'responseType',
  'urgency',
  'severity',
  'certainty',
  'audience',
  'eventCode',
  'effective',
  'onset',
  'expires',
  'senderName',
  'headline',
  'description',
  'instruction',
  'web',
  'contact',
  'parameter',
  'resource',
  'area',
]);
const RESOURCE_ORDER = sequence(['resourceDesc', 'mimeType', 'size', 'uri', 'derefUri', 'digest']);
const AREA_ORDER = sequence(['areaDesc', 'polygon', 'circle', 'geocode', 'altitude', 'ceiling']);
const PAIR_ORDER = sequence(['valueName', 'value']);

/** The known children of an element, grouped by name (slot = position in the sequence), in document order. */
interface Children {
  seq: Sequence;
  slots: (XElement[] | undefined)[];
}

const NONE: readonly XElement[] = [];

/**
 * Group the children of `el` by name, checking what the schema says about
 * them: unknown elements are reported and skipped (`onUnknown` may claim
 * some), non-repeatable ones may occur once, and for 1.2 documents the
 * sequence order is checked (a warning: the content is still unambiguous).
 */
function collect(el: XElement, seq: Sequence, ctx: Ctx, onUnknown?: (child: XElement) => boolean): Children {
  const slots: (XElement[] | undefined)[] = [];
  /** Slots in the order their names first occur (the order duplicates are reported in). */
  const firstSeen: number[] = [];
  let last = -1;
  let orderWarned = false;
  for (const child of el.children) {
    const idx = seq.position.get(child.name);
    if (idx === undefined) {
      if (!onUnknown?.(child)) warn(ctx, child.path, `unknown element <${child.name}> ignored (not part of CAP ${ctx.version} <${el.name}>)`);
      continue;
    }
    if (ctx.version === '1.2' && idx < last && !orderWarned) {
      orderWarned = true;
      warn(ctx, child.path, `<${child.name}> comes after <${seq.names[last]}>: not the order the CAP 1.2 schema requires (accepted)`);
    }
    if (idx > last) last = idx;
    const list = slots[idx];
    if (list === undefined) {
      slots[idx] = [child];
      firstSeen.push(idx);
    } else list.push(child);
  }
  for (const idx of firstSeen) {
    const list = slots[idx]!;
    const name = seq.names[idx]!;
    if (list.length > 1 && !REPEATABLE.has(name)) {
      fail(list[1]!.path, `<${name}> may appear only once in <${el.name}>, found ${list.length}`);
    }
  }
  if (!isXmlBlank(el.text)) {
    warn(ctx, el.path, `text directly inside <${el.name}> ignored (it may contain only elements)`);
  }
  return { seq, slots };
}

function textOf(el: XElement): string {
  const first = el.children[0];
  if (first) fail(el.path, `<${el.name}> must contain text only, found child element <${first.name}>`);
  return xmlTrim(el.text);
}

function all(groups: Children, name: string): readonly XElement[] {
  const idx = groups.seq.position.get(name);
  return (idx === undefined ? undefined : groups.slots[idx]) ?? NONE;
}

function single(groups: Children, name: string): XElement | undefined {
  return all(groups, name)[0];
}

function requiredEl(groups: Children, name: string, parentPath: string): XElement {
  const found = single(groups, name);
  if (!found) fail(`${parentPath}/${name}`, `required element <${name}> is missing`);
  return found;
}

/** Required text element; empty text is kept ('') with a warning unless `nonEmpty`. */
function requiredText(groups: Children, name: string, parentPath: string, ctx: Ctx, nonEmpty = false): string {
  const el = requiredEl(groups, name, parentPath);
  const t = textOf(el);
  if (t === '') {
    if (nonEmpty) fail(el.path, `<${name}> must not be empty`);
    warn(ctx, el.path, `required element <${name}> is empty`);
  }
  return t;
}

/** Optional text element; absent or empty -> undefined. */
function optionalText(groups: Children, name: string): string | undefined {
  const found = single(groups, name);
  if (!found) return undefined;
  const t = textOf(found);
  return t === '' ? undefined : t;
}

function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

function enumValue<T extends string>(allowed: readonly T[], raw: string, name: string, path: string): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  const hint = (allowed as readonly string[]).find((a) => a.toLowerCase() === raw.toLowerCase());
  fail(
    path,
    `invalid <${name}> value "${truncate(raw)}"; expected one of ${allowed.join(', ')}` +
      (hint ? ` (values are case-sensitive: "${hint}")` : ''),
  );
}

function requiredEnum<T extends string>(groups: Children, allowed: readonly T[], name: string, parentPath: string): T {
  const el = requiredEl(groups, name, parentPath);
  return enumValue(allowed, textOf(el), name, el.path);
}

function dateTime(raw: string, path: string, ctx: Ctx): string {
  const check = checkCapDateTime(raw, ctx.version);
  if (!check.ok) fail(path, check.reason);
  if (check.warning) warn(ctx, path, check.warning);
  return raw;
}

function optionalDateTime(groups: Children, name: string, ctx: Ctx): string | undefined {
  const found = single(groups, name);
  if (!found) return undefined;
  const t = textOf(found);
  if (t === '') return undefined;
  return dateTime(t, found.path, ctx);
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** xs:decimal-style number (no exponent, no NaN/Infinity); -0 becomes 0. */
function decimal(raw: string): number | undefined {
  if (!DECIMAL.test(raw)) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) return undefined;
  return n === 0 ? 0 : n;
}

const CAP_RESTRICTED_CHARS = /[ \t\r\n,<&]/;

// ---------------------------------------------------------------------------
// geometry

/** `what` names the point in messages: a number n means "point n". */
function point(token: string, path: string, what: string | number): CapPoint {
  const comma = token.indexOf(',');
  if (comma === -1 || token.indexOf(',', comma + 1) !== -1) fail(path, `${pointLabel(what)} "${truncate(token)}" is not a "lat,lon" pair`);
  const lat = decimal(token.slice(0, comma));
  const lon = decimal(token.slice(comma + 1));
  if (lat === undefined || lon === undefined) fail(path, `${pointLabel(what)} "${truncate(token)}" is not two decimal numbers "lat,lon"`);
  if (lat < -90 || lat > 90) fail(path, `${pointLabel(what)} "${truncate(token)}": latitude ${lat} is outside -90..90`);
  if (lon < -180 || lon > 180) fail(path, `${pointLabel(what)} "${truncate(token)}": longitude ${lon} is outside -180..180`);
  return [lat, lon];
}

function pointLabel(what: string | number): string {
  return typeof what === 'number' ? `point ${what}` : what;
}

/** Returns undefined for an empty polygon (dropped with a warning). */
function polygon(raw: string, path: string, ctx: Ctx): CapPolygon | undefined {
  const tokens = xmlTokens(raw);
  if (tokens.length === 0) {
    warn(ctx, path, 'empty <polygon> ignored');
    return undefined;
  }
  let repaired = false;
  const pts: CapPolygon = [];
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i]!;
    if (ctx.version !== '1.2' && t.endsWith(',') && t.split(',').length === 3) {
      t = t.slice(0, -1);
      repaired = true;
    }
    pts.push(point(t, path, i + 1));
  }
  if (repaired) warn(ctx, path, `trailing comma after a point accepted for CAP ${ctx.version}`);
  if (pts.length < 4) {
    fail(path, `polygon has ${pts.length} point(s); CAP requires at least 4, the first repeated as the last`);
  }
  const first = pts[0]!;
  const lastPt = pts[pts.length - 1]!;
  if (first[0] !== lastPt[0] || first[1] !== lastPt[1]) {
    fail(path, `polygon is not closed: first point ${first.join(',')} differs from last point ${lastPt.join(',')}`);
  }
  return pts;
}

function circle(raw: string, path: string, ctx: Ctx): CapCircle | undefined {
  const tokens = xmlTokens(raw);
  if (tokens.length === 0) {
    warn(ctx, path, 'empty <circle> ignored');
    return undefined;
  }
  if (tokens.length !== 2) fail(path, `circle "${truncate(raw)}" is not "lat,lon radius"`);
  const center = point(tokens[0]!, path, 'circle centre');
  const radiusKm = decimal(tokens[1]!);
  if (radiusKm === undefined) fail(path, `circle radius "${truncate(tokens[1]!)}" is not a decimal number of kilometres`);
  if (radiusKm < 0) fail(path, `circle radius ${radiusKm} km is negative`);
  return { center, radiusKm };
}

// ---------------------------------------------------------------------------
// structures

function valuePair(el: XElement, ctx: Ctx): CapValuePair {
  const path = el.path;
  if (el.children.length === 0 && ctx.version === '1.0') {
    // CAP 1.0: <eventCode>same=SVR</eventCode>
    const t = xmlTrim(el.text);
    if (t === '') fail(path, `<${el.name}> is empty; CAP 1.0 expects "valueName=value"`);
    const eq = t.indexOf('=');
    if (eq === -1) {
      warn(ctx, path, `CAP 1.0 <${el.name}> "${truncate(t)}" has no "="; taken as a valueName with an empty value`);
      return { valueName: t, value: '' };
    }
    return { valueName: xmlTrim(t.slice(0, eq)), value: xmlTrim(t.slice(eq + 1)) };
  }
  if (el.children.length === 0 && !isXmlBlank(el.text)) {
    fail(path, `<${el.name}> must contain <valueName> and <value> (the "name=value" text form is CAP 1.0 only)`);
  }
  const g = collect(el, PAIR_ORDER, ctx);
  return {
    valueName: textOf(requiredEl(g, 'valueName', path)),
    value: textOf(requiredEl(g, 'value', path)),
  };
}

function references(raw: string, path: string, ctx: Ctx): CapReference[] {
  const out: CapReference[] = [];
  const tokens = xmlTokens(raw);
  if (tokens.length === 0) {
    warn(ctx, path, 'empty <references> ignored (CAP expects at least one "sender,identifier,sent")');
    return out;
  }
  for (const token of tokens) {
    const parts = token.split(',');
    const ok = parts.length === 3 && parts.every((p) => p !== '');
    if (!ok) {
      const reason = `reference "${truncate(token)}" is not "sender,identifier,sent"`;
      if (ctx.version === '1.2') fail(path, reason);
      warn(ctx, path, `${reason}; dropped (CAP ${ctx.version})`);
      continue;
    }
    const [sender, identifier, sent] = parts as [string, string, string];
    out.push({ sender, identifier, sent: dateTime(sent, path, ctx) });
  }
  return out;
}

/**
 * Split a space-delimited CAP list where multi-word items are in double quotes
 * (the format of `incidents` and `addresses`): `a "b c" d` -> `['a', 'b c', 'd']`.
 * An unclosed quote runs to the end; quotes cannot be escaped in CAP.
 */
export function splitCapList(raw: string): string[] {
  const out: string[] = [];
  const n = raw.length;
  let i = 0;
  while (i < n) {
    while (i < n && isXmlWhitespace(raw.charCodeAt(i))) i++;
    if (i >= n) break;
    if (raw.charCodeAt(i) === 0x22) {
      const end = raw.indexOf('"', i + 1);
      const item = end === -1 ? raw.slice(i + 1) : raw.slice(i + 1, end);
      const trimmed = xmlTrim(item);
      if (trimmed !== '') out.push(trimmed);
      i = end === -1 ? n : end + 1;
    } else {
      let j = i;
      while (j < n && !isXmlWhitespace(raw.charCodeAt(j))) j++;
      out.push(raw.slice(i, j));
      i = j;
    }
  }
  return out;
}

function resource(el: XElement, ctx: Ctx): CapResource {
  const path = el.path;
  const g = collect(el, RESOURCE_ORDER, ctx);
  const resourceDesc = requiredText(g, 'resourceDesc', path, ctx);
  let mimeType = optionalText(g, 'mimeType');
  if (mimeType === undefined) {
    if (ctx.version === '1.2') {
      if (single(g, 'mimeType')) fail(`${path}/mimeType`, '<mimeType> must not be empty');
      fail(`${path}/mimeType`, 'required element <mimeType> is missing');
    }
    mimeType = 'application/octet-stream';
    warn(ctx, `${path}/mimeType`, `<mimeType> missing (optional in CAP ${ctx.version}, required in 1.2); set to application/octet-stream`);
  }
  const out: CapResource = { resourceDesc, mimeType };
  const sizeEl = single(g, 'size');
  if (sizeEl) {
    const raw = textOf(sizeEl);
    if (raw !== '') {
      if (!/^[+-]?\d+$/.test(raw)) fail(sizeEl.path, `<size> "${truncate(raw)}" is not an integer number of bytes`);
      const size = Number(raw);
      if (size < 0) fail(sizeEl.path, `<size> ${raw} is negative`);
      if (!Number.isSafeInteger(size)) fail(sizeEl.path, `<size> ${truncate(raw)} is too large`);
      out.size = size === 0 ? 0 : size;
    }
  }
  const uri = optionalText(g, 'uri');
  if (uri !== undefined) out.uri = uri;
  const derefUri = optionalText(g, 'derefUri');
  if (derefUri !== undefined) out.derefUri = derefUri;
  const digest = optionalText(g, 'digest');
  if (digest !== undefined) out.digest = digest;
  return out;
}

const ALTITUDES = ['altitude', 'ceiling'] as const;

function area(el: XElement, ctx: Ctx): CapArea {
  const path = el.path;
  const g = collect(el, AREA_ORDER, ctx);
  const out: CapArea = {
    areaDesc: requiredText(g, 'areaDesc', path, ctx),
    polygon: [],
    circle: [],
    geocode: [],
  };
  for (const p of all(g, 'polygon')) {
    const poly = polygon(textOf(p), p.path, ctx);
    if (poly) out.polygon.push(poly);
  }
  for (const c of all(g, 'circle')) {
    const circ = circle(textOf(c), c.path, ctx);
    if (circ) out.circle.push(circ);
  }
  for (const gc of all(g, 'geocode')) out.geocode.push(valuePair(gc, ctx));
  for (const name of ALTITUDES) {
    const found = single(g, name);
    if (!found) continue;
    const raw = textOf(found);
    if (raw === '') continue;
    const n = decimal(raw);
    if (n === undefined) fail(found.path, `<${name}> "${truncate(raw)}" is not a decimal number of feet`);
    out[name] = n;
  }
  if (out.ceiling !== undefined && out.altitude === undefined) {
    warn(ctx, `${path}/ceiling`, '<ceiling> without <altitude>: CAP says ceiling is used only with altitude');
  }
  return out;
}

const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

function certainty(groups: Children, path: string, ctx: Ctx): CapCertainty {
  const el = requiredEl(groups, 'certainty', path);
  const raw = textOf(el);
  if (raw === 'Very Likely') {
    warn(ctx, el.path, 'certainty "Very Likely" (CAP 1.0, deprecated) treated as "Likely"');
    return 'Likely';
  }
  return lenientEnum(CAP_CERTAINTIES, raw, 'certainty', el.path, ctx);
}

/** Enum where older documents may leave the element empty (seen in NWS 1.1 feeds): '' -> Unknown. */
function lenientEnum<T extends string>(allowed: readonly T[], raw: string, name: string, path: string, ctx: Ctx): T {
  if (raw === '' && ctx.version !== '1.2' && (allowed as readonly string[]).includes('Unknown')) {
    warn(ctx, path, `empty <${name}> treated as "Unknown" (CAP ${ctx.version})`);
    return 'Unknown' as T;
  }
  return enumValue(allowed, raw, name, path);
}

const INFO_TIMES = ['effective', 'onset', 'expires'] as const;
const INFO_TEXTS = ['senderName', 'headline', 'description', 'instruction', 'web', 'contact'] as const;

function info(el: XElement, ctx: Ctx): CapInfo {
  const path = el.path;
  const g = collect(el, INFO_ORDER, ctx);

  let language = 'en-US';
  const langEl = single(g, 'language');
  if (langEl) {
    const raw = textOf(langEl);
    if (raw !== '') {
      if (!LANGUAGE.test(raw)) fail(langEl.path, `<language> "${truncate(raw)}" is not a language code like en-US (xs:language)`);
      language = raw;
    }
  }

  const categories = all(g, 'category');
  if (categories.length === 0) fail(`${path}/category`, 'required element <category> is missing (at least one)');

  const urgencyEl = requiredEl(g, 'urgency', path);
  const severityEl = requiredEl(g, 'severity', path);

  const out: CapInfo = {
    language,
    category: categories.map((c) => enumValue(CAP_CATEGORIES, textOf(c), 'category', c.path)),
    event: requiredText(g, 'event', path, ctx),
    responseType: all(g, 'responseType').map((r) => enumValue(CAP_RESPONSE_TYPES, textOf(r), 'responseType', r.path)),
    urgency: lenientEnum(CAP_URGENCIES, textOf(urgencyEl), 'urgency', urgencyEl.path, ctx),
    severity: lenientEnum(CAP_SEVERITIES, textOf(severityEl), 'severity', severityEl.path, ctx),
    certainty: certainty(g, path, ctx),
    eventCode: all(g, 'eventCode').map((e) => valuePair(e, ctx)),
    parameter: [],
    resource: [],
    area: [],
  };
  const audience = optionalText(g, 'audience');
  if (audience !== undefined) out.audience = audience;
  for (const name of INFO_TIMES) {
    const v = optionalDateTime(g, name, ctx);
    if (v !== undefined) out[name] = v;
  }
  for (const name of INFO_TEXTS) {
    const v = optionalText(g, name);
    if (v !== undefined) out[name] = v;
  }
  out.parameter = all(g, 'parameter').map((p) => valuePair(p, ctx));
  out.resource = all(g, 'resource').map((r) => resource(r, ctx));
  out.area = all(g, 'area').map((a) => area(a, ctx));
  return out;
}

function alert(el: XElement, version: CapVersion, ctx: Ctx): CapMessage {
  const path = 'alert';
  const g = collect(el, ALERT_ORDER, ctx, (child) => {
    if (child.name === 'Signature') {
      warn(ctx, child.path, 'XML digital signature <Signature> ignored: not verified, and not kept when re-serialized');
      return true;
    }
    if (child.name === 'password' && version === '1.0') {
      warn(ctx, child.path, 'CAP 1.0 <password> dropped (removed from CAP in 1.1)');
      return true;
    }
    return false;
  });

  const identifier = requiredText(g, 'identifier', path, ctx, true);
  const sender = requiredText(g, 'sender', path, ctx, true);
  if (CAP_RESTRICTED_CHARS.test(identifier)) {
    warn(ctx, `${path}/identifier`, '<identifier> contains a space, comma, "<" or "&", which CAP forbids');
  }
  if (CAP_RESTRICTED_CHARS.test(sender)) {
    warn(ctx, `${path}/sender`, '<sender> contains a space, comma, "<" or "&", which CAP forbids');
  }
  const sentEl = requiredEl(g, 'sent', path);
  const sentRaw = textOf(sentEl);

  const msg: CapMessage = {
    version,
    identifier,
    sender,
    sent: dateTime(sentRaw, sentEl.path, ctx),
    status: requiredEnum(g, CAP_STATUSES, 'status', path),
    msgType: requiredEnum(g, CAP_MSG_TYPES, 'msgType', path),
    scope: requiredEnum(g, CAP_SCOPES, 'scope', path),
    code: [],
    references: [],
    incidents: [],
    info: [],
  };
  const source = optionalText(g, 'source');
  if (source !== undefined) msg.source = source;
  const restriction = optionalText(g, 'restriction');
  if (restriction !== undefined) msg.restriction = restriction;
  const addresses = optionalText(g, 'addresses');
  if (addresses !== undefined) msg.addresses = addresses;
  for (const c of all(g, 'code')) {
    const t = textOf(c);
    if (t === '') warn(ctx, c.path, 'empty <code> ignored');
    else msg.code.push(t);
  }
  const note = optionalText(g, 'note');
  if (note !== undefined) msg.note = note;
  const refs = single(g, 'references');
  if (refs) msg.references = references(textOf(refs), refs.path, ctx);
  const incidents = single(g, 'incidents');
  if (incidents) msg.incidents = splitCapList(textOf(incidents));
  msg.info = all(g, 'info').map((i) => info(i, ctx));

  if (msg.scope === 'Restricted' && msg.restriction === undefined) {
    warn(ctx, `${path}/restriction`, 'scope is Restricted but <restriction> is missing');
  }
  if (msg.scope === 'Private' && msg.addresses === undefined) {
    warn(ctx, `${path}/addresses`, 'scope is Private but <addresses> is missing');
  }
  return msg;
}

// ---------------------------------------------------------------------------
// entry point

/** One scan for both declarations; the DOCTYPE reason wins when both occur. */
const MARKUP_DECLARATION = /<!(DOCTYPE|ENTITY)/i;

/** What {@link parseCap} checks on the raw string before any XML parsing. */
function precheckCapDocument(xml: unknown): CapIssue | undefined {
  if (typeof xml !== 'string') return { path: '', reason: `input must be a string, got ${xml === null ? 'null' : typeof xml}` };
  if (xml.length > CAP_MAX_INPUT_CHARS) {
    return { path: '', reason: `document too large: ${xml.length} characters, the limit is ${CAP_MAX_INPUT_CHARS} (1 MiB); refused unread` };
  }
  const decl = MARKUP_DECLARATION.exec(xml);
  if (decl !== null) {
    const doctype = decl[1]!.length === 7 || /<!DOCTYPE/i.test(xml.slice(decl.index + 2));
    return doctype
      ? {
          path: '',
          reason:
            'document contains a DOCTYPE declaration: DTDs and entity declarations are refused (XXE / entity-expansion protection); refused before parsing, nothing was resolved or fetched',
        }
      : {
          path: '',
          reason: 'document contains an ENTITY declaration: entities are refused (XXE / entity-expansion protection); refused before parsing',
        };
  }
  let start = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < xml.length && isXmlWhitespace(xml.charCodeAt(start))) start++;
  if (start === xml.length) return { path: '', reason: 'empty document: not XML' };
  const bad = findInvalidXmlChar(xml);
  if (bad) {
    return {
      path: '',
      reason: `not XML: character U+${bad.codePoint.toString(16).toUpperCase().padStart(4, '0')} at offset ${bad.index} is not allowed in an XML 1.0 document`,
    };
  }
  return undefined;
}

function parseUnchecked(xml: string): CapResult<CapMessage> {
  const pre = precheckCapDocument(xml);
  if (pre) return { ok: false, error: pre };

  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
    return { ok: false, error: { path: '', reason: `not well-formed XML: ${msg} (${where})` } };
  }

  let tree: unknown;
  try {
    tree = parser().parse(xml);
  } catch (e) {
    return { ok: false, error: { path: '', reason: `not well-formed XML: ${errorMessage(e)}` } };
  }

  const roots: { name: string; nodes: unknown }[] = [];
  if (Array.isArray(tree)) {
    for (const node of tree) {
      if (node === null || typeof node !== 'object') continue;
      for (const key of Object.keys(node)) {
        if (key !== ':@' && key !== '#text' && key !== '#cdata') roots.push({ name: key, nodes: (node as Record<string, unknown>)[key] });
      }
    }
  }
  if (roots.length !== 1) {
    return { ok: false, error: { path: '', reason: `not XML: expected exactly one root element, found ${roots.length}` } };
  }
  const root = roots[0]!;
  if (root.name !== 'alert') {
    return { ok: false, error: { path: '', reason: `not a CAP message: root element is <${truncate(root.name, 40)}>, expected <alert>` } };
  }
  const { ns } = rootNamespace(xml);
  if (ns === undefined) {
    return {
      ok: false,
      error: { path: 'alert', reason: `<alert> has no CAP namespace declaration (expected xmlns="${CAP_NAMESPACE_1_2}", or the 1.1/1.0 one)` },
    };
  }
  const version = Object.prototype.hasOwnProperty.call(CAP_NAMESPACES, ns) ? CAP_NAMESPACES[ns] : undefined;
  if (version === undefined) {
    return {
      ok: false,
      error: {
        path: 'alert',
        reason: `unknown namespace "${truncate(ns)}" on <alert>; accepted: ${Object.keys(CAP_NAMESPACES).join(', ')}`,
      },
    };
  }

  const ctx: Ctx = { version, warnings: [] };
  const el = buildElement('alert', root.nodes, 'alert');
  const value = alert(el, version, ctx);
  return { ok: true, value, warnings: ctx.warnings };
}

function errorMessage(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'unknown error';
  }
}

/**
 * Decode a CAP 1.2 (or 1.1 / 1.0) XML document.
 *
 * Takes the document as a JS string: decoding bytes is the caller's job (for
 * an ISO-8859-1 file decode as latin1; the XML declaration's `encoding` is
 * not consulted). Never throws: refusals, including "not a string", come
 * back as `{ ok: false, error }`; accepted documents come with warnings for
 * everything that was tolerated, mapped or ignored (signatures, unknown
 * elements, empty optional values, old-version forms).
 *
 * Refused before the XML parser runs: non-strings, inputs over
 * {@link CAP_MAX_INPUT_CHARS}, any `<!DOCTYPE` or `<!ENTITY` (XXE), characters
 * XML forbids, ill-formed XML.
 */
export function parseCap(xml: string): CapResult<CapMessage> {
  try {
    return parseUnchecked(xml);
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.issue };
    return { ok: false, error: { path: '', reason: `internal error while decoding CAP: ${errorMessage(e)}` } };
  }
}
