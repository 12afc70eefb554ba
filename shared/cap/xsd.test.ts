/**
 * Schema conformance with the real external validator:
 * `xmllint --noout --nonet --schema fixtures/schema/cap12.xsd FILE`.
 * xmllint (Debian package libxml2-utils) is required: when it is missing
 * these tests FAIL with an install hint, they do not skip.
 * Each group runs ONE xmllint process over a batch of files.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capMessageArbitrary } from './arbitraries';
import { parseCap, serializeCap } from './index';
import type { CapMessage } from './index';
import { loadFixtures, requireXmllint, xmllintDocuments, xmllintFiles } from './testing/fixtures';

const valid = loadFixtures('valid');
const older = loadFixtures('older-versions');
const invalid = loadFixtures('invalid');

function parsed(xml: string, name: string): CapMessage {
  const r = parseCap(xml);
  if (!r.ok) throw new Error(`${name}: ${r.error.path}: ${r.error.reason}`);
  return r.value;
}

function explain(verdicts: { name?: string; file: string; valid: boolean; messages: string[] }[]): string {
  return verdicts
    .filter((v) => !v.valid)
    .map((v) => `${v.name ?? v.file}:\n  ${v.messages.join('\n  ')}`)
    .join('\n');
}

describe('xmllint against the OASIS CAP 1.2 schema', () => {
  it('xmllint is installed (required: apt-get install -y libxml2-utils)', () => {
    expect(requireXmllint).not.toThrow();
  });

  it('the raw valid/ fixtures validate as they are (the XSD says what we think)', () => {
    // All 18 real-world files in valid/ validate unmodified, including the ones
    // with CAP-level oddities the parser warns about: empty <references/>
    // (google-canada_errors.cap; xs:string allows it), "-00:00" offsets, empty
    // <uri></uri> (anyURI allows ''), ds:/capsig: prefixed <Signature> (the
    // schema's xs:any for the xmldsig namespace, processContents="lax").
    const verdicts = xmllintFiles(valid.map((f) => f.path));
    expect(explain(verdicts)).toBe('');
    expect(verdicts.filter((v) => v.valid)).toHaveLength(valid.length);
  });

  it('the raw invalid/google-invalid.cap fails validation (missing <scope>)', () => {
    // google-xee.cap is deliberately NOT fed to xmllint: it is an XXE payload
    // (external DTD, file:// entities) and there is no reason to hand it to a
    // DTD-capable parser, even with --nonet.
    const target = invalid.find((f) => f.name === 'google-invalid.cap')!;
    const [verdict] = xmllintFiles([target.path]);
    expect(verdict!.valid).toBe(false);
    expect(verdict!.messages.join('\n')).toMatch(/scope/);
  });

  it('negative control: a document with elements out of sequence order is rejected', () => {
    const xml = serializeCap(parsed(valid[0]!.xml, valid[0]!.name));
    const swapped = xml.replace(/(<identifier>[^<]*<\/identifier>)(\s*)(<sender>[^<]*<\/sender>)/, '$3$2$1');
    expect(swapped).not.toBe(xml);
    const [verdict] = xmllintDocuments([{ name: 'swapped', xml: swapped }]);
    expect(verdict!.valid).toBe(false);
  });

  it('serializeCap(parseCap(x)) validates for every valid/ and older-versions/ fixture', () => {
    const docs = [...valid, ...older].map((f) => ({
      name: `${f.folder}/${f.name}`,
      xml: serializeCap(parsed(f.xml, f.name)),
    }));
    const verdicts = xmllintDocuments(docs);
    expect(explain(verdicts)).toBe('');
    expect(verdicts.every((v) => v.valid)).toBe(true);
    expect(verdicts).toHaveLength(33);
  });

  it('serialized messages from capMessageArbitrary validate (50 random messages, one xmllint run)', () => {
    const seed = Date.now() ^ 0x5eed;
    const messages = fc.sample(capMessageArbitrary, { numRuns: 50, seed });
    const docs = messages.map((m, i) => ({ name: `arbitrary-${i}`, xml: serializeCap(m) }));
    const verdicts = xmllintDocuments(docs);
    const failures = explain(verdicts);
    expect(failures, `fast-check seed ${seed}`).toBe('');
    // and they decode back to the same message
    for (const [i, m] of messages.entries()) {
      const r = parseCap(docs[i]!.xml);
      expect(r.ok, `seed ${seed}, message ${i}: ${r.ok ? '' : r.error.reason}`).toBe(true);
      if (r.ok) expect(r.value).toEqual(m);
    }
  });
});
