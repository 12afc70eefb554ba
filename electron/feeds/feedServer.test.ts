import { afterEach, describe, expect, it } from 'vitest';
import { WIRE_LIMITS } from '@shared/protocol/version';
import { FeedServer, type FeedServerConfig } from './feedServer';
import { OutboxFullError } from './outbox';
import { connectHub, type TestHub } from './testing/hub';

const TOKEN = 'secret-token-for-tests';
const open: { servers: FeedServer[]; hubs: TestHub[] } = { servers: [], hubs: [] };

async function startFeed(extra: Partial<FeedServerConfig> = {}): Promise<{ server: FeedServer; url: string }> {
  const server = new FeedServer({ id: 'traffic', domain: 'traffic', format: 'json', token: TOKEN, ...extra });
  open.servers.push(server);
  const { url } = await server.start();
  return { server, url };
}

async function hub(url: string, opts: Parameters<typeof connectHub>[1]): Promise<TestHub> {
  const h = await connectHub(url, opts);
  open.hubs.push(h);
  return h;
}

const body = (n: number) => ({ n });
const seqs = (h: TestHub) => h.items.map((i) => i.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

afterEach(async () => {
  for (const h of open.hubs.splice(0)) h.close();
  await Promise.all(open.servers.splice(0).map((s) => s.stop()));
});

describe('FeedServer handshake', () => {
  it('refuses a wrong token, another protocol and malformed auth with a message that says which', async () => {
    const { url } = await startFeed();
    await expect(connectHub(url, { token: 'wrong' })).rejects.toThrow('bad token for feed traffic');
    await expect(connectHub(url, { token: TOKEN, protocol: 'longwatch/2' })).rejects.toThrow('incompatible protocol longwatch/2; this peer speaks longwatch/1');
    await expect(connectHub(url, { token: TOKEN, auth: { token: TOKEN, after: 0 } })).rejects.toThrow('missing or malformed protocol');
    await expect(connectHub(url, { token: TOKEN, auth: { protocol: 'longwatch/1', token: TOKEN, after: -1 } })).rejects.toThrow(/^malformed auth: after:/);
    await expect(connectHub(url, { token: TOKEN, auth: { protocol: 'longwatch/1', after: 0 } })).rejects.toThrow(/^malformed auth: token:/);
  });

  it('gives an accepted hub the backlog in order, in batches of at most batchMax, then live items', async () => {
    const { server, url } = await startFeed({ batchMax: 100 });
    server.produceMany(range(1, 250).map(body));
    const h = await hub(url, { token: TOKEN });
    await h.waitForItems(250);
    expect(seqs(h)).toEqual(range(1, 250));
    expect(h.items[0]).toMatchObject({ seq: 1, body: { n: 1 } });
    expect(typeof h.items[0]!.sent).toBe('number');
    expect(h.batchSizes).toEqual([100, 100, 50]);
    expect(server.produce(body(251))).toBe(251);
    await h.waitForItems(251);
    expect(h.items[250]).toMatchObject({ seq: 251, body: { n: 251 } });
    expect(server.stats()).toMatchObject({ produced: 251, acked: 0, pending: 251, hubs: 1 });
  });

  it('never lets batchMax exceed the protocol limit', async () => {
    const { server, url } = await startFeed({ batchMax: 10_000 });
    server.produceMany(range(1, 1200).map(body));
    const h = await hub(url, { token: TOKEN });
    await h.waitForItems(1200);
    expect(h.batchSizes).toEqual([WIRE_LIMITS.feedBatch, WIRE_LIMITS.feedBatch, 200]);
  });
});

describe('FeedServer replay', () => {
  it('after a disconnect sends exactly what was not acknowledged, in order, with no gaps', async () => {
    const { server, url } = await startFeed({ batchMax: 100 });
    server.produceMany(range(1, 2000).map(body));

    const first = await hub(url, { token: TOKEN, after: 0 });
    await first.waitForItems(2000);
    expect(seqs(first)).toEqual(range(1, 2000));
    // The hub persisted and acknowledged batches up to 1200, then went away.
    const acked = new Promise<void>((resolve) => server.onDidAck((a) => a.upTo === 1200 && resolve()));
    for (let upTo = 100; upTo <= 1200; upTo += 100) first.ack(upTo);
    await acked;
    first.close();
    expect(server.stats()).toMatchObject({ acked: 1200, pending: 800 });

    server.produceMany(range(2001, 2100).map(body));
    const second = await hub(url, { token: TOKEN, after: 1200 });
    await second.waitForItems(900);
    expect(seqs(second)).toEqual(range(1201, 2100));
  });

  it('resends an unacknowledged tail when the hub resumes from an older point', async () => {
    const { server, url } = await startFeed();
    server.produceMany(range(1, 50).map(body));
    const h = await hub(url, { token: TOKEN, after: 30 });
    await h.waitForItems(20);
    expect(seqs(h)).toEqual(range(31, 50));
  });

  it('continues from its own seq when the hub is ahead of it (a feed restarted from scratch)', async () => {
    const { server, url } = await startFeed();
    const h = await hub(url, { token: TOKEN, after: 5000 });
    server.produce(body(1));
    await h.waitForItems(1);
    expect(seqs(h)).toEqual([1]);
    expect(h.heartbeats[0]!.seq).toBe(0);
  });

  it('ignores garbage acks and acks beyond what was sent', async () => {
    const { server, url } = await startFeed();
    server.produceMany(range(1, 10).map(body));
    const h = await hub(url, { token: TOKEN });
    await h.waitForItems(10);
    h.socket.emit('ack', 'nonsense');
    h.socket.emit('ack', { upTo: -4 });
    h.socket.emit('ack', { upTo: 999 });
    await new Promise((r) => setTimeout(r, 100));
    expect(server.stats()).toMatchObject({ acked: 10, pending: 0 });
  });

  it('stops sending beyond maxInFlight until the hub acknowledges', async () => {
    const { server, url } = await startFeed({ batchMax: 50, maxInFlight: 200 });
    server.produceMany(range(1, 500).map(body));
    const h = await hub(url, { token: TOKEN });
    await h.waitForItems(200);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.items.length).toBe(200);
    h.ack(200);
    await h.waitForItems(400);
    expect(seqs(h)).toEqual(range(1, 400));
  });
});

describe('FeedServer heartbeats and limits', () => {
  it('sends a heartbeat on connect and then every heartbeatSeconds with the last produced seq', async () => {
    const { server, url } = await startFeed({ heartbeatSeconds: 0.2 });
    server.produceMany(range(1, 7).map(body));
    const h = await hub(url, { token: TOKEN });
    await new Promise((r) => setTimeout(r, 1100));
    expect(h.heartbeats.length).toBeGreaterThanOrEqual(5);
    for (const hb of h.heartbeats) expect(hb).toMatchObject({ seq: 7, interval: 0.2 });
    // Timer-driven, so the median gap is the interval (single gaps wobble on a busy machine).
    const gaps = h.heartbeats.slice(2).map((hb, i) => hb.receivedAt - h.heartbeats[i + 1]!.receivedAt).sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)]!;
    expect(median).toBeGreaterThan(160);
    expect(median).toBeLessThan(260);
  });

  it('keeps every alerts message under the protocol size limit and refuses oversized bodies', async () => {
    const { server, url } = await startFeed({ format: 'cap' });
    const big = '<alert>' + 'x'.repeat(900_000) + '</alert>';
    server.produceMany([big, big, big, big, big, big, big]);
    expect(() => server.produce('y'.repeat(WIRE_LIMITS.alertBodyBytes + 1))).toThrow(/over the limit of 1048576/);
    expect(server.nextSeq).toBe(8); // the refused body used no seq
    const h = await hub(url, { token: TOKEN, autoAck: true });
    await h.waitForItems(7);
    expect(h.batchSizes).toEqual([4, 3]);
    expect(h.batchSizes[0]! * big.length).toBeLessThan(WIRE_LIMITS.maxMessageBytes);
  });

  it('throws a clear error instead of growing past maxPending', async () => {
    const { server } = await startFeed({ maxPending: 100 });
    server.produceMany(range(1, 100).map(body));
    expect(server.full).toBe(true);
    expect(() => server.produce(body(101))).toThrow(OutboxFullError);
    expect(() => server.produce(body(101))).toThrow(/outbox full \(100 unacknowledged items\)/);
    expect(server.stats().produced).toBe(100);
  });
});
