/**
 * Which URLs are the app's own. Pure, so the rules are unit-tested without
 * Electron. In production the renderer is served from `app://longwatch/`; in
 * `electron-vite dev` from the dev server URL it passes in
 * `ELECTRON_RENDERER_URL`.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'longwatch';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True when `url` is a page of the app itself (same origin as the app's entry). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Maps an `app://longwatch/<path>` request onto a file below `root`, or null
 * when the path escapes it (`..`, encoded separators) or is malformed.
 * Paths without an extension fall back to `index.html` (client-side routes).
 */
export function appUrlToRelativePath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (segments.length === 0 || !/\.[a-z0-9]+$/i.test(segments[segments.length - 1] ?? '')) {
    return 'index.html';
  }
  return segments.join('/');
}
