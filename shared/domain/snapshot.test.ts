import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents } from './chain';
import { fold } from './reduce';
import { decodePage, SnapshotPager, snapshotOf, stateFromPages, stateFromSnapshot, type DecodedPage, type PagedState, type SnapshotPage } from './snapshot';
import type { State } from './state';
import { eventDraftArb } from './testing/arbitraries';

const plain = (s: State) => ({ ...s, lastRejection: undefined, alerts: s.alerts.toObject(), aliases: s.aliases.toObject(), incidents: s.incidents.toObject(), sources: s.sources.toObject() });

describe('snapshots', () => {
  it('restore to a state that folds the rest exactly like the original', () => {
    fc.assert(
      fc.property(fc.array(eventDraftArb, { maxLength: 60 }), fc.nat(), (drafts, cut) => {
        const events = sealEvents(drafts, EMPTY_HEAD);
        const k = events.length ? cut % (events.length + 1) : 0;
        const restored = stateFromSnapshot(snapshotOf(fold(events.slice(0, k))));
        expect(restored.ok).toBe(true);
        if (!restored.ok) return;
        expect(plain(fold(events.slice(k), restored.state))).toEqual(plain(fold(events)));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what it cannot read', () => {
    expect(stateFromSnapshot('{')).toMatchObject({ ok: false });
    expect(stateFromSnapshot('{"format": 99}')).toMatchObject({ ok: false, reason: expect.stringContaining('format 99') });
  });
});

describe('paged snapshots', () => {
  /** Stores every page as IndexedDB would (a structured clone) and decodes on read. */
  const storeOf = () => {
    const stored = new Map<string, SnapshotPage>();
    return {
      put: (pages: SnapshotPage[]) => pages.forEach((p) => stored.set(p.key, structuredClone(p))),
      pageOf: (key: string): DecodedPage | undefined => {
        const p = stored.get(key);
        return p && decodePage(p);
      },
    };
  };

  it('restore to a state that folds the rest exactly like the original, from scratch or on any earlier snapshot', () => {
    fc.assert(
      fc.property(fc.array(eventDraftArb, { maxLength: 120 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (drafts, cuts) => {
        const events = sealEvents(drafts, EMPTY_HEAD);
        const ks = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
        const pager = new SnapshotPager();
        const store = storeOf();
        const heads = ks.map((k) => {
          const { head, pages } = pager.pagesOf(fold(events.slice(0, k)));
          store.put(pages);
          return structuredClone(head);
        });
        const alone = heads.map((h) => {
          const r = stateFromPages(h, store.pageOf);
          if (!r.ok) throw new Error(r.reason);
          return r.built;
        });
        ks.forEach((k, i) => {
          expect(plain(alone[i]!.state)).toEqual(plain(fold(events.slice(0, k))));
          expect(plain(fold(events.slice(k), alone[i]!.state))).toEqual(plain(fold(events)));
          // On every earlier snapshot built (a later base is not used: the result is the same as from scratch).
          alone.forEach((base: PagedState) => {
            const r = stateFromPages(heads[i]!, store.pageOf, base);
            expect(r.ok).toBe(true);
            if (r.ok) expect(plain(r.built.state)).toEqual(plain(alone[i]!.state));
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('writes only what changed, merges stale pages, and goes on from a restored snapshot', () => {
    const events = sealEvents(fc.sample(eventDraftArb, { numRuns: 400, seed: 7 }), EMPTY_HEAD);
    const pager = new SnapshotPager();
    const store = storeOf();
    let state = fold([]);
    let written = 0;
    let last: ReturnType<SnapshotPager['pagesOf']> | undefined;
    for (let i = 0; i < events.length; i += 20) {
      state = fold(events.slice(i, i + 20), state);
      last = pager.pagesOf(state);
      store.put(last.pages);
      written += last.pages.reduce((n, p) => n + p.alerts.length + p.incidents.length, 0);
    }
    // Nothing changed: nothing written.
    expect(pager.pagesOf(state).pages).toEqual([]);
    // Compaction keeps the head short and the writes near what changed.
    expect(last!.head.pages.length).toBeLessThan(10);
    expect(written).toBeLessThan(3 * (state.alerts.size + state.incidents.size) + events.length);
    // A reload: the restored state is taken as written; the next snapshot writes only what changed since.
    const r = stateFromPages(last!.head, store.pageOf);
    if (!r.ok) throw new Error(r.reason);
    const again = new SnapshotPager();
    again.remember(r.built.head, store.pageOf, r.built.state);
    expect(again.pagesOf(r.built.state).pages).toEqual([]);
    const more = sealEvents(fc.sample(eventDraftArb, { numRuns: 30, seed: 9 }), { seq: state.seq, hash: state.hash });
    const next = again.pagesOf(fold(more, r.built.state));
    store.put(next.pages);
    const back = stateFromPages(next.head, store.pageOf, r.built);
    expect(back.ok && plain(back.built.state)).toEqual(plain(fold(more, state)));
  });

  it('refuses a head it cannot read or whose pages are missing', () => {
    const state = fold(sealEvents(fc.sample(eventDraftArb, { numRuns: 50, seed: 3 }), EMPTY_HEAD));
    const { head } = new SnapshotPager().pagesOf(state);
    expect(stateFromPages({ ...head, format: 9 } as never, () => undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('format 9') });
    if (head.pages.length > 0) expect(stateFromPages(head, () => undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('misses') });
  });
});
