/**
 * Electron main process: one instance, one locked-down window, the typed IPC
 * handlers. The hub supervisor joins here in a later issue (DESIGN §1).
 */
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { handle, send } from './ipc';
import { installMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { SettingsStore } from './settings';
import { createMainWindow, lockDownNavigation } from './window';
import type { Language } from '@shared/i18n';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  lockDownNavigation();
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    const store = SettingsStore.inFolder(app.getPath('userData'));
    serveRenderer(join(import.meta.dirname, '../renderer'), []);
    // No permission (camera, geolocation, …) is ever granted to web content.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

    const pickLanguage = (language: Language): void => {
      const settings = store.update({ language });
      installMenu(settings.language, pickLanguage);
      for (const win of BrowserWindow.getAllWindows()) send(win.webContents, 'SETTINGS_DID_CHANGE', settings);
    };

    handle('APP_GET_INFO', () => ({
      version: app.getVersion(),
      shell: 'electron' as const,
      versions: {
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        node: process.versions.node,
      },
      os: process.platform,
    }));
    handle('SETTINGS_GET', () => store.settings);
    handle('SETTINGS_SET_LANGUAGE', (language) => {
      const settings = store.update({ language });
      installMenu(settings.language, pickLanguage);
      return settings;
    });

    installMenu(store.settings.language, pickLanguage);
    mainWindow = createMainWindow(store);
    mainWindow.on('closed', () => (mainWindow = null));
  });

  app.on('window-all-closed', () => app.quit());
}
