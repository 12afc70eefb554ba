/**
 * parseCap must never throw, whatever string it gets: random strings, XML-ish
 * token soup, and random mutations of the real corpus. Whenever a mutated
 * document is accepted, encoding it must also work and be a fixpoint.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCap, serializeCap } from './index';
import type { CapMessage, CapResult } from './index';
import { loadFixtures } from './testing/fixtures';

const corpus = [...loadFixtures('valid'), ...loadFixtures('older-versions'), ...loadFixtures('invalid')];
// Mutating the 100-460 kB IPAWS files mostly mutates base64 audio; keep the runs fast and varied.
const small = corpus.filter((f) => f.xml.length < 30_000);

function checkShape(r: CapResult<CapMessage>): void {
  if (r.ok) {
    expect(['1.0', '1.1', '1.2']).toContain(r.value.version);
    expect(Array.isArray(r.warnings)).toBe(true);
    // anything accepted can be encoded, and encoding is stable
    const once = serializeCap(r.value);
    const again = parseCap(once);
    expect(again.ok, again.ok ? '' : `${again.error.path}: ${again.error.reason}`).toBe(true);
    if (again.ok) expect(serializeCap(again.value)).toBe(once);
  } else {
    expect(typeof r.error.path).toBe('string');
    expect(typeof r.error.reason).toBe('string');
    expect(r.error.reason.length).toBeGreaterThan(0);
  }
}

function parseChecked(xml: string): void {
  let r: CapResult<CapMessage> | undefined;
  expect(() => {
    r = parseCap(xml);
  }).not.toThrow();
  checkShape(r!);
}

const xmlToken = fc.constantFrom(
  '<', '>', '</', '/>', '<?xml version="1.0"?>', '<!--', '-->', '<![CDATA[', ']]>', '&', '&amp;', '&lt;', '&#', '&#x', ';', '"', "'", '=',
  ':', ' ', '\n', 'alert', 'info', 'area', 'polygon', 'circle', 'xmlns', 'xmlns:cap', 'cap:', '__proto__', 'constructor', 'toString',
  '#text', ':@', 'urn:oasis:names:tc:emergency:cap:1.2', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">', '</alert>', '<identifier>',
  '</identifier>', '<sent>2024-01-01T00:00:00+00:00</sent>', '<polygon>1,2 3,4 5,6 1,2</polygon>', '<!DOCTYPE', '<!ENTITY', '\u0000', '\uD800', '中',
);

describe('parseCap never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 })), parseChecked),
      { numRuns: 500 },
    );
  });

  it('on XML-ish token soup', () => {
    fc.assert(fc.property(fc.array(xmlToken, { maxLength: 80 }).map((t) => t.join('')), parseChecked), { numRuns: 500 });
  });

  it('on deeply nested input', () => {
    parseChecked(`<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${'<info>'.repeat(5000)}${'</info>'.repeat(5000)}</alert>`);
  });

  it('on random mutations of the corpus', () => {
    const mutation = fc.oneof(
      // delete a slice
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
      // insert XML-ish tokens or random text
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.oneof(fc.array(xmlToken, { minLength: 1, maxLength: 5 }).map((t) => t.join('')), fc.string({ maxLength: 10 })),
      }),
      // duplicate a slice (repeats elements)
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
      // cut the document short
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      // replace one character
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
    );
    type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;
    const apply = (xml: string, m: Mutation): string => {
      const at = m.at % (xml.length + 1);
      switch (m.kind) {
        case 'delete':
          return xml.slice(0, at) + xml.slice(at + m.len);
        case 'insert':
          return xml.slice(0, at) + m.text + xml.slice(at);
        case 'duplicate':
          return xml.slice(0, at + m.len) + xml.slice(at, at + m.len) + xml.slice(at + m.len);
        case 'truncate':
          return xml.slice(0, at);
        case 'replace':
          return xml.slice(0, at) + m.text + xml.slice(at + 1);
      }
    };
    fc.assert(
      fc.property(fc.constantFrom(...small), fc.array(mutation, { minLength: 1, maxLength: 4 }), (f, ms) => {
        parseChecked(ms.reduce(apply, f.xml));
      }),
      { numRuns: 500 },
    );
  });
});
