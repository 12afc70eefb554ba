import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from './settings';

describe('SettingsStore', () => {
  it('defaults to Chinese and persists a change across instances', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-settings-'));
    const store = SettingsStore.inFolder(dir);
    expect(store.settings.language).toBe('zh-CN');
    store.update({ language: 'en' });
    expect(SettingsStore.inFolder(dir).settings.language).toBe('en');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).settings.language).toBe('en');
  });

  it('falls back to defaults on a damaged file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-settings-'));
    writeFileSync(join(dir, 'settings.json'), '{"settings": {"language": "fr"}, "window": 7');
    const store = SettingsStore.inFolder(dir);
    expect(store.settings.language).toBe('zh-CN');
    expect(store.window).toBeNull();
  });
});
