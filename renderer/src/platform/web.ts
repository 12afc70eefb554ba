/**
 * Web mode: settings live in localStorage (per browser profile), and a change
 * made in one tab reaches the others through the `storage` event.
 */
import { DEFAULT_LANGUAGE, isLanguage } from '@shared/i18n';
import { hubInfoSchema, printToPdfRequestSchema, saveFileRequestSchema, type IpcResult, type SavedFile, type Settings } from '@shared/ipc';
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

/**
 * Hands `data` to the browser as a download through an anchor with a
 * `download` attribute (what a user's "Save link as" would do). The object URL
 * is revoked once the browser has had the click.
 */
function download(name: string, data: string | Uint8Array, mime: string): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function invalid(message: string): IpcResult<SavedFile> {
  return { ok: false, error: { code: 'invalid-request', message } };
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
    saveFile: async (request) => {
      const parsed = saveFileRequestSchema.safeParse(request);
      if (!parsed.success) return invalid(`saveFile: ${parsed.error.message}`);
      try {
        download(parsed.data.suggestedName, parsed.data.data, parsed.data.mime);
      } catch (e) {
        return { ok: false, error: { code: 'failed', message: `the download did not start: ${String(e)}` } };
      }
      return { ok: true, value: { saved: true } };
    },
    printToPdf: async (request) => {
      const parsed = printToPdfRequestSchema.safeParse(request);
      if (!parsed.success) return invalid(`printToPdf: ${parsed.error.message}`);
      // The browser's own print dialog offers "Save as PDF"; nothing is saved by us.
      window.print();
      return { ok: true, value: { saved: false } };
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
