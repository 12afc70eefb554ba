import { afterEach, describe, expect, it, vi } from 'vitest';
import { webPlatform } from './web';

afterEach(() => vi.restoreAllMocks());

describe('web platform: saveFile', () => {
  it('clicks an anchor with the download attribute and a blob URL', async () => {
    const clicked: Array<{ download: string; href: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    const result = await webPlatform().saveFile({ suggestedName: '告警.csv', data: 'a,b\n', mime: 'text/csv' });
    expect(result).toEqual({ ok: true, value: { saved: true } });
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('告警.csv');
    expect(clicked[0]!.href.startsWith('blob:')).toBe(true);
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
  });

  it('refuses a name with a path as an invalid request', async () => {
    const result = await webPlatform().saveFile({ suggestedName: '../x.csv', data: 'a', mime: 'text/csv' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid-request');
  });
});

describe('web platform: printToPdf', () => {
  it('opens the browser print dialog and reports nothing saved', async () => {
    // happy-dom has no print(); the browser's is the boundary here.
    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true });
    expect(await webPlatform().printToPdf({ suggestedName: 'r.pdf' })).toEqual({ ok: true, value: { saved: false } });
    expect(print).toHaveBeenCalledOnce();
  });
});
