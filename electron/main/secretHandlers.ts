/**
 * SECRET_GET / SECRET_SET: the renderer keeps its hub sign-in through these
 * (renderer/src/live/sessionVault.ts), encrypted by `SecretStore` with
 * Electron's safeStorage. Registered after `app` is ready: on Linux,
 * safeStorage only knows its backend then.
 */
import { safeStorage } from 'electron';
import type { Logger } from 'pino';
import { handle } from './ipc';
import { SecretStore } from './secrets';

export function registerSecretHandlers(userData: string, log: Logger): void {
  const secrets = SecretStore.inFolder(userData, safeStorage);
  if (!secrets.persistence.persistent) log.warn({ reason: secrets.persistence.reason }, 'secrets are kept for this run only');
  handle('SECRET_GET', (name) => ({ value: secrets.get(name) }));
  handle('SECRET_SET', ({ name, value }) => {
    if (value === null) {
      secrets.delete(name);
      return secrets.persistence;
    }
    return secrets.set(name, value);
  });
}
