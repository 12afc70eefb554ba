import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { LANGUAGES, type Language } from '@shared/i18n';
import { LANGUAGE_NAMES, MENU_LABELS } from './menuLabels';

/** Builds and installs the application menu in `language`. */
export function installMenu(language: Language, onPickLanguage: (language: Language) => void): void {
  const l = MENU_LABELS[language];
  const template: MenuItemConstructorOptions[] = [
    {
      label: l.app,
      submenu: [{ label: l.quit, accelerator: 'CmdOrCtrl+Q', click: () => app.quit() }],
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
        click: () => onPickLanguage(lang),
      })),
    },
    { label: l.window, submenu: [{ label: l.minimize, role: 'minimize' }] },
    {
      label: l.help,
      submenu: [
        {
          label: l.about,
          click: () => void dialog.showMessageBox({ message: l.aboutText(app.getVersion()), type: 'info' }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
