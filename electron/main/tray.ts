/**
 * The tray icon and the dock/taskbar badge: the count of unacknowledged
 * alerts that concern the signed-in user (the renderer computes it from the
 * live store and reports it over APP_SET_BADGE), and a menu to show the
 * command desk, open the wall, mute the alarm sound and quit.
 */
import { app, Menu, nativeImage, Tray, type BrowserWindow, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { Language } from '@shared/i18n';
import { MENU_LABELS } from './menuLabels';

export interface TrayActions {
  show(): void;
  openWall(): void;
  toggleMute(): void;
}

/** The app icon shipped in resources/icons (see scripts/icons.mjs). */
export function appIcon(size: 16 | 32 | 64 | 256 | 512 = 256): NativeImage {
  const image = nativeImage.createFromPath(join(import.meta.dirname, `../../resources/icons/png/${size}x${size}.png`));
  return image;
}

/** Tooltip text: the product and, when there is any, the count. */
export function trayTooltip(base: string, line: string, count: number): string {
  return count > 0 && line ? `${base} — ${line}` : base;
}

export class AppTray {
  private tray: Tray | null = null;
  private count = 0;
  private muted = false;
  private line = '';

  constructor(
    private language: Language,
    private readonly actions: TrayActions,
  ) {}

  start(): void {
    if (this.tray) return;
    this.tray = new Tray(appIcon(process.platform === 'win32' ? 16 : 32));
    this.tray.on('click', () => this.actions.show());
    this.render();
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.render();
  }

  /** Returns whether the OS shows a badge (Unity/GNOME dock on Linux, macOS dock). */
  setBadge(count: number, muted: boolean, line: string, mainWindow: BrowserWindow | null): boolean {
    this.count = count;
    this.muted = muted;
    this.line = line;
    this.render();
    const badge = app.setBadgeCount(count);
    // Windows has no badge count; the taskbar button flashes instead when new work arrives and the window is in the background.
    if (process.platform === 'win32' && mainWindow && !mainWindow.isFocused() && count > 0) mainWindow.flashFrame(true);
    return badge;
  }

  get hasTray(): boolean {
    return this.tray !== null;
  }

  private render(): void {
    if (!this.tray) return;
    const l = MENU_LABELS[this.language];
    this.tray.setToolTip(trayTooltip(l.trayTooltip, this.line, this.count));
    if (process.platform === 'darwin') this.tray.setTitle(this.count > 0 ? String(this.count) : '');
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: l.trayShow, click: () => this.actions.show() },
        { label: l.openWall, click: () => this.actions.openWall() },
        { type: 'separator' },
        { label: l.trayMute, type: 'checkbox', checked: this.muted, click: () => this.actions.toggleMute() },
        { type: 'separator' },
        { label: l.quit, click: () => app.quit() },
      ]),
    );
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }
}
