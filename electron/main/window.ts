import { app, BrowserWindow, screen, shell } from 'electron';
import { join } from 'node:path';
import type { SettingsStore } from './settings';
import { APP_ORIGIN, isAppUrl } from './trust';
import { MIN_HEIGHT, MIN_WIDTH, placeWindow } from './windowState';

const PRODUCT_TITLE = '龙江联合指挥中心 Longwatch';

/** Where the renderer is loaded from: the dev server in `electron-vite dev`, else the app protocol. */
function rendererEntry(): string {
  return process.env['ELECTRON_RENDERER_URL'] ?? `${APP_ORIGIN}/index.html`;
}

export function createMainWindow(store: SettingsStore): BrowserWindow {
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
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
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
        void shell.openExternal(url);
      }
      return { action: 'deny' };
    });
  });
}
