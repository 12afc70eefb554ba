import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson';
import { ChainVerifier, EMPTY_HEAD, GENESIS_HASH, eventHash, sealEvents, verifyChain } from './chain';
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
});
