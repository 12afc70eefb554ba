/**
 * vitest global set-up: every test process gets one temp directory of its
 * own (`TMPDIR`, which `os.tmpdir()` reads), removed when the run ends.
 * Hub, store and feed tests each make PGlite data directories of up to
 * ~100 MB; left behind, a few days of runs filled this machine's disk.
 * `LONGWATCH_KEEP_TEMP=1` keeps it (its path is printed) to look at.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'lw-vitest-'));
  process.env['TMPDIR'] = dir;
  return () => {
    if (process.env['LONGWATCH_KEEP_TEMP'] === '1') {
      console.log(`vitest: temp files kept in ${dir}`);
      return;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
