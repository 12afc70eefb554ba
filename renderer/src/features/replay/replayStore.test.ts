import { afterEach, describe, expect, it } from 'vitest';
import { fold } from '@shared/domain/reduce';
import type { LiveDelta } from '../../live/types';
import { createReplayStore, playbackFeed, seekDelta, type ReplayStore } from './replayStore';
import { exerciseLog, settledLiveStore, T0 } from './testing';

const events = exerciseLog(60);
const lead = events.find((e) => e.type === 'incident.leadAssigned')!;
let stores: ReplayStore[] = [];
afterEach(() => {
  stores.forEach((s) => s.dispose());
  stores = [];
});

async function replay(options: Parameters<typeof createReplayStore>[1] = {}): Promise<{ store: ReplayStore; deltas: LiveDelta[] }> {
  const store = createReplayStore(settledLiveStore(events), options);
  stores.push(store);
  await store.whenIdle();
  const deltas: LiveDelta[] = [];
  store.onDidApplyDelta((d) => deltas.push(d));
  deltas.length = 0;
  return { store, deltas };
}

describe('createReplayStore', () => {
  it('shows the state at a moment, then one event more', async () => {
    const { store, deltas } = await replay();
    expect(store.getSnapshot().alerts.size).toBe(60);
    expect(store.getSnapshot().incidents.get('INC-1')?.lead).toBe('hlj-safety');

    const told = deltas.length;
    await store.seekTime(lead.time - 1);
    const before = fold(events.filter((e) => e.time <= lead.time - 1));
    const snap = store.getSnapshot();
    expect(snap.mode).toBe('replay');
    expect(snap.replayAt).toBe(lead.time - 1);
    expect(snap.incidents.get('INC-1')?.lead).toBeUndefined();
    expect(snap.alerts.size).toBe(before.alerts.size);
    expect(snap.unacknowledged.traffic).toBe(before.alerts.size);
    // One delta for the seek: what differs from the state shown.
    expect(deltas.length).toBe(told + 1);

    await store.step(1);
    expect(store.getSnapshot().incidents.get('INC-1')?.lead).toBe('hlj-safety');
    const step = deltas.at(-1)!;
    expect(step.reset).toBe(false);
    expect(step.incidents.upsert.map((i) => i.id)).toEqual(['INC-1']);
    expect(step.alerts.upsert).toEqual([]);
    expect(store.status.get().seq).toBe(lead.seq);

    await store.step(-1);
    expect(store.getSnapshot().incidents.get('INC-1')?.lead).toBeUndefined();
    expect(store.status.get().seq).toBe(lead.seq - 1);
  });

  it('skips seeks a newer one superseded (dragging the slider)', async () => {
    const { store, deltas } = await replay();
    for (let i = 0; i < 20; i++) void store.seekTime(T0 + i * 1000);
    await store.seekTime(T0 + 10_500);
    await store.whenIdle();
    expect(deltas.length).toBeLessThanOrEqual(2);
    expect(store.getSnapshot().alerts.size).toBe(11);
    expect(store.status.get().at).toBe(T0 + 10_500);
  });

  it('refuses every command as a value', async () => {
    const { store } = await replay();
    const r = await store.command('incident.assignLead', { incidentId: 'INC-1', agency: 'hlj-traffic' });
    expect(r).toMatchObject({ ok: false, code: 'unavailable' });
  });

  it('in focus shows only the incident and its alerts, from its first alert', async () => {
    const { store, deltas } = await replay({ incidentId: 'INC-1' });
    const { range, focus } = store.status.get();
    expect(focus?.incidentId).toBe('INC-1');
    expect(range?.from).toBe(T0);
    expect([...store.getSnapshot().alerts.keys()]).toEqual(['traffic:TR-0000']);
    expect(store.getSnapshot().incidents.size).toBe(0);

    await store.seekTime(T0 + 35_000);
    expect([...store.getSnapshot().alerts.keys()].sort()).toEqual(['traffic:TR-0000', 'traffic:TR-0001']);
    expect([...store.getSnapshot().incidents.keys()]).toEqual(['INC-1']);
    // Alerts outside the incident never reach the listeners.
    expect(deltas.flatMap((d) => d.alerts.upsert).every((a) => a.incidentId === 'INC-1' || a.id.endsWith('0001'))).toBe(true);
  });

  it('plays forward to the end of the range at 3600×', async () => {
    const { store, deltas } = await replay({ at: T0 });
    expect(store.getSnapshot().alerts.size).toBe(1);
    store.setSpeed(3600);
    store.play();
    await expect.poll(() => store.status.get().playing, { timeout: 5000 }).toBe(false);
    await store.whenIdle();
    expect(store.status.get().seq).toBe(events.at(-1)!.seq);
    expect(store.getSnapshot().alerts.size).toBe(60);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((d) => !d.reset)).toBe(true);
    // The ticks' deltas, applied to what was shown before, give the end state; the counters follow it.
    const end = fold(events);
    const shown = new Map(fold(events.filter((e) => e.time <= T0)).alerts.entries());
    const incidents = new Map<string, unknown>();
    for (const d of deltas) {
      d.alerts.remove.forEach((id) => shown.delete(id));
      d.alerts.upsert.forEach((a) => shown.set(a.id, a));
      d.incidents.remove.forEach((id) => incidents.delete(id));
      d.incidents.upsert.forEach((i) => incidents.set(i.id, i));
    }
    expect(Object.fromEntries(shown)).toEqual(end.alerts.toObject());
    expect(Object.fromEntries(incidents)).toEqual(end.incidents.toObject());
    const unacknowledged = [...end.alerts.values()].filter((a) => a.status === 'new').length;
    expect(store.getSnapshot().unacknowledged.traffic).toBe(unacknowledged);
  });
});

describe('seekDelta', () => {
  const log = exerciseLog(400);
  const at = (n: number) => fold(log.slice(0, n));

  it('turns the shown maps into the sought state, forwards and backwards', () => {
    for (const [a, b] of [[300, 320], [320, 300], [0, 10], [399, 398]] as const) {
      const from = at(a);
      const to = fold(log.slice(a, b), from);
      const target = b >= a ? to : at(b);
      const delta = seekDelta(from, target);
      const alerts = new Map(from.alerts.entries());
      const incidents = new Map(from.incidents.entries());
      if (delta.reset) {
        alerts.clear();
        incidents.clear();
      }
      delta.alerts.remove.forEach((id) => alerts.delete(id));
      delta.alerts.upsert.forEach((x) => alerts.set(x.id, x));
      delta.incidents.remove.forEach((id) => incidents.delete(id));
      delta.incidents.upsert.forEach((x) => incidents.set(x.id, x));
      expect(Object.fromEntries(alerts)).toEqual(target.alerts.toObject());
      expect(Object.fromEntries(incidents)).toEqual(target.incidents.toObject());
    }
  });

  it('sends only what differs when states share their entities, and never a reset even when most differ', () => {
    const from = at(300);
    const to = fold(log.slice(300, 305), from);
    const delta = seekDelta(from, to);
    expect(delta.reset).toBe(false);
    expect(delta.alerts.upsert.length + delta.incidents.upsert.length).toBeLessThanOrEqual(10);
    const far = seekDelta(at(10), at(300));
    expect(far.reset).toBe(false);
    expect(far.alerts.upsert.length).toBe(at(300).alerts.size);
  });
});

describe('playbackFeed', () => {
  const log = exerciseLog(400);
  // Chunks of 7 events, as the replica stores one per hub batch; counts the reads.
  const chunked = () => {
    const reads: number[] = [];
    const read = (after: number) => {
      reads.push(after);
      const i = log.findIndex((e) => e.seq > after);
      if (i < 0) return Promise.resolve([]);
      const start = Math.floor(i / 7) * 7;
      return Promise.resolve(log.slice(start, start + 7));
    };
    return { reads, read };
  };

  it('hands out every event in order up to each tick\'s time, reading each chunk once (and the next one ahead)', async () => {
    const { reads, read } = chunked();
    const feed = playbackFeed(read);
    const out = [];
    let seq = 0;
    for (let k = 1; k <= 40; k++) {
      const until = log[Math.min(log.length - 1, k * 11)]!.time;
      const got = await feed.take(seq, until, 5);
      expect(got.every((e) => e.time <= until)).toBe(true);
      out.push(...got);
      seq = out.at(-1)?.seq ?? seq;
    }
    while (out.length < log.length) {
      const got = await feed.take(seq, Infinity, 50);
      if (got.length === 0) break;
      out.push(...got);
      seq = out.at(-1)!.seq;
    }
    expect(out.map((e) => e.seq)).toEqual(log.map((e) => e.seq));
    // One read per chunk (and the one past the end), each asked for before it was needed.
    expect(new Set(reads).size).toBe(reads.length);
    expect(reads.length).toBe(Math.ceil(log.length / 7) + 1);
  });

  it('starts over from the seq asked for after a seek or step', async () => {
    const { read } = chunked();
    const feed = playbackFeed(read);
    await feed.take(0, Infinity, 30);
    const after = await feed.take(100, Infinity, 3);
    expect(after.map((e) => e.seq)).toEqual(log.filter((e) => e.seq > 100).slice(0, 3).map((e) => e.seq));
  });
});
