import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Longwatch keeps data on this machine when no folder is given. */
export function defaultDataRoot(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['LONGWATCH_DATA']) return env['LONGWATCH_DATA'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'longwatch');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'longwatch');
  return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'longwatch');
}
