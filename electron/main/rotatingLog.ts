/**
 * A log file that rotates by size: `longwatch.log` is written until it
 * would pass `maxBytes`, then it becomes `longwatch.1.log`, the former
 * `.1` becomes `.2`, and so on up to `keep` old files (the oldest is
 * deleted). Writes are synchronous: a crash loses nothing that was logged,
 * and the main process logs little. Plain Node, so it is unit-tested on a
 * real folder.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** `longwatch.log`, 2 → `longwatch.2.log`; 0 is the live file itself. */
export function rotatedName(file: string, n: number): string {
  if (n === 0) return file;
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.${n}${ext}`);
}

export interface RotatingFileOptions {
  maxBytes: number;
  keep: number;
}

export class RotatingFile {
  private fd: number;
  private size: number;

  constructor(
    readonly file: string,
    private readonly options: RotatingFileOptions = { maxBytes: 5 * 1024 * 1024, keep: 5 },
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, 'a');
    this.size = fstatSync(this.fd).size;
  }

  /** pino calls this with one serialised line. */
  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.options.maxBytes) this.rotate();
    writeSync(this.fd, line);
    this.size += bytes;
  }

  /** Shifts every file one number up, dropping the one past `keep`, and starts a fresh live file. */
  rotate(): void {
    closeSync(this.fd);
    const { keep } = this.options;
    rmSync(rotatedName(this.file, keep), { force: true });
    for (let n = keep - 1; n >= 0; n--) {
      const from = rotatedName(this.file, n);
      if (existsSync(from)) renameSync(from, rotatedName(this.file, n + 1));
    }
    if (keep === 0) rmSync(this.file, { force: true });
    this.fd = openSync(this.file, 'a');
    this.size = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
