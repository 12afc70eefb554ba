#!/usr/bin/env node
/**
 * `npm run icons`: renders resources/icons/icon.svg into the PNG sizes the
 * app and the installers use (resources/icons/png/<n>x<n>.png), with the
 * local Chromium through Playwright — no network, no image library.
 * electron-builder takes the folder for Linux and the 256 px PNG for
 * Windows (it builds the .ico from it).
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'resources/icons/icon.svg'), 'utf8');
const outDir = join(root, 'resources/icons/png');
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    const file = join(outDir, `${size}x${size}.png`);
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(file);
  }
} finally {
  await browser.close();
}
