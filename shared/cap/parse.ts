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
import { decodeXmlText, INVALID_XML_CHAR, XmlReferenceError, xmlTokens, xmlTrim } from './xml';

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
 * The fast-xml-parser instance, created on first use (no work at import).
 * - `processEntities: false`, `htmlEntities: false`: no entity expansion at all
 *   (and DOCTYPEs never reach the parser, see `parseCap`).
 * - `ignoreAttributes` keeps only `xmlns*`; with `removeNSPrefix` the parser
 *   drops those too, so the root namespace is read from the raw start tag
 *   ({@link rootNamespace}).
 * - `parseTagValue: false`: every value stays a string; this module validates.
 * - `preserveOrder: true`: children come back as an ordered list, so every
 *   element is "an array" whether it occurs once or many times (the
 *   single-vs-array ambiguity cannot arise), sequence order can be checked
 *   and text/CDATA pieces keep their order.
 * - `trimValues: false`: trimming is done here with XML whitespace only
 *   ({@link xmlTrim}); the parser's own trim is `String.prototype.trim`, which
 *   would also strip U+3000 and NBSP from Chinese text.
 * - `cdataPropName`: CDATA kept apart so it is not entity-decoded.
 */
function parser(): XMLParser {
  sharedParser ??= new XMLParser({
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
  });
  return sharedParser;
}

/** Our own view of an element: name (prefix removed), child elements in order, decoded text. */
interface XElement {
  name: string;
  children: XElement[];
  /** Concatenated character data (entities decoded, CDATA verbatim), untrimmed. */
  text: string;
}

/** Elements that may repeat somewhere in CAP; their paths carry an index. */
const REPEATABLE = new Set([
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

function childPath(parent: string, name: string, index: number): string {
  const base = parent === '' ? name : `${parent}/${name}`;
  return REPEATABLE.has(name) ? `${base}[${index}]` : base;
}

function buildElement(name: string, nodes: unknown, path: string): XElement {
  const children: XElement[] = [];
  let text = '';
  const seen = new Map<string, number>();
  if (Array.isArray(nodes)) {
    for (const node of nodes) {
      if (node === null || typeof node !== 'object') continue;
      for (const key of Object.keys(node)) {
        if (key === ':@') continue;
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
          const i = seen.get(key) ?? 0;
          seen.set(key, i + 1);
          children.push(buildElement(key, value, childPath(path, key, i)));
        }
      }
    }
  }
  return { name, children, text };
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
    while (i < n && (xml[i] === ' ' || xml[i] === '\t' || xml[i] === '\r' || xml[i] === '\n')) i++;
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

/** Schema sequence of each CAP complex element (1.2), in order. */
const ALERT_ORDER = [
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
] as const;
const INFO_ORDER = [
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
] as const;
const RESOURCE_ORDER = ['resourceDesc', 'mimeType', 'size', 'uri', 'derefUri', 'digest'] as const;
const AREA_ORDER = ['areaDesc', 'polygon', 'circle', 'geocode', 'altitude', 'ceiling'] as const;
const PAIR_ORDER = ['valueName', 'value'] as const;

type Children = Map<string, { el: XElement; path: string }[]>;

/**
 * Group the children of `el` by name, checking what the schema says about
 * them: unknown elements are reported and skipped (`onUnknown` may claim
 * some), non-repeatable ones may occur once, and for 1.2 documents the
 * sequence order is checked (a warning: the content is still unambiguous).
 */
function collect(
  el: XElement,
  path: string,
  order: readonly string[],
  ctx: Ctx,
  onUnknown?: (child: XElement, childPath: string) => boolean,
): Children {
  const groups: Children = new Map();
  const counts = new Map<string, number>();
  let last = -1;
  let orderWarned = false;
  for (const child of el.children) {
    const i = counts.get(child.name) ?? 0;
    counts.set(child.name, i + 1);
    const cp = childPath(path, child.name, i);
    const idx = order.indexOf(child.name);
    if (idx === -1) {
      if (!onUnknown?.(child, cp)) warn(ctx, cp, `unknown element <${child.name}> ignored (not part of CAP ${ctx.version} <${el.name}>)`);
      continue;
    }
    if (ctx.version === '1.2' && idx < last && !orderWarned) {
      orderWarned = true;
      warn(ctx, cp, `<${child.name}> comes after <${order[last]}>: not the order the CAP 1.2 schema requires (accepted)`);
    }
    last = Math.max(last, idx);
    let list = groups.get(child.name);
    if (!list) groups.set(child.name, (list = []));
    list.push({ el: child, path: cp });
  }
  for (const [name, list] of groups) {
    if (list.length > 1 && !REPEATABLE.has(name)) {
      fail(list[1]!.path, `<${name}> may appear only once in <${el.name}>, found ${list.length}`);
    }
  }
  if (xmlTrim(el.text) !== '') {
    warn(ctx, path, `text directly inside <${el.name}> ignored (it may contain only elements)`);
  }
  return groups;
}

function textOf(el: XElement, path: string): string {
  const first = el.children[0];
  if (first) fail(path, `<${el.name}> must contain text only, found child element <${first.name}>`);
  return xmlTrim(el.text);
}

function single(groups: Children, name: string): { el: XElement; path: string } | undefined {
  return groups.get(name)?.[0];
}

function all(groups: Children, name: string): { el: XElement; path: string }[] {
  return groups.get(name) ?? [];
}

function requiredEl(groups: Children, name: string, parentPath: string): { el: XElement; path: string } {
  const found = single(groups, name);
  if (!found) fail(`${parentPath}/${name}`, `required element <${name}> is missing`);
  return found;
}

/** Required text element; empty text is kept ('') with a warning unless `nonEmpty`. */
function requiredText(groups: Children, name: string, parentPath: string, ctx: Ctx, nonEmpty = false): string {
  const { el, path } = requiredEl(groups, name, parentPath);
  const t = textOf(el, path);
  if (t === '') {
    if (nonEmpty) fail(path, `<${name}> must not be empty`);
    warn(ctx, path, `required element <${name}> is empty`);
  }
  return t;
}

/** Optional text element; absent or empty -> undefined. */
function optionalText(groups: Children, name: string): string | undefined {
  const found = single(groups, name);
  if (!found) return undefined;
  const t = textOf(found.el, found.path);
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
  const { el, path } = requiredEl(groups, name, parentPath);
  return enumValue(allowed, textOf(el, path), name, path);
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
  const t = textOf(found.el, found.path);
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

function point(token: string, path: string, what: string): CapPoint {
  const parts = token.split(',');
  if (parts.length !== 2) fail(path, `${what} "${truncate(token)}" is not a "lat,lon" pair`);
  const lat = decimal(parts[0]!);
  const lon = decimal(parts[1]!);
  if (lat === undefined || lon === undefined) fail(path, `${what} "${truncate(token)}" is not two decimal numbers "lat,lon"`);
  if (lat < -90 || lat > 90) fail(path, `${what} "${truncate(token)}": latitude ${lat} is outside -90..90`);
  if (lon < -180 || lon > 180) fail(path, `${what} "${truncate(token)}": longitude ${lon} is outside -180..180`);
  return [lat, lon];
}

/** Returns undefined for an empty polygon (dropped with a warning). */
function polygon(raw: string, path: string, ctx: Ctx): CapPolygon | undefined {
  const tokens = xmlTokens(raw);
  if (tokens.length === 0) {
    warn(ctx, path, 'empty <polygon> ignored');
    return undefined;
  }
  let repaired = false;
  const pts: CapPolygon = tokens.map((token, i) => {
    let t = token;
    if (ctx.version !== '1.2' && t.endsWith(',') && t.split(',').length === 3) {
      t = t.slice(0, -1);
      repaired = true;
    }
    return point(t, path, `point ${i + 1}`);
  });
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

function valuePair(el: XElement, path: string, ctx: Ctx): CapValuePair {
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
  if (el.children.length === 0 && xmlTrim(el.text) !== '') {
    fail(path, `<${el.name}> must contain <valueName> and <value> (the "name=value" text form is CAP 1.0 only)`);
  }
  const g = collect(el, path, PAIR_ORDER, ctx);
  return {
    valueName: textOf(requiredEl(g, 'valueName', path).el, `${path}/valueName`),
    value: textOf(requiredEl(g, 'value', path).el, `${path}/value`),
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
  const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  while (i < n) {
    while (i < n && isWs(raw[i])) i++;
    if (i >= n) break;
    if (raw[i] === '"') {
      const end = raw.indexOf('"', i + 1);
      const item = end === -1 ? raw.slice(i + 1) : raw.slice(i + 1, end);
      const trimmed = xmlTrim(item);
      if (trimmed !== '') out.push(trimmed);
      i = end === -1 ? n : end + 1;
    } else {
      let j = i;
      while (j < n && !isWs(raw[j])) j++;
      out.push(raw.slice(i, j));
      i = j;
    }
  }
  return out;
}

function resource(el: XElement, path: string, ctx: Ctx): CapResource {
  const g = collect(el, path, RESOURCE_ORDER, ctx);
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
    const raw = textOf(sizeEl.el, sizeEl.path);
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

function area(el: XElement, path: string, ctx: Ctx): CapArea {
  const g = collect(el, path, AREA_ORDER, ctx);
  const out: CapArea = {
    areaDesc: requiredText(g, 'areaDesc', path, ctx),
    polygon: [],
    circle: [],
    geocode: [],
  };
  for (const p of all(g, 'polygon')) {
    const poly = polygon(textOf(p.el, p.path), p.path, ctx);
    if (poly) out.polygon.push(poly);
  }
  for (const c of all(g, 'circle')) {
    const circ = circle(textOf(c.el, c.path), c.path, ctx);
    if (circ) out.circle.push(circ);
  }
  for (const gc of all(g, 'geocode')) out.geocode.push(valuePair(gc.el, gc.path, ctx));
  for (const name of ['altitude', 'ceiling'] as const) {
    const found = single(g, name);
    if (!found) continue;
    const raw = textOf(found.el, found.path);
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
  const { el, path: p } = requiredEl(groups, 'certainty', path);
  const raw = textOf(el, p);
  if (raw === 'Very Likely') {
    warn(ctx, p, 'certainty "Very Likely" (CAP 1.0, deprecated) treated as "Likely"');
    return 'Likely';
  }
  return lenientEnum(CAP_CERTAINTIES, raw, 'certainty', p, ctx);
}

/** Enum where older documents may leave the element empty (seen in NWS 1.1 feeds): '' -> Unknown. */
function lenientEnum<T extends string>(allowed: readonly T[], raw: string, name: string, path: string, ctx: Ctx): T {
  if (raw === '' && ctx.version !== '1.2' && (allowed as readonly string[]).includes('Unknown')) {
    warn(ctx, path, `empty <${name}> treated as "Unknown" (CAP ${ctx.version})`);
    return 'Unknown' as T;
  }
  return enumValue(allowed, raw, name, path);
}

function info(el: XElement, path: string, ctx: Ctx): CapInfo {
  const g = collect(el, path, INFO_ORDER, ctx);

  let language = 'en-US';
  const langEl = single(g, 'language');
  if (langEl) {
    const raw = textOf(langEl.el, langEl.path);
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
    category: categories.map((c) => enumValue(CAP_CATEGORIES, textOf(c.el, c.path), 'category', c.path)),
    event: requiredText(g, 'event', path, ctx),
    responseType: all(g, 'responseType').map((r) =>
      enumValue(CAP_RESPONSE_TYPES, textOf(r.el, r.path), 'responseType', r.path),
    ),
    urgency: lenientEnum(CAP_URGENCIES, textOf(urgencyEl.el, urgencyEl.path), 'urgency', urgencyEl.path, ctx),
    severity: lenientEnum(CAP_SEVERITIES, textOf(severityEl.el, severityEl.path), 'severity', severityEl.path, ctx),
    certainty: certainty(g, path, ctx),
    eventCode: all(g, 'eventCode').map((e) => valuePair(e.el, e.path, ctx)),
    parameter: [],
    resource: [],
    area: [],
  };
  const audience = optionalText(g, 'audience');
  if (audience !== undefined) out.audience = audience;
  for (const name of ['effective', 'onset', 'expires'] as const) {
    const v = optionalDateTime(g, name, ctx);
    if (v !== undefined) out[name] = v;
  }
  for (const name of ['senderName', 'headline', 'description', 'instruction', 'web', 'contact'] as const) {
    const v = optionalText(g, name);
    if (v !== undefined) out[name] = v;
  }
  out.parameter = all(g, 'parameter').map((p) => valuePair(p.el, p.path, ctx));
  out.resource = all(g, 'resource').map((r) => resource(r.el, r.path, ctx));
  out.area = all(g, 'area').map((a) => area(a.el, a.path, ctx));
  return out;
}

function alert(el: XElement, version: CapVersion, ctx: Ctx): CapMessage {
  const path = 'alert';
  const g = collect(el, path, ALERT_ORDER, ctx, (child, cp) => {
    if (child.name === 'Signature') {
      warn(ctx, cp, 'XML digital signature <Signature> ignored: not verified, and not kept when re-serialized');
      return true;
    }
    if (child.name === 'password' && version === '1.0') {
      warn(ctx, cp, 'CAP 1.0 <password> dropped (removed from CAP in 1.1)');
      return true;
    }
    return false;
  });

  const identifier = requiredText(g, 'identifier', path, ctx, true);
  const sender = requiredText(g, 'sender', path, ctx, true);
  for (const [name, value] of [
    ['identifier', identifier],
    ['sender', sender],
  ] as const) {
    if (CAP_RESTRICTED_CHARS.test(value)) {
      warn(ctx, `${path}/${name}`, `<${name}> contains a space, comma, "<" or "&", which CAP forbids`);
    }
  }
  const sentEl = requiredEl(g, 'sent', path);
  const sentRaw = textOf(sentEl.el, sentEl.path);

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
    const t = textOf(c.el, c.path);
    if (t === '') warn(ctx, c.path, 'empty <code> ignored');
    else msg.code.push(t);
  }
  const note = optionalText(g, 'note');
  if (note !== undefined) msg.note = note;
  const refs = single(g, 'references');
  if (refs) msg.references = references(textOf(refs.el, refs.path), refs.path, ctx);
  const incidents = single(g, 'incidents');
  if (incidents) msg.incidents = splitCapList(textOf(incidents.el, incidents.path));
  msg.info = all(g, 'info').map((i) => info(i.el, i.path, ctx));

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

/** What {@link parseCap} checks on the raw string before any XML parsing. */
function precheckCapDocument(xml: unknown): CapIssue | undefined {
  if (typeof xml !== 'string') return { path: '', reason: `input must be a string, got ${xml === null ? 'null' : typeof xml}` };
  if (xml.length > CAP_MAX_INPUT_CHARS) {
    return { path: '', reason: `document too large: ${xml.length} characters, the limit is ${CAP_MAX_INPUT_CHARS} (1 MiB); refused unread` };
  }
  if (/<!DOCTYPE/i.test(xml)) {
    return {
      path: '',
      reason:
        'document contains a DOCTYPE declaration: DTDs and entity declarations are refused (XXE / entity-expansion protection); refused before parsing, nothing was resolved or fetched',
    };
  }
  if (/<!ENTITY/i.test(xml)) {
    return {
      path: '',
      reason: 'document contains an ENTITY declaration: entities are refused (XXE / entity-expansion protection); refused before parsing',
    };
  }
  if (xmlTrim(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml) === '') return { path: '', reason: 'empty document: not XML' };
  const bad = INVALID_XML_CHAR.exec(xml);
  if (bad) {
    const cp = bad[0].codePointAt(0) ?? 0;
    return {
      path: '',
      reason: `not XML: character U+${cp.toString(16).toUpperCase().padStart(4, '0')} at offset ${bad.index} is not allowed in an XML 1.0 document`,
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
