#!/usr/bin/env node
// `npm start`: build if the sources changed, then launch the desktop app.
// Where the Electron runtime is missing (npm ci never downloads it: see
// "allowScripts" in package.json) it tries once to obtain it with the electron
// package's own installer; if that fails (offline), it says so in one line and
// starts web mode instead, in Chromium's app mode when a Chromium is installed.
import { spawn, spawnSync } from 'node:child_process';
import { buildIfNeeded, root } from './lib/build.mjs';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

/** Path of the Electron binary, or null when the runtime was never downloaded. */
function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** One attempt with the electron package's own installer. Returns null on success, else the reason. */
function tryInstallElectron() {
  console.log('longwatch: the Electron runtime is not installed; trying once to download it…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], {
    cwd: join(root, 'node_modules/electron'),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status === 0 && electronBinary()) return null;
  const text = `${r.stderr ?? ''}\n${r.stdout ?? ''}`;
  const line = text.split('\n').map((l) => l.trim()).find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONN|timed out|getaddrinfo/i.test(l));
  return r.error?.message ?? line ?? `installer exited with ${r.status}`;
}

function findChromium() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((p) => existsSync(p)) ?? null;
}

function startElectron(binary) {
  const args = ['.', ...passThrough];
  // Chromium refuses to run as root with its sandbox on (e.g. in a container).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(binary, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startWebMode() {
  const host = spawn(process.execPath, [join(root, 'out/main/web.js'), ...passThrough], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
  let opened = false;
  host.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /https?:\/\/\S+/.exec(String(chunk))?.[0];
    if (!url || opened) return;
    opened = true;
    const chromium = findChromium();
    if (!chromium) {
      console.log(`longwatch: open ${url} in a browser (no Chromium with a display found to open it for you).`);
      return;
    }
    const args = [`--app=${url}`, `--user-data-dir=${join(tmpdir(), 'longwatch-chromium')}`, '--no-first-run', '--disable-background-networking', '--disable-sync'];
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    spawn(chromium, args, { stdio: 'ignore', detached: true }).unref();
  });
  const stop = () => host.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  host.on('exit', (code) => process.exit(code ?? 0));
}

buildIfNeeded();
let binary = electronBinary();
let reason = null;
if (!binary) {
  reason = tryInstallElectron();
  binary = electronBinary();
}
if (binary) {
  startElectron(binary);
} else {
  console.log(`longwatch: Electron runtime unavailable (${reason}); starting web mode instead.`);
  startWebMode();
}
