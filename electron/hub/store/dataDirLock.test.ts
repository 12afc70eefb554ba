import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './dataDirLock';

describe('lockDataDir', () => {
  it('refuses a folder held by a live process and takes over a stale lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-lock-'));
    writeFileSync(join(dir, 'longwatch.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/in use by process \d+/);
    writeFileSync(join(dir, 'longwatch.lock'), '999999999');
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/already open in this process/);
    lock.release();
    lockDataDir(dir).release();
  });
});
