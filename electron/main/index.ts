/**
 * Electron main process: one instance, the locked-down command-desk window
 * and the video-wall window, the typed IPC handlers, tray and badge, a
 * rotating log, and the embedded hub in a utility process (DESIGN §1) —
 * unless the settings name a center's hub, which is then used instead.
 */
import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import type { HubInfo } from '@shared/ipc';
import type { Language } from '@shared/i18n';
import { registerFileHandlers } from './files';
import { freePort, HubSupervisor } from './hubSupervisor';
import { handle, send } from './ipc';
import { openMainLog } from './log';
import { installMenu, type MenuActions } from './menu';
import { registerNotificationHandlers } from './notifications';
import { registerAppScheme, serveRenderer } from './protocol';
import { registerSecretHandlers } from './secretHandlers';
import { SettingsStore } from './settings';
import { AppTray } from './tray';
import { WallWindow } from './wallWindow';
import { createMainWindow, lockDownNavigation } from './window';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  lockDownNavigation();
  let mainWindow: BrowserWindow | null = null;

  const showMain = (): void => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showMain);

  let hub: HubSupervisor | null = null;
  let tray: AppTray | null = null;

  void app.whenReady().then(async () => {
    const { logger: log, folder: logFolder } = openMainLog(app.getPath('userData'));
    log.info({ version: app.getVersion(), electron: process.versions.electron, platform: process.platform }, 'starting');
    process.on('uncaughtException', (e) => log.fatal({ error: e.stack ?? String(e) }, 'uncaught exception in main'));
    const store = SettingsStore.inFolder(app.getPath('userData'));

    // The hub address is read once: a change in settings takes effect on the next start.
    const hubSettings = store.settings.hub;
    let hubInfo: () => Promise<HubInfo>;
    let connectOrigins: string[];
    if (hubSettings.mode === 'center') {
      const origin = new URL(hubSettings.url).origin;
      connectOrigins = [origin];
      hubInfo = () => Promise.resolve({ url: hubSettings.url, mode: 'center' });
      log.info({ hub: origin }, 'using a center hub');
    } else {
      const demoHub = new HubSupervisor(await freePort(), join(app.getPath('userData'), 'hub-demo'), log.child({ part: 'hub' }));
      hub = demoHub;
      demoHub.start();
      connectOrigins = [demoHub.origin];
      hubInfo = () => demoHub.hubInfo();
    }
    serveRenderer(join(import.meta.dirname, '../renderer'), connectOrigins);
    // No permission (camera, geolocation, notifications …) is granted to web content; notifications go through NOTIFY_SHOW.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

    const wall = new WallWindow(store, log.child({ part: 'wall' }), () => mainWindow);
    const broadcastSettings = (): void => {
      for (const win of BrowserWindow.getAllWindows()) send(win.webContents, 'SETTINGS_DID_CHANGE', store.settings);
    };
    const actions: MenuActions = {
      pickLanguage: (language: Language) => {
        store.update({ language });
        applyLanguage(language);
        broadcastSettings();
      },
      openWall: () => void wall.open(),
      openSettings: () => {
        const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
        if (target && target !== wall.window) send(target.webContents, 'SETTINGS_OPEN', {});
        else if (mainWindow) {
          showMain();
          send(mainWindow.webContents, 'SETTINGS_OPEN', {});
        }
      },
      openLogs: () => void shell.openPath(logFolder),
    };
    const applyLanguage = (language: Language): void => {
      installMenu(language, actions);
      tray?.setLanguage(language);
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
    handle('HUB_GET_INFO', () => hubInfo());
    handle('SETTINGS_SET_LANGUAGE', (language) => {
      const settings = store.update({ language });
      applyLanguage(settings.language);
      return settings;
    });
    handle('SETTINGS_UPDATE', (patch, event) => {
      const before = store.settings;
      const settings = store.update(patch);
      if (settings.language !== before.language) applyLanguage(settings.language);
      if (JSON.stringify(settings.hub) !== JSON.stringify(before.hub)) log.info({ hub: settings.hub }, 'hub address changed; takes effect on restart');
      for (const win of BrowserWindow.getAllWindows()) if (win.webContents !== event.sender) send(win.webContents, 'SETTINGS_DID_CHANGE', settings);
      return settings;
    });
    handle('WALL_OPEN', () => {
      wall.open();
      return { opened: true };
    });
    handle('LOGS_OPEN', async () => {
      const problem = await shell.openPath(logFolder);
      if (problem) throw new Error(problem);
      return { path: logFolder };
    });
    handle('APP_SET_BADGE', ({ count, muted, tooltip }, event) => {
      // Only the command desk reports the badge; the wall shows the same store and would double it.
      if (wall.window && event.sender === wall.window.webContents) return { badge: false, tray: tray?.hasTray ?? false };
      const badge = tray?.setBadge(count, muted, tooltip, mainWindow) ?? false;
      return { badge, tray: tray?.hasTray ?? false };
    });
    registerFileHandlers();
    registerNotificationHandlers(log.child({ part: 'notifications' }));
    registerSecretHandlers(app.getPath('userData'), log.child({ part: 'secrets' }));

    tray = new AppTray(store.settings.language, {
      show: showMain,
      openWall: () => void wall.open(),
      toggleMute: () => mainWindow && send(mainWindow.webContents, 'TRAY_TOGGLE_MUTE', {}),
    });
    try {
      tray.start();
    } catch (e) {
      // Some Linux desktops have no status area; the badge still works where the dock supports it.
      log.warn({ error: String(e) }, 'no tray on this desktop');
    }

    installMenu(store.settings.language, actions);
    mainWindow = createMainWindow(store, log.child({ part: 'window' }));
    mainWindow.on('closed', () => {
      mainWindow = null;
      // The wall belongs to the command desk: closing the desk closes the app.
      wall.close();
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    hub?.stop();
    tray?.destroy();
  });
}
