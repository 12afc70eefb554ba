/**
 * Every IPC channel between the Electron main process and the renderer,
 * declared once with its request and response schemas (STYLE §3, §4).
 *
 * Adding a method: (1) add the channel here, (2) register its handler in
 * `electron/main/<feature>` with `handle()`, (3) expose it in
 * `electron/preload/index.ts`, (4) call it through `renderer/src/platform`.
 */
import { z } from 'zod';
import { DOMAINS } from './domain/agencies';
import { DEFAULT_LANGUAGE, LANGUAGES } from './i18n';
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

/** `HH:MM`, 24-hour clock. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

/**
 * Quiet hours in Beijing time (the center's clock). `start` > `end` spans
 * midnight (22:00–07:00). While quiet, only Extreme (红) alerts and SLA
 * escalations still raise a notification.
 */
export const quietHoursSchema = z.object({ enabled: z.boolean(), start: clockTimeSchema, end: clockTimeSchema });
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const notificationSettingsSchema = z.object({
  /** Desktop notifications at all. */
  enabled: z.boolean(),
  quietHours: quietHoursSchema,
  /** Alert domains the user opted out of (alerts of those domains, and incidents only of those domains, stay quiet). */
  mutedDomains: z.array(z.enum(DOMAINS)).max(DOMAINS.length),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** A center's hub: http(s) only, no credentials in the URL. */
export const hubUrlSchema = z
  .string()
  .max(500)
  .regex(/^https?:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?(\/[^\s]*)?$/, 'an http(s):// address of a hub, without user name or password');

/**
 * Which hub the workstation talks to (Electron only; web mode always uses the
 * host that served the page). Read once at start: a change takes effect on restart.
 */
export const hubSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('demo') }),
  z.object({ mode: z.literal('center'), url: hubUrlSchema }),
]);
export type HubSettings = z.infer<typeof hubSettingsSchema>;

export const settingsSchema = z.object({
  language: languageSchema,
  notifications: notificationSettingsSchema,
  hub: hubSettingsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: DEFAULT_LANGUAGE,
  notifications: { enabled: true, quietHours: { enabled: false, start: '22:00', end: '07:00' }, mutedDomains: [] },
  hub: { mode: 'demo' },
};

/** A change to some settings; `notifications` may be given in part. */
export const settingsPatchSchema = z.object({
  language: languageSchema.optional(),
  notifications: notificationSettingsSchema.partial().optional(),
  hub: hubSettingsSchema.optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/**
 * Reads stored settings field by field: whatever is missing or malformed
 * takes its default, so a damaged or older file never fails the start-up.
 */
export function parseSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const n = (typeof r['notifications'] === 'object' && r['notifications'] !== null ? r['notifications'] : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
  return {
    language: pick(languageSchema, r['language'], d.language),
    notifications: {
      enabled: pick(z.boolean(), n['enabled'], d.notifications.enabled),
      quietHours: pick(quietHoursSchema, n['quietHours'], d.notifications.quietHours),
      mutedDomains: [...new Set(pick(notificationSettingsSchema.shape.mutedDomains, n['mutedDomains'], d.notifications.mutedDomains))],
    },
    hub: pick(hubSettingsSchema, r['hub'], d.hub),
  };
}

/** Applies a validated patch. */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return parseSettings({
    ...settings,
    ...(patch.language ? { language: patch.language } : {}),
    ...(patch.hub ? { hub: patch.hub } : {}),
    notifications: { ...settings.notifications, ...patch.notifications },
  });
}

/** What a notification opens when clicked. */
export const notificationTargetSchema = z.object({ kind: z.enum(['alert', 'incident']), id: z.string().min(1).max(300) });
export type NotificationTarget = z.infer<typeof notificationTargetSchema>;

export const notifyRequestSchema = z.object({
  /** Replaces an earlier notification with the same tag. */
  tag: z.string().min(1).max(300),
  title: z.string().min(1).max(200),
  body: z.string().max(1000),
  /** Extreme alerts and escalations: critical urgency where the desktop supports it. */
  critical: z.boolean(),
  target: notificationTargetSchema,
});
export type NotifyRequest = z.input<typeof notifyRequestSchema>;

/** The tray / dock badge: unacknowledged alerts that concern the signed-in user, and whether the alarm sound is muted. */
export const badgeRequestSchema = z.object({
  count: z.number().int().min(0).max(1_000_000),
  muted: z.boolean(),
  /** One line for the tray tooltip, in the UI language. */
  tooltip: z.string().max(300),
});
export type BadgeRequest = z.input<typeof badgeRequestSchema>;

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
  /** The hub is still starting (web mode serves the page meanwhile): ask again shortly. */
  starting: z.boolean().optional(),
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

/** A secret the workstation keeps between starts (issue 9): named by what it is for, e.g. `session:<hub URL>`. */
export const secretNameSchema = z.string().regex(/^[\x21-\x7e]{1,256}$/, 'secret name: printable ASCII without spaces');
/** Whether a kept secret survives a restart (safeStorage has an OS key), and if not, why. */
export const secretPersistenceSchema = z.union([z.object({ persistent: z.literal(true) }), z.object({ persistent: z.literal(false), reason: z.string() })]);
export type SecretPersistence = z.infer<typeof secretPersistenceSchema>;

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
  /** Changes settings (language rebuilds the menu; the hub address takes effect on restart). */
  SETTINGS_UPDATE: { request: settingsPatchSchema, response: settingsSchema },
  /** A desktop notification; a click focuses the window and sends NOTIFICATION_CLICKED to the caller. */
  NOTIFY_SHOW: { request: notifyRequestSchema, response: z.object({ shown: z.boolean() }) },
  /** The unacknowledged count on the tray icon and dock/taskbar badge, and the tray's mute tick. */
  APP_SET_BADGE: { request: badgeRequestSchema, response: z.object({ badge: z.boolean(), tray: z.boolean() }) },
  /** Opens (or brings forward) the video-wall window. */
  WALL_OPEN: { request: z.undefined(), response: z.object({ opened: z.boolean() }) },
  /** Shows the folder of the rotating log files. */
  LOGS_OPEN: { request: z.undefined(), response: z.object({ path: z.string() }) },
  /** A secret kept with safeStorage (electron/main/secrets.ts); `null` when there is none. */
  SECRET_GET: { request: secretNameSchema, response: z.object({ value: z.string().nullable() }) },
  /** Keeps (a string) or forgets (`null`) a secret; says whether it survives a restart. */
  SECRET_SET: { request: z.object({ name: secretNameSchema, value: z.string().max(4096).nullable() }), response: secretPersistenceSchema },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** One-way notifications, main → renderer. */
export const IPC_EVENTS = {
  /** The user picked a language from the application menu. */
  SETTINGS_DID_CHANGE: settingsSchema,
  /** The user clicked a notification this window raised. */
  NOTIFICATION_CLICKED: notificationTargetSchema,
  /** The tray's "mute sound" item was clicked: the renderer flips its sound setting. */
  TRAY_TOGGLE_MUTE: z.object({}),
  /** App → Settings… was chosen: the window opens its settings dialog. */
  SETTINGS_OPEN: z.object({}),
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
  /** Changes settings; resolves with all of them. */
  updateSettings(patch: SettingsPatch): Promise<IpcResult<Settings>>;
  /** Raises a desktop notification (`shown: false` where the desktop or the user does not allow it). */
  notify(request: NotifyRequest): Promise<IpcResult<{ shown: boolean }>>;
  /** Reports the badge count and mute state (tray, dock, taskbar). */
  setBadge(request: BadgeRequest): Promise<IpcResult<{ badge: boolean; tray: boolean }>>;
  /** Opens the video wall: a second window under Electron, a `#/wall` tab in web mode. */
  openWall(): Promise<IpcResult<{ opened: boolean }>>;
  /** Shows the log folder (Electron; web mode has no log files of its own). */
  openLogs(): Promise<IpcResult<{ path: string }>>;
  /** Subscribes to settings changed from the main process; returns the unsubscribe function. */
  onDidChangeSettings(listener: (settings: Settings) => void): () => void;
  /** A notification this window raised was clicked. */
  onNotificationClick(listener: (target: NotificationTarget) => void): () => void;
  /** The tray asked to flip the alarm sound. */
  onToggleMute(listener: () => void): () => void;
  /** The application menu asked for the settings dialog. */
  onOpenSettings(listener: () => void): () => void;
  /**
   * A secret the workstation keeps (the hub sign-in). Electron: encrypted
   * with safeStorage, or kept for this run only where the OS offers no key.
   * Web: the browser's localStorage (the browser profile is the boundary).
   */
  secret(name: string): Promise<IpcResult<{ value: string | null }>>;
  /** Keeps (`value`) or forgets (`null`) a secret. */
  setSecret(name: string, value: string | null): Promise<IpcResult<SecretPersistence>>;
}

/** Name of the global the preload defines. */
export const BRIDGE_KEY = 'longwatch';
