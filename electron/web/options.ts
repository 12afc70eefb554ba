/** Command-line and environment options of the web-mode host. */
export interface ParsedWebOptions {
  host: string;
  port: number;
  /** `demo` (default): embedded hub with demo agencies; `none`: the renderer only. */
  hub: 'demo' | 'none';
  /** Folder for the embedded hub's data; default under the user's data folder. */
  dataDir?: string;
  /** Demo agencies: background alerts per second and scenario speed. */
  rate?: number;
  speed?: number;
  scenarios?: string;
  scenarioDir?: string;
  /** SLA file for the embedded hub instead of `resources/sla.json` (a test's short deadlines). */
  slaFile?: string;
}

export const DEFAULT_WEB_PORT = 4780;

export type ParseResult = { ok: true; value: ParsedWebOptions } | { ok: false; error: string };

const USAGE = 'expected --port N, --host ADDRESS, --no-hub, --data DIR, --rate N, --speed N, --scenarios LIST, --scenario-dir DIR, --sla FILE';

/**
 * Flags over `LONGWATCH_PORT` / `LONGWATCH_HOST` / `LONGWATCH_DATA_DIR`, then
 * 127.0.0.1:4780 with the demo hub.
 */
export function parseWebOptions(argv: readonly string[], env: Record<string, string | undefined>): ParseResult {
  const value: ParsedWebOptions = { host: env['LONGWATCH_HOST'] ?? '127.0.0.1', port: DEFAULT_WEB_PORT, hub: 'demo' };
  let portText = env['LONGWATCH_PORT'] ?? String(DEFAULT_WEB_PORT);
  if (env['LONGWATCH_DATA_DIR']) value.dataDir = env['LONGWATCH_DATA_DIR'];
  const numberOf = (flag: string, text: string | undefined): number | string => {
    const n = Number(text);
    return text !== undefined && Number.isFinite(n) && n >= 0 ? n : `${flag} needs a non-negative number, got ${JSON.stringify(text)}`;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    switch (arg) {
      case '--port':
        if (next === undefined) return { ok: false, error: '--port needs a value' };
        portText = next;
        i++;
        break;
      case '--host':
        if (next === undefined) return { ok: false, error: '--host needs a value' };
        value.host = next;
        i++;
        break;
      case '--no-hub':
        value.hub = 'none';
        break;
      case '--data':
        if (next === undefined) return { ok: false, error: '--data needs a folder' };
        value.dataDir = next;
        i++;
        break;
      case '--rate':
      case '--speed': {
        const n = numberOf(arg, next);
        if (typeof n === 'string') return { ok: false, error: n };
        value[arg === '--rate' ? 'rate' : 'speed'] = n;
        i++;
        break;
      }
      case '--scenarios':
        if (next === undefined) return { ok: false, error: '--scenarios needs a list' };
        value.scenarios = next;
        i++;
        break;
      case '--scenario-dir':
        if (next === undefined) return { ok: false, error: '--scenario-dir needs a folder' };
        value.scenarioDir = next;
        i++;
        break;
      case '--sla':
        if (next === undefined) return { ok: false, error: '--sla needs a file' };
        value.slaFile = next;
        i++;
        break;
      default:
        return { ok: false, error: `unknown option ${JSON.stringify(arg)} (${USAGE})` };
    }
  }
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, error: `port must be an integer 0–65535, got ${JSON.stringify(portText)}` };
  }
  value.port = port;
  return { ok: true, value };
}
