/** Issue 4 acceptance: `npm run hub -- cap-check` passes every valid fixture and refuses every invalid one with a reason. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'shared/cap/fixtures');
const capCheck = (files: string[], json = false) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/hub/cli.ts'), 'cap-check', ...(json ? ['--json'] : []), ...files], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.tools.json'), LONGWATCH_LOG: 'silent' },
  });
const list = (dir: string) => readdirSync(join(fixtures, dir)).map((f) => join(fixtures, dir, f));

describe('hub cap-check', () => {
  it('says ok for every valid fixture and exits 0', () => {
    const files = list('valid');
    const r = capCheck(files);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(files.length);
    for (const line of lines) expect(line).toMatch(/: ok( \(\d+ warnings?: .+\))?$/);
    expect(r.status).toBe(0);
  });

  it('refuses every invalid fixture with a reason and exits 1', () => {
    const files = list('invalid');
    const r = capCheck(files);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(files.length);
    for (const line of lines) expect(line).toMatch(/: error: \S.+/);
    expect(r.stdout).toMatch(/google-xee\.cap: error: .*(DOCTYPE|entit)/i);
    expect(r.status).toBe(1);
  });

  it('prints normalised alerts as JSON lines with --json', () => {
    const r = capCheck([join(fixtures, 'valid/google-thunderstorm.cap')], true);
    const line = JSON.parse(r.stdout.trim()) as { ok: boolean; alert: { headline: string; format: string } };
    expect(line.ok).toBe(true);
    expect(line.alert.format).toBe('cap');
    expect(line.alert.headline.length).toBeGreaterThan(0);
  });
});
