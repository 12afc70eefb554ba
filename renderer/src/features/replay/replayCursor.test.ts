import { describe, expect, it } from 'vitest';
import { fold } from '@shared/domain/reduce';
import { snapshotOf } from '@shared/domain/snapshot';
import { INDEX_EVERY, ReplayCursor } from './replayCursor';
import { arrayReplica, exerciseLog, pagedSource, T0 } from './testing';

const same = (a: ReturnType<typeof fold>, b: ReturnType<typeof fold>): void => expect(snapshotOf(a)).toBe(snapshotOf(b));

describe('ReplayCursor', () => {
  const events = exerciseLog(3000);

  it('seeks to any seq with the same state as a fold from the start', async () => {
    const cursor = new ReplayCursor(arrayReplica(events));
    for (const target of [1, 31, 42, 2500, 17]) {
      const { state } = await cursor.seek(target, fold([]));
      same(state, fold(events.filter((e) => e.seq <= target)));
    }
  });

  it('starts from the nearest stored snapshot, never from event 0', async () => {
    const replica = arrayReplica(events, 1000);
    const cursor = new ReplayCursor(replica);
    const { state, base, folded } = await cursor.seek(2900, fold([]));
    expect(base).toBe('snapshot');
    expect(folded).toBeLessThan(1000);
    expect(replica.read).toBeLessThan(1000);
    same(state, fold(events.slice(0, 2900)));
  });

  it('prefers paged snapshots: seeks anywhere, in any order, fold at most one interval', async () => {
    const replica = arrayReplica(events, 1000);
    const paged = pagedSource(events, 400);
    const cursor = new ReplayCursor(replica, async () => paged);
    for (const target of [2900, 1300, 2999, 450, 2100]) {
      replica.read = 0;
      const r = await cursor.seek(target, fold([]));
      same(r.state, fold(events.slice(0, target)));
      if (r.base === 'snapshot') expect(r.folded).toBeLessThan(400);
      expect(replica.read).toBeLessThan(900);
    }
    expect(paged.restores).toBeGreaterThanOrEqual(3);
    // Seven snapshots written and five seeks: seconds on a loaded machine.
  }, 30_000);

  it('goes back from a checkpoint it kept on the way', async () => {
    const replica = arrayReplica(events);
    const cursor = new ReplayCursor(replica);
    const forward = await cursor.seek(2900, fold([]));
    replica.read = 0;
    const back = await cursor.seek(2500, forward.state);
    expect(back.base).toBe('checkpoint');
    expect(replica.read).toBeLessThan(2500);
    same(back.state, fold(events.slice(0, 2500)));
  });

  it('finds the last event at or before a time, and the neighbours of an event', async () => {
    const cursor = new ReplayCursor(arrayReplica(events));
    const lead = events.find((e) => e.type === 'incident.leadAssigned')!;
    expect(await cursor.seqAtTime(lead.time - 1)).toBe(lead.seq - 1);
    expect(await cursor.seqAtTime(lead.time)).toBe(lead.seq);
    expect(await cursor.seqAtTime(T0 - 1)).toBe(0);
    expect((await cursor.nextEvent(lead.seq - 1))?.seq).toBe(lead.seq);
    expect((await cursor.previousEvent(lead.seq))?.seq).toBe(lead.seq - 1);
  });

  it('skips seqs the replica does not hold (events the user may not see)', async () => {
    const holes = events.filter((e) => e.seq < 100 || e.seq > 400);
    const cursor = new ReplayCursor(arrayReplica(holes));
    expect((await cursor.previousEvent(401))?.seq).toBe(99);
    expect((await cursor.nextEvent(99))?.seq).toBe(401);
    const { state } = await cursor.seek(401, fold([]));
    same(state, fold(holes.filter((e) => e.seq <= 401)));
  });

  it('indexes the whole replica once, then seeks anywhere folding less than one index interval', async () => {
    const long = exerciseLog(3 * INDEX_EVERY + 500);
    const replica = arrayReplica(long, 1000);
    const paged = pagedSource(long, 400);
    const cursor = new ReplayCursor(replica, async () => paged);
    const progress: number[] = [];
    await cursor.index((p) => progress.push(p.seq / p.lastSeq));
    expect(cursor.indexedSeq).toBe(long.at(-1)!.seq);
    expect(progress.at(-1)).toBe(1);
    for (const target of [long.length, 1, INDEX_EVERY, INDEX_EVERY + 1, 2 * INDEX_EVERY + 1999, 77]) {
      replica.read = 0;
      const r = await cursor.seek(target, fold([]));
      same(r.state, fold(long.slice(0, target)));
      // Never a stored snapshot within the index: its alerts would all be new objects.
      expect(r.base).not.toBe('snapshot');
      expect(r.folded).toBeLessThan(INDEX_EVERY);
      expect(replica.read).toBeLessThan(INDEX_EVERY);
    }
    expect(paged.restores).toBe(0);
    // Seq at a time from the index, as from the replica.
    const plain = new ReplayCursor(arrayReplica(long));
    for (const e of [long[0]!, long[1234]!, long[INDEX_EVERY * 2]!, long.at(-2)!]) {
      for (const time of [e.time - 1, e.time, e.time + 1]) expect(await cursor.seqAtTime(time)).toBe(await plain.seqAtTime(time));
    }
  }, 60_000);

  it('indexes what arrived since on a later call', async () => {
    const long = exerciseLog(INDEX_EVERY + 300);
    const grown: typeof long = long.slice(0, INDEX_EVERY - 100);
    const replica = arrayReplica(grown);
    const cursor = new ReplayCursor(replica);
    await cursor.index();
    expect(cursor.indexedSeq).toBe(grown.at(-1)!.seq);
    grown.push(...long.slice(grown.length));
    await cursor.index();
    expect(cursor.indexedSeq).toBe(long.at(-1)!.seq);
    const r = await cursor.seek(long.length - 1, fold([]));
    same(r.state, fold(long.slice(0, long.length - 1)));
  }, 60_000);

  it('reports progress while folding a long range', async () => {
    const cursor = new ReplayCursor(arrayReplica(events));
    const seen: number[] = [];
    await cursor.seek(3000, fold([]), { onProgress: (p) => seen.push(p.done / p.total) });
    expect(seen.at(-1)).toBe(1);
  });
});
