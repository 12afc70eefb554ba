/**
 * Issue 9 §4: the admin demo account manages the hub's agency feeds in
 * 设置 → 数据源. The feed added is a real demo agency (the built
 * `feeds.js`, its own process with a token we choose); the hub tests it,
 * connects to it live, and disconnects when it is removed. The token never
 * comes back to the page.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { saveScreenshot } from './screenshots';

const OUT = process.env['LONGWATCH_OUT'] ?? 'out';
const TOKEN = 'e2e-songhua-agency-token-7Q4z';

let agency: ChildProcess | null = null;
let ecologyUrl = '';

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lw-e2e-agency-'));
  const tokens = join(dir, 'tokens.json');
  writeFileSync(tokens, JSON.stringify({ ecology: TOKEN }), { mode: 0o600 });
  const child = spawn(process.execPath, [join(OUT, 'main', 'feeds.js'), '--rate', '2', '--scenarios', 'none', '--tokens-file', tokens, '--data', join(dir, 'data')], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  agency = child;
  const ready = await new Promise<{ feeds: Array<{ id: string; url: string }> }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { ready?: { feeds: Array<{ id: string; url: string }> } };
        if (parsed.ready) resolve(parsed.ready);
      } catch {
        // not the ready line
      }
    });
    child.once('exit', (code) => reject(new Error(`the demo agencies exited with ${code}`)));
  });
  ecologyUrl = ready.feeds.find((f) => f.id === 'ecology')!.url;
});

test.afterAll(() => {
  agency?.kill('SIGTERM');
});

async function signIn(page: Page, account: string): Promise<void> {
  await page.goto('/');
  await page.click(`[data-account="${account}"]`);
  await page.getByRole('button', { name: '登 录' }).click();
  await expect(page.locator('[data-testid="connection"][data-status="live"]')).toBeVisible({ timeout: 300_000 });
}

test('the admin adds, tests and removes an agency feed in 设置 → 数据源', async ({ page }) => {
  // Long: on the shared 2-core machine a page load alone took 95 s and each click's stability check 20 s.
  test.setTimeout(900_000);
  await signIn(page, 'admin');
  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-feeds').click();
  const tab = page.getByTestId('feeds-tab');
  // The embedded hub's five demo agencies come from its configuration: listed read-only, with their status.
  await expect(tab.locator('tbody tr')).toHaveCount(5, { timeout: 30_000 });
  await expect(tab.locator('tr[data-feed="traffic"]')).toContainText('配置文件（只读）');
  await expect(tab.locator('tr[data-feed="traffic"] [data-testid="feeds-status"]')).toHaveText('在线', { timeout: 30_000 });

  // An empty form is refused field by field, before anything is sent.
  await page.getByTestId('feeds-add').click();
  const form = page.getByTestId('feeds-form');
  await page.getByTestId('feeds-form-save').click();
  await expect(form.locator('.feeds-error')).toHaveCount(6);
  await expect(form).toContainText('标识须以小写字母开头');

  await page.getByTestId('feeds-form-id').fill('songhua');
  await page.getByTestId('feeds-form-domain').selectOption('ecology');
  await page.getByTestId('feeds-form-name-zh').fill('松花江水质自动站');
  await page.getByTestId('feeds-form-name-en').fill('Songhua water quality stations');
  await page.getByTestId('feeds-form-url').fill(ecologyUrl);
  await page.getByTestId('feeds-form-rate').fill('500');

  // The hub tests the connection: a wrong token is refused by the agency, the right one reaches it.
  await page.getByTestId('feeds-form-token').fill('wrong-token-for-test');
  await page.getByTestId('feeds-form-test').click();
  await expect(page.getByTestId('feeds-form-test-result')).toContainText('数据源拒绝了连接', { timeout: 30_000 });
  await page.getByTestId('feeds-form-token').fill(TOKEN);
  await page.getByTestId('feeds-form-test').click();
  await expect(page.getByTestId('feeds-form-test-result')).toContainText(/可连接，用时 \d+ 毫秒/, { timeout: 30_000 });

  await page.getByTestId('feeds-form-save').click();
  await expect(page.getByTestId('feeds-note')).toContainText('已添加数据源 songhua', { timeout: 30_000 });
  const row = tab.locator('tr[data-feed="songhua"]');
  await expect(row).toContainText('松花江水质自动站');
  await expect(row.getByTestId('feeds-token')).toHaveText(`已设置（末四位 ${TOKEN.slice(-4)}）`);
  await expect(row).toContainText('修改于');
  // The hub connected to it live: the sources stream says so.
  await expect(row.getByTestId('feeds-status')).toHaveText('在线', { timeout: 60_000 });
  await row.getByTestId('feeds-test').click();
  await expect(row.getByTestId('feeds-row-test')).toContainText('可连接', { timeout: 30_000 });
  expect(await page.content()).not.toContain(TOKEN);
  await saveScreenshot(page, 'feeds-admin');

  // Editing keeps the stored token when the field stays empty.
  await row.getByTestId('feeds-edit').click();
  await expect(page.getByTestId('feeds-form-id')).toBeDisabled();
  await expect(page.getByTestId('feeds-form-token')).toHaveAttribute('placeholder', new RegExp(TOKEN.slice(-4)));
  await page.getByTestId('feeds-form-rate').fill('800');
  await page.getByTestId('feeds-form-save').click();
  await expect(page.getByTestId('feeds-note')).toContainText('已保存数据源 songhua', { timeout: 30_000 });
  await expect(row.getByTestId('feeds-status')).toHaveText('在线', { timeout: 60_000 });

  // Remove, after a confirmation naming the feed.
  await row.getByTestId('feeds-remove').click();
  await expect(page.getByTestId('feeds-confirm')).toContainText('松花江水质自动站');
  await page.getByTestId('feeds-confirm-yes').click();
  await expect(page.getByTestId('feeds-note')).toContainText('已删除数据源 songhua', { timeout: 30_000 });
  await expect(row).toHaveCount(0);
  await expect(tab.locator('tbody tr')).toHaveCount(5);
});

test('a non-admin has no 数据源 tab', async ({ page }) => {
  test.setTimeout(600_000);
  await signIn(page, 'operator');
  await page.getByTestId('settings-open').click();
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
  await expect(page.getByTestId('settings-tab-feeds')).toHaveCount(0);
});
