/**
 * The situation map in web mode, on `#/map-preview` (the map fed by a
 * synthetic store: renderer/src/features/map/MapPreview.tsx). Chromium draws
 * it with SwiftShader WebGL. What the map drew is read from the preview's
 * `data-*` attributes.
 */
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './screenshots';

/** Software WebGL on a busy machine can take seconds per frame: be patient with what the map shows. */
const expect = baseExpect.configure({ timeout: 30_000 });

/** Every request the page makes, to prove the map never leaves the app's own origin. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

function foreign(urls: readonly string[], baseURL: string): string[] {
  return urls.filter((u) => !u.startsWith(baseURL) && !u.startsWith('blob:') && !u.startsWith('data:'));
}

function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

async function openPreview(page: Page, query = ''): Promise<void> {
  await page.goto(`/#/map-preview${query}`);
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-status', 'ready', { timeout: 60_000 });
  await waitSettled(page);
}

/** Waits until the map has settled: not moving, every tile loaded and drawn. */
async function waitSettled(page: Page): Promise<void> {
  await expect(page.getByTestId('map-preview')).toHaveAttribute('data-settled', 'true', { timeout: 60_000 });
}

/** What the preview reports it drew; labels fade in over several frames on software GL, so this waits. */
async function expectData(page: Page, name: string, expected: string | RegExp): Promise<void> {
  await expect(page.getByTestId('map-preview')).toHaveAttribute(`data-${name}`, expected, { timeout: 60_000 });
}

/** Waits for MapLibre to draw a few more frames (after a style change, before a screenshot); needs something animating. */
async function waitFrames(page: Page, frames = 3): Promise<void> {
  const from = Number(await dataOf(page, 'renders'));
  await expect.poll(async () => Number(await dataOf(page, 'renders')), { timeout: 60_000 }).toBeGreaterThanOrEqual(from + frames);
}

async function dataOf(page: Page, name: string): Promise<string | null> {
  return page.getByTestId('map-preview').getAttribute(`data-${name}`);
}

test.describe('situation map', () => {
  // Software WebGL compiles shaders and rasterises 1920×1080 frames on the CPU: give it time.
  test.describe.configure({ timeout: 180_000 });

  test('draws the offline basemap with Chinese labels in Noto Sans SC and no foreign requests', async ({ page, baseURL }) => {
    const urls = recordRequests(page);
    const problems = recordProblems(page);
    await openPreview(page);

    const canvas = page.locator('.lw-map canvas.maplibregl-canvas');
    await expect(canvas).toBeVisible();
    const size = await canvas.boundingBox();
    expect(size!.width).toBeGreaterThan(1000);

    // All 13 prefecture names are placed by MapLibre at the province view.
    await expectData(page, 'prefecture-labels', '13');
    // The label glyphs were rasterised from the bundled font, not a fallback.
    const fontReady = await page.evaluate(() => ['400', '500', '700'].every((w) => document.fonts.check(`${w} 16px "Noto Sans SC"`, '哈尔滨齐齐哈尔大兴安岭佳木斯七台河')));
    expect(fontReady).toBe(true);
    await expect(page.getByTestId('map-legend')).toContainText('红色');
    await expect(page.getByTestId('map-fit-province')).toHaveText('全省');
    await expect(page.getByTestId('map-zoom-selection')).toBeDisabled();
    await saveScreenshot(page, 'map-basemap');

    // Interaction: zoom in with the wheel, turn the heatmap on and off, back to the province.
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await waitSettled(page);
    await page.getByTestId('map-heatmap').click();
    await expect(page.getByTestId('map-heatmap')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('map-heatmap').click();
    await page.getByTestId('map-fit-province').click();
    await waitSettled(page);

    expect(urls.length).toBeGreaterThan(0);
    expect(foreign(urls, baseURL!)).toEqual([]);
    expect(urls.some((u) => u.includes('.geojson'))).toBe(true);
    expect(problems).toEqual([]);
  });

  test('shows a headline as text, selects on click, and follows a selection made elsewhere', async ({ page, baseURL }) => {
    const urls = recordRequests(page);
    const problems = recordProblems(page);
    await openPreview(page, '?probe=1&incidents=4');
    await expectData(page, 'alert-marks', '1');
    await expectData(page, 'incident-marks', '4');
    const canvas = (await page.locator('.lw-map canvas.maplibregl-canvas').boundingBox())!;
    const point = async (name: string): Promise<[number, number]> => [Number(await dataOf(page, `${name}-x`)), Number(await dataOf(page, `${name}-y`))];
    const onScreen = ([x, y]: [number, number]): boolean => x > canvas.x && y > canvas.y && x < canvas.x + canvas.width && y < canvas.y + canvas.height;

    // Hover: the feed's markup is shown literally, never parsed.
    const [px, py] = await point('probe');
    await page.mouse.move(px, py);
    const tooltip = page.locator('.lw-map-tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('<script>alert(1)</script>松花江水质异常（测试）');
    await expect(tooltip).toContainText('黄色');
    await expect(tooltip).toContainText('生态环境');
    await expect(tooltip).toContainText('哈尔滨');
    expect(await tooltip.locator('script, img').count()).toBe(0);

    // Click an incident: it becomes the shared selection.
    const [ix, iy] = await point('incident');
    await page.mouse.move(ix, iy);
    await expect(tooltip).toContainText('联合处置事件');
    await page.mouse.click(ix, iy);
    await expect(page.getByTestId('map-preview')).toHaveAttribute('data-selected', 'incident:preview-incident:0');
    await page.mouse.move(canvas.x + 40, canvas.y + 40);
    await expect(tooltip).toBeHidden();

    // Zoom in far from Harbin, then select the alert the way the board does: the map eases to it.
    await page.mouse.move(canvas.x + canvas.width * 0.36, canvas.y + canvas.height * 0.14);
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, -800);
      await page.waitForTimeout(400);
    }
    await waitSettled(page);
    await expect.poll(async () => onScreen(await point('probe')), { timeout: 60_000 }).toBe(false);
    await page.getByTestId('preview-select-probe').click();
    await expect(page.getByTestId('map-preview')).toHaveAttribute('data-selected', 'alert:preview:probe');
    await expect.poll(async () => onScreen(await point('probe')), { timeout: 60_000 }).toBe(true);
    await waitSettled(page);

    // 定位所选 zooms in until the alert stands on its own.
    await page.getByTestId('map-zoom-selection').click();
    await expect.poll(async () => Number(await dataOf(page, 'zoom')), { timeout: 60_000 }).toBeGreaterThan(10);
    await waitSettled(page);
    const [sx, sy] = await point('probe');
    await page.mouse.click(sx, sy);
    await expect(page.getByTestId('map-preview')).toHaveAttribute('data-selected', 'alert:preview:probe');
    await saveScreenshot(page, 'map-selection');

    expect(foreign(urls, baseURL!)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('clusters many alerts by level, and applies a 10k reset and a 500-alert delta', async ({ page, baseURL }, testInfo) => {
    const urls = recordRequests(page);
    const problems = recordProblems(page);
    await openPreview(page, '?alerts=10000&incidents=6&burst=500');
    await expectData(page, 'delta-ms', /\d/);
    await waitSettled(page);

    const m = {
      resetAlerts: Number(await dataOf(page, 'reset-alerts')),
      resetApplyMs: Number(await dataOf(page, 'reset-apply-ms')),
      resetIndexedMs: Number(await dataOf(page, 'reset-indexed-ms')),
      resetRenderedMs: Number(await dataOf(page, 'reset-ms')),
      deltaAlerts: Number(await dataOf(page, 'delta-alerts')),
      deltaApplyMs: Number(await dataOf(page, 'delta-apply-ms')),
      deltaIndexedMs: Number(await dataOf(page, 'delta-indexed-ms')),
      deltaRenderedMs: Number(await dataOf(page, 'delta-ms')),
    };
    testInfo.annotations.push({ type: 'measurement', description: JSON.stringify(m) });
    console.log('map measurement', JSON.stringify(m));
    expect(m.resetAlerts).toBe(10_000);
    expect(m.deltaAlerts).toBe(500);
    // Guards against a regression in kind (a setData per alert, a relayout per frame), not a benchmark:
    // rendering time on software WebGL depends on how busy the machine is. The numbers are reported above.
    expect(m.deltaApplyMs).toBeLessThan(250);
    expect(m.deltaRenderedMs).toBeLessThan(20_000);

    // Clustered: far fewer marks than alerts at the province view.
    const marks = Number(await dataOf(page, 'alert-marks'));
    expect(marks).toBeGreaterThan(5);
    expect(marks).toBeLessThan(1_000);
    // Symbols (counts, incident diamonds) fade in once placed.
    await expectData(page, 'incident-marks', '6');
    await waitFrames(page);
    await saveScreenshot(page, 'map-alerts');

    await page.getByTestId('map-heatmap').click();
    await waitFrames(page);
    await saveScreenshot(page, 'map-heatmap');

    expect(foreign(urls, baseURL!)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
