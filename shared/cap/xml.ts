/**
 * Small XML text helpers shared by the CAP parser and serializer.
 * Pure functions, no DOM, no Node built-ins.
 */

/** XML whitespace (XML 1.0 production S): space, tab, CR, LF. Nothing else. */
const LEADING_XML_WS = /^[ \t\r\n]+/;
const TRAILING_XML_WS = /[ \t\r\n]+$/;

/**
 * Trim XML whitespace only. Unlike `String.prototype.trim` this keeps
 * U+3000 IDEOGRAPHIC SPACE, NBSP, U+FEFF and other Unicode spaces, which are
 * text (Chinese paragraphs often start with U+3000).
 */
export function xmlTrim(s: string): string {
  return s.replace(LEADING_XML_WS, '').replace(TRAILING_XML_WS, '');
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
 * U+FFFE and U+FFFF.
 */
export const INVALID_XML_CHAR = /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/u;
const INVALID_XML_CHAR_GLOBAL = /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/gu;

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
 * Escape text for XML element content. `&`, `<`, `>` are escaped, CR is
 * written as `&#13;` so it survives XML end-of-line normalization, and
 * characters XML cannot carry at all are replaced by U+FFFD.
 */
export function escapeXmlText(s: string): string {
  let out = s;
  if (INVALID_XML_CHAR.test(out)) out = out.replace(INVALID_XML_CHAR_GLOBAL, '\uFFFD');
  return out.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}
