/**
 * The video-wall window (issue 9): the same renderer at `#/wall`, opened on
 * a second display when one exists and remembered where it was. It is a
 * second window of the same origin, so its ingest worker joins the elected
 * writer (Web Locks) and reads the shared replica: no second hub connection.
 */
import { BrowserWindow, screen } from 'electron';
import type { Logger } from 'pino';
import type { SettingsStore } from './settings';
import { placeWall, wallZoomFactor } from './wallPlacement';
import { PRELOAD, rendererEntry, watchRenderer } from './window';

export const WALL_TITLE = '龙江联合指挥中心 · 态势大屏';

export class WallWindow {
  private win: BrowserWindow | null = null;

  constructor(
    private readonly store: SettingsStore,
    private readonly log: Logger,
    private readonly operatorWindow: () => BrowserWindow | null,
  ) {}

  get window(): BrowserWindow | null {
    return this.win && !this.win.isDestroyed() ? this.win : null;
  }

  /** Opens the wall, or brings it forward if it is open. */
  open(): BrowserWindow {
    const existing = this.window;
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    const operator = this.operatorWindow();
    const operatorDisplay = operator ? screen.getDisplayMatching(operator.getBounds()).id : screen.getPrimaryDisplay().id;
    const displays = screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, workArea: d.workArea }));
    const placed = placeWall(this.store.wallWindow, displays, operatorDisplay);
    const win = new BrowserWindow({
      ...placed.bounds,
      title: WALL_TITLE,
      backgroundColor: '#060b15',
      autoHideMenuBar: true,
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
    this.win = win;
    win.on('page-title-updated', (e) => e.preventDefault());
    win.once('ready-to-show', () => {
      if (placed.fullScreen) win.setFullScreen(true);
      win.showInactive();
    });
    const fit = (): void => {
      if (win.isDestroyed()) return;
      win.webContents.setZoomFactor(wallZoomFactor(screen.getDisplayMatching(win.getBounds()).bounds.width));
    };
    win.webContents.on('did-finish-load', fit);
    const remember = (): void => {
      if (win.isDestroyed()) return;
      this.store.rememberWallWindow({ bounds: win.getNormalBounds(), maximized: win.isMaximized(), fullScreen: win.isFullScreen() });
    };
    let timer: NodeJS.Timeout | undefined;
    const settle = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        remember();
        fit();
      }, 500);
    };
    win.on('move', settle);
    win.on('resize', settle);
    win.on('close', remember);
    win.on('closed', () => (this.win = null));
    watchRenderer(win, this.log, 'wall');
    this.log.info({ placed, displays: displays.length }, 'video wall opened');
    void win.loadURL(rendererEntry('#/wall'));
    return win;
  }

  close(): void {
    this.window?.close();
  }
}
