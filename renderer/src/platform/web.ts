/**
 * Web mode: settings live in localStorage (per browser profile), and a change
 * made in one tab reaches the others through the `storage` event.
 */
import { DEFAULT_LANGUAGE, isLanguage } from '@shared/i18n';
import { hubInfoSchema, type Settings } from '@shared/ipc';
import type { Platform } from './index';

const SETTINGS_KEY = 'longwatch.settings';

function readSettings(): Settings {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}');
    const language = (raw as { language?: unknown } | null)?.language;
    return { language: isLanguage(language) ? language : DEFAULT_LANGUAGE };
  } catch {
    return { language: DEFAULT_LANGUAGE };
  }
}

export function webPlatform(): Platform {
  return {
    kind: 'web',
    appInfo: async () => ({
      ok: true,
      value: { version: __APP_VERSION__, shell: 'web', versions: {}, os: navigator.platform },
    }),
    settings: async () => ({ ok: true, value: readSettings() }),
    setLanguage: async (language) => {
      const next = { ...readSettings(), language };
      try {
        localStorage.setItem(SETTINGS_KEY, JSON.stringify(next));
      } catch (e) {
        return { ok: false, error: { code: 'failed', message: `settings not saved: ${String(e)}` } };
      }
      return { ok: true, value: next };
    },
    hubInfo: async () => {
      try {
        const res = await fetch('/api/hub', { headers: { Accept: 'application/json' } });
        if (!res.ok) return { ok: false, error: { code: 'failed', message: `the web host answered ${res.status}` } };
        const parsed = hubInfoSchema.safeParse(await res.json());
        if (!parsed.success) return { ok: false, error: { code: 'failed', message: 'the web host sent an unreadable hub description' } };
        return { ok: true, value: parsed.data };
      } catch (e) {
        return { ok: false, error: { code: 'failed', message: `the web host cannot be reached: ${String(e)}` } };
      }
    },
    onDidChangeSettings: (listener) => {
      const onStorage = (e: StorageEvent): void => {
        if (e.key === SETTINGS_KEY) listener(readSettings());
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
  };
}
