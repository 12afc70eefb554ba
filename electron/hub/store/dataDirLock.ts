/**
 * One process per data folder. PGlite takes no lock of its own: two
 * processes opening the same folder both write and leave it unreadable
 * (PGlite issue #1106). We keep a pid file beside the database and refuse to
 * open a folder whose holder is still alive; a stale file (its process gone,
 * e.g. after kill -9) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'longwatch.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        release() {
          try {
            if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (holder === process.pid) throw new Error(`${dataDir} is already open in this process`);
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`${dataDir} is in use by process ${holder} (a running hub?); stop it first`);
      }
      // Stale: the holder died without releasing it.
      unlinkSync(file);
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
