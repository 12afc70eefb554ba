import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingFile, rotatedName } from './rotatingLog';

describe('rotatedName', () => {
  it('numbers the old files before the extension', () => {
    expect(rotatedName('/u/logs/longwatch.log', 0)).toBe('/u/logs/longwatch.log');
    expect(rotatedName('/u/logs/longwatch.log', 3)).toBe(join('/u/logs', 'longwatch.3.log'));
  });
});

describe('RotatingFile', () => {
  it('rotates by size, keeps the newest lines in the live file and at most `keep` old files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-log-'));
    const file = join(dir, 'longwatch.log');
    const log = new RotatingFile(file, { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 12; i++) log.write(`${JSON.stringify({ n: i, pad: 'x'.repeat(20) })}\n`);
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['longwatch.1.log', 'longwatch.2.log', 'longwatch.log']);
    const live = readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { n: number }).n);
    const one = readFileSync(join(dir, 'longwatch.1.log'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { n: number }).n);
    expect(live.at(-1)).toBe(11);
    expect(one.at(-1)).toBe(live[0]! - 1);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(100);
  });

  it('appends to an existing file across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-log-'));
    const file = join(dir, 'longwatch.log');
    new RotatingFile(file).write('a\n');
    const again = new RotatingFile(file);
    again.write('b\n');
    again.close();
    expect(readFileSync(file, 'utf8')).toBe('a\nb\n');
  });
});
