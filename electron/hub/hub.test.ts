import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL } from '@shared/protocol/version';
import { hashPassword } from './auth/passwords';
import { startHub, type Hub } from './hub';
import { createLogger } from './log';
import { startTestFeed, type TestFeed } from './testing/testFeed';
import { connectWorkstation, login } from './testing/workstation';

const log = createLogger('test', { level: 'silent', pretty: false });
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function alert(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    domain: 'traffic',
    category: ['Transport'],
    event: '道路交通事故',
    headline: `G1京哈高速哈尔滨段事故 ${id}`,
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Observed',
    status: 'Exercise',
    point: { lon: 126.6, lat: 45.7 },
    region: '230100',
    sent: new Date().toISOString(),
    ...over,
  };
}

async function hubWithFeed(): Promise<{ hub: Hub; feed: TestFeed; dataDir: string }> {
  const feed = await startTestFeed();
  cleanup.push(() => feed.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-hub-'));
  const hub = await startHub(
    { dataDir, port: 0, feeds: [{ id: 'traffic', name: { zh: '交通', en: 'Traffic' }, domain: 'traffic', url: feed.url, token: feed.token }] },
    { log },
  );
  cleanup.push(() => hub.close());
  await feed.waitForConnection();
  return { hub, feed, dataDir };
}

describe('hub ingest', () => {
  it('persists a batch, acknowledges it, and resumes after the persisted seq', async () => {
    const { hub, feed } = await hubWithFeed();
    expect(feed.handshakes[0]).toMatchObject({ protocol: PROTOCOL, token: 'test-token', after: 0 });
    feed.send({ items: [1, 2, 3].map((seq) => ({ seq, sent: Date.now(), body: alert(`TR-${seq}`) })) });
    await feed.waitForAck(3);
    expect(hub.engine.state.alerts.size).toBe(3);
    expect(hub.engine.cursor('traffic')).toBe(3);
    const stored = await hub.store.readEvents(0, 100);
    expect(stored.filter((e) => e.type === 'alert.received')).toHaveLength(3);

    feed.connected()!.disconnect(true);
    await new Promise((r) => setTimeout(r, 100));
    await feed.waitForConnection();
    expect(feed.handshakes.at(-1)).toMatchObject({ after: 3 });
  });

  it('quarantines bad items with a reason and keeps the rest of the batch', async () => {
    const { hub, feed } = await hubWithFeed();
    feed.send({
      items: [
        { seq: 1, sent: Date.now(), body: alert('OK-1') },
        { seq: 2, sent: Date.now(), body: alert('BAD-1', { point: { lon: 'east', lat: 45 } }) },
        { seq: 3, sent: Date.now(), body: '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert>&x;</alert>' },
        { seq: 4, sent: Date.now(), body: JSON.parse('{"id":"P","__proto__":{"polluted":1}}') },
        'not even an item',
        { seq: 5, sent: Date.now(), body: alert('OK-2', { headline: '<script>alert(1)</script>' }) },
      ],
    });
    await feed.waitForAck(5);
    const q = await hub.store.listQuarantine(10);
    expect(q.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^envelope/),
      expect.stringMatching(/__proto__/),
      expect.stringMatching(/DOCTYPE|entit/i),
      expect.stringMatching(/point\.lon/),
    ]);
    expect(hub.engine.state.alerts.get('traffic:OK-2')!.headline).toBe('<script>alert(1)</script>');
    expect(hub.engine.state.quarantined).toBe(4);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('hub workstations', () => {
  it('refuses unauthenticated sockets, signs in, syncs, and runs commands idempotently', async () => {
    const { hub, feed } = await hubWithFeed();
    await hub.store.putUser({ name: 'lisi', displayName: '李四', role: 'dutyOfficer', agency: 'hlj-traffic' }, await hashPassword('secret-1'));
    await hub.store.putUser({ name: 'zhangsan', displayName: '张三', role: 'operator' }, await hashPassword('secret-2'));
    feed.send({ items: [{ seq: 1, sent: Date.now(), body: alert('TR-1') }] });
    await feed.waitForAck(1);

    await expect(connectWorkstation(hub.url, 'forged')).rejects.toThrow(/unauthorized/);
    expect(await login(hub.url, 'lisi', 'wrong')).toMatchObject({ ok: false, code: 'invalid-credentials' });
    const duty = await login(hub.url, 'lisi', 'secret-1');
    expect(duty).toMatchObject({ ok: true, user: { name: 'lisi', role: 'dutyOfficer', agency: 'hlj-traffic' } });
    if (!duty.ok) return;
    // The hub's SLA deadlines travel with the sign-in, so the workstation counts the timers the hub escalates on.
    expect(duty.sla).toEqual(hub.config.sla);
    // And every account, disabled ones too, without password hashes: who acted in the log when they are not signed in.
    expect(duty.directory).toEqual([
      { name: 'lisi', displayName: '李四', role: 'dutyOfficer', agency: 'hlj-traffic' },
      { name: 'zhangsan', displayName: '张三', role: 'operator' },
    ]);
    const ws = await connectWorkstation(hub.url, duty.token);
    cleanup.push(() => ws.close());
    await ws.waitFor((events) => events.some((e) => e.type === 'alert.received'));

    const op = await login(hub.url, 'zhangsan', 'secret-2');
    if (!op.ok) return;
    const opWs = await connectWorkstation(hub.url, op.token);
    cleanup.push(() => opWs.close());
    const seqBeforeForbidden = hub.engine.state.seq;
    const forbidden = await opWs.command('alert.acknowledge', { alertId: 'traffic:TR-1' });
    expect(forbidden).toMatchObject({ ok: false, code: 'forbidden' });
    expect(hub.engine.state.seq).toBe(seqBeforeForbidden);
    expect(await hub.store.head()).toMatchObject({ seq: seqBeforeForbidden });

    const before = hub.engine.state.seq;
    const first = await ws.command('alert.acknowledge', { alertId: 'traffic:TR-1' }, 'same-id');
    const again = await ws.command('alert.acknowledge', { alertId: 'traffic:TR-1' }, 'same-id');
    expect(first).toEqual({ ok: true, seq: before + 1 });
    expect(again).toEqual(first);
    expect(hub.engine.state.seq).toBe(before + 1);
    await opWs.waitFor((events) => events.some((e) => e.type === 'alert.acknowledged'));
    expect(await ws.command('alert.acknowledge', { alertId: 'traffic:TR-1' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await ws.command('alert.explode', {})).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('hub live broadcast', () => {
  it('sends each desk what its user may see, also when desks share a visibility class', async () => {
    const { hub, feed } = await hubWithFeed();
    const hash = await hashPassword('secret-3');
    await hub.store.putUser({ name: 'traffic-a', displayName: '交通甲', role: 'dutyOfficer', agency: 'hlj-traffic' }, hash);
    await hub.store.putUser({ name: 'traffic-b', displayName: '交通乙', role: 'dutyOfficer', agency: 'hlj-traffic' }, hash);
    await hub.store.putUser({ name: 'ecology-a', displayName: '生态甲', role: 'dutyOfficer', agency: 'hlj-ecology' }, hash);
    const desks = [];
    for (const name of ['traffic-a', 'traffic-b', 'ecology-a']) {
      const r = await login(hub.url, name, 'secret-3');
      if (!r.ok) throw new Error(r.message);
      const ws = await connectWorkstation(hub.url, r.token);
      cleanup.push(() => ws.close());
      await ws.waitFor(() => true);
      desks.push(ws);
    }
    const [trafficA, trafficB, ecologyA] = desks as [typeof desks[0], typeof desks[0], typeof desks[0]];
    feed.send({
      items: [
        { seq: 1, sent: Date.now(), body: alert('SENS-1', { classification: 'sensitive' }) },
        { seq: 2, sent: Date.now(), body: alert('PUB-1', { classification: 'public', point: { lon: 130.3, lat: 46.8 }, region: '230800' }) },
      ],
    });
    await feed.waitForAck(2);
    const received = (events: { type: string; body: unknown }[]): string[] =>
      events.filter((e) => e.type === 'alert.received').map((e) => (e.body as { alertId: string }).alertId);
    for (const ws of [trafficA, trafficB]) {
      await ws.waitFor((events) => received(events).length === 2);
      expect(received(ws.events)).toEqual(['traffic:SENS-1', 'traffic:PUB-1']);
    }
    await ecologyA.waitFor((events) => received(events).includes('traffic:PUB-1'));
    expect(received(ecologyA.events)).toEqual(['traffic:PUB-1']);
    // Each live event once per desk, in order.
    for (const ws of desks) {
      const seqs = ws.events.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    }
  });
});
