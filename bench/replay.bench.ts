/**
 * Replay at scale (issue 7 "Numbers"), in Debian's Chromium on the built
 * renderer:
 *
 *   npm run bench -- replay [--json] [--events N] [--alert-share F] [--seeks S] [--play-seconds P]
 *
 * - the replica: N events (default 1,000,000) over 24 hours (`replay-log.ts`:
 *   the demo agencies' alerts and a command center's day of incidents),
 *   sealed with the real chain, written into the workstation's own Dexie
 *   replica on the app's origin the way the ingest worker writes it (folded
 *   with the real reducer, keyed, one chunk per hub batch, paged snapshots
 *   when due); its size on disk from `navigator.storage.estimate()`;
 * - seeks: the workstation signs in (restoring from that replica), enters
 *   replay (R), and jumps to S random moments (default 50) by the bar's typed
 *   time: from submitting until the map shows the state at T (its
 *   `data-map-pending` gone: MapLibre's worker has every change and a frame
 *   drew it); p50, p95, max; and, apart, until the bar showed the expected
 *   seq and two animation frames passed (the board and panels drawn, the
 *   map maybe not: what this measure was before 27 Nov 2026);
 * - playback at 3600× for P seconds (default 20): long tasks over 50 ms on
 *   the main thread (PerformanceObserver 'longtask', with Long Animation
 *   Frame attribution), and how fast replayed time actually advanced.
 *
 * Baselines from the same page and run: a raw Dexie get of one chunk, a bare
 * fold of as many events as a seek folds at most, the newest snapshot
 * restored cold, and the same state as format-1 JSON text.
 *
 * `--reuse DIR` keeps the browser profile (and so the written replica) in
 * DIR and serves the app on a fixed port (`--port`, default 4824): a later run
 * with the same DIR and `--events` skips writing the replica, which takes
 * minutes (for iterating on seeks and playback; the replica is the same
 * deterministic log).
 *
 * `--profile PREFIX` records the page's CPU profile over the seeks and over
 * playback (`PREFIX-seeks.cpuprofile`, `PREFIX-playback.cpuprofile`; open in
 * DevTools) and prints the functions with the most self time. `--trace PREFIX`
 * records a Chromium trace over the same spans (`PREFIX-seeks.trace.json`;
 * open in DevTools' Performance panel) and prints the page main thread's
 * self time by event: style, layout, paint, script, GC. `--heap PREFIX`
 * samples the page's allocations over the same spans, the garbage the GC
 * collected included (`PREFIX-seeks.heapprofile`; DevTools' Memory panel),
 * and prints the functions that allocated most.
 *
 * Needs a built renderer: `LONGWATCH_OUT` (default `out`).
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../electron/hub/auth/passwords';
import { startHub } from '../electron/hub/hub';
import { createLogger } from '../electron/hub/log';
import { login } from '../electron/hub/testing/workstation';
import { startWebHost } from '../electron/web/server';
import { tempDir } from '../integration/harness';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { replicaNameFor } from '../renderer/src/live/snapshotStore';
import { watchLongTasks } from './pageProbes';
import { fmt, json, say } from './harness';
import { dayOfEvents } from './replay-log';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 1_000_000);
const ALERT_SHARE = arg('alert-share', 0.1);
const SEEKS = arg('seeks', 50);
const PLAY_SECONDS = arg('play-seconds', 20);
const reuseAt = process.argv.indexOf('--reuse');
const REUSE = reuseAt >= 0 ? process.argv[reuseAt + 1] : undefined;
const PORT = arg('port', REUSE ? 4824 : 0);
const profileAt = process.argv.indexOf('--profile');
const PROFILE = profileAt >= 0 ? process.argv[profileAt + 1] : undefined;
const traceAt = process.argv.indexOf('--trace');
const TRACE = traceAt >= 0 ? process.argv[traceAt + 1] : undefined;
const heapAt = process.argv.indexOf('--heap');
const HEAP = heapAt >= 0 ? process.argv[heapAt + 1] : undefined;
/** Events per hub batch (one replica chunk each) and batches per fetch of the writer page. */
const BATCH = 1000;
const GROUP = 10;
const OUT = process.env['LONGWATCH_OUT'] ?? 'out';
const root = join(import.meta.dirname, '..');
const rendererRoot = join(root, OUT, 'renderer');
if (!existsSync(join(rendererRoot, 'index.html'))) {
  console.error(`bench replay: no built renderer in ${OUT}/renderer; run npm run build (or set LONGWATCH_OUT)`);
  process.exit(1);
}
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
/** `2026-11-26 14:03:12.455` in Beijing time (UTC+8 all year), as the bar's time input reads it. */
const beijing = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').replace('Z', '');

// --- the log ---------------------------------------------------------------------------------
say(`load average ${load()}`);
let t = performance.now();
const events = dayOfEvents(EVENTS, ALERT_SHARE);
say(`synthesised and sealed ${fmt(events.length)} events over 24 h in ${((performance.now() - t) / 1000).toFixed(0)} s`);
const groups = Math.ceil(events.length / (BATCH * GROUP));
const groupJson = (g: number): string => {
  const batches = [];
  for (let b = 0; b < GROUP; b++) {
    const from = (g * GROUP + b) * BATCH;
    if (from < events.length) batches.push(events.slice(from, from + BATCH));
  }
  return JSON.stringify(batches);
};
const writer = await build({
  entryPoints: [join(root, 'bench/replay-writer.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  tsconfig: join(root, 'tsconfig.web.json'),
  logLevel: 'silent',
});

// --- the real web host and hub (an empty log: the workstation's replica is the bench's) ------------
const log = createLogger('bench', { level: 'silent', pretty: false });
const host = await startWebHost({ rendererRoot, host: '127.0.0.1', port: PORT });
const hub = await startHub({ dataDir: tempDir('bench-replay-hub'), port: 0, feeds: [], allowedOrigins: [] }, { httpServer: host.server, log });
host.setHubInfo({ url: '', mode: 'center' });
await hub.store.putUser({ name: 'bench', displayName: '回放基准', role: 'analyst' }, await hashPassword('bench-password'));
const session = await login(hub.url, 'bench', 'bench-password');
if (!session.ok) throw new Error(session.message);
const origin = new URL(host.url).origin;
const replicaName = replicaNameFor(origin, 'bench');

type Written = { seq: number; rejected: number; alerts: number; incidents: number; snapshots: number; ms: number };
const reuseMeta = REUSE ? join(REUSE, `replica-${EVENTS}.json`) : undefined;
const reused = reuseMeta && existsSync(reuseMeta) ? (JSON.parse(readFileSync(reuseMeta, 'utf8')) as Written & { replicaName: string }) : undefined;
if (reused && reused.replicaName !== replicaName) throw new Error(`bench replay: ${REUSE} holds ${reused.replicaName}, this run would write ${replicaName} (another --port?)`);
const browser = REUSE ? undefined : await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
if (REUSE) mkdirSync(REUSE, { recursive: true });
const context = REUSE
  ? await chromium.launchPersistentContext(join(REUSE, 'profile'), { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 1920, height: 1080 } })
  : await browser!.newContext({ viewport: { width: 1920, height: 1080 } });
await context.route(`${origin}/__bench/**`, (route) => {
  const path = new URL(route.request().url()).pathname;
  if (path === '/__bench/writer.html') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><script type="module" src="/__bench/writer.js"></script>' });
  if (path === '/__bench/writer.js') return route.fulfill({ contentType: 'text/javascript', body: writer.outputFiles[0]!.text });
  const g = /^\/__bench\/events\/(\d+)$/.exec(path);
  if (g) return route.fulfill({ contentType: 'application/json', body: groupJson(Number(g[1])) });
  return route.fulfill({ status: 404, body: 'no such bench resource' });
});

// --- write the replica, as the ingest worker would ---------------------------------------------
const writerPage = await context.newPage();
writerPage.on('pageerror', (e) => console.error('writer page:', e.message));
await writerPage.goto(`${origin}/__bench/writer.html`);
await writerPage.waitForFunction(() => 'writeReplica' in window);
say(reused ? `reusing the replica ${replicaName} in ${REUSE}` : `writing the replica ${replicaName} in Chromium (fold, keys, chunks, paged snapshots)…`);
const written = reused ?? (await writerPage.evaluate(([name, n]) => (window as unknown as { writeReplica(a: string, b: number): Promise<Written> }).writeReplica(name, n), [replicaName, groups] as const));
if (reuseMeta && !reused) writeFileSync(reuseMeta, JSON.stringify({ ...written, replicaName }));
say(`replica: ${fmt(written.seq)} events (${fmt(written.rejected)} rejected by the reducer), ${fmt(written.alerts)} alerts and ${fmt(written.incidents)} incidents at the end, ${written.snapshots} paged snapshots; written in ${(written.ms / 1000).toFixed(0)} s (load ${load()})`);
const replicaBytes = await writerPage.evaluate(() => (window as unknown as { storageBytes(): Promise<number> }).storageBytes());
const eventBytes = events.reduce((n, e) => n + JSON.stringify(e).length, 0);
say(`replica size on disk (navigator.storage.estimate): ${(replicaBytes / 1e6).toFixed(0)} MB; the events alone as JSON text: ${(eventBytes / 1e6).toFixed(0)} MB`);
type Baselines = Record<'chunkGetMs' | 'bareFoldMs' | 'bareFoldEvents' | 'pagedColdMs' | 'textSnapshotMB' | 'textSnapshotAlerts' | 'textWriteMs' | 'textReadMs', number>;
const base = await writerPage.evaluate(([name, n]) => (window as unknown as { baselines(a: string, b: number): Promise<Baselines> }).baselines(name, n), [replicaName, 4000] as const);
say(`baseline, same page: raw Dexie get of one chunk ${base.chunkGetMs.toFixed(1)} ms (median of 30); bare fold of ${fmt(base.bareFoldEvents)} events ${base.bareFoldMs.toFixed(0)} ms`);
say(`baseline, the final state (${fmt(base.textSnapshotAlerts)} alerts): paged snapshot restored cold ${base.pagedColdMs.toFixed(0)} ms; as format-1 JSON text ${base.textSnapshotMB.toFixed(1)} MB, snapshotOf ${base.textWriteMs.toFixed(0)} ms, stateFromSnapshot ${base.textReadMs.toFixed(0)} ms (load ${load()})`);
await writerPage.close();

// --- the workstation: sign in (restores from the replica), enter replay ----------------------------
const page = await context.newPage();
page.on('pageerror', (e) => console.error('workstation page:', e.message));
await page.addInitScript(watchLongTasks);
const cdp = PROFILE || TRACE || HEAP ? await context.newCDPSession(page) : undefined;
type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };
let traceEvents: TraceEvent[] = [];
cdp?.on('Tracing.dataCollected', (e) => traceEvents.push(...(e.value as unknown as TraceEvent[])));
const startProfile = async (): Promise<void> => {
  if (!cdp) return;
  if (TRACE) {
    traceEvents = [];
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing', transferMode: 'ReportEvents' });
  }
  if (HEAP) {
    await cdp.send('HeapProfiler.enable');
    // Objects the GC collected stay in the profile: what a span allocated, not only what survived it.
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  if (!PROFILE) return;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
};
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
/** The page's main thread in a trace: self time per event name (Layout, Paint, FunctionCall, GC…). */
const stopTrace = async (name: string): Promise<void> => {
  if (!cdp || !TRACE) return;
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  writeFileSync(`${TRACE}-${name}.trace.json`, JSON.stringify({ traceEvents }));
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && traceEvents.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
  if (!main) return;
  const spans = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: Array<{ end: number; name: string }> = [];
  for (const e of spans) {
    while (stack.length && stack.at(-1)!.end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur! / 1000);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur! / 1000);
    stack.push({ end: e.ts + e.dur!, name: e.name });
  }
  say(`trace ${name}: the page's main thread, self time by event:`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18)) say(`  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
};
type HeapNode = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: HeapNode[] };
/** The page's allocations over a span (sampled), by the function that allocated. */
const stopHeap = async (name: string): Promise<void> => {
  if (!cdp || !HEAP) return;
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } };
  writeFileSync(`${HEAP}-${name}.heapprofile`, JSON.stringify(profile));
  const self = new Map<string, number>();
  const walk = (n: HeapNode): void => {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(profile.head);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  say(`heap ${name}: ${(total / 1e6).toFixed(0)} MB allocated (sampled); most allocated by:`);
  for (const [k, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) say(`  ${(bytes / 1e6).toFixed(1).padStart(7)} MB  ${k}`);
};
const stopProfile = async (name: string): Promise<void> => {
  await stopTrace(name);
  await stopHeap(name);
  if (!cdp || !PROFILE) return;
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  writeFileSync(`${PROFILE}-${name}.cpuprofile`, JSON.stringify(profile));
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  say(`profile ${name}: ${total.toFixed(0)} ms sampled; most self time:`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) say(`  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
};
await page.addInitScript(
  ({ key, value }) => {
    localStorage.setItem(key, value);
  },
  { key: `longwatch.session.${origin}`, value: JSON.stringify({ token: session.token, user: session.user }) },
);
t = performance.now();
await page.goto(host.url);
await page.waitForFunction((h) => Number(document.querySelector<HTMLElement>('[data-testid="sync-info"]')?.dataset['replicaSeq'] ?? 0) >= h, written.seq, { timeout: 900_000, polling: 100 });
say(`workstation restored from the replica (newest snapshot + tail) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
// The board and map take the restored state first; on a loaded machine the key waits for them.
await page.locator('body').press('r', { timeout: 900_000 });
const bar = page.getByTestId('replay-bar');
t = performance.now();
await page.waitForFunction((h) => Number(document.querySelector<HTMLElement>('[data-testid="replay-bar"]')?.dataset['lastSeq'] ?? 0) >= h, written.seq, { timeout: 900_000 });
await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('.replay-chart')?.dataset['bins'] ?? 0) > 0, undefined, { timeout: 1_800_000, polling: 500 });
await page.waitForFunction(() => !document.querySelector('[data-testid="replay-loading"]'), undefined, { timeout: 900_000 });
say(`replay entered, timeline scanned (histogram and milestones of ${fmt(written.seq)} events) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
// The replay index (one background fold keeping states to seek from); older builds have none.
const indexedMs = await page
  .waitForFunction(
    () => {
      const v = document.querySelector<HTMLElement>('[data-testid="replay-bar"]')?.dataset['indexedMs'];
      return v === undefined ? '-1' : v || null;
    },
    undefined,
    { timeout: 900_000, polling: 200 },
  )
  .then(async (h) => Number(await h.jsonValue()));
if (indexedMs >= 0) say(`replay index built in ${(indexedMs / 1000).toFixed(1)} s (in the background from entering replay; the seeks start once it is done) (load ${load()})`);
/** The page's JS heap in use (MB): V8's marking work grows with it, and playback's GC was its largest cost. */
const heapCdp = await context.newCDPSession(page);
const heapUsedMB = async (): Promise<string> => (((await heapCdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1e6).toFixed(0);
say(`the page's JS heap with the index built: ${await heapUsedMB()} MB in use`);

// --- random seeks ------------------------------------------------------------------------------
const firstTime = events[0]!.time;
const lastTime = events.at(-1)!.time;
/** Seq of the last event at or before `time`. */
const seqAt = (time: number): number => {
  let lo = 0;
  let hi = events.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (events[mid]!.time <= time) lo = mid;
    else hi = mid - 1;
  }
  return events[lo]!.seq;
};
let seed = 20261126;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const seeks: Array<{ ms: number; inPage: number; seq: number; panelsMs: number }> = [];
await startProfile();
for (let i = 0; i < SEEKS; i++) {
  const T = Math.floor(firstTime + rnd() * (lastTime - firstTime));
  const expected = seqAt(T);
  await page.getByLabel('跳转到').fill(beijing(T), { timeout: 300_000 });
  const r = await page.evaluate(async (want) => {
    const form = document.querySelector<HTMLFormElement>('[data-testid="replay-jump"]')!;
    const el = document.querySelector<HTMLElement>('[data-testid="replay-bar"]')!;
    const t0 = performance.now();
    form.requestSubmit();
    while (el.dataset['seq'] !== String(want)) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (performance.now() - t0 > 120_000) return { ms: -1, inPage: -1, panelsMs: -1 };
    }
    // The board and the panels drawn: two animation frames after the state is published.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const panelsMs = performance.now() - t0;
    // The map drawn: it takes a far seek's changes over several frames and
    // worker updates, and marks its container until a frame shows them all.
    while (document.querySelector('[data-map-pending]')) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (performance.now() - t0 > 120_000) return { ms: -1, inPage: -1, panelsMs };
    }
    return { ms: performance.now() - t0, inPage: Number(el.dataset['seekMs'] ?? NaN), panelsMs };
  }, expected);
  if (r.ms < 0) say(`  seek ${i + 1} to ${beijing(T)} (seq ${expected}) did not finish within 120 s`);
  seeks.push({ ms: r.ms < 0 ? 120_000 : r.ms, inPage: r.inPage, seq: expected, panelsMs: r.panelsMs });
  const parts = await page.evaluate(() => {
    const out = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('longwatch replay')).map((m) => `${m.name.replace('longwatch replay: ', '')} ${m.duration.toFixed(0)}`);
    performance.clearMeasures();
    return out.join(', ');
  });
  say(`  seek ${String(i + 1).padStart(2)} → ${beijing(T).slice(0, 19)} seq ${String(expected).padStart(7)}: ${r.ms.toFixed(0)} ms, board and panels ${r.panelsMs.toFixed(0)} ms (store ${r.inPage} ms: ${parts}; the rest is drawing)`);
}
await stopProfile('seeks');
say(`the page's JS heap after the seeks: ${await heapUsedMB()} MB in use`);
const sorted = seeks.map((s) => s.ms).sort((a, b) => a - b);
const seekP50Ms = pct(sorted, 50);
const seekP95Ms = pct(sorted, 95);
say(`seeks (${SEEKS}, random over 24 h): p50 ${seekP50Ms.toFixed(0)} ms, p95 ${seekP95Ms.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms = ${(seekP95Ms / base.bareFoldMs).toFixed(1)}× the bare fold of ${fmt(base.bareFoldEvents)} events (load ${load()})`);
const panels = seeks.map((x) => x.panelsMs).sort((a, b) => a - b);
say(`  until the board and panels showed it (the map still drawing): p50 ${pct(panels, 50).toFixed(0)} ms, p95 ${pct(panels, 95).toFixed(0)} ms, max ${panels.at(-1)!.toFixed(0)} ms`);
mkdirSync(join(root, 'test-results', 'screenshots'), { recursive: true });
await page.screenshot({ path: join(root, 'test-results', 'screenshots', 'replay-1m-seek-1920x1080.png') });

// --- playback at 3600× ---------------------------------------------------------------------------
const start = firstTime + 6 * 3600_000;
await page.getByLabel('跳转到').fill(beijing(start), { timeout: 300_000 });
await page.getByRole('button', { name: '跳转', exact: true }).click({ timeout: 300_000 });
await page.waitForFunction((want) => document.querySelector<HTMLElement>('[data-testid="replay-bar"]')?.dataset['seq'] === String(want), seqAt(start), { timeout: 120_000 });
await page.getByTestId('replay-speed-3600').click({ timeout: 300_000 });
const atStart = Number(await bar.getAttribute('data-at'));
await startProfile();
const playFrom = await page.evaluate(() => performance.now());
await page.getByTestId('replay-play').click({ timeout: 300_000 });
await page.waitForTimeout(PLAY_SECONDS * 1000);
await page.getByTestId('replay-play').click({ timeout: 300_000 });
const playTo = await page.evaluate(() => performance.now());
await stopProfile('playback');
const atEnd = Number(await bar.getAttribute('data-at'));
await page.screenshot({ path: join(root, 'test-results', 'screenshots', 'replay-1m-playback-1920x1080.png') });
const long = await page.evaluate(
  ([from, to]) => {
    const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }>; __frames: Array<{ start: number; duration: number; scripts: Array<{ source: string; duration: number }> }> };
    return { tasks: w.__longTasks.filter((x) => x.start >= from && x.start <= to), frames: w.__frames.filter((x) => x.start >= from && x.start <= to) };
  },
  [playFrom, playTo] as const,
);
const over50 = long.tasks.filter((x) => x.duration > 50);
const playbackLongTasksOver50Ms = over50.length;
const replayedPerSecond = (atEnd - atStart) / ((playTo - playFrom) / 1000);
say(`playback at 3600× for ${PLAY_SECONDS} s: ${playbackLongTasksOver50Ms} main-thread long tasks over 50 ms (longest ${Math.max(0, ...over50.map((x) => x.duration)).toFixed(0)} ms); replayed time advanced ${(replayedPerSecond / 1000).toFixed(0)} s per second (${(replayedPerSecond / 1000 / 3600 * 100).toFixed(0)}% of 3600×) (load ${load()})`);
for (const f of long.frames.slice(0, 5)) say(`  long frame ${f.duration.toFixed(0)} ms: ${f.scripts.map((s) => `${s.source} ${s.duration.toFixed(0)} ms`).join('; ') || '(no script attribution)'}`);

await context.close();
await browser?.close();
await hub.close();
await host.close();

if (json) {
  console.log(
    JSON.stringify({
      events: written.seq,
      seekP95Ms: Math.round(seekP95Ms),
      playbackLongTasksOver50Ms,
      replicaBytes,
      seekP50Ms: Math.round(seekP50Ms),
      seekMaxMs: Math.round(sorted.at(-1)!),
      replayedSecondsPerSecond: Math.round(replayedPerSecond / 1000),
      alerts: written.alerts,
      incidents: written.incidents,
      snapshots: written.snapshots,
      baselineChunkGetMs: Number(base.chunkGetMs.toFixed(2)),
      baselineBareFoldMs: Math.round(base.bareFoldMs),
      baselineBareFoldEvents: base.bareFoldEvents,
      baselinePagedColdRestoreMs: Math.round(base.pagedColdMs),
      indexMs: indexedMs,
      baselineTextSnapshotReadMs: Math.round(base.textReadMs),
      loadAverage: loadavg()[0],
    }),
  );
}
process.exit(0);
