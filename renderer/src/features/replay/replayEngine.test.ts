import { describe, expect, it } from 'vitest';
import { fold } from '@shared/domain/reduce';
import type { Alert, Incident } from '@shared/domain/model';
import { decodeDelta, engineClient, ReplayEngine, serveEngine, type EngineReply, type WireDelta } from './replayEngine';
import { arrayReplica, exerciseLog } from './testing';

const log = exerciseLog(400);

/** The engine served as the worker serves it: replies structured-cloned, each its own task. */
function served(partSize: number) {
  const replies: EngineReply[] = [];
  let receive: (r: EngineReply) => void = () => {};
  const serve = serveEngine(new ReplayEngine(arrayReplica(log)), (r) => {
    const copy = structuredClone(r);
    replies.push(copy);
    setTimeout(() => receive(copy), 0);
  }, { partSize });
  const made = engineClient((request) => serve(structuredClone(request)));
  receive = made.receive;
  return { client: made.client, replies };
}

describe('the engine protocol', () => {
  it('sends a large delta in parts and puts it back together in order', async () => {
    const { client, replies } = served(7);
    const target = fold(log.slice(0, 300));
    client.setGeneration(1);
    const seek = await client.seek(300, 1);
    expect(seek?.seq).toBe(300);
    const parts = replies.filter((r) => r.type === 'alerts');
    expect(parts.length).toBe(Math.floor((target.alerts.size - 1) / 7));
    expect(parts.every((p) => p.type === 'alerts' && p.alerts.length === 7)).toBe(true);
    const alerts = new Map(seek!.delta.alerts.upsert.map((a) => [a.id, a]));
    expect(seek!.delta.alerts.upsert.length).toBe(target.alerts.size);
    expect(Object.fromEntries(alerts)).toEqual(target.alerts.toObject());

    // Back a little: only what differs, the shown state being the engine's.
    await expect(client.seek(290, 1)).resolves.toMatchObject({ seq: 290 });
    const step = await client.step(Infinity);
    expect(step?.seq).toBe(291);
    expect(step!.delta.alerts.upsert.length + step!.delta.alerts.patch.length + step!.delta.incidents.upsert.length).toBeLessThanOrEqual(2);
    await expect(client.previous()).resolves.toEqual({ seq: 290, time: log[289]!.time });
  });

  it('drops a seek a newer generation superseded, keeping the state shown', async () => {
    const { client } = served(Infinity);
    client.setGeneration(1);
    await client.seek(100, 1);
    client.setGeneration(2);
    await expect(client.seek(200, 1)).resolves.toBeNull();
    const step = await client.step(Infinity);
    expect(step?.seq).toBe(101);
  });

  it('plays up to a time or a last seq and reports the events folded', async () => {
    const { client } = served(Infinity);
    client.setPlaying(true);
    const played = await client.play(log[49]!.time, Infinity);
    expect(played).toMatchObject({ folded: 50, complete: true, seq: 50, lastTime: log[49]!.time });
    const all = fold(log.slice(0, 50));
    expect(played.delta!.alerts.upsert.length).toBe(all.alerts.size);
    await expect(client.play(Infinity, 60)).resolves.toMatchObject({ seq: 60, complete: true });
  });

  it('sends alerts the store shows as the fields that changed; applied in order, the store holds the sought state', async () => {
    const { client } = served(5);
    const shown = new Map<string, Alert>();
    const incidents = new Map<string, Incident>();
    const apply = (wire: WireDelta): void => {
      const d = decodeDelta(wire, (id) => shown.get(id));
      d.alerts.remove.forEach((id) => shown.delete(id));
      d.alerts.upsert.forEach((a) => shown.set(a.id, a));
      d.incidents.remove.forEach((id) => incidents.delete(id));
      d.incidents.upsert.forEach((i) => incidents.set(i.id, i));
    };
    client.setGeneration(1);
    for (const seq of [300, 120, 390, 10, 400, 399]) {
      const r = await client.seek(seq, 1);
      apply(r!.delta);
      if (seq === 390) expect(r!.delta.alerts.patch.length).toBeGreaterThan(0);
      expect(Object.fromEntries(shown)).toEqual(fold(log.slice(0, seq)).alerts.toObject());
      // Incidents cross one to a message here (a tenth of the parts' alerts, at least one).
      expect(Object.fromEntries(incidents)).toEqual(fold(log.slice(0, seq)).incidents.toObject());
    }
    const step = await client.step(Infinity);
    apply(step!.delta);
    expect(Object.fromEntries(shown)).toEqual(fold(log.slice(0, 400)).alerts.toObject());
    await client.seek(200, 1).then((r) => apply(r!.delta));
    client.setPlaying(true);
    const played = await client.play(log[279]!.time, Infinity);
    apply(played.delta!);
    expect(Object.fromEntries(shown)).toEqual(fold(log.slice(0, 280)).alerts.toObject());
  });
});
