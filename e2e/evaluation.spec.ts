/**
 * The evaluation dashboard (晾晒台, issue 8) against web mode with the
 * embedded demo hub: the traffic duty officer acknowledges alerts in one
 * browser context, the commander opens the dashboard in another (its own
 * replica) and checks it against the board, drills down and exports CSV.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { saveScreenshot } from './screenshots';

const AGENCY_COUNT = 6;

async function signIn(browser: Browser, account: string): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/');
  await page.click(`[data-account="${account}"]`);
  await page.getByRole('button', { name: '登 录' }).click();
  // Generous: the demo hub streams the whole log to a new replica, and CI machines are shared.
  await expect(page.locator('[data-testid="connection"][data-status="live"]')).toBeVisible({ timeout: 90_000 });
  return page;
}

/** Acknowledges `n` alerts in status new: click the row (cursor and detail follow), press `a`; returns their ids. */
async function acknowledgeSome(page: Page, n: number): Promise<string[]> {
  const newRows = page.locator('[data-testid="board-row"][data-kind="alert"][data-status="new"]');
  await expect(newRows.first()).toBeVisible({ timeout: 30_000 });
  const ids: string[] = [];
  for (let i = 0; i < 10 && ids.length < n; i++) {
    // New alerts keep arriving and re-sort the list: what was clicked is what the detail panel shows.
    await newRows.first().click();
    await expect(page.getByTestId('detail-alert')).toBeVisible({ timeout: 30_000 });
    const id = (await page.getByTestId('detail-alert').getAttribute('data-id'))!;
    if (ids.includes(id)) continue;
    const detail = page.locator(`[data-testid="detail-alert"][data-id="${id}"]`);
    // The routine feeds cancel now and then: only a still-new alert can be acknowledged.
    if ((await detail.getAttribute('data-status')) !== 'new') continue;
    await page.keyboard.press('a');
    // The detail panel keeps the alert even if the list re-sorts it out of view.
    await expect(detail).toHaveAttribute('data-status', 'acknowledged', { timeout: 45_000 });
    ids.push(id);
  }
  expect(ids).toHaveLength(n);
  return ids;
}

test('the commander ranks the agencies, checks them against the board, drills down and exports CSV', async ({ browser }) => {
  test.setTimeout(900_000);
  const traffic = await signIn(browser, 'traffic');
  const acked = await acknowledgeSome(traffic, 3);
  // Only analysts and commanders see the entry; the duty officer does not.
  await expect(traffic.getByTestId('user')).toHaveAttribute('data-role', 'dutyOfficer');
  await expect(traffic.getByTestId('evaluation-entry')).toHaveCount(0);
  await traffic.context().close();

  const commander = await signIn(browser, 'commander');
  const problems: string[] = [];
  commander.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  commander.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });

  // What the board shows for the traffic agency: acknowledged rows with the status filter on. The
  // routine feeds cancel a few live alerts, so one acknowledged here may have ended since (see below).
  await commander.getByTestId('filter-status').selectOption('acknowledged');
  const ackedTrafficRows = commander.locator('[data-testid="board-row"][data-kind="alert"][data-agency="hlj-traffic"][data-status="acknowledged"]');
  await expect(ackedTrafficRows.first()).toBeVisible({ timeout: 30_000 });
  const boardCount = await ackedTrafficRows.count();

  await commander.getByTestId('evaluation-entry').click();
  await expect(commander).toHaveURL(/#\/evaluation$/);
  const view = commander.getByTestId('evaluation');
  await expect(view).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  // Seven Beijing days: robust against a run that crosses midnight in Beijing.
  await commander.locator('[data-preset="7d"]').click();
  await expect(commander.locator('[data-preset="7d"]')).toHaveAttribute('aria-pressed', 'true');

  // Every agency ranked 1…6, best first by overall SLA compliance.
  const rows = commander.getByTestId('eval-row');
  await expect(rows).toHaveCount(AGENCY_COUNT);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rank')))).toEqual(['1', '2', '3', '4', '5', '6']);
  const compliance = await rows.evaluateAll((trs) =>
    trs.map((tr) => tr.querySelector('[data-testid$="-responseCompliance"]')?.getAttribute('data-value') ?? ''),
  );
  const numeric = compliance.filter((v) => v !== '').map(Number);
  expect(numeric).toEqual([...numeric].sort((a, b) => b - a));
  expect(compliance.slice(numeric.length).every((v) => v === '')).toBe(true);

  // The traffic agency's acknowledged count: every alert its officer acknowledged (the ones above, and
  // any an earlier spec acknowledged on this shared hub).
  const ackCell = commander.getByTestId('cell-hlj-traffic-acknowledged');
  await expect.poll(async () => Number(await ackCell.getAttribute('data-value')), { timeout: 30_000 }).toBeGreaterThanOrEqual(acked.length);
  const ackedCount = Number(await ackCell.getAttribute('data-value'));
  await expect(commander.getByTestId('cell-hlj-traffic-received')).not.toHaveAttribute('data-value', '0');
  await expect(commander.getByTestId('eval-choropleth')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await expect(commander.getByTestId('chart-alerts').locator('canvas')).toHaveCount(1);
  await commander.waitForTimeout(1500); // let the map draw its labels before the picture
  await saveScreenshot(commander, 'evaluation-commander-1920x1080');

  // The CSV has a header and one row per agency, UTF-8 with a BOM.
  const [download] = await Promise.all([commander.waitForEvent('download', { timeout: 30_000 }), commander.getByTestId('eval-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  expect(lines).toHaveLength(1 + AGENCY_COUNT);
  expect(lines[0]).toContain('已确认');
  const trafficLine = lines.find((l) => l.split(',')[1] === 'hlj-traffic')!;
  expect(trafficLine).toContain('黑龙江省交通运输厅');
  expect(new Set(lines.slice(1).map((l) => l.split(',')[1])).size).toBe(AGENCY_COUNT);

  // The PDF report is this page printed: title, range, generated time, table and charts, no controls.
  await commander.emulateMedia({ media: 'print' });
  await expect(commander.getByTestId('eval-export-pdf')).toBeHidden();
  await expect(commander.getByTestId('eval-range')).toBeVisible();
  // (No screenshot here: in print media Chromium's screenshot of the page never finished within 9 minutes.)
  await commander.emulateMedia({ media: 'screen' });

  // Drill-down: the alerts behind the number are the ones acknowledged, and one opens in the workspace.
  await ackCell.getByRole('button').click();
  const drill = commander.getByTestId('eval-drill');
  await expect(drill).toHaveAttribute('data-count', String(ackedCount));
  const listed = await commander.getByTestId('eval-drill-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-id')));
  expect(listed).toHaveLength(ackedCount);
  for (const id of acked) expect(listed).toContain(id);
  // The indicator keeps an acknowledgement that happened; the board's 已确认 filter shows the current
  // status. Each listed alert is still acknowledged or has ended since (its feed cancelled it, or it
  // expired), and the board, counted a little earlier, showed those still acknowledged plus at most
  // the ones that ended in between (fresh-clone CI of 8cb114b: board 4, still acknowledged 3). An
  // empty status is an alert no longer in the live store.
  const stillAcknowledged = await commander.locator('[data-testid="eval-drill-item"][data-status="acknowledged"]').count();
  const ended = await commander.locator('[data-testid="eval-drill-item"]:is([data-status="cancelled"], [data-status="expired"], [data-status="superseded"], [data-status=""])').count();
  expect(stillAcknowledged + ended).toBe(ackedCount);
  expect(boardCount).toBeGreaterThanOrEqual(stillAcknowledged);
  expect(boardCount).toBeLessThanOrEqual(stillAcknowledged + ended);
  if (boardCount === ackedCount) await expect(ackCell).toHaveAttribute('data-value', String(boardCount));
  else console.log(`evaluation e2e: ${ackedCount - boardCount} acknowledged alert(s) ended before the check (cancelled or expired by the feed)`);
  await saveScreenshot(commander, 'evaluation-drill-1920x1080');
  const first = listed[0]!;
  await commander.locator(`[data-testid="eval-drill-item"][data-id="${first}"]`).click();
  await expect(commander.getByTestId('evaluation')).toHaveCount(0);
  await expect(commander).not.toHaveURL(/#\/evaluation/);
  await expect(commander.locator(`[data-testid="detail-alert"][data-id="${first}"]`)).toBeVisible();

  expect(problems).toEqual([]);
});
