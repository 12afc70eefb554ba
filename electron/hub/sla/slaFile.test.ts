import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA } from '@shared/domain/sla';
import { checkSecondsFor, defaultSlaFile, loadSlaFile, slaForDemo } from './slaFile';

const root = join(import.meta.dirname, '../../..');

describe('SLA files', () => {
  it("finds the center's resources/sla.json, with the default deadlines per level and domain overrides", () => {
    expect(defaultSlaFile()).toBe(join(root, 'resources/sla.json'));
    const center = loadSlaFile(join(root, 'resources/sla.json'));
    expect(center.ok).toBe(true);
    if (!center.ok) return;
    expect(center.value.levels).toEqual(DEFAULT_SLA.levels);
    expect(center.value.domainOverrides.safety?.['1']).toEqual({ acknowledgeMinutes: 3 });
    expect(checkSecondsFor(center.value)).toBe(5);
    expect(slaForDemo(undefined)).toEqual(center);
  });

  it('reads the short end-to-end SLA and checks it often enough', () => {
    const short = loadSlaFile(join(root, 'e2e/fixtures/sla-short.json'));
    expect(short.ok && short.value.levels['4'].acknowledgeMinutes).toBe(0.1);
    expect(short.ok && checkSecondsFor(short.value)).toBeCloseTo(0.6);
  });

  it('names the file and the field of a bad SLA', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-sla-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ levels: { '1': { acknowledgeMinutes: -5, resolveMinutes: 60 } } }));
    expect(loadSlaFile(bad)).toEqual({ ok: false, error: expect.stringMatching(/^SLA file .*bad\.json: levels\.1\.acknowledgeMinutes: /) });
    writeFileSync(bad, '{ "levels": ');
    expect(loadSlaFile(bad)).toEqual({ ok: false, error: expect.stringMatching(/^SLA file .*bad\.json: .*JSON/) });
    expect(slaForDemo(join(dir, 'missing.json'))).toEqual({ ok: false, error: expect.stringMatching(/missing\.json: ENOENT/) });
  });
});
