import type { LongwatchApi } from '@shared/ipc';
import type { Platform } from './index';

export function electronPlatform(bridge: LongwatchApi): Platform {
  return {
    kind: 'electron',
    appInfo: () => bridge.appInfo(),
    settings: () => bridge.settings(),
    setLanguage: (language) => bridge.setLanguage(language),
    hubInfo: () => bridge.hubInfo(),
    saveFile: (request) => bridge.saveFile(request),
    printToPdf: (request) => bridge.printToPdf(request),
    onDidChangeSettings: (listener) => bridge.onDidChangeSettings(listener),
  };
}
