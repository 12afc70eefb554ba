/**
 * Issue 9: a Severe/Extreme alert for the signed-in duty officer raises a
 * desktop notification (web mode: the Notification API, permission granted
 * by Playwright); clicking it selects the alert. The page's Notification is
 * wrapped (not replaced) to record what was shown: the real API still runs.
 * Settings: the dialog from the top bar persists a muted domain.
 */
import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './screenshots';

interface Shown {
  title: string;
  body: string;
  tag: string;
}

async function signIn(page: Page, account: string): Promise<void> {
  await page.goto('/');
  await page.click(`[data-account="${account}"]`);
  await page.getByRole('button', { name: '登 录' }).click();
  await expect(page.locator('[data-testid="connection"][data-status="live"]')).toBeVisible({ timeout: 90_000 });
}

test('a red/orange alert for the traffic duty officer raises a notification; clicking it opens the alert', async ({ context, page }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['notifications']);
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: Array<{ title: string; body: string; tag: string; n: Notification }> = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '', tag: options?.tag ?? '', n: this });
      }
    }
    window.Notification = Recording;
  });
  await signIn(page, 'traffic');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown.length), { timeout: 180_000, intervals: [1000] }).toBeGreaterThan(0);
  const shown = await page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown.map(({ title, body, tag }) => ({ title, body, tag })));
  console.log(`notifications shown: ${JSON.stringify(shown.slice(0, 3))}`);
  const first = shown.find((s) => s.tag.startsWith('alert:'))!;
  expect(first).toBeDefined();
  // Only the officer's own agency, only red or orange.
  for (const s of shown.filter((x) => x.tag.startsWith('alert:'))) expect(s.title).toMatch(/^(红色预警|橙色预警) · 交通运输$/);
  expect(first.body.length).toBeGreaterThan(0);
  // Clicking the notification selects the alert: the detail panel shows it.
  await page.evaluate((tag) => {
    const entry = (window as unknown as { __shown: Array<{ tag: string; n: Notification }> }).__shown.find((s) => s.tag === tag)!;
    entry.n.onclick?.(new Event('click'));
  }, first.tag);
  await expect(page.getByTestId('pane-detail')).toContainText(first.body.slice(0, 20));
});

test('settings: the dialog from the top bar keeps a muted domain and quiet hours across a reload', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'commander');
  await page.getByTestId('settings-open').click();
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await saveScreenshot(page, 'settings-dialog-1920x1080');
  await dialog.locator('input[data-domain="market"]').uncheck();
  await page.getByTestId('settings-quiet').check();
  await page.getByTestId('settings-save').click();
  await expect(dialog).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-testid="connection"][data-status="live"]')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('settings-open').click();
  await expect(page.locator('input[data-domain="market"]')).not.toBeChecked();
  await expect(page.locator('input[data-domain="traffic"]')).toBeChecked();
  await expect(page.getByTestId('settings-quiet')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings-dialog')).toHaveCount(0);
});
