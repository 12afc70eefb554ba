/** Command-line and environment options of the web-mode host. */
export interface ParsedWebOptions {
  host: string;
  port: number;
}

export const DEFAULT_WEB_PORT = 4780;

export type ParseResult = { ok: true; value: ParsedWebOptions } | { ok: false, error: string };

/**
 * `--port N` / `--host H`, falling back to `LONGWATCH_PORT` / `LONGWATCH_HOST`,
 * then 127.0.0.1:4780.
 */
export function parseWebOptions(argv: readonly string[], env: Record<string, string | undefined>): ParseResult {
  let host = env['LONGWATCH_HOST'] ?? '127.0.0.1';
  let portText = env['LONGWATCH_PORT'] ?? String(DEFAULT_WEB_PORT);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--port' && next !== undefined) {
      portText = next;
      i++;
    } else if (arg === '--host' && next !== undefined) {
      host = next;
      i++;
    } else {
      return { ok: false, error: `unknown option ${JSON.stringify(arg)} (expected --port N, --host ADDRESS)` };
    }
  }
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, error: `port must be an integer 0–65535, got ${JSON.stringify(portText)}` };
  }
  return { ok: true, value: { host, port } };
}
