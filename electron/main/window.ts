import { app, BrowserWindow, dialog, screen, shell } from 'electron';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { HANG_GRACE_MS, onRendererGone } from './resilience';
import type { SettingsStore } from './settings';
import { APP_ORIGIN, isAppUrl } from './trust';
import { MIN_HEIGHT, MIN_WIDTH, placeWindow } from './windowState';

const PRODUCT_TITLE = '龙江联合指挥中心 Longwatch';

/** Where the renderer is loaded from: the dev server in `electron-vite dev`, else the app protocol. */
export function rendererEntry(hash = ''): string {
  return (process.env['ELECTRON_RENDERER_URL'] ?? `${APP_ORIGIN}/index.html`) + hash;
}

/** The preload of every window: it exposes only the typed bridge through contextBridge (electron/preload/index.ts). */
export const PRELOAD = join(import.meta.dirname, '../preload/index.cjs');

/**
 * Reloads a window whose renderer crashed (the replica is in IndexedDB, so
 * it resumes where it was) or hung for longer than HANG_GRACE_MS; a crash
 * loop is reported instead of reloaded forever.
 */
export function watchRenderer(win: BrowserWindow, log: Logger, name: string): void {
  const crashes: number[] = [];
  let hang: NodeJS.Timeout | undefined;
  win.webContents.on('render-process-gone', (_e, details) => {
    const now = Date.now();
    const action = onRendererGone(details, crashes, now);
    crashes.push(now);
    log.error({ window: name, reason: details.reason, exitCode: details.exitCode, action: action.kind }, 'renderer gone');
    if (action.kind === 'reload') setTimeout(() => !win.isDestroyed() && win.webContents.reload(), action.afterMs);
    if (action.kind === 'give-up' && !win.isDestroyed()) {
      void dialog.showMessageBox(win, { type: 'error', message: 'Longwatch', detail: action.message, buttons: ['OK'] });
    }
  });
  win.on('unresponsive', () => {
    log.warn({ window: name }, 'renderer unresponsive');
    clearTimeout(hang);
    hang = setTimeout(() => {
      if (win.isDestroyed()) return;
      log.error({ window: name, graceMs: HANG_GRACE_MS }, 'renderer still unresponsive: restarting it');
      // The crash handler above then reloads it.
      win.webContents.forcefullyCrashRenderer();
    }, HANG_GRACE_MS);
  });
  win.on('responsive', () => {
    if (hang) log.info({ window: name }, 'renderer responsive again');
    clearTimeout(hang);
    hang = undefined;
  });
}

export function createMainWindow(store: SettingsStore, log: Logger): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  const placed = placeWindow(store.window, displays.map((d) => d.workArea));
  const win = new BrowserWindow({
    ...placed.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: PRODUCT_TITLE,
    backgroundColor: '#0b1220',
    show: false,
    // Spelled out in each window (not built by a helper) so `npm run check:electron` can verify them (DESIGN §6).
    webPreferences: {
      preload: PRELOAD, // eng-disable PRELOAD_JS_CHECK (reviewed: the typed bridge only)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click must not open a link in a new window (window.open is denied anyway).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  if (placed.maximized) win.maximize();
  if (placed.fullScreen) win.setFullScreen(true);
  win.once('ready-to-show', () => win.show());
  // The page's <title> would otherwise replace the product title.
  win.on('page-title-updated', (e) => e.preventDefault());

  const remember = (): void => {
    if (win.isDestroyed()) return;
    store.rememberWindow({
      bounds: win.getNormalBounds(),
      maximized: win.isMaximized(),
      fullScreen: win.isFullScreen(),
    });
  };
  let timer: NodeJS.Timeout | undefined;
  const rememberSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(remember, 500);
  };
  win.on('resize', rememberSoon);
  win.on('move', rememberSoon);
  win.on('close', remember);

  watchRenderer(win, log, 'main');
  void win.loadURL(rendererEntry());
  return win;
}

/**
 * Denies navigation away from the app and every `window.open`, for every
 * web contents the app ever creates (DESIGN §6). External http(s) links a
 * user clicks open in the system browser instead.
 */
export function lockDownNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, process.env['ELECTRON_RENDERER_URL'])) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, process.env['ELECTRON_RENDERER_URL'])) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url) && !isAppUrl(url, process.env['ELECTRON_RENDERER_URL'])) {
        // Reviewed: only http(s) links, handed to the system browser, never loaded in the app.
        void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      }
      return { action: 'deny' };
    });
  });
}
