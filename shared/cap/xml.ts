/**
 * Small XML text helpers shared by the CAP parser and serializer.
 * Pure functions, no DOM, no Node built-ins.
 *
 * These run on every text value of every message, so each has a fast path
 * for the common case (nothing to trim, escape or refuse). Measured choices:
 * - trimming looks only at the ends (charCode loops); the former
 *   `/[ \t\r\n]+$/` scanned the whole string and is quadratic in the length
 *   of whitespace runs that are not at the end;
 * - whole-string scans use one regular expression WITHOUT the `u` flag
 *   (irregexp is several times faster than a charCode loop here, and the
 *   `u`-flag class was the slowest of all), surrogate pairs checked apart.
 */

/** XML whitespace (XML 1.0 production S): space, tab, CR, LF. Nothing else. */
export function isXmlWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/**
 * Trim XML whitespace only. Unlike `String.prototype.trim` this keeps
 * U+3000 IDEOGRAPHIC SPACE, NBSP, U+FEFF and other Unicode spaces, which are
 * text (Chinese paragraphs often start with U+3000).
 */
export function xmlTrim(s: string): string {
  let end = s.length;
  let start = 0;
  while (start < end && isXmlWhitespace(s.charCodeAt(start))) start++;
  while (end > start && isXmlWhitespace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Whether `s` is empty or XML whitespace only (`xmlTrim(s) === ''` without building a string). */
export function isXmlBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isXmlWhitespace(s.charCodeAt(i))) return false;
  return true;
}

/** Split on runs of XML whitespace, dropping empty tokens. */
export function xmlTokens(s: string): string[] {
  const out: string[] = [];
  for (const t of s.split(/[ \t\r\n]+/)) if (t !== '') out.push(t);
  return out;
}

/**
 * Characters XML 1.0 does not allow anywhere in a document (not even as
 * character references): C0 controls other than tab/LF/CR, lone surrogates,
 * U+FFFE and U+FFFF. (Reference definition; the codec uses
 * {@link findInvalidXmlChar}, which finds the same characters faster.)
 */
export const INVALID_XML_CHAR = /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/u;

/**
 * Candidates for {@link INVALID_XML_CHAR}, without the `u` flag (much faster
 * on two-byte strings): the forbidden code units plus every surrogate, which
 * is then checked for a partner.
 */
const INVALID_OR_SURROGATE = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/g;

/**
 * The first character XML 1.0 forbids (see {@link INVALID_XML_CHAR}) at or
 * after `from`: its UTF-16 offset and code point, or undefined when there is
 * none. Same answer as `INVALID_XML_CHAR.exec(s)` for `from` 0.
 */
export function findInvalidXmlChar(s: string, from = 0): { index: number; codePoint: number } | undefined {
  const re = INVALID_OR_SURROGATE;
  re.lastIndex = from;
  for (;;) {
    const m = re.exec(s);
    if (m === null) return undefined;
    const i = m.index;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        re.lastIndex = i + 2; // a valid pair: a code point >= U+10000
        continue;
      }
    }
    // A low surrogate found here is lone: a high one before it would have been found first.
    re.lastIndex = 0;
    return { index: i, codePoint: c };
  }
}

/** Whether a code point may appear in an XML 1.0 document. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Thrown by {@link decodeXmlText} for a reference XML does not define. */
export class XmlReferenceError extends Error {}

const REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|[^;&\s]*);?/g;

/**
 * Decode the five predefined entities and numeric character references.
 * Anything else (`&custom;`, a bare `&`) is refused: without a DTD no other
 * entity can be declared, and DTDs are refused before parsing. This is the
 * only entity handling in the codec; the XML parser runs with entity
 * processing off.
 */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') === -1) return raw;
  return raw.replace(REFERENCE, (match: string, body: string) => {
    if (!match.endsWith(';')) {
      throw new XmlReferenceError(`bare "&" is not allowed in XML text (write &amp;)`);
    }
    if (body.startsWith('#')) {
      const cp = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(cp) || !isXmlChar(cp)) {
        throw new XmlReferenceError(`character reference ${match.slice(0, 20)} is not an allowed XML character`);
      }
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[body];
    if (v === undefined || !Object.prototype.hasOwnProperty.call(PREDEFINED, body)) {
      throw new XmlReferenceError(
        `undeclared entity reference ${match.slice(0, 40)} (only &lt; &gt; &amp; &quot; &apos; and numeric references are allowed)`,
      );
    }
    return v;
  });
}

/**
 * Anything {@link escapeXmlText} may have to change: `& < >`, CR, the other
 * C0 controls except tab and LF, surrogates (fine in pairs, checked
 * separately), U+FFFE, U+FFFF. One scan without the `u` flag; most text
 * (CJK included) has none of these and is returned as it is.
 */
const UNSAFE_TEXT = /[^\t\n\x20-\x25\x27-\x3B\x3D\x3F-\uD7FF\uE000-\uFFFD]/;
const MARKUP_CHARS = /[&<>\r]/g;

function markupEntity(c: string): string {
  return c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;';
}

/** Each character XML cannot carry (see {@link INVALID_XML_CHAR}) replaced by U+FFFD; valid surrogate pairs kept. */
function replaceInvalidXmlChars(s: string): string {
  let out = '';
  let last = 0;
  for (let bad = findInvalidXmlChar(s); bad !== undefined; bad = findInvalidXmlChar(s, last)) {
    out += `${s.slice(last, bad.index)}\uFFFD`;
    last = bad.index + 1;
  }
  return out + s.slice(last);
}

/**
 * Escape text for XML element content. `&`, `<`, `>` are escaped, CR is
 * written as `&#13;` so it survives XML end-of-line normalization, and
 * characters XML cannot carry at all are replaced by U+FFFD.
 */
export function escapeXmlText(s: string): string {
  if (!UNSAFE_TEXT.test(s)) return s;
  const valid = findInvalidXmlChar(s) === undefined ? s : replaceInvalidXmlChars(s);
  return valid.replace(MARKUP_CHARS, markupEntity);
}
