import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '@shared/domain/chain';
import { draft } from '@shared/domain/events';
import type { EventsBatch } from '@shared/protocol/workstation';
import { hashPassword } from '../auth/passwords';
import { nativeSha256 } from '../engine';
import { startHub, type Hub } from '../hub';
import { createLogger } from '../log';
import { connectWorkstation, login } from '../testing/workstation';

const log = createLogger('test', { level: 'silent', pretty: false });
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function hubWithLog(events: number): Promise<{ hub: Hub; token: string }> {
  const hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'lw-sync-')), port: 0, feeds: [] }, { log });
  cleanup.push(() => hub.close());
  await hub.store.putUser({ name: 'cmd', displayName: '指挥长', role: 'commander' }, await hashPassword('pw'));
  // A log of several sync pages, with text a hand-built JSON must escape.
  const reasons = ['tab\there', 'line\nbreak', 'back\\slash', '"引号" 中文', '</script>'];
  for (let done = 0; done < events; done += 1000) {
    await hub.engine.appendSystem(
      Array.from({ length: Math.min(1000, events - done) }, (_, i) => draft('alert.quarantined', Date.now(), 'system:hub', { feed: 'traffic', quarantineId: done + i + 1, reason: reasons[i % reasons.length]! })),
    );
  }
  const session = await login(hub.url, 'cmd', 'pw');
  if (!session.ok) throw new Error(session.message);
  return { hub, token: session.token };
}

describe('workstation sync', () => {
  it('streams a log of several pages in order, as stored (the chain verifies), then goes live with what is appended meanwhile', async () => {
    const { hub, token } = await hubWithLog(3500);
    const ws = await connectWorkstation(hub.url, token);
    cleanup.push(() => ws.close());
    const batches: EventsBatch[] = [];
    ws.socket.on('events', (b: EventsBatch) => batches.push(b));
    // Appended while the sync runs: must come exactly once, after the backlog.
    const more = hub.engine.appendSystem([draft('alert.quarantined', Date.now(), 'system:hub', { feed: 'traffic', quarantineId: 9999, reason: 'late' })]);
    await more;
    await ws.waitFor((events) => events.length >= 3501, 30_000);
    expect(ws.events.map((e) => e.seq)).toEqual(Array.from({ length: 3501 }, (_, i) => i + 1));
    expect(verifyChain(ws.events, undefined, nativeSha256)).toMatchObject({ ok: true, count: 3501 });
    expect(ws.events).toEqual(await hub.store.readEvents(0, 5000));
    expect(batches.filter((b) => !b.live).every((b) => b.events.length <= 1000)).toBe(true);
    // A live append after the sync.
    await hub.engine.appendSystem([draft('alert.quarantined', Date.now(), 'system:hub', { feed: 'traffic', quarantineId: 10_000, reason: 'live' })]);
    await ws.waitFor((events) => events.length === 3502);
    expect(ws.events.at(-1)).toMatchObject({ seq: 3502, body: { reason: 'live' } });
  }, 120_000);

  it('a second workstation syncing from the middle gets only the tail', async () => {
    const { hub, token } = await hubWithLog(2200);
    const ws = await connectWorkstation(hub.url, token, 1500);
    cleanup.push(() => ws.close());
    await ws.waitFor((events) => events.at(-1)?.seq === 2200, 30_000);
    expect(ws.events.map((e) => e.seq)).toEqual(Array.from({ length: 700 }, (_, i) => i + 1501));
  }, 120_000);
});
