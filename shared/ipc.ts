/**
 * Every IPC channel between the Electron main process and the renderer,
 * declared once with its request and response schemas (STYLE §3, §4).
 *
 * Adding a method: (1) add the channel here, (2) register its handler in
 * `electron/main/<feature>` with `handle()`, (3) expose it in
 * `electron/preload/index.ts`, (4) call it through `renderer/src/platform`.
 */
import { z } from 'zod';
import { LANGUAGES } from './i18n';
import type { Result } from './result';

export const languageSchema = z.enum(LANGUAGES);

export const appInfoSchema = z.object({
  /** Application version from package.json. */
  version: z.string(),
  /** 'electron' under the desktop shell; 'web' when served by the web-mode host. */
  shell: z.enum(['electron', 'web']),
  /** Runtime versions, for the About box and bug reports. Empty in web mode. */
  versions: z.record(z.string(), z.string()),
  /** Operating system as Node reports it (`linux`, `win32`, `darwin`), or the browser's platform. */
  os: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const settingsSchema = z.object({
  language: languageSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

/** Where the renderer finds its hub, and (in demo mode) the demo accounts for the login screen. */
export const hubInfoSchema = z.object({
  /** socket.io base URL of the hub; `''` means the page's own origin (web mode). */
  url: z.string(),
  /** `demo`: the embedded hub with demo agencies; `center`: a center's hub. `none`: no hub configured. */
  mode: z.enum(['demo', 'center', 'none']),
  /** Demo mode only: accounts to pick from on the login screen, and their shared password. */
  demo: z
    .object({
      password: z.string(),
      accounts: z.array(z.object({ name: z.string(), displayName: z.string(), role: z.string(), agency: z.string().optional() })),
    })
    .optional(),
  /** Why there is no hub, when mode is `none` (shown to the user). */
  problem: z.string().optional(),
});
export type HubInfo = z.infer<typeof hubInfoSchema>;

/** Request/response pairs, invoked renderer → main. */
export const IPC_CHANNELS = {
  APP_GET_INFO: { request: z.undefined(), response: appInfoSchema },
  SETTINGS_GET: { request: z.undefined(), response: settingsSchema },
  /** Persists the UI language and rebuilds the application menu in it. */
  SETTINGS_SET_LANGUAGE: { request: languageSchema, response: settingsSchema },
  /** Resolves once the embedded hub is up (or has failed to start: then mode is `none` with the reason). */
  HUB_GET_INFO: { request: z.undefined(), response: hubInfoSchema },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** One-way notifications, main → renderer. */
export const IPC_EVENTS = {
  /** The user picked a language from the application menu. */
  SETTINGS_DID_CHANGE: settingsSchema,
} as const satisfies Record<string, z.ZodType>;

export type IpcChannel = keyof typeof IPC_CHANNELS;
export type IpcEvent = keyof typeof IPC_EVENTS;
export type IpcRequest<C extends IpcChannel> = z.input<(typeof IPC_CHANNELS)[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<(typeof IPC_CHANNELS)[C]['response']>;
export type IpcEventPayload<E extends IpcEvent> = z.output<(typeof IPC_EVENTS)[E]>;

export interface IpcError {
  /**
   * `forbidden-sender`: the call came from a frame that is not the app's own.
   * `invalid-request`: the request failed its schema.
   * `failed`: the handler ran and could not do it; `message` says why.
   */
  code: 'forbidden-sender' | 'invalid-request' | 'failed';
  message: string;
}
export type IpcResult<T> = Result<T, IpcError>;

/**
 * The one object the preload exposes as `window.longwatch`. Every method
 * resolves to a result value; none rejects.
 */
export interface LongwatchApi {
  appInfo(): Promise<IpcResult<AppInfo>>;
  settings(): Promise<IpcResult<Settings>>;
  setLanguage(language: z.infer<typeof languageSchema>): Promise<IpcResult<Settings>>;
  hubInfo(): Promise<IpcResult<HubInfo>>;
  /** Subscribes to settings changed from the main process; returns the unsubscribe function. */
  onDidChangeSettings(listener: (settings: Settings) => void): () => void;
}

/** Name of the global the preload defines. */
export const BRIDGE_KEY = 'longwatch';
