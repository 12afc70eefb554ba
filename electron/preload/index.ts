/**
 * The typed bridge. Exposes exactly one object, `window.longwatch`
 * (`LongwatchApi`); `ipcRenderer` itself never reaches the page.
 *
 * Built as CommonJS: a sandboxed preload cannot be an ES module. It imports
 * only types from `shared/`, so nothing but `electron` is required at run time.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BRIDGE_KEY, IpcChannel, IpcEvent, IpcEventPayload, IpcRequest, IpcResponse, IpcResult, LongwatchApi } from '@shared/ipc';

function invoke<C extends IpcChannel>(channel: C, request?: IpcRequest<C>): Promise<IpcResult<IpcResponse<C>>> {
  return (ipcRenderer.invoke(channel, request) as Promise<IpcResult<IpcResponse<C>>>).catch((e: unknown) => ({
    ok: false as const,
    error: { code: 'failed' as const, message: e instanceof Error ? e.message : String(e) },
  }));
}

function subscribe<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
  const wrapped = (_e: IpcRendererEvent, payload: IpcEventPayload<E>): void => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => ipcRenderer.removeListener(event, wrapped);
}

const api: LongwatchApi = {
  appInfo: () => invoke('APP_GET_INFO'),
  settings: () => invoke('SETTINGS_GET'),
  setLanguage: (language) => invoke('SETTINGS_SET_LANGUAGE', language),
  hubInfo: () => invoke('HUB_GET_INFO'),
  secret: (name) => invoke('SECRET_GET', name),
  setSecret: (name, value) => invoke('SECRET_SET', { name, value }),
  saveFile: (request) => invoke('FILE_SAVE', request),
  printToPdf: (request) => invoke('FILE_PRINT_TO_PDF', request),
  updateSettings: (patch) => invoke('SETTINGS_UPDATE', patch),
  notify: (request) => invoke('NOTIFY_SHOW', request),
  setBadge: (request) => invoke('APP_SET_BADGE', request),
  openWall: () => invoke('WALL_OPEN'),
  openLogs: () => invoke('LOGS_OPEN'),
  onDidChangeSettings: (listener) => subscribe('SETTINGS_DID_CHANGE', listener),
  onNotificationClick: (listener) => subscribe('NOTIFICATION_CLICKED', listener),
  onToggleMute: (listener) => subscribe('TRAY_TOGGLE_MUTE', () => listener()),
  onOpenSettings: (listener) => subscribe('SETTINGS_OPEN', () => listener()),
};

const key: typeof BRIDGE_KEY = 'longwatch';
contextBridge.exposeInMainWorld(key, api);
