/**
 * TEST SUPPORT ONLY (Node): read the CAP corpus and run xmllint.
 * Lives under `testing/` so the shared tsconfig and lint room treat it as test code.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type FixtureFolder = 'valid' | 'invalid' | 'older-versions';

export interface Fixture {
  folder: FixtureFolder;
  name: string;
  /** Decoded text: latin1 when the XML declaration says ISO-8859-1, else UTF-8 (what a real caller must do). */
  xml: string;
  path: string;
}

const fixturesDir = new URL('../fixtures/', import.meta.url);

/** Absolute path of the CAP 1.2 schema copy. */
export const CAP12_XSD = fileURLToPath(new URL('schema/cap12.xsd', fixturesDir));

/** Decode bytes as the XML declaration says (only UTF-8 and ISO-8859-1 occur in the corpus). */
export function decodeXmlBytes(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buf.subarray(0, 200).toString('latin1');
  const latin1 = /encoding\s*=\s*["'](ISO-8859-1|latin1)["']/i.test(head);
  return buf.toString(latin1 ? 'latin1' : 'utf8');
}

export function loadFixtures(folder: FixtureFolder): Fixture[] {
  const dir = new URL(`${folder}/`, fixturesDir);
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const url = new URL(name, dir);
      return { folder, name, xml: decodeXmlBytes(readFileSync(url)), path: fileURLToPath(url) };
    });
}

/** Fail loudly (not skip) when xmllint is missing. */
export function requireXmllint(): void {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      'xmllint is not available, so CAP output cannot be checked against the OASIS schema. ' +
        'Install it (Debian/Ubuntu: apt-get install -y libxml2-utils) and re-run. ' +
        `(${r.error ? r.error.message : `exit ${r.status}: ${r.stderr}`})`,
    );
  }
}

export interface XmllintVerdict {
  file: string;
  valid: boolean;
  /** xmllint's messages about this file (empty when it validates). */
  messages: string[];
}

/**
 * Validate files against the CAP 1.2 schema with ONE xmllint process
 * (`xmllint --noout --nonet --schema cap12.xsd f1 f2 ...`) and attribute its
 * per-file verdict lines ("F validates" / "F fails to validate").
 */
export function xmllintFiles(files: string[]): XmllintVerdict[] {
  requireXmllint();
  if (files.length === 0) return [];
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', CAP12_XSD, ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const lines = `${r.stdout}\n${r.stderr}`.split('\n');
  return files.map((file) => {
    const validates = lines.includes(`${file} validates`);
    const messages = lines.filter((l) => l.startsWith(`${file}:`) || l === `${file} fails to validate`);
    return { file, valid: validates && !lines.includes(`${file} fails to validate`), messages };
  });
}

/** Write documents to a temporary folder, validate them in one xmllint run, clean up. */
export function xmllintDocuments(docs: { name: string; xml: string }[]): (XmllintVerdict & { name: string })[] {
  requireXmllint();
  const dir = mkdtempSync(join(tmpdir(), 'cap-xsd-'));
  try {
    const files = docs.map((d, i) => {
      const file = join(dir, `${String(i).padStart(4, '0')}-${d.name.replace(/[^A-Za-z0-9._-]/g, '_')}.xml`);
      writeFileSync(file, d.xml, 'utf8');
      return file;
    });
    return xmllintFiles(files).map((v, i) => ({ ...v, name: docs[i]!.name }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
