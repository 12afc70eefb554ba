/**
 * Hub throughput and latency (issue 4), against baselines from the same run:
 * raw socket.io batched messages on loopback and raw PGlite batched inserts.
 *
 *   npm run bench -- hub [--json] [--alerts N] [--seconds S]
 *
 * Throughput: the five demo feeds are pre-loaded with N alerts (three JSON,
 * two CAP), then the hub drains them while one workstation is subscribed;
 * alerts/s = N / time until every alert is persisted and broadcast.
 * Latency: feeds emit at a steady 2,000 alerts/s for S seconds; latency is
 * from the feed's produce() to the workstation receiving the event.
 */
import { PGlite } from '@electric-sql/pglite';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { DomainEvent } from '@shared/domain/events';
import { startHub } from '../electron/hub/hub';
import { createLogger } from '../electron/hub/log';
import { hashPassword } from '../electron/hub/auth/passwords';
import { connectWorkstation, login } from '../electron/hub/testing/workstation';
import { FEEDS, feedConfigOf, produce, startAgency, tempDir, type Agency } from '../integration/harness';
import { fmt, json, say } from './harness';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ALERTS = arg('alerts', 100_000);
const LATENCY_SECONDS = arg('seconds', 10);
const log = createLogger('bench', { level: 'silent', pretty: false });

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

async function hubRun(preload: number, steadyRate: number, seconds: number) {
  const agencies: Agency[] = [];
  const feedsDir = tempDir('bench-feeds');
  for (const f of FEEDS) agencies.push(await startAgency(f.domain, f.format, feedsDir));
  const emitted = new Map<string, number>();
  const produceTimed = (a: Agency, n: number): void => {
    const now = performance.now();
    for (const id of produce(a, n, emitted.size + 1)) emitted.set(`${a.domain}:${id}`, now);
  };
  for (const a of agencies) produceTimed(a, Math.floor(preload / agencies.length));
  const hub = await startHub({ dataDir: tempDir('bench-hub'), port: 0, feeds: [], snapshotEvery: 10_000_000 }, { log });
  await hub.store.putUser({ name: 'bench', displayName: '基准', role: 'commander' }, await hashPassword('bench-password'));
  const session = await login(hub.url, 'bench', 'bench-password');
  if (!session.ok) throw new Error(session.message);
  const ws = await connectWorkstation(hub.url, session.token);
  const latencies: number[] = [];
  let receivedAlerts = 0;
  ws.socket.on('events', (batch: { events: DomainEvent[] }) => {
    const now = performance.now();
    for (const e of batch.events) {
      if (e.type !== 'alert.received') continue;
      receivedAlerts++;
      const at = emitted.get(e.body.alertId);
      if (at !== undefined) latencies.push(now - at);
    }
  });
  await ws.waitFor(() => true);
  // Connect the feeds only now, so the drain is what is timed.
  const { FeedConnector } = await import('../electron/hub/feeds/feedConnector');
  const t0 = performance.now();
  for (const a of agencies) {
    const c = new FeedConnector(feedConfigOf(a), hub.engine, log, () => undefined);
    hub.connectors.push(c);
    c.start();
  }
  const total = agencies.reduce((n, a) => n + a.produced.length, 0);
  while (receivedAlerts < total) await new Promise((r) => setTimeout(r, 20));
  const drainSeconds = (performance.now() - t0) / 1000;

  // Steady load for latency.
  latencies.length = 0;
  const perTick = steadyRate / 20 / agencies.length;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (const a of agencies) produceTimed(a, perTick);
    await new Promise((r) => setTimeout(r, 50));
  }
  const expected = agencies.reduce((n, a) => n + a.produced.length, 0);
  const deadline = performance.now() + 30_000;
  while (receivedAlerts < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  ws.close();
  await hub.close();
  await Promise.all(agencies.map((a) => a.server.stop()));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { alertsPerSec: total / drainSeconds, total, drainSeconds, p50: pct(50), p99: pct(99), samples: latencies.length };
}

const rawSocketIoPerSec = await rawSocketIo();
say(`baseline, raw socket.io batches of 100 on loopback: ${fmt(rawSocketIoPerSec)} messages/s`);
const rawPglitePerSec = await rawPglite();
say(`baseline, raw PGlite batched inserts (500 rows, one statement): ${fmt(rawPglitePerSec)} rows/s`);
const run = await hubRun(ALERTS, 2000, LATENCY_SECONDS);
say(`hub: ${fmt(run.alertsPerSec)} alerts/s persisted and broadcast (${fmt(run.total)} alerts from 5 feeds, 2 of them CAP, in ${run.drainSeconds.toFixed(1)} s)`);
say(`latency feed emit → workstation at 2,000 alerts/s for ${LATENCY_SECONDS} s: p50 ${run.p50.toFixed(0)} ms, p99 ${run.p99.toFixed(0)} ms (${fmt(run.samples)} samples)`);
if (json) {
  console.log(JSON.stringify({ hubAlertsPerSec: Math.round(run.alertsPerSec), rawSocketIoPerSec: Math.round(rawSocketIoPerSec), rawPglitePerSec: Math.round(rawPglitePerSec), latencyP50Ms: Math.round(run.p50), latencyP99Ms: Math.round(run.p99) }));
}
process.exit(0);
