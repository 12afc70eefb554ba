/**
 * End-to-end tests drive Debian's Chromium (not a Playwright-downloaded
 * browser, which cannot be fetched here) against web mode. SwiftShader gives
 * MapLibre a software WebGL.
 */
import { defineConfig } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
// Built output to test (`LONGWATCH_OUT`, default `out`), see electron.vite.config.ts.
const OUT = process.env['LONGWATCH_OUT'] ?? 'out';
const PORT = Number(process.env['E2E_PORT'] ?? 4799);
// A fresh hub and replica for every run: the embedded demo hub keeps its log here. Playwright
// loads this file in its runner and again in each test worker; only the runner starts the web
// server, so only the runner makes the folder (and the scenarios in it), and removes it when it
// exits, after the web server has been stopped. A folder given as E2E_DATA_DIR is kept.
const IN_WORKER = process.env['TEST_WORKER_INDEX'] !== undefined;
const GIVEN_DATA_DIR = process.env['E2E_DATA_DIR'];
const DATA_DIR = GIVEN_DATA_DIR ?? (IN_WORKER ? join(tmpdir(), 'longwatch-e2e-runner') : mkdtempSync(join(tmpdir(), 'longwatch-e2e-')));
// The demo scenarios plus the e2e ones (e.g. a headline carrying a script tag, sent through a real feed).
const SCENARIO_DIR = join(DATA_DIR, 'scenarios');
if (!IN_WORKER) {
  mkdirSync(SCENARIO_DIR, { recursive: true });
  for (const dir of ['resources/scenarios', 'e2e/fixtures/scenarios']) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) copyFileSync(join(dir, f), join(SCENARIO_DIR, f));
  }
}
if (!IN_WORKER && GIVEN_DATA_DIR === undefined) {
  process.on('exit', () => {
    try {
      rmSync(DATA_DIR, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A web server still shutting down may hold a file: the folder is in the temp dir anyway.
    }
  });
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: 'test-results/report', open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1920, height: 1080 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    // Web mode with the embedded demo hub and the five demo agencies, scenarios
    // playing fast so a test sees cross-agency activity within seconds.
    command: `node ${OUT}/main/web.js --port ${PORT} --data ${DATA_DIR} --rate 2 --speed 30 --scenario-dir ${SCENARIO_DIR}`,
    url: `http://127.0.0.1:${PORT}/api/hub`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { LONGWATCH_LOG: 'warn', LONGWATCH_LOG_JSON: '1' },
  },
});
