/**
 * Where the hub sign-in (session token and user) is remembered between
 * starts, so a reload or restart resumes without asking again (issue 9 §4).
 *
 * Electron: through the bridge into safeStorage (electron/main/secrets.ts),
 * never in the renderer's localStorage; where the OS keeps no key the main
 * process holds it for this run only, and the next start asks for the
 * password again. A sign-in an older version left in localStorage is moved
 * over once. Web mode: localStorage, as before (the browser profile is the
 * boundary there).
 */
import type { HubInfo } from '@shared/ipc';
import { platform } from '../platform';
import type { Session } from './messages';

function sessionKey(hub: HubInfo): string {
  return `longwatch.session.${hub.url || location.origin}`;
}

function parse(raw: string | null | undefined): Session | null {
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    return typeof s?.token === 'string' && s.user ? s : null;
  } catch {
    return null;
  }
}

function fromLocalStorage(key: string): Session | null {
  try {
    return parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

export async function loadSession(hub: HubInfo): Promise<Session | null> {
  const key = sessionKey(hub);
  if (platform.kind !== 'electron') return fromLocalStorage(key);
  const legacy = fromLocalStorage(key);
  if (legacy) {
    localStorage.removeItem(key);
    await platform.setSecret(key, JSON.stringify(legacy));
    return legacy;
  }
  const r = await platform.secret(key);
  return r.ok ? parse(r.value.value) : null;
}

export function saveSession(hub: HubInfo, session: Session | null): void {
  const key = sessionKey(hub);
  if (platform.kind !== 'electron') {
    if (session) localStorage.setItem(key, JSON.stringify(session));
    else localStorage.removeItem(key);
    return;
  }
  void platform.setSecret(key, session ? JSON.stringify(session) : null).then((r) => {
    if (!r.ok) console.warn(`the sign-in could not be kept: ${r.error.message}`);
    else if (session && !r.value.persistent) console.info(`the sign-in is kept for this run only: ${r.value.reason}`);
  });
}
