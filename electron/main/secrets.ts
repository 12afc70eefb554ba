/**
 * Secrets the workstation keeps between starts (issue 9 §4), encrypted with
 * Electron's `safeStorage` — the OS keeps the key: Keychain on macOS, DPAPI
 * on Windows, libsecret / KWallet on Linux — in `secrets.json` (0600) in the
 * user-data folder.
 *
 * Fallback: where safeStorage cannot encrypt, or on Linux where it would
 * fall back to its `basic_text` backend (a key compiled into Electron, so
 * effectively clear text), nothing is written to disk: secrets live in
 * memory for this run only, and `persistence` says why, so the caller can
 * tell the user (e.g. "sign in again after a restart").
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The part of Electron's `safeStorage` used here (the Electron module in the app; a test double in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' when no secret service is available. */
  getSelectedStorageBackend?(): string;
}

export type Persistence = { persistent: true } | { persistent: false; reason: string };

/** A name says what the secret is for (e.g. `session:<hub URL>`): printable ASCII, no spaces. */
const NAME = /^[\x21-\x7e]{1,256}$/;

export class SecretStore {
  private readonly memory = new Map<string, string>();
  readonly persistence: Persistence;

  constructor(
    private readonly file: string,
    private readonly safe: SafeStorageLike,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.persistence = SecretStore.persistenceOf(safe, platform);
  }

  static inFolder(userData: string, safe: SafeStorageLike): SecretStore {
    return new SecretStore(join(userData, 'secrets.json'), safe);
  }

  private static persistenceOf(safe: SafeStorageLike, platform: NodeJS.Platform): Persistence {
    let available = false;
    try {
      available = safe.isEncryptionAvailable();
    } catch {
      available = false;
    }
    if (!available) return { persistent: false, reason: 'the operating system offers no encryption key for this account (safeStorage unavailable); secrets are kept for this run only' };
    if (platform === 'linux') {
      const backend = safe.getSelectedStorageBackend?.() ?? 'unknown';
      if (backend === 'basic_text' || backend === 'unknown') {
        return { persistent: false, reason: `no secret service (GNOME Keyring, KWallet) is running (safeStorage backend: ${backend}); secrets are kept for this run only` };
      }
    }
    return { persistent: true };
  }

  private readAll(): Record<string, string> {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { entries?: unknown };
      return parsed.entries && typeof parsed.entries === 'object' ? (parsed.entries as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private writeAll(entries: Record<string, string>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, entries }), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  /** Stores `value` under `name`; says whether it will survive a restart. */
  set(name: string, value: string): Persistence {
    if (!NAME.test(name)) throw new Error(`secret name ${JSON.stringify(name)} is not allowed`);
    this.memory.set(name, value);
    if (!this.persistence.persistent) return this.persistence;
    const entries = this.readAll();
    entries[name] = this.safe.encryptString(value).toString('base64');
    this.writeAll(entries);
    return this.persistence;
  }

  /** The secret, or null when there is none (or it cannot be decrypted any more: another account, a new OS key). */
  get(name: string): string | null {
    const known = this.memory.get(name);
    if (known !== undefined) return known;
    if (!this.persistence.persistent) return null;
    const sealed = this.readAll()[name];
    if (typeof sealed !== 'string') return null;
    try {
      const value = this.safe.decryptString(Buffer.from(sealed, 'base64'));
      this.memory.set(name, value);
      return value;
    } catch {
      this.delete(name);
      return null;
    }
  }

  delete(name: string): void {
    this.memory.delete(name);
    if (!this.persistence.persistent) return;
    const entries = this.readAll();
    if (!(name in entries)) return;
    delete entries[name];
    this.writeAll(entries);
  }
}
