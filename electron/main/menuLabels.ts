/** Application-menu labels. The renderer has its own i18n resources; the menu lives in main. */
import type { Language } from '@shared/i18n';

export interface MenuLabels {
  app: string;
  about: string;
  quit: string;
  view: string;
  reload: string;
  fullScreen: string;
  devTools: string;
  zoomIn: string;
  zoomOut: string;
  resetZoom: string;
  language: string;
  window: string;
  minimize: string;
  help: string;
  aboutText: (version: string) => string;
  settings: string;
  openWall: string;
  openLogs: string;
  trayShow: string;
  trayMute: string;
  trayTooltip: string;
}

export const MENU_LABELS: Record<Language, MenuLabels> = {
  'zh-CN': {
    app: '龙江指挥',
    about: '关于龙江联合指挥中心',
    quit: '退出',
    view: '视图',
    reload: '重新加载',
    fullScreen: '全屏',
    devTools: '开发者工具',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetZoom: '实际大小',
    language: '语言',
    window: '窗口',
    minimize: '最小化',
    help: '帮助',
    aboutText: (v) => `龙江联合指挥中心 Longwatch\n版本 ${v}`,
    settings: '设置…',
    openWall: '打开态势大屏',
    openLogs: '打开日志文件夹',
    trayShow: '显示指挥台',
    trayMute: '静音告警声',
    trayTooltip: '龙江联合指挥中心',
  },
  en: {
    app: 'Longwatch',
    about: 'About Longwatch',
    quit: 'Quit',
    view: 'View',
    reload: 'Reload',
    fullScreen: 'Full Screen',
    devTools: 'Developer Tools',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    language: 'Language',
    window: 'Window',
    minimize: 'Minimize',
    help: 'Help',
    aboutText: (v) => `Longwatch (龙江联合指挥中心)\nVersion ${v}`,
    settings: 'Settings…',
    openWall: 'Open the Video Wall',
    openLogs: 'Open Log Folder',
    trayShow: 'Show the Command Desk',
    trayMute: 'Mute Alarm Sound',
    trayTooltip: 'Longwatch',
  },
};

/** Each language is named in itself in the language menu. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };
