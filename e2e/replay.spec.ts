/**
 * Issue 7 acceptance, replay (§1–3): after the commander assigned the lead
 * of the Harbin chemical-leak incident, an analyst replays to the moment
 * before the assignment — the board, the map and the incident view show that
 * state (no lead; as many alerts as the log holds up to then) — and one step
 * forward shows the assignment. Live ingest carries on meanwhile, and the
 * live view is right on return. Then the incident alone, in focus.
 *
 * The log is read over the hub's own workstation protocol, as the analyst
 * (so with the same visibility as the analyst's replica), and folded with
 * the shared reducer: the expected numbers come from the log, not the UI.
 */
import { expect, test, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { DomainEvent } from '../shared/domain/events';
import { fold } from '../shared/domain/reduce';
import type { CommandResult } from '../shared/protocol/commands';
import { PROTOCOL } from '../shared/protocol/version';
import type { EventsBatch, LoginResponse } from '../shared/protocol/workstation';
import { leakIncidentIn } from './leak';
import { saveScreenshot } from './screenshots';

const PASSWORD = 'longwatch';

/** A signed-in workstation connection to the hub that keeps every event it is sent. */
interface HubSession {
  socket: Socket;
  events: DomainEvent[];
  close(): void;
}

async function signInToHub(baseURL: string, user: string): Promise<LoginResponse> {
  const login = io(`${baseURL}login`, { transports: ['websocket'], forceNew: true, reconnection: false });
  try {
    return (await login.timeout(5_000).emitWithAck('login', { protocol: PROTOCOL, user, password: PASSWORD })) as LoginResponse;
  } finally {
    login.close();
  }
}

async function hubSession(baseURL: string, user: string): Promise<HubSession> {
  // The web host answers before its embedded hub has started, and the hub before
  // it has created the demo accounts: try again for a while.
  let r: LoginResponse | undefined;
  for (let attempt = 0; !r?.ok && attempt < 30; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2000));
    r = await signInToHub(baseURL, user).catch(() => undefined);
  }
  if (!r?.ok) throw new Error(`login ${user}: ${r ? r.message : 'the hub did not answer'}`);
  const socket = io(baseURL, { transports: ['websocket'], forceNew: true, auth: { protocol: PROTOCOL, token: r.token } });
  const events: DomainEvent[] = [];
  socket.on('events', (batch: EventsBatch) => {
    for (const e of batch.events as DomainEvent[]) if (e.seq > (events.at(-1)?.seq ?? 0)) events.push(e);
  });
  socket.on('connect', () => socket.emit('sync', { after: events.at(-1)?.seq ?? 0 }));
  return { socket, events, close: () => socket.close() };
}

/** `2026-11-26 14:03:12.455` in Beijing time (UTC+8 all year). */
function beijing(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').replace('Z', '');
}

async function signIn(page: Page, account: string): Promise<void> {
  await page.goto('/');
  await page.click(`[data-account="${account}"]`);
  await page.getByRole('button', { name: '登 录' }).click();
  await expect(page.locator('[data-testid="connection"][data-status="live"]')).toBeVisible({ timeout: 90_000 });
}

/** The board's "all alerts" number ("37" or "12 / 37"). */
async function boardTotal(page: Page): Promise<number> {
  const text = (await page.getByTestId('board-count').textContent()) ?? '';
  return Number(text.split('/').at(-1)!.replace(/[^\d]/g, ''));
}

test('an analyst replays to just before the lead was assigned; one step forward shows it', async ({ browser, baseURL }) => {
  test.setTimeout(600_000);
  const commander = await hubSession(baseURL!, 'commander');
  const analystLog = await hubSession(baseURL!, 'analyst');
  try {
    // The chemical leak opens a joint incident (the scenario plays fast in e2e).
    await expect.poll(() => leakIncidentIn(commander.events), { timeout: 180_000 }).toBeTruthy();
    const incidentId = leakIncidentIn(commander.events)!;
    const opened = commander.events.find((e) => e.type === 'incident.opened' && e.body.incidentId === incidentId) as DomainEvent<'incident.opened'>;
    console.log(`chemical-leak incident ${incidentId} opened at seq ${opened.seq}`);
    // Let a few more alerts arrive, so that the moment before matters.
    await new Promise((r) => setTimeout(r, 3000));
    const result = (await commander.socket
      .timeout(15_000)
      .emitWithAck('command', { id: `e2e-lead-${Date.now()}`, type: 'incident.assignLead', body: { incidentId, agency: 'hlj-safety' } })) as CommandResult;
    expect(result.ok).toBe(true);
    const leadSeq = (result as { seq: number }).seq;
    await expect.poll(() => analystLog.events.some((e) => e.seq === leadSeq), { timeout: 15_000 }).toBe(true);
    const log = analystLog.events;
    const lead = log.find((e) => e.seq === leadSeq)!;
    expect(lead.type).toBe('incident.leadAssigned');
    const before = log.filter((e) => e.time < lead.time);
    // The moment shown is the millisecond before the assignment: no earlier event may share its time.
    expect(log.filter((e) => e.seq < leadSeq).every((e) => e.time < lead.time)).toBe(true);
    const expected = fold(before);
    const atT = expected.incidents.get(incidentId)!;
    expect(atT.lead).toBeUndefined();

    // The analyst, at another workstation.
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'analyst');
    const row = page.locator(`[data-testid="board-row"][data-kind="incident"][data-id="${incidentId}"]`);
    await expect(row.locator('.irow-lead')).toBeVisible({ timeout: 30_000 });

    // Into replay (R), then jump to the typed moment.
    await page.locator('body').press('r');
    const bar = page.getByTestId('replay-bar');
    await expect(bar).toBeVisible();
    await expect(page.getByTestId('replay-banner')).toContainText('回放');
    await expect(bar).toHaveAttribute('data-last-seq', /[1-9]/);
    await expect.poll(async () => Number(await bar.getAttribute('data-last-seq')), { timeout: 20_000 }).toBeGreaterThanOrEqual(leadSeq);
    const T = lead.time - 1;
    await page.getByLabel('跳转到').fill(beijing(T));
    const seekStart = Date.now();
    await page.getByRole('button', { name: '跳转', exact: true }).click();
    await expect(bar).toHaveAttribute('data-seq', String(expected.seq));
    console.log(
      `seek to ${beijing(T)} (seq ${expected.seq} of ${log.length} events): ${await bar.getAttribute('data-seek-ms')} ms in the page, ${Date.now() - seekStart} ms seen by the test`,
    );
    await expect(bar).toHaveAttribute('data-at', String(T));
    await expect(page.getByTestId('replay-banner')).toContainText(beijing(T).slice(0, 19));

    // The board: as many alerts as the log up to T, the incident without a lead.
    await expect.poll(() => boardTotal(page)).toBe(expected.alerts.size);
    await expect(row.locator('.irow-nolead')).toBeVisible();
    // The incident view: no lead, its alerts as at T.
    await row.click();
    const detail = page.getByTestId('pane-detail');
    await expect(detail.locator(`[data-id="${incidentId}"]`)).toBeVisible();
    await expect(detail.getByTestId('incident-lead')).toHaveAttribute('data-lead', '');
    await expect(detail.getByTestId('incident-alerts').locator('li')).toHaveCount(atT.alerts.filter((id) => expected.alerts.has(id)).length);
    // The map draws the replay store (it was rebuilt for it) and is ready.
    await expect(page.locator('[data-testid="map"][data-map-status="ready"]')).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    await saveScreenshot(page, 'replay-before-lead-1920x1080');

    // One step forward: the assignment.
    await page.getByTestId('replay-step-forward').click();
    await expect(bar).toHaveAttribute('data-seq', String(leadSeq));
    await expect(row.locator('.irow-lead')).toBeVisible();
    await expect(detail.getByTestId('incident-lead')).toHaveAttribute('data-lead', 'hlj-safety');
    await expect.poll(() => boardTotal(page)).toBe(expected.alerts.size);

    // Focus: the incident alone, from its first alert (the bar offers it for the selected incident).
    const now = fold(analystLog.events);
    const finalAlerts = now.incidents.get(incidentId)!.alerts;
    await page.getByTestId('replay-bar').getByTestId('replay-incident').click();
    await expect(page.getByTestId('replay-focus')).toContainText(now.incidents.get(incidentId)!.title);
    const firstAlertSeq = Math.min(...finalAlerts.map((id) => now.alerts.get(id)!.receivedSeq));
    await expect(bar).toHaveAttribute('data-seq', String(firstAlertSeq));
    await expect.poll(() => boardTotal(page)).toBe(1);
    await expect(page.locator('[data-testid="board-row"][data-kind="incident"]')).toHaveCount(0);
    await page.getByLabel('跳转到').fill(beijing(T));
    await page.getByRole('button', { name: '跳转', exact: true }).click();
    await expect(bar).toHaveAttribute('data-seq', String(expected.seq));
    const focusAlerts = new Set([...finalAlerts, ...atT.alerts].filter((id) => expected.alerts.has(id)));
    await expect.poll(() => boardTotal(page)).toBe(focusAlerts.size);
    await expect(page.locator('[data-testid="board-row"][data-kind="incident"]')).toHaveCount(1);
    await expect(row.locator('.irow-nolead')).toBeVisible();
    await expect(page.locator('[data-testid="replay-mark"][data-kind="opened"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="replay-mark"][data-kind="lead"]')).toHaveCount(1);
    await page.waitForTimeout(1500);
    await saveScreenshot(page, 'replay-focus-1920x1080');

    // Live ingest carried on meanwhile; back to live (L) shows the present.
    const liveCount = fold(analystLog.events).alerts.size;
    await page.locator('body').press('l');
    await expect(bar).toBeHidden();
    await expect.poll(() => boardTotal(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(liveCount);
    expect(liveCount).toBeGreaterThan(expected.alerts.size);
    await context.close();
  } finally {
    commander.close();
    analystLog.close();
  }
});
