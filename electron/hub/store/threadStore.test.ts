import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents, verifyChain } from '@shared/domain/chain';
import { draft } from '@shared/domain/events';
import { nativeSha256 } from '../engine';
import { createLogger } from '../log';
import { startWorker, workerEntry } from '../workerEntry';
import { PgliteStore } from './pgliteStore';
import { ThreadStore } from './threadStore';

const log = createLogger('test', { level: 'silent', pretty: false });
const entry = workerEntry(new URL('./threadStore.ts', import.meta.url).href, 'storeWorker.js', 'storeWorker.ts');
const dataDir = (): string => mkdtempSync(join(tmpdir(), 'lw-thread-store-'));

describe('ThreadStore (PGlite on a worker thread)', () => {
  it('writes and reads what the in-process store does, byte for byte: events, bodies as sealed, cursors, commands, users, sessions, snapshots', async () => {
    expect(entry).not.toBeNull();
    const dir = dataDir();
    const store = await ThreadStore.open(startWorker(entry!), dir, log);
    try {
      const tricky = ['tab\there', 'line\nbreak\r\nwindows', 'back\\slash \\N \\. end\\', '"quotes" and 中文 🚒', '\u0000 nul \u2028 sep', 'ok'];
      const drafts = tricky.map((reason, i) => draft('alert.quarantined', 1_700_000_000_000 + i, 'system:hub', { feed: 'traffic', quarantineId: i + 1, reason }));
      const bodies: string[] = [];
      const events = sealEvents(drafts, EMPTY_HEAD, nativeSha256, bodies);
      await store.appendIngest({
        events,
        bodies,
        quarantine: [{ id: 1, time: 1_700_000_000_000, feed: 'traffic', feedSeq: 9, reason: 'envelope: no seq', raw: '{"x":1}', rawBytes: 7 }],
        cursors: [{ feed: 'traffic', lastSeq: 7 }, { feed: 'safety', lastSeq: 3 }],
      });
      const command = sealEvents([draft('alert.acknowledged', 1_700_000_001_000, 'user:lisi', { alertId: 'traffic:T-1' })], { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash }, nativeSha256);
      await store.appendCommand({ id: 'c-1', userName: 'lisi', result: { ok: true, seq: command[0]!.seq }, events: command });

      const read = await store.readEvents(0, 100);
      expect(read).toEqual([...events, ...command]);
      expect(verifyChain(read, EMPTY_HEAD, nativeSha256)).toMatchObject({ ok: true, count: tricky.length + 1 });
      expect((await store.readEventsWithText(0, 100)).bodies.slice(0, bodies.length)).toEqual(bodies);
      expect(await store.head()).toEqual({ seq: command[0]!.seq, hash: command[0]!.hash });
      expect(await store.feedCursors()).toEqual(new Map([['traffic', 7], ['safety', 3]]));
      expect(await store.commandResult('c-1')).toEqual({ userName: 'lisi', result: { ok: true, seq: command[0]!.seq } });
      expect(await store.listQuarantine(10)).toEqual([{ id: 1, time: 1_700_000_000_000, feed: 'traffic', feedSeq: 9, reason: 'envelope: no seq', raw: '{"x":1}', rawBytes: 7 }]);

      await store.putUser({ name: 'lisi', displayName: '李四', role: 'dutyOfficer', agency: 'hlj-traffic' }, 'hash-1');
      expect(await store.getUser('lisi')).toEqual({ name: 'lisi', displayName: '李四', role: 'dutyOfficer', agency: 'hlj-traffic', passwordHash: 'hash-1', disabled: false });
      await store.createSession('token-hash', 'lisi', '交通席', 2_000_000_000_000);
      expect(await store.sessionOf('token-hash', 1_900_000_000_000)).toEqual({ user: { name: 'lisi', displayName: '李四', role: 'dutyOfficer', agency: 'hlj-traffic' }, desk: '交通席', expires: 2_000_000_000_000 });
      await store.saveSnapshot(7, 1_700_000_000_500, '{"seq":7}');
      expect(await store.latestSnapshot()).toEqual({ seq: 7, state: '{"seq":7}' });
    } finally {
      await store.close();
    }
    // Closed means the folder is free: the in-process store opens it and finds everything there.
    const again = await PgliteStore.open(dir);
    try {
      expect((await again.readEvents(0, 100)).length).toBe(7);
    } finally {
      await again.close();
    }
  }, 180_000);

  it("passes the store's own refusals through (a folder another store holds), and says so when its thread is gone", async () => {
    const dir = dataDir();
    const first = await ThreadStore.open(startWorker(entry!), dir, log);
    try {
      // The lock's message, as in-process (dataDirLock.ts): nothing is opened twice.
      await expect(ThreadStore.open(startWorker(entry!), dir, log)).rejects.toThrow(/already open in this process/);
      expect(await first.head()).toEqual(EMPTY_HEAD);
    } finally {
      await first.close();
    }
    await expect(first.head()).rejects.toThrow(/closed/);

    const worker = startWorker(entry!);
    const store = await ThreadStore.open(worker, dataDir(), log);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const pending = store.listUsers().then(
      () => 'answered',
      (e: Error) => e.message,
    );
    await worker.terminate();
    await exited;
    // A call in flight was answered before the thread ended or refused with the reason: never left waiting.
    expect(await pending).toMatch(/^answered$|thread exited/);
    await expect(store.appendEvents([])).rejects.toThrow(/thread exited/);
    await expect(store.head()).rejects.toThrow(/thread exited/);
  }, 180_000);
});
