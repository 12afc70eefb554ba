import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE, SecretBox } from './secretBox';

const dir = (): string => mkdtempSync(join(tmpdir(), 'lw-box-'));
const TOKEN = 'feed-token-Zq8xW3-secret-9f2c';

describe('SecretBox', () => {
  it('creates a 0600 key file once and opens what it sealed, also after a restart', () => {
    const d = dir();
    const box = SecretBox.openOrCreate(d);
    const file = join(d, KEY_FILE);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8');
    const sealed = box.seal(TOKEN, 'traffic');
    expect(sealed).not.toContain(TOKEN);
    expect(sealed.startsWith('v1:')).toBe(true);
    const again = SecretBox.openOrCreate(d);
    expect(readFileSync(file, 'utf8')).toBe(key);
    expect(again.open(sealed, 'traffic')).toEqual({ ok: true, value: TOKEN });
  });

  it('seals the same token differently every time (random IV)', () => {
    const box = SecretBox.openOrCreate(dir());
    expect(box.seal(TOKEN, 'traffic')).not.toBe(box.seal(TOKEN, 'traffic'));
  });

  it('refuses a sealed token moved to another feed, altered, or from another hub', () => {
    const box = SecretBox.openOrCreate(dir());
    const sealed = box.seal(TOKEN, 'traffic');
    expect(box.open(sealed, 'ecology').ok).toBe(false);
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    expect(box.open([parts[0], parts[1], parts[2], body.toString('base64')].join(':'), 'traffic').ok).toBe(false);
    expect(SecretBox.openOrCreate(dir()).open(sealed, 'traffic').ok).toBe(false);
    expect(box.open('plain-text-token', 'traffic')).toMatchObject({ ok: false, error: 'not a sealed token of this hub' });
  });

  it.skipIf(process.platform === 'win32')('refuses a key file other accounts can read, and a damaged one', () => {
    const d = dir();
    SecretBox.openOrCreate(d);
    chmodSync(join(d, KEY_FILE), 0o644);
    expect(() => SecretBox.openOrCreate(d)).toThrow(/chmod 600/);
    const e = dir();
    writeFileSync(join(e, KEY_FILE), 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => SecretBox.openOrCreate(e)).toThrow(/32-byte key/);
  });
});
