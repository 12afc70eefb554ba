/**
 * Workstation settings, stored as JSON in the user-data folder. Unknown or
 * malformed content falls back to defaults field by field rather than failing
 * the start-up.
 */
import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applySettingsPatch, parseSettings, type Settings, type SettingsPatch } from '@shared/ipc';
import { parseWindowState, type WindowState } from './windowState';

interface Stored {
  settings: Settings;
  window: WindowState | null;
  /** Where the video wall was last (its own display, usually full screen). */
  wallWindow: WindowState | null;
}

export class SettingsStore {
  private stored: Stored;

  constructor(private readonly file: string) {
    this.stored = SettingsStore.read(file);
  }

  static inFolder(userData: string): SettingsStore {
    return new SettingsStore(join(userData, 'settings.json'));
  }

  private static read(file: string): Stored {
    let raw: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
    } catch {
      // First run, or a damaged file: start from defaults.
    }
    return {
      settings: parseSettings(raw['settings']),
      window: parseWindowState(raw['window']),
      wallWindow: parseWindowState(raw['wallWindow']),
    };
  }

  get settings(): Settings {
    return this.stored.settings;
  }

  get window(): WindowState | null {
    return this.stored.window;
  }

  get wallWindow(): WindowState | null {
    return this.stored.wallWindow;
  }

  update(patch: SettingsPatch): Settings {
    this.stored = { ...this.stored, settings: applySettingsPatch(this.stored.settings, patch) };
    this.write();
    return this.stored.settings;
  }

  rememberWindow(state: WindowState): void {
    this.stored = { ...this.stored, window: state };
    this.write();
  }

  rememberWallWindow(state: WindowState): void {
    this.stored = { ...this.stored, wallWindow: state };
    this.write();
  }

  /** Write-then-rename so a crash mid-write never leaves a truncated file. */
  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.stored, null, 2));
    renameSync(tmp, this.file);
  }
}
