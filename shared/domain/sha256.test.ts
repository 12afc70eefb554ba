import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Utf8Hex } from './sha256';

const native = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Utf8Hex', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(sha256Utf8Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Utf8Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Utf8Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256Utf8Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with Node at every padding boundary and after the buffer grows', () => {
    for (let n = 0; n <= 200; n++) expect(sha256Utf8Hex('x'.repeat(n))).toBe(native('x'.repeat(n)));
    const long = '龙江'.repeat(5000);
    expect(sha256Utf8Hex(long)).toBe(native(long));
    expect(sha256Utf8Hex('abc')).toBe(native('abc'));
  });

  it('hashes the UTF-8 bytes as Node does: Chinese, astral characters, lone surrogates', () => {
    for (const text of ['龙江联合指挥中心', '😀 emoji', 'a\ud800b', '\udc00', 'tail\ud83d']) expect(sha256Utf8Hex(text)).toBe(native(text));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256Utf8Hex(text) === native(text)), { numRuns: 500 });
  });
});
