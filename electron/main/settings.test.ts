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

describe('SettingsStore: notifications, hub, wall', () => {
  it('persists a partial notifications change, the hub address and where the wall was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-settings-'));
    const store = SettingsStore.inFolder(dir);
    expect(store.settings.hub).toEqual({ mode: 'demo' });
    store.update({ notifications: { quietHours: { enabled: true, start: '23:00', end: '06:30' } } });
    store.update({ hub: { mode: 'center', url: 'https://hub.hlj.example:8443' } });
    store.rememberWallWindow({ bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, maximized: false, fullScreen: true });
    const again = SettingsStore.inFolder(dir);
    expect(again.settings.notifications).toEqual({ enabled: true, quietHours: { enabled: true, start: '23:00', end: '06:30' }, mutedDomains: [] });
    expect(again.settings.hub).toEqual({ mode: 'center', url: 'https://hub.hlj.example:8443' });
    expect(again.wallWindow?.fullScreen).toBe(true);
  });
});
