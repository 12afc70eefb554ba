/**
 * Logging for the demo feeds. Everything goes to stderr: the CLI's stdout
 * carries exactly one machine-read line (the ready line), so nothing else may
 * write there.
 */
import { pino } from 'pino';

/** What feed code needs from a logger; tests pass {@link silentLogger}. */
export interface FeedLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Discards everything. */
export const silentLogger: FeedLogger = { info() {}, warn() {}, error() {} };

/**
 * A pino logger on stderr, with the hub's conventions: `LONGWATCH_LOG` sets
 * the level (default `info`, `silent` in tests), and a person at a terminal
 * gets pino-pretty unless `LONGWATCH_LOG_JSON=1`. JSON lines are written
 * synchronously, so the last lines before an exit are not lost.
 */
export function stderrLogger(name: string): FeedLogger {
  const level = process.env.LONGWATCH_LOG ?? 'info';
  const pretty = process.stderr.isTTY === true && process.env.LONGWATCH_LOG_JSON !== '1';
  const log = pretty
    ? pino({ name, level, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } })
    : pino({ name, level, base: { pid: process.pid } }, pino.destination({ dest: 2, sync: true }));
  return {
    info: (msg, fields) => log.info(fields ?? {}, msg),
    warn: (msg, fields) => log.warn(fields ?? {}, msg),
    error: (msg, fields) => log.error(fields ?? {}, msg),
  };
}
