/**
 * One interface for what the renderer needs from its host, whether that is
 * the Electron shell (`window.longwatch`, the typed bridge) or a browser in
 * web mode (web APIs). Components call `platform`, never `window.longwatch`.
 */
import type { LongwatchApi } from '@shared/ipc';
import { electronPlatform } from './electron';
import { webPlatform } from './web';

export type Platform = LongwatchApi & {
  /** Which host the renderer runs in. */
  readonly kind: 'electron' | 'web';
};

declare global {
  interface Window {
    /** Defined by the preload under Electron; absent in web mode. */
    longwatch?: LongwatchApi;
  }
}

export function detectPlatform(): Platform {
  return window.longwatch ? electronPlatform(window.longwatch) : webPlatform();
}

export const platform: Platform = detectPlatform();
