/**
 * Electron main process: one instance, one locked-down window, the typed IPC
 * handlers, and the embedded hub in a utility process (DESIGN §1).
 */
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { registerFileHandlers } from './files';
import { freePort, HubSupervisor } from './hubSupervisor';
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

  let hub: HubSupervisor | null = null;

  void app.whenReady().then(async () => {
    const store = SettingsStore.inFolder(app.getPath('userData'));
    hub = new HubSupervisor(await freePort(), join(app.getPath('userData'), 'hub-demo'));
    hub.start();
    serveRenderer(join(import.meta.dirname, '../renderer'), [hub.origin]);
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
    handle('HUB_GET_INFO', () => hub!.hubInfo());
    handle('SETTINGS_SET_LANGUAGE', (language) => {
      const settings = store.update({ language });
      installMenu(settings.language, pickLanguage);
      return settings;
    });

    registerFileHandlers();

    installMenu(store.settings.language, pickLanguage);
    mainWindow = createMainWindow(store);
    mainWindow.on('closed', () => (mainWindow = null));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => hub?.stop());
}
