import { describe, expect, it } from 'vitest';
import { DEFAULT_WEB_PORT, parseWebOptions } from './options';

describe('parseWebOptions', () => {
  it('defaults to loopback on the default port', () => {
    expect(parseWebOptions([], {})).toEqual({ ok: true, value: { host: '127.0.0.1', port: DEFAULT_WEB_PORT, hub: 'demo' } });
  });
  it('takes flags over the environment', () => {
    expect(parseWebOptions(['--port', '5000'], { LONGWATCH_PORT: '6000' })).toEqual({ ok: true, value: { host: '127.0.0.1', port: 5000, hub: 'demo' } });
    expect(parseWebOptions([], { LONGWATCH_PORT: '6000', LONGWATCH_HOST: '::1' })).toEqual({ ok: true, value: { host: '::1', port: 6000, hub: 'demo' } });
    expect(parseWebOptions(['--no-hub', '--data', '/tmp/x', '--rate', '5'], {})).toEqual({ ok: true, value: { host: '127.0.0.1', port: DEFAULT_WEB_PORT, hub: 'none', dataDir: '/tmp/x', rate: 5 } });
  });
  it('takes an SLA file for the embedded hub', () => {
    expect(parseWebOptions(['--sla', 'e2e/fixtures/sla-short.json'], {})).toEqual({ ok: true, value: { host: '127.0.0.1', port: DEFAULT_WEB_PORT, hub: 'demo', slaFile: 'e2e/fixtures/sla-short.json' } });
    expect(parseWebOptions(['--sla'], {})).toEqual({ ok: false, error: '--sla needs a file' });
  });
  it('explains a bad port or an unknown flag', () => {
    const bad = parseWebOptions(['--port', 'eighty'], {});
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/port must be an integer/);
    const unknown = parseWebOptions(['--verbose'], {});
    expect(!unknown.ok && unknown.error).toMatch(/unknown option/);
  });
});
