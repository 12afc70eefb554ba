import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson';
import { ChainVerifier, EMPTY_HEAD, GENESIS_HASH, eventHash, eventHashOfText, sealEvents, verifyChain } from './chain';
import { draft } from './events';
import { content, T0 } from './testing/builders';

const drafts = [1, 2, 3, 4, 5].map((i) =>
  draft('alert.received', T0 + i, 'source:traffic', { alertId: `traffic:A${i}`, content: content({ sourceId: `A${i}` }) }),
);

describe('hash chain', () => {
  it('seals with consecutive seq, linked prev and a verifiable hash', () => {
    const events = sealEvents(drafts, EMPTY_HEAD);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]!.prev).toBe(GENESIS_HASH);
    expect(events[1]!.prev).toBe(events[0]!.hash);
    expect(verifyChain(events)).toEqual({ ok: true, count: 5, head: { seq: 5, hash: events[4]!.hash } });
  });

  it('survives a round trip through JSON text (how stores keep bodies), whatever order the envelope has', () => {
    const events = sealEvents(drafts, EMPTY_HEAD);
    const stored = events.map((e) => ({ hash: e.hash, prev: e.prev, body: JSON.parse(JSON.stringify(e.body)), type: e.type, actor: e.actor, time: e.time, seq: e.seq }));
    expect(verifyChain(stored).ok).toBe(true);
  });

  it('sees a body whose keys were reordered (a JSONB column would do that) as changed', () => {
    const [e] = sealEvents(drafts.slice(0, 1), EMPTY_HEAD);
    const body = e!.body as { alertId: string; content: unknown };
    const reordered = { ...e!, body: { content: body.content, alertId: body.alertId } };
    expect(verifyChain([reordered]).ok).toBe(false);
  });

  it('gives the same hashes with another SHA-256 implementation', () => {
    const native = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
    expect(sealEvents(drafts, EMPTY_HEAD, native)).toEqual(sealEvents(drafts, EMPTY_HEAD));
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"e":2,"f":1}]},"b":1}');
  });

  it('names the first tampered event: edited body, removed event, swapped order, forged hash', () => {
    const events = sealEvents(drafts, EMPTY_HEAD);
    const edited = events.map((e) => (e.seq === 3 ? { ...e, body: { ...e.body, alertId: 'traffic:forged' } } : e));
    expect(verifyChain(edited)).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('hash') });

    const removed = events.filter((e) => e.seq !== 2);
    expect(verifyChain(removed)).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('seq 3 follows 1') });

    const swapped = [events[0]!, events[2]!, events[1]!, events[3]!, events[4]!];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, seq: 3 });

    // Re-hashing an edited event breaks the link to the next one.
    const rehashed = events.map((e) => {
      if (e.seq !== 4) return e;
      const body = { ...e.body, alertId: 'traffic:forged' };
      return { ...e, body, hash: eventHash(e.prev, { ...e, body }) };
    });
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, seq: 5, reason: expect.stringContaining('prev') });
  });

  it('verifies incrementally across pages', () => {
    const events = sealEvents(drafts, EMPTY_HEAD);
    const v = new ChainVerifier();
    expect(v.push(events.slice(0, 2))).toBe(true);
    expect(v.push(events.slice(2))).toBe(true);
    expect(v.result()).toMatchObject({ ok: true, count: 5 });
    const bad = new ChainVerifier();
    bad.push(events.slice(0, 2));
    bad.push(events.slice(3));
    expect(bad.result()).toMatchObject({ ok: false, seq: 4, count: 2 });
  });

  it('keeps the hashes of stored logs (golden values: sealing must not change a byte of what it hashes)', () => {
    const T = 1795672800000;
    const golden = [
      draft('alert.received', T + 1, 'source:traffic', {
        alertId: 'traffic:A1',
        content: {
          feed: 'traffic', sourceId: 'A1', version: 1, msgType: 'Alert', references: [], domain: 'traffic', category: ['Transport'],
          event: '道路交通事故', headline: 'G1京哈高速哈尔滨段多车相撞', description: '京哈高速K1203处发生多车追尾，双向通行受阻。',
          severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', capStatus: 'Actual', point: { lon: 126.6, lat: 45.7 },
          region: '230100', sent: T, classification: 'internal', attributes: { road: 'G1', direction: '北京方向' }, format: 'json',
        },
      }),
      draft('incident.opened', T + 2, 'system:correlation', {
        incidentId: 'INC-1', no: 1, title: '事件', level: 3, alertIds: ['traffic:A1'], location: { lon: 126.5, lat: 45.8 }, region: '230100', classification: 'internal', domains: ['traffic'],
      }),
      draft('incident.noteAdded', T + 3, 'user:zhangsan', { incidentId: 'INC-1', text: '现场情况更新 "引号" \\ 反斜杠\n换行 \ud83d\ude92', mentions: [] }),
    ];
    const expected = [
      'd631ac7fe8a091f1b0b97085075e6000e8757621f0f6d7069b59f30a9131d075',
      'c229929e5c167b573481b7c9dd3d879e0e9ddc21488ac29395948e155d08a1b9',
      '726380476a4e73a3034b94c43096ba62f0752ab39518a86b98cb043e2f62fa23',
    ];
    const native = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
    expect(sealEvents(golden, EMPTY_HEAD).map((e) => e.hash)).toEqual(expected);
    expect(sealEvents(golden, EMPTY_HEAD, native).map((e) => e.hash)).toEqual(expected);
  });

  it('hands out each body text exactly as it hashed it, for stores that keep it verbatim', () => {
    const bodies: string[] = [];
    const events = sealEvents(drafts, { seq: 7, hash: 'f'.repeat(64) }, undefined, bodies);
    expect(bodies).toEqual(events.map((e) => JSON.stringify(e.body)));
    for (let i = 0; i < events.length; i++) expect(eventHashOfText(events[i]!.prev, events[i]!, bodies[i]!)).toBe(events[i]!.hash);
    // The events are the same with or without the texts asked for.
    expect(events).toEqual(sealEvents(drafts, { seq: 7, hash: 'f'.repeat(64) }));
  });
});
