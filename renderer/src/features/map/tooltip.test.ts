import { describe, expect, it } from 'vitest';
import { alertOf, incidentOf } from './testing/fixtures';
import { renderTooltip, shortTime, type Translate } from './tooltip';

const t: Translate = (key, options) => (options ? `${key}(${JSON.stringify(options)})` : key);

describe('map tooltip', () => {
  it('shows a feed headline with markup as plain text, never as HTML', () => {
    const root = document.createElement('div');
    const headline = '<img src=x onerror="alert(1)"><script>alert(1)</script>危化品泄漏';
    renderTooltip(root, { kind: 'alert', alert: alertOf('a', { headline, severity: 'Severe' }) }, t, 'zh-CN');
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.querySelector('.lw-map-tooltip-title')?.textContent).toBe(headline);
    expect(root.textContent).toContain('level.orange');
    expect(root.textContent).toContain('domain.ecology');
    expect(root.textContent).toContain('哈尔滨');
    expect(root.querySelector('.lw-map-tooltip-swatch')?.className).toContain('level-orange');
  });

  it('names the prefecture in the UI language and the time in Beijing time', () => {
    const root = document.createElement('div');
    renderTooltip(root, { kind: 'alert', alert: alertOf('a', { sent: Date.UTC(2026, 10, 26, 11, 52) }) }, t, 'en');
    expect(root.textContent).toContain('Harbin');
    expect(root.textContent).toContain('11-26 19:52');
  });

  it('describes incidents and clusters', () => {
    const root = document.createElement('div');
    renderTooltip(root, { kind: 'incident', incident: incidentOf('i', { overdue: true, title: '<b>事件</b>' }) }, t, 'zh-CN');
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<b>事件</b>');
    expect(root.textContent).toContain('map.incidentLevel.2');
    expect(root.textContent).toContain('map.tooltip.overdue');
    renderTooltip(root, { kind: 'cluster', count: 42, maxLevel: 'red' }, t, 'zh-CN');
    expect(root.textContent).toContain('map.tooltip.cluster({"count":42})');
    expect(root.children).toHaveLength(3);
  });

  it('formats a short time across midnight in UTC+8', () => {
    expect(shortTime(Date.UTC(2026, 0, 31, 17, 5), 'zh-CN')).toBe('02-01 01:05');
  });
});
