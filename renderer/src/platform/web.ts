/**
 * Web mode: settings live in localStorage (per browser profile), and a change
 * made in one tab reaches the others through the `storage` event.
 */
import {
  applySettingsPatch,
  hubInfoSchema,
  notifyRequestSchema,
  parseSettings,
  printToPdfRequestSchema,
  saveFileRequestSchema,
  settingsPatchSchema,
  type IpcResult,
  type NotificationTarget,
  type SavedFile,
  type Settings,
} from '@shared/ipc';
import type { Platform } from './index';

const SETTINGS_KEY = 'longwatch.settings';

function readSettings(): Settings {
  try {
    return parseSettings(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}'));
  } catch {
    return parseSettings({});
  }
}

function writeSettings(next: Settings): IpcResult<Settings> {
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(next));
  } catch (e) {
    return { ok: false, error: { code: 'failed', message: `settings not saved: ${String(e)}` } };
  }
  return { ok: true, value: next };
}

/** Clicks on notifications this page raised. */
const notificationClickListeners = new Set<(target: NotificationTarget) => void>();
/** Notifications shown and not yet closed, by tag (a reference keeps the click handler alive). */
const shownNotifications = new Map<string, Notification>();

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
    setLanguage: async (language) => writeSettings({ ...readSettings(), language }),
    updateSettings: async (patch) => {
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: `settings: ${parsed.error.message}` } };
      return writeSettings(applySettingsPatch(readSettings(), parsed.data));
    },
    notify: async (request) => {
      const parsed = notifyRequestSchema.safeParse(request);
      if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: `notify: ${parsed.error.message}` } };
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return { ok: true, value: { shown: false } };
      const { tag, title, body, critical, target } = parsed.data;
      try {
        shownNotifications.get(tag)?.close();
        const n = new Notification(title, { body, tag, requireInteraction: critical, icon: './emblem.svg' });
        n.onclick = () => {
          window.focus();
          for (const l of notificationClickListeners) l(target);
          n.close();
        };
        n.onclose = () => {
          if (shownNotifications.get(tag) === n) shownNotifications.delete(tag);
        };
        shownNotifications.set(tag, n);
      } catch (e) {
        return { ok: false, error: { code: 'failed', message: `the browser refused the notification: ${String(e)}` } };
      }
      return { ok: true, value: { shown: true } };
    },
    setBadge: async ({ count }) => {
      // The Badging API exists for installed web apps in Chromium; elsewhere there is nothing to badge.
      const nav = navigator as Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
      if (!nav.setAppBadge) return { ok: true, value: { badge: false, tray: false } };
      try {
        await (count > 0 ? nav.setAppBadge(count) : nav.clearAppBadge?.());
        return { ok: true, value: { badge: true, tray: false } };
      } catch {
        return { ok: true, value: { badge: false, tray: false } };
      }
    },
    openWall: async () => {
      const wall = window.open(`${location.pathname}${location.search}#/wall`, 'longwatch-wall');
      return { ok: true, value: { opened: wall !== null } };
    },
    openLogs: async () => ({
      ok: false,
      error: { code: 'failed', message: 'web mode keeps no log files in the browser; the web host logs on its console' },
    }),
    // Web mode has no OS key store: the browser profile's localStorage is where the sign-in stays.
    secret: async (name) => {
      try {
        return { ok: true, value: { value: localStorage.getItem(name) } };
      } catch (e) {
        return { ok: false, error: { code: 'failed', message: `the browser's storage cannot be read: ${String(e)}` } };
      }
    },
    setSecret: async (name, value) => {
      try {
        if (value === null) localStorage.removeItem(name);
        else localStorage.setItem(name, value);
        return { ok: true, value: { persistent: true } };
      } catch (e) {
        return { ok: false, error: { code: 'failed', message: `the browser's storage cannot be written: ${String(e)}` } };
      }
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
    onNotificationClick: (listener) => {
      notificationClickListeners.add(listener);
      return () => notificationClickListeners.delete(listener);
    },
    // No tray and no application menu in a browser.
    onToggleMute: () => () => undefined,
    onOpenSettings: () => () => undefined,
  };
}
