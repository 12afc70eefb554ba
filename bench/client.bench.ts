/**
 * The workstation under load (issue 5 "Numbers"), in Debian's Chromium, each
 * against a baseline from the same browser and run:
 *
 *   npm run bench -- client [--json] [--events N] [--seconds S] [--rate R] [--points P] [--variants C]
 *
 * - apply rate: a fresh workstation syncs a hub log of N alert events; events/s
 *   from the first applied batch until the live store shows the hub's head
 *   (validated, folded, keyed, stored in Dexie, delta applied on the UI
 *   thread), against raw Dexie `bulkPut` of the same events in the same
 *   batches, one row per event, on a bare page, measured before and after
 *   the sync (the ratio is to their mean), and against the rate at which the
 *   hub sends the same log to a plain Node socket.io client right after;
 * - latency: real feeds, in a child process (`client-feeds.ts`), emit R alerts/s
 *   (default 2,000; the offered, produced and hub-taken rates are printed) for S seconds into the
 *   real hub; one in 20 carries a probe word in its headline, the board
 *   searches for it (sorted by time), and each probe's latency is from the
 *   feed's `produce()` to the first React commit whose alert list held it
 *   (the board's count reached its rank: see `listTimes`; a probe pushed
 *   below the fold by newer ones in the same update never gets a DOM row, so
 *   its row time, also printed, counts only the rows drawn), split by stage:
 *   the hub's group listener (`HubEngine.onDidCommitGroup`'s moments), the
 *   worker's update timing (`UpdateTiming`) and the page's listener beside
 *   the live store (`pageProbes.ts` `watchLiveUpdates`);
 * - long tasks: PerformanceObserver 'longtask' on the workstation page during
 *   that load, with Long Animation Frame script attribution;
 * - map frame time: the `#/map-preview` route with P synthetic alerts (default
 *   100k) against a bare MapLibre page with the same points clustered, both
 *   dragged the same way; ms per rendered frame.
 *
 * - `--variants C`: three replica layouts compared on C copies of the log
 *   (write rate, time to find the widest incident's events); not in --json.
 * - `--only sync`: the apply rate alone, with the CPU every process and
 *   thread used for it and for raw `bulkPut` (`threadCpu.ts`), measured
 *   first in a Chromium Playwright does not watch (`barePage.ts`: under
 *   Playwright every WebSocket frame the worker receives is copied into a
 *   DevTools event), then as before; --json then prints `applyPerSec` (the
 *   Playwright page's, comparable with earlier runs), `bareApplyPerSec`
 *   and `rawBulkPutPerSec` only.
 * - `--only map`: the map frame time alone (no hub, feeds or workstation);
 *   --json then prints `mapFrameMs` and `bareMapFrameMs` only.
 *
 * Needs a built renderer: `LONGWATCH_OUT` (default `out`), e.g. `npm run build`.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { DomainEvent } from '@shared/domain/events';
import { fold, reduce } from '@shared/domain/reduce';
import { snapshotOf, stateFromSnapshot } from '@shared/domain/snapshot';
import { initialState } from '@shared/domain/state';
import { hashPassword } from '../electron/hub/auth/passwords';
import { startHub } from '../electron/hub/hub';
import { createLogger } from '../electron/hub/log';
import { connectWorkstation, login } from '../electron/hub/testing/workstation';
import { startWebHost } from '../electron/web/server';
import { tempDir } from '../integration/harness';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { createPreviewStore } from '../renderer/src/features/map/previewStore';
import { PUBLISH_FALLBACK_MS } from '../renderer/src/live/frameBatch';
import { keysOf as keysOfEvent } from '../renderer/src/live/replicaKeys';
import { startFeedsProcess } from './client-feeds';
import { startBaselinePages } from './client-pages';
import { watchLiveUpdates, watchLongTasks, type ProbeArrival } from './pageProbes';
import { cpuByThread, cpuReport } from './threadCpu';
import { openBarePage } from './barePage';
import { fmt, json, say } from './harness';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 30_000);
const SECONDS = arg('seconds', 15);
const RATE = arg('rate', 2000);
const POINTS = arg('points', 100_000);
/** Replica layouts compared on this many copies of the log (0: skip). */
const VARIANTS = arg('variants', 0);
const ONLY_MAP = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'map';
/** `--only ingest`: everything but the map frame time. */
const ONLY_INGEST = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'ingest';
/** `--only sync`: the apply rate alone (the sync and its baselines; no load, reload or map). */
const ONLY_SYNC = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'sync';
/** `--profile FILE`: a CPU profile of the workstation page's main thread during the load (Chrome DevTools format). */
const PROFILE = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined;
const PROBE_EVERY = 20;
const PROBE_WORD = '探针';
const OUT = process.env['LONGWATCH_OUT'] ?? 'out';
const rendererRoot = join(import.meta.dirname, '..', OUT, 'renderer');
if (!existsSync(join(rendererRoot, 'index.html'))) {
  console.error(`bench client: no built renderer in ${OUT}/renderer; run npm run build (or set LONGWATCH_OUT)`);
  process.exit(1);
}
const log = createLogger('bench', { level: 'silent', pretty: false });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

// --- the real hub behind the real web host, five real feeds ---------------------------------
const host = await startWebHost({ rendererRoot, host: '127.0.0.1', port: 0 });
if (ONLY_MAP) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const baseline = await startBaselinePages([], [], pointsOf(POINTS));
  const { mapFrameMs, bareMapFrameMs } = await mapFrameTimes(browser, host.url, baseline.url);
  say(`map frame time with ${fmt(POINTS)} alerts while dragging: ${mapFrameMs.toFixed(1)} ms, bare MapLibre with the same points clustered: ${bareMapFrameMs.toFixed(1)} ms (${(mapFrameMs / bareMapFrameMs).toFixed(2)}×)`);
  if (json) console.log(JSON.stringify({ mapFrameMs: Number(mapFrameMs.toFixed(1)), bareMapFrameMs: Number(bareMapFrameMs.toFixed(1)) }));
  await browser.close();
  await host.close();
  baseline.server.close();
  process.exit(0);
}
// The feeds run in a process of their own: producing in the hub's process starved the hub.
const feeds = await startFeedsProcess();
// The log to sync: produced before the hub starts, so it drains the feeds' backlog.
const expected = await feeds.backlog(EVENTS);
const hub = await startHub({ dataDir: tempDir('bench-client-hub'), port: 0, feeds: feeds.feeds, allowedOrigins: [], snapshotEvery: 10_000_000 }, { httpServer: host.server, log });
host.setHubInfo({ url: '', mode: 'center' });
await hub.store.putUser({ name: 'bench', displayName: '基准', role: 'commander' }, await hashPassword('bench-password'));
// The hub is draining the feeds meanwhile; on a busy machine a sign-in may time out: try again.
let session: Awaited<ReturnType<typeof login>> | undefined;
for (let attempt = 1; !session; attempt++) {
  try {
    session = await login(hub.url, 'bench', 'bench-password');
  } catch (e) {
    if (attempt >= 10) throw e;
  }
}
if (!session.ok) throw new Error(session.message);

// The hub's log, as a plain client receives it (the batches are the baseline's batches too).
// (Also retried: the hub is still draining the feeds.)
let ws: Awaited<ReturnType<typeof connectWorkstation>> | undefined;
for (let attempt = 1; !ws; attempt++) {
  try {
    ws = await connectWorkstation(hub.url, session.token);
  } catch (e) {
    if (attempt >= 10) throw e;
  }
}
const batches: DomainEvent[][] = [];
ws.socket.on('events', (b: { events: DomainEvent[] }) => b.events.length > 0 && batches.push(b.events));
let lastCount = -1;
let quiet = 0;
for (;;) {
  await sleep(500);
  const received = ws.events.filter((e) => e.type === 'alert.received').length;
  if (received >= expected && received === lastCount) break;
  // A hub that stops taking alerts (quarantine, dedupe) must not hang the bench.
  quiet = received === lastCount ? quiet + 1 : 0;
  // (Repeats of an alert already taken count as alert.repeated, not received.)
  if (quiet > 40 && received > 0) {
    say(`  the hub took ${fmt(received)} of ${fmt(expected)} alerts as new and nothing more for 20 s; going on with that log`);
    break;
  }
  if (received !== lastCount && Math.floor(received / 5000) !== Math.floor(lastCount / 5000)) say(`  … ${fmt(received)} alerts in the hub`);
  lastCount = received;
}
const head = ws.events.at(-1)!.seq;
say(`hub log: ${fmt(ws.events.length)} events (${fmt(expected)} alerts from 5 feeds, 2 of them CAP), head ${head}`);

{
  // What a reload costs with and without a stored snapshot (same V8 as the worker, measured here in Node).
  let t = performance.now();
  const state = fold(ws.events);
  const foldMs = performance.now() - t;
  t = performance.now();
  const text = snapshotOf(state);
  const writeMs = performance.now() - t;
  t = performance.now();
  stateFromSnapshot(text);
  const readMs = performance.now() - t;
  say(`state of ${fmt(ws.events.length)} events: fold ${foldMs.toFixed(0)} ms; snapshotOf ${writeMs.toFixed(0)} ms (${(text.length / 1e6).toFixed(1)} MB of text); stateFromSnapshot ${readMs.toFixed(0)} ms`);
}
// This plain client has the log and its batches now. Left open, it would also receive and parse
// every live event of the load below, in the hub's own process (a second workstation the hub
// encodes for, and the parsing on the hub's thread).
ws.close();

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
const baseline = await startBaselinePages(batches, keysOf(batches), pointsOf(POINTS));

// --- raw Dexie bulkPut of the same events ----------------------------------------------------
// Measured before and after the workstation's sync (the machine's load moves
// within a run); the ratio is to the mean of the two.
const loadNow = (): string => `load ${loadavg()[0]!.toFixed(1)}`;
async function rawRate(): Promise<number> {
  const p = await context.newPage();
  await p.goto(`${baseline.url}/raw`);
  const threadsBefore = cpuByThread();
  const raw = await p.evaluate(() => (window as unknown as { rawBulkPut(): Promise<{ events: number; ms: number }> }).rawBulkPut());
  const threadsAfter = cpuByThread();
  await p.close();
  const perSec = raw.events / (raw.ms / 1000);
  say(`baseline, raw Dexie bulkPut, one row per event, one transaction per hub batch: ${fmt(perSec)} events/s (${fmt(raw.events)} in ${(raw.ms / 1000).toFixed(1)} s, ${loadNow()})`);
  if (ONLY_SYNC) for (const line of cpuReport(threadsBefore, threadsAfter, raw.events, 'event put')) say(line);
  return perSec;
}
const rawBefore = await rawRate();
const rawPage = await context.newPage();
await rawPage.goto(`${baseline.url}/raw`);
if (VARIANTS > 0) {
  const variants = await rawPage.evaluate((copies) => (window as unknown as { storageVariants(c: number): Promise<Array<{ name: string; events: number; perSec: number; queryMs: number; found: number; expected: number }>> }).storageVariants(copies), VARIANTS);
  for (const v of variants) say(`  replica layout "${v.name}": writes ${fmt(v.perSec)} events/s; the widest incident of ${fmt(v.events)} events (${v.found}/${v.expected} events) in ${v.queryMs.toFixed(0)} ms`);
}

await rawPage.close();

// --- the workstation syncs the same log --------------------------------------------------------
const page = await context.newPage();
await page.addInitScript(watchLongTasks);
await page.addInitScript(watchLiveUpdates, { probeWord: PROBE_WORD, publishFallbackMs: PUBLISH_FALLBACK_MS });
/** The session for the page's origin, and the replica's progress as the UI thread sees it (`__progress`). */
const trackProgress = ({ key, value }: { key: string; value: string }): void => {
  localStorage.setItem(key, value);
  const w = window as unknown as Record<string, unknown[]>;
  // The replica's progress as the UI thread sees it (the status bar's attributes).
  const progress: Array<[number, number, number]> = [];
  w['__progress'] = progress;
  // (No named local functions in page code: tsx would wrap them in a `__name` helper the page lacks.)
  setInterval(() => {
    const info = document.querySelector<HTMLElement>('[data-testid="sync-info"]');
    const seq = Number(info?.dataset['replicaSeq'] ?? 0);
    const syncing = info?.dataset['status'] === 'syncing' || seq > 0;
    const fetched = Number(info?.dataset['fetchedSinceLoad'] ?? 0);
    if (syncing && (progress.length === 0 || progress.at(-1)![1] !== seq || progress.at(-1)![2] !== fetched)) progress.push([performance.now(), seq, fetched]);
  }, 5);
};
const sessionItem = { key: `longwatch.session.${new URL(host.url).origin}`, value: JSON.stringify({ token: session.token, user: session.user }) };
/** Events/s from the status bar saying "syncing" (the socket is open, the sync request goes out) to the head shown. */
function syncRate(progress: Array<[number, number, number]>): { events: number; ms: number; perSec: number; receivedMs: number | undefined } {
  const [t0, s0] = progress[0]!;
  const done = progress.find(([, s]) => s >= head)!;
  const received = progress.find(([, , f]) => f >= done[1] - s0);
  return { events: done[1] - s0, ms: done[0] - t0, perSec: (done[1] - s0) / ((done[0] - t0) / 1000), receivedMs: received && received[0] - t0 };
}
let bareApplyPerSec = NaN;
if (ONLY_SYNC) {
  // The same sync in a Chromium no test framework watches (`barePage.ts`): Playwright's page below
  // has every WebSocket frame copied into a DevTools event for it.
  const bare = await openBarePage(CHROMIUM_PATH, CHROMIUM_ARGS);
  await bare.addInitScript(trackProgress.toString(), sessionItem);
  const threadsBefore = cpuByThread();
  await bare.goto(host.url);
  const shown = `Number(document.querySelector('[data-testid="sync-info"]')?.dataset.replicaSeq ?? 0) >= ${head}`;
  const until = Date.now() + 600_000;
  while (!(await bare.evaluate<boolean>(shown))) {
    if (Date.now() > until) throw new Error('bare page: the sync did not finish in 10 minutes');
    await sleep(20);
  }
  const threadsAfter = cpuByThread();
  const r = syncRate(await bare.evaluate<Array<[number, number, number]>>('window.__progress'));
  bareApplyPerSec = r.perSec;
  say(`workstation sync in a bare Chromium (no Playwright): ${fmt(r.perSec)} events/s (${fmt(r.events)} events in ${(r.ms / 1000).toFixed(1)} s, ${loadNow()})`);
  for (const line of cpuReport(threadsBefore, threadsAfter, r.events, 'event synced, from page load to the head shown')) say(line);
  await bare.close();
}
await page.addInitScript(trackProgress, sessionItem);
const cdp = PROFILE ? await page.context().newCDPSession(page) : undefined;
if (cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}
// The hub's side of the sync (read the log from PGlite, project, encode, send), in this process.
const hubSyncProfiler = PROFILE ? await startHubProfiler() : undefined;
const syncCpuBefore = process.cpuUsage();
const syncThreadsBefore = cpuByThread();
await page.goto(host.url);
const workerCdp = PROFILE ? await workerProfiler(browser) : undefined;
await page.waitForFunction((h) => Number(document.querySelector<HTMLElement>('[data-testid="sync-info"]')?.dataset['replicaSeq'] ?? 0) >= h, head, { timeout: 600_000, polling: 20 });
// The hub's side of the sync as CPU time (this process: hub, web host, Playwright's client; decode workers idle).
const syncCpu = process.cpuUsage(syncCpuBefore);
const syncThreadsAfter = cpuByThread();
if (cdp && PROFILE) {
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(`${PROFILE}.sync.cpuprofile`, JSON.stringify(profile));
  say(`main-thread profile of the sync: ${PROFILE}.sync.cpuprofile; self time by function:`);
  for (const [where, ms] of selfTimes(profile).slice(0, 15)) say(`  ${ms.toFixed(0).padStart(6)} ms  ${where}`);
}
if (hubSyncProfiler && PROFILE) await stopHubProfiler(hubSyncProfiler, `${PROFILE}.hub-sync.cpuprofile`, 'the sync');
if (workerCdp && PROFILE) {
  const profile = await workerCdp.stop();
  writeFileSync(`${PROFILE}.worker-sync.cpuprofile`, JSON.stringify(profile));
  say(`ingest worker profile of the sync: ${PROFILE}.worker-sync.cpuprofile; self time by function:`);
  for (const [where, ms] of selfTimes(profile).slice(0, 20)) say(`  ${ms.toFixed(0).padStart(6)} ms  ${where}`);
}
const synced = syncRate(await page.evaluate(() => (window as unknown as { __progress: Array<[number, number, number]> }).__progress));
const applyPerSec = synced.perSec;
say(`workstation sync (hub read and send, validate, fold, key, Dexie chunk, live store): ${fmt(applyPerSec)} events/s (${fmt(synced.events)} events in ${(synced.ms / 1000).toFixed(1)} s, ${loadNow()})`);
say(`  hub + host + bench process CPU from page load to the head shown: ${fmt((syncCpu.user + syncCpu.system) / 1000)} ms, ${fmt((syncCpu.user + syncCpu.system) / Math.max(1, synced.events))} µs per event synced`);
// Every process's share, from page load to the head shown (page load and the map's start included):
// on 2 cores the hub, the page's threads and Chromium's IndexedDB and network work compete.
for (const line of cpuReport(syncThreadsBefore, syncThreadsAfter, synced.events, 'event synced, from page load to the head shown')) say(line);
{
  // Where the time went: every event received (folded, on the board) before it was stored?
  if (synced.receivedMs !== undefined) say(`  all events received and folded after ${(synced.receivedMs / 1000).toFixed(1)} s, stored after ${(synced.ms / 1000).toFixed(1)} s`);
  // What the hub alone takes to read and send the log to a plain socket.io client now.
  const t = Date.now();
  const plain = await connectWorkstation(hub.url, session.token);
  await plain.waitFor((events) => (events.at(-1)?.seq ?? 0) >= head, 600_000);
  const ms = Date.now() - t;
  plain.close();
  say(`  the hub reads and sends the same log to a plain Node client at ${fmt(plain.events.length / (ms / 1000))} events/s (${(ms / 1000).toFixed(1)} s, ${loadNow()}): the sync took ${((applyPerSec / (plain.events.length / (ms / 1000))) * 100).toFixed(0)}% of that rate`);
}
const rawAfter = await rawRate();
const rawBulkPutPerSec = (rawBefore + rawAfter) / 2;
say(`workstation sync = ${((applyPerSec / rawBulkPutPerSec) * 100).toFixed(0)}% of raw bulkPut (the mean of before and after)${ONLY_SYNC ? `; in the bare Chromium ${((bareApplyPerSec / rawBulkPutPerSec) * 100).toFixed(0)}%` : ''}`);
if (ONLY_SYNC) {
  if (json) console.log(JSON.stringify({ applyPerSec: Math.round(applyPerSec), bareApplyPerSec: Math.round(bareApplyPerSec), rawBulkPutPerSec: Math.round(rawBulkPutPerSec) }));
  await page.close();
  await browser.close();
  await hub.close();
  await host.close();
  await feeds.stop();
  baseline.server.close();
  process.exit(0);
}

// --- latency and long tasks at RATE alerts/s -------------------------------------------------
await page.getByRole('button', { name: '时间优先' }).click();
await page.getByTestId('board-search').fill(PROBE_WORD);
await sleep(1000);
const loadStart = await page.evaluate(() => {
  const seen = new Map<string, number>();
  (window as unknown as { __seen: Map<string, number> }).__seen = seen;
  new MutationObserver(() => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="board-row"][data-kind="alert"]')) {
      const id = el.dataset['id']!;
      if (!seen.has(id)) seen.set(id, Date.now());
    }
  }).observe(document.body, { childList: true, subtree: true });
  return performance.now();
});
// Each probe through the hub (epoch ms): its batch received by the feed connector, handed to the engine
// (decoded, in order), its group started, committed, and announced (the broadcast written to the sockets).
const hubProbes = new Map<string, HubProbe>();
let appended: readonly DomainEvent[] = [];
const stopAppend = hub.engine.onDidAppend((events) => (appended = events));
const stopGroups = hub.engine.onDidCommitGroup((_timing, m) => {
  const epoch = (t: number): number => performance.timeOrigin + t;
  for (const b of m.batches) {
    for (let i = b.events[0]; i < b.events[1]; i++) {
      const e = appended[i]!;
      if (e.type !== 'alert.received') continue;
      const body = e.body as { alertId: string; content: { headline: string } };
      if (!body.content.headline.includes(PROBE_WORD)) continue;
      hubProbes.set(body.alertId, { seq: e.seq, receivedAt: epoch(b.receivedAt), queuedAt: epoch(b.queuedAt), startedAt: epoch(m.started), committedAt: epoch(m.committed), announcedAt: epoch(m.announced) });
    }
  }
});
await page.evaluate(() => (window as unknown as { __watchBoardCount: () => void }).__watchBoardCount());
if (cdp) await cdp.send('Profiler.start');
if (workerCdp) await workerCdp.start();
// The hub runs in this process: its main thread (pipeline, store, sockets; decoding is in worker threads) during the load.
const hubProfiler = PROFILE ? await startHubProfiler() : undefined;
// The achieved rate: alerts the hub took (its state, not a client that a starved process may drop).
const alertsInHub = (): number => hub.engine.state.alerts.size;
const takenBefore = alertsInHub();
const taken = { alerts: takenBefore, lastAt: Date.now() };
const watchHub = setInterval(() => {
  if (alertsInHub() !== taken.alerts) Object.assign(taken, { alerts: alertsInHub(), lastAt: Date.now() });
}, 100);
const loadStartedAt = Date.now();
const cpuBefore = process.cpuUsage();
const load = await feeds.load({ rate: RATE, seconds: SECONDS, probeEvery: PROBE_EVERY, probeWord: PROBE_WORD });
const emitted = new Map(load.probes);
const emittedPerSec = load.produced / (load.elapsedMs / 1000);
// Until the hub has taken every alert produced (or none for 5 s), then 3 s for the board.
while (taken.alerts - takenBefore < load.produced && Date.now() - taken.lastAt < 5000) await sleep(250);
clearInterval(watchHub);
const hubCpu = process.cpuUsage(cpuBefore);
if (hubProfiler && PROFILE) await stopHubProfiler(hubProfiler, `${PROFILE}.hub-load.cpuprofile`, 'the load');
const takenDuringLoad = taken.alerts - takenBefore;
const achievedPerSec = takenDuringLoad / (Math.max(load.elapsedMs, taken.lastAt - loadStartedAt) / 1000);
await sleep(3000);
stopAppend();
stopGroups();
const { seen, longTasks, frames, loadEnd, probeArrivals, counts, frameGaps, mapRepaints } = await page.evaluate(() => {
  const w = window as unknown as {
    __seen: Map<string, number>;
    __longTasks: Array<{ start: number; duration: number }>;
    __frames: Array<{ start: number; duration: number; scripts: Array<{ source: string; duration: number }> }>;
    __probes: ProbeArrival[];
    __counts: Array<[number, number, number?]>;
    __frameGaps: number[];
    __mapRepaints: number;
  };
  return { seen: [...w.__seen], longTasks: w.__longTasks, frames: w.__frames, loadEnd: performance.now(), probeArrivals: w.__probes, counts: w.__counts, frameGaps: w.__frameGaps, mapRepaints: w.__mapRepaints };
});
if (cdp && PROFILE) {
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(PROFILE, JSON.stringify(profile));
  say(`main-thread profile of the load: ${PROFILE}; self time by function:`);
  for (const [where, ms] of selfTimes(profile).slice(0, 15)) say(`  ${ms.toFixed(0).padStart(6)} ms  ${where}`);
}
if (workerCdp && PROFILE) {
  const profile = await workerCdp.stop();
  writeFileSync(`${PROFILE}.worker-load.cpuprofile`, JSON.stringify(profile));
  say(`ingest worker profile of the load: ${PROFILE}.worker-load.cpuprofile; self time by function:`);
  for (const [where, ms] of selfTimes(profile).slice(0, 15)) say(`  ${ms.toFixed(0).padStart(6)} ms  ${where}`);
}
const seenAt = new Map(seen);
const rowLatencies: number[] = [];
let missing = 0;
for (const [id, at] of emitted) {
  const row = seenAt.get(id);
  if (row === undefined) missing++;
  else rowLatencies.push(row - at);
}
rowLatencies.sort((a, b) => a - b);
const listedAt = listTimes(hubProbes, counts, 0);
const drawnAt = listTimes(hubProbes, counts, 2);
const latencies: number[] = [];
let unlisted = 0;
for (const [id, at] of emitted) {
  const listed = listedAt.get(id);
  if (listed === undefined) unlisted++;
  else latencies.push(listed - at);
}
latencies.sort((a, b) => a - b);
const during = <T extends { start: number }>(xs: T[]): T[] => xs.filter((x) => x.start >= loadStart && x.start <= loadEnd);
const tasks = during(longTasks).filter((t) => t.duration > 50);
say(`load: ${fmt(RATE)} alerts/s offered for ${SECONDS} s; the feeds' process produced ${fmt(emittedPerSec)}/s (${fmt(load.produced)}, ${fmt(load.cpuMs)} ms CPU); the hub took ${fmt(takenDuringLoad)} at ${fmt(achievedPerSec)}/s (hub + host + bench process CPU ${fmt((hubCpu.user + hubCpu.system) / 1000)} ms, ${fmt((hubCpu.user + hubCpu.system) / Math.max(1, takenDuringLoad))} µs per alert taken)`);
say(`feed emit → on the board at ${fmt(achievedPerSec)} alerts/s achieved: p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms (${latencies.length} of ${emitted.size} probes, ${unlisted} never listed; ${loadNow()})`);
say(`  measured as: the feed's produce() to the first React commit whose alert list held the probe (the board's count of listed alerts, drawn with the rows, reached the probe's rank in hub seq order; the search lists only probes)`);
say(`  feed emit → a DOM row of its own (MutationObserver): p50 ${pct(rowLatencies, 50).toFixed(0)} ms, p99 ${pct(rowLatencies, 99).toFixed(0)} ms (${rowLatencies.length} probes; ${missing} never got a row: pushed below the fold by newer ones in the same update, hence the count above)`);
for (const line of stageReport(emitted, hubProbes, probeArrivals, listedAt, drawnAt, seenAt)) say(line);
{
  const gaps = frameGaps.slice().sort((a, b) => a - b);
  say(`  the page's animation frames during the load: ${gaps.length}, gap p50 ${pct(gaps, 50).toFixed(0)} ms, p99 ${pct(gaps, 99).toFixed(0)} ms, max ${(gaps.at(-1) ?? NaN).toFixed(0)} ms; the map repainted in ${mapRepaints} of them`);
}
say(`main-thread long tasks > 50 ms during the load: ${tasks.length}${tasks.length ? ` (longest ${Math.max(...tasks.map((t) => t.duration)).toFixed(0)} ms)` : ''}`);
const bySource = new Map<string, number>();
for (const f of during(frames)) for (const s of f.scripts) if (s.duration > 10) bySource.set(s.source, (bySource.get(s.source) ?? 0) + s.duration);
for (const [source, ms] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, 5)) say(`  long frames' scripts: ${ms.toFixed(0)} ms in ${source}`);

// A reload: the replica restores from its newest snapshot plus the tail.
const shown = Number(await page.getByTestId('sync-info').getAttribute('data-replica-seq'));
const reloadStart = Date.now();
await page.reload();
await page.waitForFunction((h) => Number(document.querySelector<HTMLElement>('[data-testid="sync-info"]')?.dataset['replicaSeq'] ?? 0) >= h, shown, { timeout: 600_000, polling: 20 });
const reloadMs = Date.now() - reloadStart;
const fetchedAfterReload = Number(await page.getByTestId('sync-info').getAttribute('data-fetched-since-load'));
say(`reload: the board is back at seq ${fmt(shown)} after ${fmt(reloadMs)} ms (page load included), ${fmt(fetchedAfterReload)} events fetched`);
await page.close();

// --- map frame time, ours against bare MapLibre ------------------------------------------------
async function dragFrames(p: Page, renders: () => Promise<number>, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await p.mouse.move(cx, cy);
  await p.mouse.down();
  const before = await renders();
  const t = Date.now();
  const ms = 6000;
  // A slow circle, the same path on both pages.
  while (Date.now() - t < ms) {
    const a = ((Date.now() - t) / ms) * 2 * Math.PI;
    await p.mouse.move(cx + Math.cos(a) * 150 - 150, cy + Math.sin(a) * 150, { steps: 1 });
    await sleep(16);
  }
  await p.mouse.up();
  const elapsed = Date.now() - t;
  await sleep(400);
  const frames = (await renders()) - before;
  return elapsed / Math.max(1, frames);
}
const { mapFrameMs, bareMapFrameMs } = ONLY_INGEST ? { mapFrameMs: NaN, bareMapFrameMs: NaN } : await mapFrameTimes(browser, host.url, baseline.url);
if (!ONLY_INGEST) say(`map frame time with ${fmt(POINTS)} alerts while dragging: ${mapFrameMs.toFixed(1)} ms, bare MapLibre with the same points clustered: ${bareMapFrameMs.toFixed(1)} ms (${(mapFrameMs / bareMapFrameMs).toFixed(2)}×)`);

await browser.close();
await hub.close();
await host.close();
baseline.server.close();
await feeds.stop();

if (json) {
  console.log(
    JSON.stringify({
      applyPerSec: Math.round(applyPerSec),
      rawBulkPutPerSec: Math.round(rawBulkPutPerSec),
      latencyP50Ms: Math.round(pct(latencies, 50)),
      latencyP99Ms: Math.round(pct(latencies, 99)),
      offeredPerSec: RATE,
      emittedPerSec: Math.round(emittedPerSec),
      achievedPerSec: Math.round(achievedPerSec),
      longTasksOver50Ms: tasks.length,
      mapFrameMs: Number(mapFrameMs.toFixed(1)),
      bareMapFrameMs: Number(bareMapFrameMs.toFixed(1)),
    }),
  );
}
process.exit(0);

/** Ms per frame dragging the `#/map-preview` route with POINTS alerts, then the bare MapLibre page over the same box. */
async function mapFrameTimes(browser: Browser, hostUrl: string, baselineUrl: string): Promise<{ mapFrameMs: number; bareMapFrameMs: number }> {
  // A context of its own: the workstation's session (and its worker's sync) stays out of the map pages.
  const mapContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const ours = await mapContext.newPage();
  await ours.goto(`${hostUrl}#/map-preview?alerts=${POINTS}`);
  await ours.waitForSelector('[data-testid="map-preview"][data-settled="true"]', { timeout: 300_000 });
  const mapBox = (await ours.getByTestId('map').boundingBox())!;
  const mapFrameMs = await dragFrames(ours, async () => Number(await ours.getByTestId('map-preview').getAttribute('data-renders')), mapBox);
  await ours.close();
  const bare = await mapContext.newPage();
  await bare.goto(`${baselineUrl}/bare?left=${mapBox.x}&top=${mapBox.y}&width=${mapBox.width}&height=${mapBox.height}`);
  await bare.waitForFunction(() => (window as unknown as { ready: boolean }).ready, undefined, { timeout: 300_000 });
  const bareMapFrameMs = await dragFrames(bare, () => bare.evaluate(() => (window as unknown as { renders: number }).renders), mapBox);
  await bare.close();
  await mapContext.close();
  return { mapFrameMs, bareMapFrameMs };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * A CPU profiler on the page's ingest worker, started at once. Playwright's
 * CDP sessions cannot address a dedicated worker, so this goes through the
 * browser session's `Target.sendMessageToTarget`.
 */
async function workerProfiler(b: Browser): Promise<{ start(): Promise<void>; stop(): Promise<CpuProfile> } | undefined> {
  const session = await b.newBrowserCDPSession();
  let worker: { targetId: string } | undefined;
  for (let i = 0; i < 100 && !worker; i++) {
    const { targetInfos } = await session.send('Target.getTargets');
    worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('ingest'));
    if (!worker) await sleep(50);
  }
  if (!worker) {
    say('  (no ingest worker target found to profile)');
    return undefined;
  }
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let next = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  session.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result);
  });
  const send = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = ++next;
      waiting.set(id, resolve as (r: unknown) => void);
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  const start = async (): Promise<void> => {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 500 });
    await send('Profiler.start');
  };
  await start();
  return { start, stop: async () => (await send<{ profile: CpuProfile }>('Profiler.stop')).profile };
}

/** A CPU profile of this process's main thread, where the hub runs (its decoding runs in worker threads). */
async function startHubProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return session;
}

async function stopHubProfiler(session: Session, file: string, what: string): Promise<void> {
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  say(`hub process (main thread) profile of ${what}: ${file}; self time by function:`);
  for (const [where, ms] of selfTimes(profile).slice(0, 20)) say(`  ${ms.toFixed(0).padStart(6)} ms  ${where}`);
}

/** Self time per function (ms, most first) of a CDP CPU profile. */
function selfTimes(profile: CpuProfile): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const f = byId.get(samples[i]!)!.callFrame;
    const where = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/assets\//, '').replace(/^file:\/\/.*?\/(electron|shared|node_modules|bench)\//, '$1/')}:${f.lineNumber + 1}`;
    out.set(where, (out.get(where) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  return [...out].sort((a, b) => b[1] - a[1]);
}

/** A probe alert in the hub (epoch ms; see the listeners before the load). */
interface HubProbe {
  seq: number;
  receivedAt: number;
  queuedAt: number;
  startedAt: number;
  committedAt: number;
  announcedAt: number;
}

/**
 * When each probe was first in the board's list as React committed it
 * (`which` 0), or when the frame that drew that commit began (2): the
 * board's count (`board-count`) of listed alerts reached the probe's rank.
 * Sound because the search lists only probes, none leaves the list, and the
 * workstation shows the hub's log in seq order (an update holds everything
 * up to its head): the list at any commit is the first `count` probes by seq.
 */
function listTimes(hubProbes: Map<string, HubProbe>, counts: Array<[number, number, number?]>, which: 0 | 2): Map<string, number> {
  const out = new Map<string, number>();
  if (counts.length === 0) return out;
  const base = counts[0]![1];
  const bySeq = [...hubProbes].sort((a, b) => a[1].seq - b[1].seq);
  let c = 0;
  bySeq.forEach(([id], rank) => {
    while (c < counts.length && counts[c]![1] - base < rank + 1) c++;
    const at = counts[c]?.[which];
    if (at !== undefined) out.set(id, at);
  });
  return out;
}

/** Where a probe's time went, stage by stage (p50 / p99 of each step, and of the time since produce() at its end). */
function stageReport(emitted: Map<string, number>, hubProbes: Map<string, HubProbe>, arrivals: ProbeArrival[], listedAt: Map<string, number>, drawnAt: Map<string, number>, rowAt: Map<string, number>): string[] {
  const page = new Map(arrivals.map((a) => [a.id, a]));
  const stages: Array<[string, (id: string) => number | undefined]> = [
    ['produced (feed process)', (id) => emitted.get(id)],
    ['hub: batch received by the feed connector', (id) => hubProbes.get(id)?.receivedAt],
    ['hub: decoded, handed to the engine in order', (id) => hubProbes.get(id)?.queuedAt],
    ['hub: its group started (waited for the engine)', (id) => hubProbes.get(id)?.startedAt],
    ['hub: built and committed (PGlite)', (id) => hubProbes.get(id)?.committedAt],
    ['hub: broadcast written to the sockets', (id) => hubProbes.get(id)?.announcedAt],
    ['worker: batch received (socket.io decoded)', (id) => page.get(id)?.workerAt],
    ['worker: update posted', (id) => page.get(id)?.postedAt],
    ['UI thread: message received', (id) => page.get(id)?.uiAt],
    [`UI thread: store published (next frame or ${PUBLISH_FALLBACK_MS} ms)`, (id) => page.get(id)?.frameAt],
    ['board: in the list as committed (count)', (id) => listedAt.get(id)],
    ['board: the frame drawing it began', (id) => drawnAt.get(id)],
  ];
  const out = [`  where a probe's time goes (ms; step = from the line before, total = since produce(); epoch ms across processes):`];
  for (let s = 1; s < stages.length; s++) {
    const steps: number[] = [];
    const totals: number[] = [];
    for (const id of emitted.keys()) {
      const t0 = stages[0]![1](id);
      const prev = stages[s - 1]![1](id);
      const at = stages[s]![1](id);
      if (at === undefined || t0 === undefined) continue;
      totals.push(at - t0);
      if (prev !== undefined) steps.push(at - prev);
    }
    steps.sort((a, b) => a - b);
    totals.sort((a, b) => a - b);
    out.push(`    ${stages[s]![0].padEnd(50)} step p50 ${pct(steps, 50).toFixed(0).padStart(5)}, p99 ${pct(steps, 99).toFixed(0).padStart(5)}   total p50 ${pct(totals, 50).toFixed(0).padStart(5)}, p99 ${pct(totals, 99).toFixed(0).padStart(5)}   (${totals.length})`);
  }
  // The page's share, apart from the hub's backlog (which sets the totals on this machine): from the
  // worker's receiving the probe's batch, and from the UI thread's receiving the update, to the frame drawing it.
  for (const [name, from] of [
    ['worker received', (id: string) => page.get(id)?.workerAt],
    ['UI thread received', (id: string) => page.get(id)?.uiAt],
  ] as const) {
    const spans = [...drawnAt].flatMap(([id, t]) => (from(id) === undefined ? [] : [t - from(id)!])).sort((a, b) => a - b);
    out.push(`    ${name} → the frame drawing it: p50 ${pct(spans, 50).toFixed(0)}, p99 ${pct(spans, 99).toFixed(0)} ms (${spans.length})`);
  }
  const both = [...rowAt].filter(([id]) => listedAt.has(id)).map(([id, t]) => t - listedAt.get(id)!);
  both.sort((a, b) => a - b);
  out.push(`    (probes with a DOM row: row minus list time p50 ${pct(both, 50).toFixed(0)}, max ${(both.at(-1) ?? NaN).toFixed(0)} ms over ${both.length}: the two measures agree where both exist)`);
  return out;
}

/** The replica keys of every event, computed while folding as the ingest worker does. */
function keysOf(log: DomainEvent[][]): string[][][] {
  let state = initialState;
  return log.map((batch) =>
    batch.map((e) => {
      const before = state;
      state = reduce(before, e);
      return keysOfEvent(e, before, state);
    }),
  );
}

/** The preview route's synthetic alerts (same seed, so the same points) as GeoJSON. */
function pointsOf(count: number): unknown {
  const store = createPreviewStore({ alerts: count, incidents: 0, probe: false });
  const features = [...store.getSnapshot().alerts.values()].map((a) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [a.point.lon, a.point.lat] }, properties: { id: a.id } }));
  return { type: 'FeatureCollection', features };
}
