/**
 * Issue 9 §4 on real sockets: an admin manages an agency feed from a
 * workstation connection (`feeds` requests); the hub applies each change
 * live and logs it. A demo agency server (integration/harness.ts) is the
 * feed; its alerts arrive, stop, and arrive again as the admin changes it.
 */
import { createServer, type Server as NetServer, type Socket as NetSocket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { FeedAdminRequestInput, FeedAdminResult } from '@shared/protocol/feedAdmin';
import type { Sources } from '@shared/protocol/workstation';
import { ensureDemoUsers, DEMO_PASSWORD } from '../electron/hub/demo';
import { startHub } from '../electron/hub/hub';
import { createLogger } from '../electron/hub/log';
import { connectWorkstation, login, type Workstation } from '../electron/hub/testing/workstation';
import { produce, startAgency, tempDir, until } from './harness';

const log = createLogger('feeds-admin', { level: 'silent', pretty: false });
const WRONG = 'not-the-agency-token-0000';

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await Promise.resolve(c()).catch(() => undefined);
}, 120_000);

async function signedIn(url: string, user: string): Promise<Workstation> {
  const r = await login(url, user, DEMO_PASSWORD);
  if (!r.ok) throw new Error(`${user} could not sign in: ${r.message}`);
  const ws = await connectWorkstation(url, r.token);
  cleanup.push(() => ws.close());
  return ws;
}

const admin = (ws: Workstation, request: FeedAdminRequestInput): Promise<FeedAdminResult> => ws.socket.timeout(20_000).emitWithAck('feeds', request) as Promise<FeedAdminResult>;

/** A TCP port that accepts connections and never answers (a feed host that hangs). */
async function silentPort(): Promise<number> {
  const held = new Set<NetSocket>();
  const server: NetServer = createServer((socket) => void held.add(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(
    () =>
      new Promise<void>((r) => {
        for (const s of held) s.destroy();
        server.close(() => r());
      }),
  );
  return (server.address() as { port: number }).port;
}

describe('feed administration over the workstation socket', () => {
  it('adds, tests, edits and removes a feed live; only an admin may; each change is in the log without the token', { timeout: 300_000 }, async () => {
    const agency = await startAgency('ecology', 'cap', tempDir('feeds-admin-agency'));
    cleanup.push(() => agency.server.stop());
    const hub = await startHub({ dataDir: tempDir('feeds-admin-hub'), port: 0 }, { log });
    cleanup.push(() => hub.close());
    await ensureDemoUsers(hub.store);
    const adminWs = await signedIn(hub.url, 'admin');
    const operatorWs = await signedIn(hub.url, 'operator');
    let sources: Sources = { feeds: [] };
    adminWs.socket.on('sources', (s: Sources) => (sources = s));
    await adminWs.waitFor(() => true);

    const feed = { id: 'river', name: { zh: '松花江水质', en: 'Songhua water quality' }, domain: 'ecology' as const, url: agency.url, maxRate: 1000 };
    const received = (): number => adminWs.events.filter((e) => e.type === 'alert.received' && e.body.content.feed === 'river').length;

    // Not an admin: refused as a value, nothing appended.
    const head = hub.engine.state.seq;
    expect(await admin(operatorWs, { op: 'add', feed, token: agency.token })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await admin(operatorWs, { op: 'list' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(hub.engine.state.seq).toBe(head);
    expect(hub.connectors).toHaveLength(0);

    // Test the connection: reachable with a latency, refused with a wrong token, unreachable, timeout.
    const ok = await admin(adminWs, { op: 'test', url: agency.url, token: agency.token });
    expect(ok).toMatchObject({ ok: true, test: { outcome: 'reachable' } });
    if (ok.ok) expect(ok.test!.latencyMs).toBeGreaterThan(0);
    expect(await admin(adminWs, { op: 'test', url: agency.url, token: WRONG })).toMatchObject({ ok: true, test: { outcome: 'refused', message: expect.stringContaining('bad token') } });
    const closedPort = await silentPort().then(async (p) => {
      // A port nobody listens on: take one and close it.
      const s = createServer();
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      const port = (s.address() as { port: number }).port;
      await new Promise<void>((r) => s.close(() => r()));
      return { silent: p, closed: port };
    });
    expect(await admin(adminWs, { op: 'test', url: `http://127.0.0.1:${closedPort.closed}`, token: agency.token })).toMatchObject({ ok: true, test: { outcome: 'unreachable' } });
    const timedOut = await admin(adminWs, { op: 'test', url: `http://127.0.0.1:${closedPort.silent}`, token: agency.token });
    expect(timedOut).toMatchObject({ ok: true, test: { outcome: 'timeout' } });
    if (timedOut.ok) expect(timedOut.test!.latencyMs).toBeGreaterThanOrEqual(4900);

    // Added with a wrong token: the feed refuses the hub, nothing arrives.
    expect(await admin(adminWs, { op: 'add', feed, token: WRONG })).toMatchObject({ ok: true, feeds: [expect.objectContaining({ id: 'river', origin: 'hub', token: { set: true, last4: '0000' } })] });
    produce(agency, 5);
    await until(() => sources.feeds.some((f) => f.feed === 'river' && f.status === 'down'), 30_000, 'the river feed reported down');
    await new Promise((r) => setTimeout(r, 1500));
    expect(received()).toBe(0);

    // Edit the token: the connector restarts live and the waiting alerts arrive, then new ones.
    expect(await admin(adminWs, { op: 'edit', feed, token: agency.token })).toMatchObject({ ok: true });
    await until(() => received() === 5, 60_000, 'the five alerts the feed kept');
    produce(agency, 5);
    await until(() => received() === 10, 60_000, 'five more live alerts');
    await until(() => sources.feeds.some((f) => f.feed === 'river' && f.status === 'connected'), 30_000, 'the river feed reported connected');
    expect(hub.connectors.map((c) => c.feed.id)).toEqual(['river']);

    // Edit without a token keeps the stored one (and reconnects with it).
    expect(await admin(adminWs, { op: 'edit', feed: { ...feed, maxRate: 500 } })).toMatchObject({ ok: true, feeds: [expect.objectContaining({ maxRate: 500 })] });
    produce(agency, 2);
    await until(() => received() === 12, 60_000, 'alerts after an edit that kept the token');

    // Remove: the connection closes and later alerts stay at the agency.
    expect(await admin(adminWs, { op: 'remove', id: 'river' })).toMatchObject({ ok: true, feeds: [] });
    await until(() => agency.server.stats().hubs === 0, 10_000, 'the hub to leave the agency');
    produce(agency, 3);
    await new Promise((r) => setTimeout(r, 2000));
    expect(received()).toBe(12);
    expect(agency.server.stats().pending).toBe(3);
    expect(hub.connectors).toHaveLength(0);

    // The log: who changed which feed when, never the token.
    await adminWs.waitFor((events) => events.some((e) => e.type === 'source.removed'));
    const changes = adminWs.events.filter((e) => e.type === 'source.configured' || e.type === 'source.removed');
    expect(changes.map((e) => [e.type, e.actor, e.type === 'source.configured' ? [e.body.change, e.body.tokenChanged] : null])).toEqual([
      ['source.configured', 'user:admin', ['added', true]],
      ['source.configured', 'user:admin', ['edited', true]],
      ['source.configured', 'user:admin', ['edited', false]],
      ['source.removed', 'user:admin', null],
    ]);
    // The operator sees the same audit trail (feed changes are not classified).
    await operatorWs.waitFor((events) => events.some((e) => e.type === 'source.removed'));
    const everything = JSON.stringify(await hub.store.readEvents(0, 100_000));
    expect(everything).not.toContain(agency.token);
    expect(everything).not.toContain(WRONG);
  });
});
