import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PMap } from './pmap';

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
