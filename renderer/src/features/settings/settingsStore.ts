/**
 * The workstation's settings as the renderer sees them: loaded once from the
 * platform (Electron's settings.json, or localStorage in web mode), kept in
 * step with changes from the menu, the tray or another window, and changed
 * through `saveSettings`.
 */
import { parseSettings, type Settings, type SettingsPatch } from '@shared/ipc';
import { platform } from '../../platform';
import { smallStore, useSmallStore } from '../workspace/smallStore';

export const settingsStore = smallStore<Settings>(parseSettings({}));
/** Whether the settings dialog is open (the top bar's button, App → Settings… in the menu). */
export const settingsDialogStore = smallStore<boolean>(false);

let started = false;
/** Loads the settings and follows changes made elsewhere. Idempotent. */
export function startSettings(): void {
  if (started) return;
  started = true;
  void platform.settings().then((r) => {
    if (r.ok) settingsStore.set(r.value);
  });
  platform.onDidChangeSettings((s) => settingsStore.set(s));
  platform.onOpenSettings(() => settingsDialogStore.set(true));
}

export async function saveSettings(patch: SettingsPatch): Promise<{ ok: true } | { ok: false; message: string }> {
  const r = await platform.updateSettings(patch);
  if (!r.ok) return { ok: false, message: r.error.message };
  settingsStore.set(r.value);
  return { ok: true };
}

export const useSettings = (): Settings => useSmallStore(settingsStore);
