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

/** Largest file the renderer may hand to `saveFile` (bytes, or UTF-16 code units for text). */
export const SAVE_FILE_MAX_BYTES = 50 * 1024 * 1024;

/**
 * A file name the user is offered in a save dialog: a bare name, never a path
 * (no `/` or backslash, no control characters, not `.`/`..`), at most 200 characters.
 */
export const suggestedNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((n) => !/[\\/]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20) && n !== '.' && n !== '..', {
    message: 'a file name without path separators',
  });

export const fileFilterSchema = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/)).min(1).max(20),
});

export const saveFileRequestSchema = z.object({
  suggestedName: suggestedNameSchema,
  /** Text (written as UTF-8) or bytes. */
  data: z.union([
    z.string().max(SAVE_FILE_MAX_BYTES, { message: `at most ${SAVE_FILE_MAX_BYTES} characters` }),
    z.instanceof(Uint8Array).refine((b) => b.byteLength <= SAVE_FILE_MAX_BYTES, { message: `at most ${SAVE_FILE_MAX_BYTES} bytes` }),
  ]),
  mime: z.string().min(1).max(200),
  filters: z.array(fileFilterSchema).max(20).optional(),
});
export type SaveFileRequest = z.input<typeof saveFileRequestSchema>;

export const printToPdfRequestSchema = z.object({ suggestedName: suggestedNameSchema });
export type PrintToPdfRequest = z.input<typeof printToPdfRequestSchema>;

/** `saved: false` when the user cancelled (or, in web mode, when the browser's print dialog took over). */
export const savedFileSchema = z.object({ saved: z.boolean(), path: z.string().optional() });
export type SavedFile = z.infer<typeof savedFileSchema>;

/** Request/response pairs, invoked renderer → main. */
export const IPC_CHANNELS = {
  APP_GET_INFO: { request: z.undefined(), response: appInfoSchema },
  SETTINGS_GET: { request: z.undefined(), response: settingsSchema },
  /** Persists the UI language and rebuilds the application menu in it. */
  SETTINGS_SET_LANGUAGE: { request: languageSchema, response: settingsSchema },
  /** Resolves once the embedded hub is up (or has failed to start: then mode is `none` with the reason). */
  HUB_GET_INFO: { request: z.undefined(), response: hubInfoSchema },
  /** Save dialog on the caller's window, then writes the data to the chosen file. */
  FILE_SAVE: { request: saveFileRequestSchema, response: savedFileSchema },
  /** Prints the caller's page to an A4 PDF (backgrounds on), then the save dialog. */
  FILE_PRINT_TO_PDF: { request: printToPdfRequestSchema, response: savedFileSchema },
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
  /**
   * Offers `data` to the user as a file. Electron: a save dialog, then the file
   * is written (`{saved: false}` if cancelled). Web: a browser download
   * (`{saved: true}`, no path).
   */
  saveFile(request: SaveFileRequest): Promise<IpcResult<SavedFile>>;
  /**
   * The current page as a PDF. Electron: A4 with backgrounds, then a save
   * dialog. Web: the browser's print dialog (`{saved: false}`; the user saves
   * from there). The page should be print-ready when this is called.
   */
  printToPdf(request: PrintToPdfRequest): Promise<IpcResult<SavedFile>>;
  /** Subscribes to settings changed from the main process; returns the unsubscribe function. */
  onDidChangeSettings(listener: (settings: Settings) => void): () => void;
}

/** Name of the global the preload defines. */
export const BRIDGE_KEY = 'longwatch';
