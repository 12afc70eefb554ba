import { describe, expect, it, vi } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { en } from './en';
import { memoT } from './memo';
import { zhCN } from './zh-CN';

describe('memoT', () => {
  it('gives what t gives, per language, and asks t once per key and values', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', fallbackLng: 'zh-CN', interpolation: { escapeValue: false } });
    const zh = vi.fn(i18n.getFixedT('zh-CN')) as unknown as TFunction;
    const english = i18n.getFixedT('en');
    const t = memoT(zh);
    expect(memoT(zh)).toBe(t);
    expect(t('board.status.new')).toBe(i18n.getFixedT('zh-CN')('board.status.new'));
    expect(t('board.duration.seconds', { s: 12 })).toBe(i18n.getFixedT('zh-CN')('board.duration.seconds', { s: 12 }));
    expect(t('board.duration.seconds', { s: 13 })).toBe(i18n.getFixedT('zh-CN')('board.duration.seconds', { s: 13 }));
    expect(memoT(english)('board.duration.seconds', { s: 12 })).toBe(english('board.duration.seconds', { s: 12 }));
    expect(memoT(english)('board.status.new')).not.toBe(t('board.status.new'));
    for (let i = 0; i < 5; i++) t('board.duration.seconds', { s: 12 });
    // The values are part of the key: 12 and 13 are two entries.
    expect(zh).toHaveBeenCalledTimes(3);
    expect(t('board.incident.alerts', { count: 1 })).not.toBe(t('board.incident.alerts', { count: 11 }));
  });
});
