/** Injected by the renderer build (electron.vite.config.ts `define`). */
declare const __APP_VERSION__: string;
