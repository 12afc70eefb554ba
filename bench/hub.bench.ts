/**
 * Hub throughput and latency (issue 4), against baselines from the same run:
 * raw socket.io batched messages on loopback and raw PGlite batched inserts.
 *
 *   npm run bench -- hub --budget 0,100000 [--sample N] [--json]
 *   npm run bench -- hub --sync 20000 [--rounds 3]   (the hub's side of a workstation's sync; see `syncSend`)
 *   npm run bench -- hub [--json] [--alerts N] [--sustain S] [--supply N] [--seconds S] [--rate N] [--drain-timeout S] [--no-decode-workers] [--no-baselines]
 *
 * The five demo feeds (three JSON, two CAP) run in a child process, as an
 * agency's feed runs on its own machine, and so does the one subscribed
 * workstation (a socket.io client that counts what it receives), as a
 * workstation runs on its own: the hub process's CPU time is then the hub's,
 * and the workstation's reads do not wait for the hub's event loop.
 *
 * Throughput: the feeds start with N alerts of backlog (default 100,000) and
 * keep at least 30,000 unacknowledged items each for S seconds (default 60),
 * so supply never limits the hub; alerts/s = alert events the workstation
 * received during those S seconds / S. Then production stops and the rest
 * must arrive before the drain deadline, else the bench names what is
 * missing per feed and exits 1.
 * Latency: the feeds emit a steady 2,000 alerts/s for S seconds (`--seconds`,
 * default 10; `--rate N` another rate); latency is from the feed producing an
 * alert to the workstation receiving its event, split at the moment the
 * hub's engine took it up (the event's `time`). `--alerts 0 --sustain 0
 * --supply 0` runs the latency part alone, on an empty log.
 * `--no-decode-workers` decodes on the hub's main thread (LONGWATCH_DECODE_WORKERS=0),
 * to compare. CPU is given per 1,000 alerts for the whole hub process and for its
 * main thread alone (the one every alert waits for).
 */
import { PGlite } from '@electric-sql/pglite';
import { fork, type ChildProcess } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { Domain } from '@shared/domain/agencies';
import { PROTOCOL } from '@shared/protocol/version';
import type { EventsBatch } from '@shared/protocol/workstation';
import type { FeedConfig } from '../electron/hub/config';
import { hubConfigSchema } from '../electron/hub/config';
import { batchItemsOfText, decodeBatchText, type DecodedBatch } from '../electron/hub/decode/decodeItem';
import { HubEngine, type GroupTiming } from '../electron/hub/engine';
import { PgliteStore } from '../electron/hub/store/pgliteStore';
import { buildBody } from '../electron/feeds/alertBody';
import { draftAlert } from '../electron/feeds/catalog';
import { seededRng } from '../electron/feeds/random';
import { startHub } from '../electron/hub/hub';
import { createLogger } from '../electron/hub/log';
import { hashPassword } from '../electron/hub/auth/passwords';
import { login } from '../electron/hub/testing/workstation';
import { FEEDS, produce, startAgency, tempDir, type Agency } from '../integration/harness';
import { fmt, json, say } from './harness';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const log = createLogger('bench', { level: process.env['LONGWATCH_LOG'] ?? 'silent', pretty: false });

/** Unacknowledged items each feed keeps during the sustained run (20k/s for the hub needs 4k/s a feed); `--supply N`. */
const SUPPLY_PER_FEED = arg('supply', 30_000);

// ---------------------------------------------------------------- the feeds' process

type ToFeeds =
  | { preload: number }
  | { supply: boolean }
  | { steady: { rate: number; seconds: number } }
  | { stats: true }
  | { stop: true };
interface FeedStatsLine {
  domain: Domain;
  produced: number;
  acked: number;
  pending: number;
  connected: number;
}
type FromFeeds =
  | { ready: Array<{ domain: Domain; url: string; token: string }> }
  | { preloaded: number }
  | { emitted: { alertIds: string[]; at: number } }
  | { steadyDone: true }
  | { stats: { feeds: FeedStatsLine[]; cpuMs: number } };

async function feedsProcess(): Promise<void> {
  const send = (m: FromFeeds): void => void process.send!(m);
  const agencies: Agency[] = [];
  const dir = tempDir('bench-feeds');
  for (const f of FEEDS) agencies.push(await startAgency(f.domain, f.format, dir));
  let supplyTimer: NodeJS.Timeout | undefined;
  let round = 0;
  const stats = (): FeedStatsLine[] =>
    agencies.map((a) => {
      const s = a.server.stats();
      return { domain: a.domain, produced: s.produced, acked: s.acked, pending: s.pending, connected: s.hubs };
    });
  process.on('message', (m: ToFeeds) => {
    if ('preload' in m) {
      for (const a of agencies) produce(a, m.preload, ++round);
      send({ preloaded: m.preload * agencies.length });
    } else if ('supply' in m) {
      clearInterval(supplyTimer);
      if (m.supply) {
        supplyTimer = setInterval(() => {
          // Top up in small slices: between them the feeds must answer handshakes, acks and
          // sends (a slice of 2,000 a feed kept a loaded machine's feeds from accepting the hub).
          for (const a of agencies) {
            const missing = SUPPLY_PER_FEED - a.server.stats().pending;
            if (missing > 0) produce(a, Math.min(missing, 200), ++round);
          }
        }, 20);
      }
    } else if ('steady' in m) {
      const { rate, seconds } = m.steady;
      const started = Date.now();
      let emitted = 0;
      const tick = (): void => {
        const elapsed = Date.now() - started;
        const due = Math.min(Math.round((rate * Math.min(elapsed, seconds * 1000)) / 1000), rate * seconds);
        const n = Math.floor((due - emitted) / agencies.length);
        if (n > 0) {
          const at = Date.now();
          const alertIds: string[] = [];
          for (const a of agencies) for (const id of produce(a, n, ++round)) alertIds.push(`${a.domain}:${id}`);
          emitted += n * agencies.length;
          send({ emitted: { alertIds, at } });
        }
        if (elapsed >= seconds * 1000) send({ steadyDone: true });
        else setTimeout(tick, 10);
      };
      tick();
    } else if ('stats' in m) {
      const cpu = process.cpuUsage();
      send({ stats: { feeds: stats(), cpuMs: (cpu.user + cpu.system) / 1000 } });
    } else if ('stop' in m) {
      clearInterval(supplyTimer);
      void Promise.all(agencies.map((a) => a.server.stop())).then(() => process.exit(0));
    }
  });
  // The bench died or finished: do not outlive it.
  process.on('disconnect', () => process.exit(0));
  send({ ready: agencies.map((a) => ({ domain: a.domain, url: a.url, token: a.token })) });
}

class Feeds {
  private readonly waiters: Array<(m: FromFeeds) => boolean> = [];
  onEmitted: (alertIds: string[], at: number) => void = () => undefined;

  constructor(readonly child: ChildProcess) {
    child.on('message', (m: FromFeeds) => {
      if ('emitted' in m) this.onEmitted(m.emitted.alertIds, m.emitted.at);
      const i = this.waiters.findIndex((w) => w(m));
      if (i >= 0) this.waiters.splice(i, 1);
    });
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`bench: the feeds' process exited with ${code}`);
    });
  }

  static async start(): Promise<{ feeds: Feeds; configs: FeedConfig[] }> {
    const child = fork(process.argv[1]!, ['--feeds-process', '--supply', String(SUPPLY_PER_FEED)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const feeds = new Feeds(child);
    const ready = await feeds.next((m) => ('ready' in m ? m.ready : undefined), 60_000);
    const configs = ready.map(({ domain, url, token }) => ({
      id: domain, name: { zh: domain, en: domain }, domain, url, token, maxRate: 50_000,
      fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230000' },
    }));
    return { feeds, configs };
  }

  next<T>(pick: (m: FromFeeds) => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the feeds' process did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiters.push((m) => {
        const v = pick(m);
        if (v === undefined) return false;
        clearTimeout(timer);
        resolve(v);
        return true;
      });
    });
  }

  send(m: ToFeeds): void {
    this.child.send(m);
  }

  async stats(): Promise<{ feeds: FeedStatsLine[]; cpuMs: number }> {
    const answer = this.next((m) => ('stats' in m ? m.stats : undefined), 120_000);
    this.send({ stats: true });
    return answer;
  }
}

// ---------------------------------------------------------------- the workstation's process

type ToWorkstation = { emitted: { alertIds: string[]; at: number } } | { stats: { reset: boolean } } | { stop: true };
interface WorkstationStats {
  /** alert.received events received since the start. */
  received: number;
  /** Since the last reset: feed emit → workstation receipt, and its two parts split at the event's time, ms. */
  total: number[];
  toEngine: number[];
  engineToWorkstation: number[];
  cpuMs: number;
}
type FromWorkstation = { wsReady: true } | { wsStats: WorkstationStats } | { wsLost: string };

/**
 * One workstation in its own process: a real socket.io client with the real protocol
 * (sync, then live events), counting alert events and timing those the feeds report
 * as emitted. An event may arrive before its emit time does (two different paths): both
 * sides wait in a map for the other.
 */
async function workstationProcess(url: string, token: string): Promise<void> {
  const send = (m: FromWorkstation): void => void process.send!(m);
  const emittedAt = new Map<string, number>();
  const arrived = new Map<string, { at: number; time: number }>();
  let received = 0;
  /** Timing starts with the first reset (the latency run); before it only counting. */
  let timing = false;
  let total: number[] = [];
  let toEngine: number[] = [];
  let engineToWorkstation: number[] = [];
  const sample = (emitted: number, time: number, at: number): void => {
    total.push(at - emitted);
    toEngine.push(time - emitted);
    engineToWorkstation.push(at - time);
  };
  const socket = connect(url, { transports: ['websocket'], auth: { protocol: PROTOCOL, token }, forceNew: true, reconnection: false });
  let live = false;
  socket.on('events', (batch: EventsBatch) => {
    const at = Date.now();
    for (const e of batch.events) {
      if (e.type !== 'alert.received') continue;
      received++;
      if (!timing) continue;
      const emitted = emittedAt.get(e.body.alertId);
      if (emitted === undefined) arrived.set(e.body.alertId, { at, time: e.time });
      else {
        emittedAt.delete(e.body.alertId);
        sample(emitted, e.time, at);
      }
    }
    if (batch.live && !live) {
      live = true;
      send({ wsReady: true });
    }
  });
  socket.on('connect', () => socket.emit('sync', { after: 0 }));
  socket.on('connect_error', (e) => send({ wsLost: `could not connect: ${e.message}` }));
  socket.on('disconnect', (reason: string) => {
    if (reason !== 'io client disconnect') send({ wsLost: reason });
  });
  process.on('message', (m: ToWorkstation) => {
    if ('emitted' in m) {
      for (const id of m.emitted.alertIds) {
        const a = arrived.get(id);
        if (a === undefined) emittedAt.set(id, m.emitted.at);
        else {
          arrived.delete(id);
          sample(m.emitted.at, a.time, a.at);
        }
      }
    } else if ('stats' in m) {
      const cpu = process.cpuUsage();
      send({ wsStats: { received, total, toEngine, engineToWorkstation, cpuMs: (cpu.user + cpu.system) / 1000 } });
      if (m.stats.reset) {
        total = [];
        toEngine = [];
        engineToWorkstation = [];
        timing = true;
        arrived.clear();
      }
    } else if ('stop' in m) {
      socket.close();
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
}

class WorkstationProcess {
  private waiter: ((s: WorkstationStats) => void) | undefined;
  private constructor(private readonly child: ChildProcess) {}

  static async start(url: string, token: string, onLost: (reason: string) => void): Promise<WorkstationProcess> {
    const child = fork(process.argv[1]!, ['--workstation-process', url, token], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ws = new WorkstationProcess(child);
    let ready: () => void = () => undefined;
    const isReady = new Promise<void>((r) => (ready = r));
    child.on('message', (m: FromWorkstation) => {
      if ('wsReady' in m) ready();
      else if ('wsLost' in m) onLost(m.wsLost);
      else if ('wsStats' in m) {
        const w = ws.waiter;
        ws.waiter = undefined;
        w?.(m.wsStats);
      }
    });
    await Promise.race([isReady, new Promise((_, reject) => setTimeout(() => reject(new Error('the workstation did not go live within 60 s')), 60_000))]);
    return ws;
  }

  emitted(alertIds: string[], at: number): void {
    this.child.send({ emitted: { alertIds, at } } satisfies ToWorkstation);
  }

  /** Its counters now; `reset` starts a new set of latency samples after this answer. */
  stats(reset = false): Promise<WorkstationStats> {
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.child.send({ stats: { reset } } satisfies ToWorkstation);
    });
  }

  /** Closes its socket and waits for the process to end (so the hub's close is not a lost connection). */
  stop(): Promise<void> {
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.send({ stop: true } satisfies ToWorkstation);
    return exited;
  }
}

// ---------------------------------------------------------------- baselines

async function rawSocketIo(seconds = 2): Promise<number> {
  const http = createServer();
  const io = new Server(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const { port } = http.address() as AddressInfo;
  const batch = Array.from({ length: 100 }, (_, i) => ({ seq: i, sent: Date.now(), body: { id: `X-${i}`, headline: '道路结冰', point: { lon: 126.5, lat: 45.8 } } }));
  let received = 0;
  const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  client.on('b', (m: { items: unknown[] }) => (received += m.items.length));
  const socket = await new Promise<Socket>((r) => io.once('connection', r));
  await new Promise((r) => setTimeout(r, 100));
  const t = performance.now();
  const until = t + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 50; i++) socket.emit('b', { items: batch });
    await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setTimeout(r, 200));
  const rate = received / ((performance.now() - t) / 1000);
  client.close();
  await new Promise((r) => io.close(() => r(undefined)));
  return rate;
}

async function rawPglite(rows = 50_000): Promise<number> {
  const db = await PGlite.create(tempDir('bench-pg'));
  await db.exec('CREATE TABLE e (seq BIGINT PRIMARY KEY, time BIGINT, actor TEXT, type TEXT, body TEXT, prev TEXT, hash TEXT)');
  const body = JSON.stringify({ alertId: 'traffic:X', content: { headline: '道路结冰'.repeat(10), point: { lon: 126.5, lat: 45.8 }, attributes: { road: 'G10' } } });
  const t = performance.now();
  for (let b = 0; b < rows / 500; b++) {
    const batch = Array.from({ length: 500 }, (_, i) => ({ seq: b * 500 + i + 1, time: Date.now(), actor: 'source:x', type: 'alert.received', body, prev: 'p'.repeat(64), hash: 'h'.repeat(64) }));
    await db.transaction((tx) => tx.query('INSERT INTO e SELECT * FROM json_to_recordset($1::json) AS x(seq bigint, time bigint, actor text, type text, body text, prev text, hash text)', [JSON.stringify(batch)]));
  }
  const rate = rows / ((performance.now() - t) / 1000);
  await db.close();
  return rate;
}

/**
 * Raw PGlite with rows the size the hub writes (an alert event's body is ~1.5 KB of JSON,
 * much of it Chinese), by COPY as the hub's store does, 3,000 rows a transaction: the
 * ceiling the hub's own writes have on this machine.
 */
async function rawPgliteHubRows(rows = 15_000): Promise<number> {
  const db = await PGlite.create(tempDir('bench-pg'));
  await db.exec('CREATE TABLE e (seq BIGINT PRIMARY KEY, time BIGINT, actor TEXT, type TEXT, body TEXT, prev TEXT, hash TEXT)');
  const content = {
    feed: 'traffic', sourceId: 'TRAFFIC-1', domain: 'traffic', category: ['Transport'], event: '道路结冰', headline: 'G10绥满高速哈尔滨至大庆段K125处路面结冰，已实施交通管制'.repeat(3),
    description: '受降雪降温影响，G10绥满高速多处路段路面结冰，请过往车辆减速慢行，注意安全。'.repeat(6), severity: 'Moderate', urgency: 'Expected', certainty: 'Likely',
    status: 'Exercise', point: { lon: 125.1234, lat: 46.5678 }, region: '230600', sent: Date.now(), attributes: { road: 'G10', stake: 'K125+300', direction: '哈尔滨方向' },
  };
  const body = JSON.stringify({ alertId: 'traffic:TRAFFIC-1', content });
  const t = performance.now();
  for (let b = 0; b < rows / 3000; b++) {
    let text = '';
    for (let i = 0; i < 3000; i++) text += `${b * 3000 + i + 1}\t${Date.now()}\tsource:x\talert.received\t${body.replace(/\\/g, '\\\\')}\t${'p'.repeat(64)}\t${'h'.repeat(64)}\n`;
    await db.transaction((tx) => tx.query(`COPY e FROM '/dev/blob'`, [], { blob: new Blob([text]) }));
  }
  const rate = rows / ((performance.now() - t) / 1000);
  await db.close();
  return rate;
}

// ---------------------------------------------------------------- the hub

const loadNow = (): string => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
};

/** CPU time of this process's main thread alone, ms (Linux: /proc; NaN elsewhere). Decode workers are other threads. */
const mainThreadCpuMs = (): number => {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
};

async function hubRun(preloadPerFeed: number, sustainSeconds: number, steadyRate: number, steadySeconds: number, drainTimeoutSeconds: number) {
  const { feeds, configs } = await Feeds.start();
  const hub = await startHub({ dataDir: tempDir('bench-hub'), port: 0, feeds: [], snapshotEvery: 10_000_000 }, { log });
  await hub.store.putUser({ name: 'bench', displayName: '基准', role: 'commander' }, await hashPassword('bench-password'));
  const session = await login(hub.url, 'bench', 'bench-password');
  if (!session.ok) throw new Error(session.message);
  let receivedAlerts = 0;
  const ws = await WorkstationProcess.start(hub.url, session.token, (reason) => {
    console.error(`bench: the workstation lost its connection to the hub (${reason}) after ${fmt(receivedAlerts)} alerts; ` +
      'a "ping timeout" means the hub did not answer for 45 s (an overloaded machine, or the hub stuck in one long task)');
    process.exit(1);
  });
  feeds.onEmitted = (ids, at) => ws.emitted(ids, at);
  const refresh = async (reset = false): Promise<WorkstationStats> => {
    const s = await ws.stats(reset);
    receivedAlerts = s.received;
    return s;
  };

  const hubProgress = (): string => {
    const persisted = configs.reduce((n, f) => n + hub.engine.cursor(f.id), 0);
    const sum = (k: 'reconnects' | 'overflows') => hub.connectors.reduce((n, c) => n + c.counters[k], 0);
    return `hub persisted ${fmt(persisted)} feed items, ${sum('reconnects')} reconnects, ${sum('overflows')} overflows`;
  };

  /** Waits until `target` alerts arrived, printing progress; on the deadline says what is missing and exits 1. */
  const drain = async (target: number, what: string, timeoutSeconds: number): Promise<void> => {
    const started = performance.now();
    let lastLine = started;
    while ((await refresh()).received < target) {
      await new Promise((r) => setTimeout(r, 50));
      const now = performance.now();
      if (now - lastLine >= 5000) {
        lastLine = now;
        say(`  … ${what}: ${fmt(receivedAlerts)} of ${fmt(target)} alerts after ${((now - started) / 1000).toFixed(0)} s; ${hubProgress()} (load ${loadNow()})`);
      }
      if (now - started > timeoutSeconds * 1000) {
        const s = await feeds.stats();
        console.error(`bench: ${what}: only ${fmt(receivedAlerts)} of ${fmt(target)} alerts reached the workstation within ${timeoutSeconds} s (--drain-timeout). Per feed:`);
        for (const f of s.feeds) {
          const c = hub.connectors.find((x) => x.feed.id === f.domain)!;
          console.error(`  ${f.domain}: produced ${fmt(f.produced)}, acknowledged ${fmt(f.acked)}, hub cursor ${fmt(hub.engine.cursor(f.domain))}, counters ${JSON.stringify(c.counters)}`);
        }
        console.error(`  quarantined in the log: ${hub.engine.state.quarantined}`);
        process.exit(1);
      }
    }
  };

  // Throughput: backlog, then supply kept topped up for the sustained run.
  feeds.send({ preload: preloadPerFeed });
  await feeds.next((m) => ('preloaded' in m ? m.preloaded : undefined), 600_000);
  feeds.send({ supply: true });
  await new Promise((r) => setTimeout(r, 500));
  const { FeedConnector } = await import('../electron/hub/feeds/feedConnector');
  await hub.decoder?.ready();
  const cpu0 = process.cpuUsage();
  const mainCpu0 = mainThreadCpuMs();
  const childCpu0 = (await feeds.stats()).cpuMs;
  const t0 = performance.now();
  for (const feed of configs) {
    const c = new FeedConnector(feed, hub.engine, log, () => undefined, hub.decoder);
    hub.connectors.push(c);
    c.start();
  }
  for (let s = await feeds.stats(); s.feeds.some((f) => f.connected === 0); s = await feeds.stats()) {
    if (performance.now() - t0 > 60_000) throw new Error(`the hub did not connect to every feed within 60 s: ${JSON.stringify(s.feeds)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  let minBacklog = Infinity;
  let last = { t: t0, received: 0 };
  const windows: number[] = [];
  while (performance.now() - t0 < sustainSeconds * 1000) {
    await new Promise((r) => setTimeout(r, Math.min(5000, t0 + sustainSeconds * 1000 - performance.now())));
    const now = performance.now();
    const s = await feeds.stats();
    const backlog = Math.min(...s.feeds.map((f) => f.pending));
    minBacklog = Math.min(minBacklog, backlog);
    await refresh();
    const cpu = process.cpuUsage(cpu0);
    const rate = (receivedAlerts - last.received) / ((now - last.t) / 1000);
    windows.push(rate);
    say(
      `  t=${((now - t0) / 1000).toFixed(0).padStart(3)} s: ${fmt(receivedAlerts)} alerts, ${fmt(rate)}/s in the last ${((now - last.t) / 1000).toFixed(0)} s, ` +
        `hub CPU ${(((cpu.user + cpu.system) / 1000) / Math.max(1, receivedAlerts / 1000)).toFixed(0)} ms/1000 alerts, smallest feed backlog ${fmt(backlog)}, ` +
        `heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB; ${hubProgress()}; load ${loadNow()}`,
    );
    last = { t: now, received: receivedAlerts };
  }
  await refresh();
  const sustainedAlerts = receivedAlerts;
  const sustainedSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const hubCpuMsPer1000 = ((cpu.user + cpu.system) / 1000) / (sustainedAlerts / 1000);
  const hubMainThreadMsPer1000 = (mainThreadCpuMs() - mainCpu0) / (sustainedAlerts / 1000);
  const feedsCpuMsPer1000 = ((await feeds.stats()).cpuMs - childCpu0) / (sustainedAlerts / 1000);
  feeds.send({ supply: false });
  await new Promise((r) => setTimeout(r, 200));
  const produced = (await feeds.stats()).feeds.reduce((n, f) => n + f.produced, 0);
  await drain(produced, 'draining the rest', drainTimeoutSeconds);

  // Steady load for latency.
  await refresh(true);
  const groups: GroupTiming[] = [];
  const stopGroups = hub.engine.onDidCommitGroup((g) => groups.push(g));
  let gcMs = 0;
  let gcMaxMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcMaxMs = Math.max(gcMaxMs, e.duration);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const cpuSteady0 = process.cpuUsage();
  const mainSteady0 = mainThreadCpuMs();
  const receivedSteady0 = receivedAlerts;
  feeds.send({ steady: { rate: steadyRate, seconds: steadySeconds } });
  await feeds.next((m) => ('steadyDone' in m ? true : undefined), (steadySeconds + 60) * 1000);
  const expected = (await feeds.stats()).feeds.reduce((n, f) => n + f.produced, 0);
  await drain(expected, 'latency run', drainTimeoutSeconds);
  stopGroups();
  gcObserver.disconnect();
  const cpuSteady = process.cpuUsage(cpuSteady0);
  const mainSteady = mainThreadCpuMs() - mainSteady0;
  const steady = await refresh();
  const steadyAlerts = Math.max(1, receivedAlerts - receivedSteady0);
  await ws.stop();
  await hub.close();
  feeds.send({ stop: true });
  const pct = (samples: number[], p: number): number => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  };
  const latencies = steady.total;
  return {
    alertsPerSec: sustainedAlerts / sustainedSeconds,
    slowestWindow: Math.min(...windows),
    sustainedAlerts,
    sustainedSeconds,
    minBacklog,
    hubCpuMsPer1000,
    feedsCpuMsPer1000,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    toEngineP50: pct(steady.toEngine, 50),
    toEngineP99: pct(steady.toEngine, 99),
    engineToWorkstationP50: pct(steady.engineToWorkstation, 50),
    engineToWorkstationP99: pct(steady.engineToWorkstation, 99),
    steadyHubCpuMsPer1000: (cpuSteady.user + cpuSteady.system) / 1000 / (steadyAlerts / 1000),
    steadyMainThreadMsPer1000: mainSteady / (steadyAlerts / 1000),
    hubMainThreadMsPer1000,
    samples: latencies.length,
    latencies,
    groups,
    gcMs,
    gcMaxMs,
  };
}

// ---------------------------------------------------------------- CPU budget per stage

/**
 * `--budget 0,100000`: the hub's stages timed one by one in this process, no sockets, as CPU
 * time (process.cpuUsage) per alert, on a log of each given size: a feed batch's packet text
 * cloned to a decode worker, parsed and decoded there (JSON and CAP apart; see
 * `electron/hub/feeds/feedParser.ts`), the decoded items cloned back, the engine's
 * correlate + seal + fold, the store's COPY and commit, and the JSON encoding of the broadcast.
 * Groups of 500 alerts (100 from each of the five feeds), as the engine's group commit makes them
 * under load. What each stage would need at 20,000 alerts/s follows, in cores.
 */
async function budget(logSizes: number[], sampleAlerts: number): Promise<void> {
  const config = hubConfigSchema.parse({ dataDir: tempDir('bench-budget'), feeds: [] });
  const store = await PgliteStore.open(config.dataDir);
  const cpu = (): number => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  let storeMs = 0;
  const append = store.appendIngest.bind(store);
  store.appendIngest = async (write) => {
    const t = cpu();
    await append(write);
    storeMs += cpu() - t;
  };
  const engine = await HubEngine.open(store, { correlation: config.correlation, snapshotEvery: 1e12, log });
  let broadcastMs = 0;
  engine.onDidAppend((events, state) => {
    const t = cpu();
    JSON.stringify(['events', { events, head: state.seq, live: true }]);
    broadcastMs += cpu() - t;
  });
  const feeds = FEEDS.map((f, i) => ({
    ...f,
    config: { id: f.domain, name: { zh: f.domain, en: f.domain }, domain: f.domain, url: 'http://127.0.0.1:1', token: 't', maxRate: 50_000, fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230000' } } satisfies FeedConfig,
    seq: 0,
    rng: seededRng(1000 + i),
  }));
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const PER_FEED = 100;
  const t = { toWorker: 0, fromWorkerMain: 0, workerIn: 0, decodeJson: 0, decodeCap: 0, workerOut: 0, engine: 0, store: 0, broadcast: 0 };
  let jsonItems = 0;
  let capItems = 0;
  const round = async (measure: boolean): Promise<void> => {
    const pending: Promise<unknown>[] = [];
    const s0 = storeMs;
    const b0 = broadcastMs;
    let engineMs = 0;
    for (const f of feeds) {
      const items = [];
      for (let i = 0; i < PER_FEED; i++) {
        const id = `${f.domain.toUpperCase()}-${f.seq + 1}`;
        const body = buildBody({ domain: f.domain, format: f.format, sender: `${f.domain}@hlj.example`, senderName: f.domain }, draftAlert(f.domain, f.rng), { id, version: 1, msgType: 'Alert', references: [], sentMs: Date.now() });
        items.push({ seq: ++f.seq, sent: Date.now(), body });
      }
      // The packet's JSON as the feed connector keeps it (`FeedBatchText.json`).
      const text = JSON.stringify(['alerts', { items }]);
      const c1 = cpu();
      const toWorker = serialize(text);
      const c2 = cpu();
      const inWorker = deserialize(toWorker) as string;
      const c3 = cpu();
      const decoded = decodeBatchText(f.config, inWorker);
      const c4 = cpu();
      const back = serialize(decoded);
      const c5 = cpu();
      const onMain = deserialize(back) as DecodedBatch;
      const c6 = cpu();
      if (onMain.kind !== 'items') throw new Error(`budget: a generated batch did not decode (${onMain.kind})`);
      if (measure) {
        t.toWorker += c2 - c1;
        t.workerIn += c3 - c2;
        if (f.format === 'cap') {
          t.decodeCap += c4 - c3;
          capItems += items.length;
        } else {
          t.decodeJson += c4 - c3;
          jsonItems += items.length;
        }
        t.workerOut += c5 - c4;
        t.fromWorkerMain += c6 - c5;
      }
      const c7 = cpu();
      pending.push(engine.ingestBatch(f.config, { length: items.length, parse: () => batchItemsOfText(text) }, onMain.decoded));
      engineMs += cpu() - c7;
    }
    const c = cpu();
    await Promise.all(pending);
    engineMs += cpu() - c;
    if (measure) {
      t.store += storeMs - s0;
      t.broadcast += broadcastMs - b0;
      t.engine += engineMs - (storeMs - s0) - (broadcastMs - b0);
    }
  };
  const perRound = PER_FEED * feeds.length;
  let filled = 0;
  for (const size of logSizes) {
    while (filled < size) {
      await round(false);
      filled += perRound;
      if (filled % 20_000 === 0) say(`  … budget: log filled to ${fmt(filled)} alerts (load ${loadNow()})`);
    }
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] = 0;
    const gc0 = gcMs;
    const heap = process.memoryUsage().heapUsed;
    jsonItems = 0;
    capItems = 0;
    let n = 0;
    while (n < sampleAlerts) {
      await round(true);
      n += perRound;
    }
    filled += n;
    const us = (ms: number, count = n): number => (ms * 1000) / count;
    const rows: Array<[string, string, number]> = [
      ['batch text to the decode worker (serialize)', 'main', us(t.toWorker)],
      ['clone in (deserialize)', 'worker', us(t.workerIn)],
      [`parse + decode JSON (${fmt(jsonItems)} items; per JSON item ${us(t.decodeJson, jsonItems).toFixed(0)} µs)`, 'worker', us(t.decodeJson)],
      [`parse + decode CAP (${fmt(capItems)} items; per CAP item ${us(t.decodeCap, capItems).toFixed(0)} µs)`, 'worker', us(t.decodeCap)],
      ['clone back (serialize)', 'worker', us(t.workerOut)],
      ['clone back (deserialize)', 'main', us(t.fromWorkerMain)],
      ['engine: correlate, seal, fold (and GC)', 'main', us(t.engine)],
      ['store: COPY + commit (PGlite)', 'main', us(t.store)],
      ['broadcast JSON encoding (one class)', 'main', us(t.broadcast)],
    ];
    say(`CPU budget per alert on a log of ${fmt(size)} alerts (${fmt(n)} sampled, groups of ${perRound}; load ${loadNow()}):`);
    for (const [what, thread, v] of rows) say(`  ${what.padEnd(62)} ${thread.padEnd(7)} ${v.toFixed(0).padStart(5)} µs   ${((v * 20_000) / 1e6).toFixed(2)} cores at 20k/s`);
    const sum = (thread: string): number => rows.filter((r) => r[1] === thread).reduce((a, r) => a + r[2], 0);
    for (const thread of ['main', 'worker']) say(`  total ${thread.padEnd(56)}         ${sum(thread).toFixed(0).padStart(5)} µs   ${((sum(thread) * 20_000) / 1e6).toFixed(2)} cores at 20k/s (one thread gives at most ${fmt(1e6 / sum(thread))} alerts/s)`);
    say(`  total hub                                                              ${(sum('main') + sum('worker')).toFixed(0).padStart(5)} µs   ${(((sum('main') + sum('worker')) * 20_000) / 1e6).toFixed(2)} cores at 20k/s`);
    say(`  GC pauses while sampling (wall time, generating the feeds' bodies included): ${us(gcMs - gc0).toFixed(0)} µs per alert; heap ${fmt(heap / 2 ** 20)} MB; ${(engine.state.seq / filled).toFixed(2)} events per alert`);
    if (json) console.log(JSON.stringify({ budgetLogAlerts: size, load: loadNow(), perAlertUs: Object.fromEntries(rows.map(([w, th, v]) => [`${th}: ${w}`, Math.round(v)])) }));
  }
  gcObserver.disconnect();
  await engine.close();
  await store.close();
}

function pctOf(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Latency samples in buckets, one line each with a bar (share of samples) and the cumulative share. */
function histogram(samples: readonly number[]): string[] {
  const edges = [10, 25, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, Infinity];
  const counts = edges.map(() => 0);
  for (const v of samples) counts[edges.findIndex((e) => v < e)]! += 1;
  const lines = ['  latency histogram (feed emit → workstation):'];
  let below = 0;
  let from = 0;
  edges.forEach((edge, i) => {
    const n = counts[i]!;
    below += n;
    if (n > 0) {
      const share = n / samples.length;
      const label = edge === Infinity ? `≥ ${fmt(from)} ms` : `${fmt(from)}–${fmt(edge)} ms`;
      lines.push(`    ${label.padStart(16)} ${fmt(n).padStart(7)} ${'#'.repeat(Math.max(1, Math.round(share * 50))).padEnd(50)} ${(share * 100).toFixed(1).padStart(5)}%  ≤ ${((below / samples.length) * 100).toFixed(1)}%`);
    }
    from = edge;
  });
  return lines;
}

/**
 * `--sync N [--rounds R]`: the hub sends a log of N events (~1.3 KB bodies,
 * Chinese text and quotes to escape) to a workstation that syncs from
 * scratch, a plain socket.io client in a child process; R times. Prints
 * events/s and the hub process's CPU per event sent (read from PGlite,
 * project, encode, write).
 */
async function syncSend(events: number, rounds: number): Promise<void> {
  const { draft } = await import('@shared/domain/events');
  const hub = await startHub({ dataDir: tempDir('bench-sync'), port: 0, feeds: [] }, { log });
  await hub.store.putUser({ name: 'bench', displayName: '基准', role: 'commander' }, await hashPassword('bench-password'));
  for (let done = 0; done < events; done += 1000) {
    const reason = `哈尔滨化工厂泄漏 "引号" ${'事故'.repeat(200)}${'y'.repeat(500)}`;
    await hub.engine.appendSystem(Array.from({ length: Math.min(1000, events - done) }, (_, i) => draft('alert.quarantined', Date.now(), 'system:hub', { feed: 'traffic', quarantineId: done + i + 1, reason })));
  }
  const session = await login(hub.url, 'bench', 'bench-password');
  if (!session.ok) throw new Error(session.message);
  for (let r = 0; r < rounds; r++) {
    const cpu = process.cpuUsage();
    const child = fork(process.argv[1]!, ['--sync-client', hub.url, session.token, String(hub.engine.state.seq)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const { ms, received } = await new Promise<{ ms: number; received: number }>((resolve) => child.once('message', resolve as (m: unknown) => void));
    const used = process.cpuUsage(cpu);
    say(`sync of ${fmt(received)} events to a workstation process: ${fmt(received / (ms / 1000))} events/s (${fmt(ms)} ms); hub process CPU ${fmt((used.user + used.system) / received)} µs per event (load ${loadNow()})`);
  }
  await hub.close();
}

async function syncClient(url: string, token: string, head: number): Promise<void> {
  const { connectWorkstation } = await import('../electron/hub/testing/workstation');
  const t = Date.now();
  const ws = await connectWorkstation(url, token);
  await ws.waitFor((events) => (events.at(-1)?.seq ?? 0) >= head, 600_000);
  process.send!({ ms: Date.now() - t, received: ws.events.length });
  ws.close();
  process.exit(0);
}

if (process.argv.includes('--feeds-process')) {
  await feedsProcess();
} else if (process.argv.includes('--workstation-process')) {
  const i = process.argv.indexOf('--workstation-process');
  await workstationProcess(process.argv[i + 1]!, process.argv[i + 2]!);
} else if (process.argv.includes('--sync-client')) {
  const i = process.argv.indexOf('--sync-client');
  await syncClient(process.argv[i + 1]!, process.argv[i + 2]!, Number(process.argv[i + 3]));
} else if (process.argv.includes('--sync')) {
  say(`load average at start: ${loadNow()}`);
  await syncSend(arg('sync', 20_000), arg('rounds', 3));
  say(`load average at end: ${loadNow()}`);
  process.exit(0);
} else if (process.argv.includes('--budget')) {
  const sizes = (process.argv[process.argv.indexOf('--budget') + 1] ?? '0').split(',').map(Number);
  say(`load average at start: ${loadNow()}`);
  await budget(sizes, arg('sample', 10_000));
  say(`load average at end: ${loadNow()}`);
  process.exit(0);
} else {
  const ALERTS = arg('alerts', 100_000);
  const SUSTAIN_SECONDS = arg('sustain', 60);
  const LATENCY_SECONDS = arg('seconds', 10);
  const DRAIN_TIMEOUT_SECONDS = arg('drain-timeout', 180);
  say(`load average at start: ${loadNow()}`);
  if (process.argv.includes('--no-decode-workers')) process.env['LONGWATCH_DECODE_WORKERS'] = '0';
  // `--no-baselines` skips them (a CPU profile of the hub alone).
  const baselines = !process.argv.includes('--no-baselines');
  const rawSocketIoPerSec = baselines ? await rawSocketIo() : NaN;
  if (baselines) say(`baseline, raw socket.io batches of 100 on loopback: ${fmt(rawSocketIoPerSec)} messages/s`);
  const rawPglitePerSec = baselines ? await rawPglite() : NaN;
  if (baselines) say(`baseline, raw PGlite batched inserts (500 rows of 0.2 KB, one statement): ${fmt(rawPglitePerSec)} rows/s`);
  const rawPgliteHubRowsPerSec = baselines ? await rawPgliteHubRows() : NaN;
  if (baselines) say(`baseline, raw PGlite COPY of hub-sized rows (3,000 rows of ~1.5 KB a transaction): ${fmt(rawPgliteHubRowsPerSec)} rows/s`);
  const LATENCY_RATE = arg('rate', 2000);
  const run = await hubRun(Math.floor(ALERTS / FEEDS.length), SUSTAIN_SECONDS, LATENCY_RATE, LATENCY_SECONDS, DRAIN_TIMEOUT_SECONDS);
  say(
    `hub: ${fmt(run.alertsPerSec)} alerts/s persisted and broadcast, sustained ${run.sustainedSeconds.toFixed(0)} s (${fmt(run.sustainedAlerts)} alerts from 5 feeds, 2 of them CAP, ` +
      `backlog ${fmt(ALERTS)} then kept ≥ ${fmt(Math.min(run.minBacklog, SUPPLY_PER_FEED))} a feed; slowest 5-s window ${fmt(run.slowestWindow)}/s)`,
  );
  say(`hub CPU time: ${run.hubCpuMsPer1000.toFixed(0)} ms per 1,000 alerts, its main thread ${run.hubMainThreadMsPer1000.toFixed(0)} ms (the feeds' process: ${run.feedsCpuMsPer1000.toFixed(0)} ms)`);
  say(`latency feed emit → workstation at ${fmt(LATENCY_RATE)} alerts/s for ${LATENCY_SECONDS} s: p50 ${run.p50.toFixed(0)} ms, p99 ${run.p99.toFixed(0)} ms (${fmt(run.samples)} samples)`);
  say(`  emit → the engine takes it up: p50 ${run.toEngineP50.toFixed(0)} ms, p99 ${run.toEngineP99.toFixed(0)} ms; from there → workstation: p50 ${run.engineToWorkstationP50.toFixed(0)} ms, p99 ${run.engineToWorkstationP99.toFixed(0)} ms; hub CPU ${run.steadyHubCpuMsPer1000.toFixed(0)} ms per 1,000 alerts, its main thread ${run.steadyMainThreadMsPer1000.toFixed(0)} ms`);
  for (const line of histogram(run.latencies)) say(line);
  const g = run.groups;
  if (g.length > 0) {
    const col = (k: keyof GroupTiming): number[] => g.map((x) => x[k]);
    const dist = (k: keyof GroupTiming): string => `p50 ${pctOf(col(k), 50).toFixed(0)}, p99 ${pctOf(col(k), 99).toFixed(0)}, max ${Math.max(...col(k)).toFixed(0)}`;
    say(`  engine groups: ${fmt(g.length)} of ${dist('items')} items; decoding (from the connector to the engine) ${dist('decodedMs')} ms; waited for the engine ${dist('waitedMs')} ms; built (correlate, seal, fold) ${dist('buildMs')} ms; committed ${dist('commitMs')} ms; broadcast ${dist('announceMs')} ms`);
  }
  say(`  GC on the hub's main thread during the latency run: ${run.gcMs.toFixed(0)} ms in all, longest pause ${run.gcMaxMs.toFixed(0)} ms`);
  say(`load average at end: ${loadNow()}`);
  if (json) {
    console.log(
      JSON.stringify({
        hubAlertsPerSec: Math.round(run.alertsPerSec), rawSocketIoPerSec: Math.round(rawSocketIoPerSec), rawPglitePerSec: Math.round(rawPglitePerSec),
        rawPgliteHubRowsPerSec: Math.round(rawPgliteHubRowsPerSec), hubCpuMsPer1000Alerts: Math.round(run.hubCpuMsPer1000),
        hubMainThreadMsPer1000Alerts: Math.round(run.hubMainThreadMsPer1000), latencyRunMainThreadMsPer1000Alerts: Math.round(run.steadyMainThreadMsPer1000),
        latencyP50Ms: Math.round(run.p50), latencyP99Ms: Math.round(run.p99), loadAverage: loadNow(),
      }),
    );
  }
  process.exit(0);
}
