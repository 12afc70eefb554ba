/**
 * Feed tokens at rest (issue 9): AES-256-GCM with a random 96-bit IV per
 * seal and the feed id as additional data (a sealed token copied onto
 * another feed's row does not open). The 256-bit key lives in its own file
 * in the hub's data folder, created 0600 and never in the database, so a
 * copy of the database alone (a backup, a support bundle) reveals no token.
 * Losing the key file loses the stored tokens, not the feeds: an admin
 * enters each token again.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE = 'feed-secrets.key';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export type Opened = { ok: true; value: string } | { ok: false; error: string };

export class SecretBox {
  private constructor(
    private readonly key: Buffer,
    /** Where the key is kept (for messages; the key itself is never logged). */
    readonly keyFile: string,
  ) {}

  /** Opens the key file in `dataDir`, creating it (0600, exclusive) when there is none. */
  static openOrCreate(dataDir: string): SecretBox {
    const file = join(dataDir, KEY_FILE);
    let fd: number | null = null;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (fd !== null) {
      const key = randomBytes(KEY_BYTES);
      try {
        writeSync(fd, key.toString('base64') + '\n');
      } finally {
        closeSync(fd);
      }
      // The umask can only take bits away from 0600; this states the intent on every platform that has modes.
      if (process.platform !== 'win32') chmodSync(file, 0o600);
      return new SecretBox(key, file);
    }
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      throw new Error(`${file} is readable by other accounts; run chmod 600 on it (it encrypts the feed tokens)`);
    }
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key; restore it from backup, or move it away to start a new one (stored feed tokens must then be entered again)`);
    return new SecretBox(key, file);
  }

  /** `v1:<iv>:<tag>:<ciphertext>`, base64 parts; `context` (the feed id) is authenticated, not stored. */
  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  open(sealed: string, context: string): Opened {
    const parts = sealed.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) return { ok: false, error: 'not a sealed token of this hub' };
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(parts[1]!, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(parts[2]!, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(parts[3]!, 'base64')), decipher.final()]);
      return { ok: true, value: plain.toString('utf8') };
    } catch {
      return { ok: false, error: `the token cannot be decrypted with ${this.keyFile} (another hub's key, or the row was altered); enter the token again` };
    }
  }
}
