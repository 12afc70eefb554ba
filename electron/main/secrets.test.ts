import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretStore, type SafeStorageLike } from './secrets';

/**
 * Test double for Electron's safeStorage (the Electron binary is a boundary
 * we do not own and is not installed here): real AES with a key held by
 * "the OS" (this object), so what reaches the disk is really ciphertext.
 */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      const iv = randomBytes(16);
      const c = createCipheriv('aes-256-cbc', key, iv);
      return Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]);
    },
    decryptString(encrypted) {
      const d = createDecipheriv('aes-256-cbc', key, encrypted.subarray(0, 16));
      return Buffer.concat([d.update(encrypted.subarray(16)), d.final()]).toString('utf8');
    },
  };
}

const dir = (): string => mkdtempSync(join(tmpdir(), 'lw-secrets-'));
const SECRET = 'session-token-3c8e1f0a9b7d';

describe('SecretStore', () => {
  it('keeps a secret encrypted in a 0600 file and reads it back after a restart', () => {
    const d = dir();
    const safe = fakeSafeStorage();
    expect(SecretStore.inFolder(d, safe).set('session:http://hub', SECRET)).toEqual({ persistent: true });
    const raw = readFileSync(join(d, 'secrets.json'), 'utf8');
    expect(raw).not.toContain(SECRET);
    if (process.platform !== 'win32') expect(statSync(join(d, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(SecretStore.inFolder(d, safe).get('session:http://hub')).toBe(SECRET);
    const again = SecretStore.inFolder(d, safe);
    again.delete('session:http://hub');
    expect(SecretStore.inFolder(d, safe).get('session:http://hub')).toBeNull();
  });

  it('forgets a secret that no longer decrypts (another OS key) instead of failing', () => {
    const d = dir();
    SecretStore.inFolder(d, fakeSafeStorage()).set('session:x', SECRET);
    expect(SecretStore.inFolder(d, fakeSafeStorage()).get('session:x')).toBeNull();
  });

  it.each([
    ['safeStorage unavailable', { available: false }, 'darwin' as const],
    ["Linux's basic_text backend", { backend: 'basic_text' }, 'linux' as const],
  ])('falls back to memory only when %s, and says why', (_what, options, platform) => {
    const d = dir();
    const store = new SecretStore(join(d, 'secrets.json'), fakeSafeStorage(options), platform);
    const p = store.set('session:x', SECRET);
    expect(p.persistent).toBe(false);
    expect(p.persistent === false && p.reason).toMatch(/this run only/);
    expect(store.get('session:x')).toBe(SECRET);
    expect(existsSync(join(d, 'secrets.json'))).toBe(false);
    expect(new SecretStore(join(d, 'secrets.json'), fakeSafeStorage(options), platform).get('session:x')).toBeNull();
  });
});
