import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PMap } from './pmap';
import { deepFreeze } from './testing/freeze';

type Op = { kind: 'set'; key: string; value: number } | { kind: 'delete'; key: string };

// Few distinct keys and some long ones, so that sets, replaces, deletes and deep paths all occur.
const key = fc.oneof(fc.constantFrom('a', 'b', 'c', 'traffic:A1', 'ecology:E1'), fc.string({ maxLength: 3 }), fc.nat(5000).map((n) => `traffic:TR-${n}`));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key }),
);

describe('PMap', () => {
  it('behaves like Map for any sequence of sets and deletes, and never changes an old version', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        let p = PMap.empty<number>();
        const m = new Map<string, number>();
        const versions: Array<[PMap<number>, Map<string, number>]> = [];
        for (const o of ops) {
          if (o.kind === 'set') {
            p = p.set(o.key, o.value);
            m.set(o.key, o.value);
          } else {
            p = p.delete(o.key);
            m.delete(o.key);
          }
          versions.push([p, new Map(m)]);
        }
        for (const [pv, mv] of versions) {
          expect(pv.size).toBe(mv.size);
          for (const [k, v] of mv) expect(pv.get(k)).toBe(v);
          expect(new Map(pv.entries())).toEqual(mv);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('handles full 32-bit hash collisions', () => {
    // FNV-1a collisions found offline would be brittle; force depth with many keys instead.
    let p = PMap.empty<number>();
    for (let i = 0; i < 200_000; i++) p = p.set(`k${i}`, i);
    expect(p.size).toBe(200_000);
    for (let i = 0; i < 200_000; i += 997) expect(p.get(`k${i}`)).toBe(i);
    for (let i = 0; i < 200_000; i += 2) p = p.delete(`k${i}`);
    expect(p.size).toBe(100_000);
    expect(p.get('k1')).toBe(1);
    expect(p.get('k2')).toBeUndefined();
  });

  it('walks lazily in the same order as forEach, deep tries and collisions of positions included', () => {
    let p = PMap.empty<number>();
    for (let i = 0; i < 20_000; i++) p = p.set(`traffic:TR-${i}`, i);
    for (let i = 0; i < 20_000; i += 3) p = p.delete(`traffic:TR-${i}`);
    expect([...p.lazyValues()]).toEqual(p.values());
    expect([...p.lazyKeys()]).toEqual(p.keys());
    expect([...p.lazyEntries()]).toEqual(p.entries());
    expect([...PMap.empty<number>().lazyValues()]).toEqual([]);
  });

  it('returns the same map when nothing changes', () => {
    const p = PMap.from([['a', 1]]);
    expect(p.set('a', 1)).toBe(p);
    expect(p.delete('zz')).toBe(p);
  });

  it('keeps undefined values distinct from absent keys', () => {
    const p = PMap.empty<number | undefined>().set('a', undefined);
    expect(p.has('a')).toBe(true);
    expect(p.has('b')).toBe(false);
    expect(p.size).toBe(1);
  });
});

describe('PMap.diff', () => {
  const applyOps = (p: PMap<number>, ops: readonly Op[], transient: boolean): PMap<number> => {
    let m = transient ? p.asTransient() : p;
    for (const o of ops) m = o.kind === 'set' ? m.set(o.key, o.value) : m.delete(o.key);
    return m.persistent();
  };
  const naive = (a: PMap<number>, b: PMap<number>): Map<string, [number | undefined, number | undefined]> => {
    const out = new Map<string, [number | undefined, number | undefined]>();
    a.forEach((v, k) => (!b.has(k) ? out.set(k, [v, undefined]) : b.get(k) !== v && out.set(k, [v, b.get(k)])));
    b.forEach((v, k) => !a.has(k) && out.set(k, [undefined, v]));
    return out;
  };
  const diffOf = (a: PMap<number>, b: PMap<number>): Map<string, [number | undefined, number | undefined]> => {
    const out = new Map<string, [number | undefined, number | undefined]>();
    PMap.diff(a, b, (k, before, after) => {
      expect(out.has(k)).toBe(false); // each key once
      out.set(k, [before, after]);
    });
    return out;
  };

  it('reports exactly the keys added, removed or changed, between versions that share nodes or none', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.array(op, { maxLength: 200 }), fc.array(op, { maxLength: 200 }), fc.boolean(), (common, left, right, transient) => {
        const base = applyOps(PMap.empty(), common, transient);
        const a = applyOps(base, left, transient);
        const b = applyOps(base, right, !transient);
        expect(diffOf(a, b)).toEqual(naive(a, b));
        expect(diffOf(b, a)).toEqual(naive(b, a));
        // Built apart (no shared nodes) with the same entries: no difference.
        expect(diffOf(a, PMap.from(a.entries()))).toEqual(new Map());
      }),
      { numRuns: 300 },
    );
  });

  it('between two large versions that share most nodes, reports only the keys that changed', () => {
    let a = PMap.empty<number>();
    for (let i = 0; i < 100_000; i++) a = a.set(`traffic:TR-${i}`, i);
    const b = a.set('traffic:TR-7', -7).delete('traffic:TR-8').set('new', 1);
    const seen: string[] = [];
    PMap.diff(a, b, (k) => seen.push(k));
    expect(seen.sort()).toEqual(['new', 'traffic:TR-7', 'traffic:TR-8']);
  });
});

describe('PMap transients', () => {
  // Enough keys that the trie is three and four levels deep, so in-place
  // inserts, push-downs and child replacements all happen below the root.
  const manyOps = fc.array(fc.tuple(fc.nat(30_000), fc.integer(), fc.nat(9)), { minLength: 200, maxLength: 3_000 });

  it('a batch of edits equals the same edits made persistently, and the map it started from never changes', () => {
    fc.assert(
      fc.property(manyOps, manyOps, (before, batch) => {
        let base = PMap.empty<number>();
        const model = new Map<string, number>();
        for (const [k, v] of before) {
          base = base.set(`traffic:A${k}`, v);
          model.set(`traffic:A${k}`, v);
        }
        const baseModel = new Map(model);
        let t = base.asTransient();
        let p = base;
        for (const [k, v, op] of batch) {
          const key = `traffic:A${k}`;
          if (op === 0) {
            t = t.delete(key);
            p = p.delete(key);
            model.delete(key);
          } else if (op === 1) {
            t = t.add(key, v);
            p = p.add(key, v);
            if (!model.has(key)) model.set(key, v);
          } else {
            t = t.set(key, v);
            p = p.set(key, v);
            model.set(key, v);
          }
        }
        const done = t.persistent();
        expect(new Map(done.entries())).toEqual(model);
        expect(done.size).toBe(model.size);
        expect(new Map(p.entries())).toEqual(model);
        expect(new Map(base.entries())).toEqual(baseModel);
        expect(base.size).toBe(baseModel.size);
      }),
      { numRuns: 60 },
    );
  });

  it('never writes into nodes a persistent map holds (they are frozen here; a write would throw)', () => {
    let base = PMap.empty<number>();
    for (let i = 0; i < 20_000; i++) base = base.set(`k${i}`, i);
    deepFreeze(base);
    let t = base.asTransient();
    for (let i = 0; i < 40_000; i += 3) t = t.set(`k${i}`, -i);
    for (let i = 0; i < 20_000; i += 7) t = t.delete(`k${i}`);
    const next = t.persistent();
    expect(base.get('k3')).toBe(3);
    expect(next.get('k3')).toBe(-3);
    expect(next.get('k7')).toBeUndefined();
    // The finished map is persistent again: a later transient copies what it changes.
    deepFreeze(next);
    const again = next.asTransient().set('k3', 33).persistent();
    expect([next.get('k3'), again.get('k3')]).toEqual([-3, 33]);
  });

  it('owns only values handed over during this edit (all of them until a delete), and none once it ends', () => {
    // Objects as values, so identity matters; many keys so pairs are pushed down and moved.
    const steps = fc.array(fc.tuple(fc.nat(30_000), fc.nat(5)), { minLength: 200, maxLength: 3_000 });
    fc.assert(
      fc.property(steps, steps, (before, batch) => {
        let base = PMap.empty<{ n: number }>();
        for (const [k, n] of before) base = base.set(`traffic:A${k}`, { n }, true);
        // A persistent map owns nothing, whatever `set` was told.
        for (const [k] of before.slice(0, 50)) expect(base.owns(`traffic:A${k}`, base.get(`traffic:A${k}`)!)).toBe(false);
        let t = base.asTransient();
        const owned = new Map<string, { n: number }>();
        let deleted = false;
        for (const [k, op] of batch) {
          const key = `traffic:A${k}`;
          const value = { n: op };
          if (op === 0) {
            // Deletes path-copy without an owner, so values on that path stop being owned (safe, rare).
            const size = t.size;
            t = t.delete(key);
            deleted ||= t.size !== size;
            owned.delete(key);
          } else if (op === 1) {
            const size = t.size;
            t = t.add(key, value, true);
            if (t.size !== size) owned.set(key, value);
          } else if (op === 2) {
            // Stored again without handing it over: no longer the edit's own.
            const present = t.get(key);
            if (present) t = t.set(key, { ...present });
            owned.delete(key);
          } else {
            t = t.set(key, value, true);
            owned.set(key, value);
          }
        }
        for (const [k] of [...before, ...batch]) {
          const key = `traffic:A${k}`;
          const value = t.get(key);
          const owns = value !== undefined && t.owns(key, value);
          if (owns) expect(owned.get(key)).toBe(value);
          if (!deleted) expect(owns).toBe(owned.get(key) === value && value !== undefined);
          if (value) expect(t.owns(key, { n: value.n })).toBe(false);
        }
        const done = t.persistent();
        for (const [key, value] of owned) expect(done.owns(key, value)).toBe(false);
        const next = done.asTransient();
        for (const [key, value] of owned) expect(next.owns(key, value)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('add keeps a present key as it was', () => {
    const p = PMap.from([['a', 1]]);
    expect(p.add('a', 2)).toBe(p);
    expect(p.add('b', 2).toObject()).toEqual({ a: 1, b: 2 });
    const t = p.asTransient();
    expect(t.add('a', 2).get('a')).toBe(1);
    expect(t.size).toBe(1);
  });
});

