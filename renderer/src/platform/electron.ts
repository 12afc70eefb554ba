import type { LongwatchApi } from '@shared/ipc';
import type { Platform } from './index';

export function electronPlatform(bridge: LongwatchApi): Platform {
  return {
    kind: 'electron',
    appInfo: () => bridge.appInfo(),
    settings: () => bridge.settings(),
    setLanguage: (language) => bridge.setLanguage(language),
    hubInfo: () => bridge.hubInfo(),
    secret: (name) => bridge.secret(name),
    setSecret: (name, value) => bridge.setSecret(name, value),
    saveFile: (request) => bridge.saveFile(request),
    printToPdf: (request) => bridge.printToPdf(request),
    updateSettings: (patch) => bridge.updateSettings(patch),
    notify: (request) => bridge.notify(request),
    setBadge: (request) => bridge.setBadge(request),
    openWall: () => bridge.openWall(),
    openLogs: () => bridge.openLogs(),
    onDidChangeSettings: (listener) => bridge.onDidChangeSettings(listener),
    onNotificationClick: (listener) => bridge.onNotificationClick(listener),
    onToggleMute: (listener) => bridge.onToggleMute(listener),
    onOpenSettings: (listener) => bridge.onOpenSettings(listener),
  };
}
