/**
 * Text from feeds is data (issue 5): a headline carrying `<script>` and an
 * `<img onerror>` is sent through a real demo feed (e2e/fixtures/scenarios),
 * and must show as text on the board and in the detail panel, with nothing
 * executed and no element created from it.
 */
import { expect, test } from '@playwright/test';

const MARKER = 'G1京哈高速哈尔滨段路况提示';

test('markup in a feed headline is shown as text and never runs', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await page.click('[data-account="traffic"]');
  await page.getByRole('button', { name: '登 录' }).click();
  await expect(page.locator('[data-testid="connection"][data-status="live"]')).toBeVisible({ timeout: 30_000 });

  // Search narrows the board to the one alert (the search box is the board's own).
  await page.keyboard.press('/');
  await page.keyboard.type(MARKER);
  const row = page.locator('[data-testid="board-row"][data-kind="alert"]', { hasText: MARKER }).first();
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText('<script>window.__pwned=1</script>');
  await expect(row).toContainText('<img src=x onerror="window.__pwned=2">');

  await row.click();
  await expect(page.getByTestId('pane-detail')).toContainText('<b>此处的标记必须显示为文本</b>');

  const verdict = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned,
    injectedScripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')).length,
    injectedImages: document.querySelectorAll('img[src="x"]').length,
    bold: [...document.querySelectorAll('b')].filter((b) => b.textContent?.includes('此处的标记')).length,
  }));
  expect(verdict).toEqual({ pwned: undefined, injectedScripts: 0, injectedImages: 0, bold: 0 });
  expect(errors).toEqual([]);
});
