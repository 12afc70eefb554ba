import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedServer } from './feedServer';
import { silentLogger } from './log';
import { Outbox } from './outbox';
import { connectHub, type TestHub } from './testing/hub';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'longwatch-outbox-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const until = async (cond: () => boolean, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const TOKEN = 'tok';

describe('FeedServer restart with a data dir', () => {
  it('keeps its seq counter and every unacknowledged item across a restart', async () => {
    const dataDir = tempDir();
    const config = { id: 'safety', domain: 'safety' as const, format: 'cap' as const, token: TOKEN, dataDir, flushMs: 10 };
    const first = new FeedServer(config);
    const { url } = await first.start();
    first.produceMany(range(1, 1000).map((n) => `<alert n="${n}"/>`));
    const hub1: TestHub = await connectHub(url, { token: TOKEN });
    await hub1.waitForItems(1000);
    const acked = new Promise<void>((resolve) => first.onDidAck(({ upTo }) => upTo === 500 && resolve()));
    hub1.ack(500);
    await acked;
    hub1.close();
    await first.stop();

    const second = new FeedServer(config);
    const { url: url2 } = await second.start();
    expect(second.stats()).toMatchObject({ produced: 1000, acked: 500, pending: 500 });
    expect(second.produce('<alert n="1001"/>')).toBe(1001);
    const hub2 = await connectHub(url2, { token: TOKEN, after: 500 });
    await hub2.waitForItems(501);
    expect(hub2.items.map((i) => i.seq)).toEqual(range(501, 1001));
    expect(hub2.items[0]!.body).toBe('<alert n="501"/>');
    hub2.close();
    await second.stop();
  });

  it('loses nothing and duplicates only the unacknowledged tail when restarted in the middle of a run', async () => {
    const dataDir = tempDir();
    const config = { id: 'traffic', domain: 'traffic' as const, format: 'json' as const, token: TOKEN, dataDir, flushMs: 5 };
    const received: { seq: number; k: number; run: number }[] = [];
    const ackedAtStop: number[] = [];
    let hubAcked = 0; // what the hub has persisted: it acknowledges every batch on receipt
    const session = async (server: FeedServer, produceMs: number) => {
      const { url } = await server.start();
      const hub = await connectHub(url, { token: TOKEN, after: hubAcked, autoAck: produceMs > 0 });
      // The body names the seq it expects: a seq reused for other content would show.
      const producer = setInterval(() => {
        for (let i = 0; i < 40; i++) server.produce({ k: server.nextSeq });
      }, 5);
      if (produceMs > 0) await new Promise((r) => setTimeout(r, produceMs));
      clearInterval(producer);
      // Draining: wait for everything after what the hub already holds (it may hold more than the feed saw acknowledged).
      if (produceMs === 0) await until(() => server.stats().produced <= hubAcked || hub.items.at(-1)?.seq === server.stats().produced);
      ackedAtStop.push(server.stats().acked);
      await server.stop(); // mid-run: some items sent, some not yet acknowledged
      hub.close();
      const run = ackedAtStop.length - 1;
      for (const i of hub.items) received.push({ seq: i.seq, k: (i.body as { k: number }).k, run });
      if (hub.items.length > 0 && produceMs > 0) hubAcked = Math.max(hubAcked, hub.items[hub.items.length - 1]!.seq);
      return server.stats().produced;
    };
    await session(new FeedServer(config), 300);
    await session(new FeedServer(config), 300);
    const last = await session(new FeedServer(config), 0); // drain what is left

    expect(last).toBeGreaterThan(1000);
    expect(received.every((r) => r.seq === r.k)).toBe(true);
    expect([...new Set(received.map((r) => r.seq))].sort((a, b) => a - b)).toEqual(range(1, last));
    // A seq comes again only if the feed had not seen it acknowledged when it stopped.
    const firstRun = new Map<number, number>();
    for (const r of received) {
      const first = firstRun.get(r.seq);
      if (first === undefined) firstRun.set(r.seq, r.run);
      else expect(r.seq, `seq ${r.seq} sent again`).toBeGreaterThan(ackedAtStop[first]!);
    }
  });

  it('keeps the counter when everything was acknowledged and the file was compacted', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'market.outbox.jsonl');
    const box = new Outbox({ feed: 'market', file, maxPending: 1e6, compactAfter: 100, logger: silentLogger });
    for (let i = 0; i < 300; i++) box.append(1000 + i, { i });
    box.sync();
    const before = statSync(file).size;
    box.ack(300);
    box.sync(); // 300 acknowledged lines ≥ compactAfter: the file is rewritten as a header only
    box.close();
    expect(statSync(file).size).toBeLessThan(before / 10);
    const again = new Outbox({ feed: 'market', file, maxPending: 1e6, logger: silentLogger });
    expect([again.lastSeq, again.ackedUpTo, again.pending]).toEqual([300, 300, 0]);
    expect(again.append(2000, { i: 300 }).seq).toBe(301);
    again.close();
  });

  it('cuts a torn last line left by a crash and carries on appending cleanly', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'ecology.outbox.jsonl');
    const box = new Outbox({ feed: 'ecology', file, maxPending: 1e6, logger: silentLogger });
    for (let i = 0; i < 5; i++) box.append(1, 'x');
    box.close();
    appendFileSync(file, '{"seq":6,"sent":1,"bo');
    const warnings: string[] = [];
    const again = new Outbox({ feed: 'ecology', file, maxPending: 1e6, logger: { ...silentLogger, warn: (m) => void warnings.push(m) } });
    expect([again.lastSeq, again.pending]).toEqual([5, 5]);
    expect(warnings.join()).toMatch(/torn line/);
    again.append(2, 'y');
    again.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).seq)).toEqual(range(1, 6));
  });

  it('never hands a seq a hub has seen to other content: items are on disk before they are sent', async () => {
    const dataDir = tempDir();
    const config = { id: 'traffic', domain: 'traffic' as const, format: 'json' as const, token: TOKEN, dataDir };
    const server = new FeedServer(config);
    const { url } = await server.start();
    const hub = await connectHub(url, { token: TOKEN });
    server.produceMany(range(1, 700).map((n) => ({ n })));
    await hub.waitForItems(700);
    // Read the file while the server still runs, as a crash would leave it.
    const onDisk = readFileSync(join(dataDir, 'traffic.outbox.jsonl'), 'utf8').trim().split('\n').length;
    expect(onDisk).toBeGreaterThanOrEqual(700);
    hub.close();
    await server.stop();
  });
});
