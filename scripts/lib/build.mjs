// Builds with electron-vite when any source is newer than the build output.
// Shared by `npm start`, `npm run web` and `npm run hub`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

const OUTPUTS = ['out/main/index.js', 'out/main/web.js', 'out/main/hub.js', 'out/main/feeds.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['electron', 'renderer', 'shared', 'resources'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function buildIfNeeded() {
  const outputs = OUTPUTS.map((p) => join(root, p));
  const builtAt = outputs.every(existsSync) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
  const sourcesAt = Math.max(
    ...SOURCES.filter((d) => existsSync(join(root, d))).map((d) => newestMtime(join(root, d))),
    statSync(join(root, 'electron.vite.config.ts')).mtimeMs,
    statSync(join(root, 'package.json')).mtimeMs,
  );
  if (builtAt >= sourcesAt) return;
  console.error('longwatch: building…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 2, 'inherit'] });
  if (r.status !== 0) {
    console.error('longwatch: build failed; see the errors above.');
    process.exit(r.status ?? 1);
  }
}
