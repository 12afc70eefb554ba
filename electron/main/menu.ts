import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { LANGUAGES, type Language } from '@shared/i18n';
import { LANGUAGE_NAMES, MENU_LABELS } from './menuLabels';

export interface MenuActions {
  pickLanguage(language: Language): void;
  /** Window → Open the video wall (Ctrl+Shift+W). */
  openWall(): void;
  /** App → Settings… (the renderer's settings dialog in the focused window). */
  openSettings(): void;
  /** Help → Open log folder. */
  openLogs(): void;
}

/** The wall's accelerator; the menu item makes it work from any window. */
export const WALL_ACCELERATOR = 'CmdOrCtrl+Shift+W';

/** Builds and installs the application menu in `language`. */
export function installMenu(language: Language, actions: MenuActions): void {
  const l = MENU_LABELS[language];
  const template: MenuItemConstructorOptions[] = [
    {
      label: l.app,
      submenu: [
        { label: l.settings, accelerator: 'CmdOrCtrl+,', click: () => actions.openSettings() },
        { type: 'separator' },
        { label: l.quit, accelerator: 'CmdOrCtrl+Q', click: () => app.quit() },
      ],
    },
    {
      label: l.view,
      submenu: [
        { label: l.reload, role: 'reload' },
        { label: l.fullScreen, role: 'togglefullscreen' },
        { type: 'separator' },
        { label: l.zoomIn, role: 'zoomIn' },
        { label: l.zoomOut, role: 'zoomOut' },
        { label: l.resetZoom, role: 'resetZoom' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { label: l.devTools, role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: l.language,
      submenu: LANGUAGES.map((lang) => ({
        label: LANGUAGE_NAMES[lang],
        type: 'radio' as const,
        checked: lang === language,
        click: () => actions.pickLanguage(lang),
      })),
    },
    {
      label: l.window,
      submenu: [
        { label: l.openWall, accelerator: WALL_ACCELERATOR, click: () => actions.openWall() },
        { type: 'separator' },
        { label: l.minimize, role: 'minimize' },
      ],
    },
    {
      label: l.help,
      submenu: [
        { label: l.openLogs, click: () => actions.openLogs() },
        { type: 'separator' },
        {
          label: l.about,
          click: () => void dialog.showMessageBox({ message: l.aboutText(app.getVersion()), type: 'info' }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
