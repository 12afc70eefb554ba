/**
 * Structured logs (pino): JSON lines for machines, and a readable console
 * format when a person is watching a terminal. `LONGWATCH_LOG` sets the
 * level (`silent` in tests).
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, options: { level?: string; pretty?: boolean } = {}): Logger {
  const level = options.level ?? process.env['LONGWATCH_LOG'] ?? 'info';
  const pretty = options.pretty ?? (process.stderr.isTTY === true && process.env['LONGWATCH_LOG_JSON'] !== '1');
  if (pretty) {
    return pino({
      name,
      level,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino({ name, level }, pino.destination(2));
}
