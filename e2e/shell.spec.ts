import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveScreenshot } from './screenshots';

const OUT = process.env['LONGWATCH_OUT'] ?? 'out';
const PORT = Number(process.env['E2E_PORT'] ?? 4799);

test.describe('web-mode shell', () => {
  test('renders in Chinese with the bundled Noto Sans SC font', async ({ page, baseURL }) => {
    const fontResponses: Array<{ url: string; status: number }> = [];
    page.on('response', (r) => {
      if (/noto-sans-sc.*\.woff2?$/.test(r.url())) fontResponses.push({ url: r.url(), status: r.status() });
    });

    await page.goto('/');
    await expect(page.getByTestId('product-name')).toHaveText('龙江联合指挥中心');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { name: '登录指挥席位' })).toBeVisible();
    await expect(page.getByTestId('connection')).toContainText('未登录');
    await expect(page.getByTestId('demo-accounts')).toBeVisible();
    await expect(page.getByTestId('user')).toHaveText('未登录');
    await expect(page.getByTestId('clock')).toContainText('北京时间');

    // The glyphs come from the app's own Noto Sans SC, not a system CJK font.
    const font = await page.evaluate(async () => {
      await document.fonts.ready;
      const title = document.querySelector('[data-testid="product-name"]')!;
      await document.fonts.load('700 20px "Noto Sans SC"', title.textContent ?? '');
      const loaded = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC' && f.status === 'loaded');
      return {
        family: getComputedStyle(title).fontFamily,
        loadedFaces: loaded.length,
        check: document.fonts.check('700 20px "Noto Sans SC"', '龙江联合指挥中心'),
      };
    });
    expect(font.family.startsWith('"Noto Sans SC"')).toBe(true);
    expect(font.loadedFaces).toBeGreaterThan(0);
    expect(font.check).toBe(true);
    expect(fontResponses.length).toBeGreaterThan(0);
    for (const r of fontResponses) {
      expect(r.url.startsWith(baseURL!)).toBe(true);
      expect(r.status).toBe(200);
    }

    await saveScreenshot(page, 'shell-zh-1920x1080');
  });

  test('switching to English changes the labels and is remembered', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('product-name')).toHaveText('龙江联合指挥中心');
    await page.getByTestId('language-switch').getByRole('button', { name: 'EN' }).click();
    await expect(page.getByTestId('product-name')).toHaveText('Longwatch Joint Command Center');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Sign in to your desk' })).toBeVisible();
    await expect(page.getByTestId('connection')).toContainText('Not signed in');
    await saveScreenshot(page, 'shell-en-1920x1080');

    await page.reload();
    await expect(page.getByTestId('product-name')).toHaveText('Longwatch Joint Command Center');
    await page.getByTestId('language-switch').getByRole('button', { name: '中文' }).click();
    await expect(page.getByTestId('product-name')).toHaveText('龙江联合指挥中心');
  });

  test('the page runs under the strict CSP with no violations and no errors', async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByTestId('product-name')).toBeVisible();
    await expect(page.getByTestId('shell-kind')).toContainText('网页版');
    expect(problems).toEqual([]);
  });

  test('a page opened while the hub is still starting waits, then offers the sign-in', async ({ page }) => {
    test.setTimeout(300_000);
    // A host of its own on a fresh folder: its HTTP server answers at once, the hub (PGlite's
    // first start, the agencies) seconds later; the page opens in between.
    const port = Number(process.env['E2E_STARTING_PORT'] ?? PORT + 102);
    const data = mkdtempSync(join(tmpdir(), 'longwatch-e2e-starting-'));
    const host = spawn(process.execPath, [join(OUT, 'main', 'web.js'), '--port', String(port), '--data', data, '--rate', '1', '--scenarios', 'none'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, LONGWATCH_LOG: 'warn', LONGWATCH_LOG_JSON: '1' },
    });
    host.once('exit', () => rmSync(data, { recursive: true, force: true, maxRetries: 3 }));
    try {
      for (let listening = false; !listening; ) {
        listening = await fetch(`http://127.0.0.1:${port}/api/hub`).then(
          () => true,
          () => false,
        );
        if (host.exitCode !== null) throw new Error(`the spec's web host exited with ${host.exitCode}`);
        if (!listening) await new Promise((r) => setTimeout(r, 100));
      }
      const answers: Array<{ starting?: boolean; mode?: string }> = [];
      page.on('response', (r) => {
        if (r.url().endsWith('/api/hub')) void r.json().then((body: { starting?: boolean; mode?: string }) => answers.push(body), () => undefined);
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect(page.getByTestId('demo-accounts')).toBeVisible({ timeout: 240_000 });
      // It was asked while starting (else this test proves nothing), and again until the hub was there.
      expect(answers[0]).toMatchObject({ starting: true, mode: 'none' });
      expect(answers.at(-1)).toMatchObject({ mode: 'demo' });
      await expect(page.getByRole('heading', { name: '登录指挥席位' })).toBeVisible();
      await expect(page.getByText('未配置枢纽')).toHaveCount(0);
    } finally {
      host.kill('SIGTERM');
    }
  });
});
