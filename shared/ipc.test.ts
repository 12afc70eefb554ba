import { describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  hubUrlSchema,
  parseSettings,
  printToPdfRequestSchema,
  SAVE_FILE_MAX_BYTES,
  saveFileRequestSchema,
  settingsPatchSchema,
  suggestedNameSchema,
} from './ipc';

describe('suggestedNameSchema', () => {
  it('accepts a bare file name, Chinese included', () => {
    expect(suggestedNameSchema.safeParse('事件报告 2026-11-26.pdf').success).toBe(true);
  });
  it('rejects paths, control characters and dot names', () => {
    for (const bad of ['../etc/passwd', 'a/b.csv', 'C:\\x\\y.csv', 'a\u0000b', 'line\nbreak', '.', '..', '', 'x'.repeat(201)]) {
      expect(suggestedNameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('saveFileRequestSchema', () => {
  it('accepts text and bytes with filters', () => {
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.csv', data: 'x,y\n', mime: 'text/csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }).success).toBe(true);
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.bin', data: new Uint8Array([1, 2]), mime: 'application/octet-stream' }).success).toBe(true);
  });
  it('rejects data above the cap, and odd filter extensions', () => {
    const big = new Uint8Array(SAVE_FILE_MAX_BYTES + 1);
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.bin', data: big, mime: 'application/octet-stream' }).success).toBe(false);
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.csv', data: 'x', mime: 'text/csv', filters: [{ name: 'x', extensions: ['../x'] }] }).success).toBe(false);
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.csv', data: 7, mime: 'text/csv' }).success).toBe(false);
  });
});

describe('printToPdfRequestSchema', () => {
  it('needs a bare name', () => {
    expect(printToPdfRequestSchema.safeParse({ suggestedName: 'report.pdf' }).success).toBe(true);
    expect(printToPdfRequestSchema.safeParse({ suggestedName: '/tmp/report.pdf' }).success).toBe(false);
  });
});

describe('settings schema', () => {
  it('fills what is missing from defaults and keeps what is valid', () => {
    expect(parseSettings({ language: 'en' })).toEqual({ ...DEFAULT_SETTINGS, language: 'en' });
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    const s = parseSettings({
      language: 'fr',
      notifications: { enabled: false, quietHours: { enabled: true, start: '25:00', end: '07:00' }, mutedDomains: ['market', 'market', 'weather'] },
      hub: { mode: 'center', url: 'https://hub.example.cn:8443' },
    });
    expect(s.language).toBe('zh-CN');
    expect(s.notifications.enabled).toBe(false);
    // An impossible time drops the whole quiet-hours value, never half of it.
    expect(s.notifications.quietHours).toEqual(DEFAULT_SETTINGS.notifications.quietHours);
    // An unknown domain makes the list invalid: back to none muted.
    expect(s.notifications.mutedDomains).toEqual([]);
    expect(s.hub).toEqual({ mode: 'center', url: 'https://hub.example.cn:8443' });
  });

  it('accepts only http(s) hub addresses without credentials', () => {
    for (const ok of ['http://10.1.2.3:4780', 'https://hub.hlj.gov.cn/longwatch', 'http://[::1]:4780']) expect(hubUrlSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['ftp://x', 'http://user:pw@hub', 'javascript:alert(1)', 'hub.example.cn', 'http://', 'http://a b']) expect(hubUrlSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('applies a partial notifications patch without losing the rest', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, { notifications: { mutedDomains: ['ecology'] } });
    expect(next.notifications).toEqual({ ...DEFAULT_SETTINGS.notifications, mutedDomains: ['ecology'] });
    expect(settingsPatchSchema.safeParse({ notifications: { quietHours: { enabled: true, start: '7:00', end: '08:00' } } }).success).toBe(false);
  });
});
