/**
 * The main process's log: pino lines into a rotating file in the user-data
 * folder (`logs/longwatch.log`, 5 MiB × 5 kept), and warnings and errors to
 * stderr as well. "Help → Open logs" shows the folder.
 */
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { RotatingFile } from './rotatingLog';

export interface MainLog {
  logger: Logger;
  folder: string;
  file: string;
}

export function openMainLog(userData: string): MainLog {
  const folder = join(userData, 'logs');
  const file = new RotatingFile(join(folder, 'longwatch.log'));
  const stderr = { write: (line: string): void => void process.stderr.write(line) };
  const logger = pino(
    { base: { pid: process.pid }, level: process.env['LONGWATCH_LOG'] ?? 'info', timestamp: pino.stdTimeFunctions.isoTime },
    pino.multistream([
      { level: 'trace', stream: file },
      { level: 'warn', stream: stderr },
    ]),
  );
  return { logger, folder, file: file.file };
}
