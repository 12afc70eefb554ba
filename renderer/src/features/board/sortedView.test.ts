import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '@shared/domain/model';
import { CAP_SEVERITIES } from '@shared/domain/warningLevel';
import { ALERT_ORDER } from './boardRows';
import { SortedView } from './sortedView';
import { ALERT_KEY } from './sortKeys';
import { alert, T0 } from './testing';

const active = (a: Alert): boolean => a.status === 'new' || a.status === 'acknowledged';

describe('SortedView', () => {
  it('keeps the same list as a full filter + sort, whatever the sequence of changes', () => {
    const change = fc.record({
      id: fc.integer({ min: 0, max: 40 }),
      severity: fc.constantFrom(...CAP_SEVERITIES),
      received: fc.integer({ min: 0, max: 20 }),
      status: fc.constantFrom('new', 'acknowledged', 'dismissed' as const),
      remove: fc.boolean(),
    });
    fc.assert(
      // Keyed: sorts on ALERT_KEY, and rebuilds instead of merging a delta larger than REBUILD_ABOVE_SHARE of the list.
      fc.property(fc.array(fc.array(change, { maxLength: 12 }), { maxLength: 12 }), fc.constantFrom('level', 'time' as const), fc.boolean(), (batches, sort, keyed) => {
        const source = new Map<string, Alert>();
        const key = keyed ? ALERT_KEY[sort] : undefined;
        const view = new SortedView<Alert>(ALERT_ORDER[sort], active, 'own', key);
        view.rebuild(source.values());
        // The board's pair: every alert in order, and a filtered view that asks it for old versions.
        const ordered = new SortedView<Alert>(ALERT_ORDER[sort], () => true, 'own', key);
        const derived = new SortedView<Alert>(ALERT_ORDER[sort], active, 'external', key);
        for (const batch of batches) {
          // Like the worker's deltas: an id is either upserted (latest version) or removed, once per batch.
          const net = new Map<string, Alert | null>();
          for (const c of batch) {
            const id = `traffic:A${c.id}`;
            const a = c.remove ? null : alert({ id, severity: c.severity, received: T0 + c.received * 1000, status: c.status });
            if (a) source.set(id, a);
            else source.delete(id);
            net.set(id, a);
          }
          const upsert = [...net.values()].filter((a): a is Alert => a !== null);
          const remove = [...net.entries()].filter(([, a]) => a === null).map(([id]) => id);
          view.apply(upsert, remove);
          const previous = new Map([...upsert.map((a) => a.id), ...remove].map((id) => [id, ordered.get(id)]));
          ordered.apply(upsert, remove);
          derived.apply(upsert, remove, { previous: (id) => previous.get(id) });
          const expected = [...source.values()].filter(active).sort(ALERT_ORDER[sort]);
          expect(view.items.map((a) => a.id)).toEqual(expected.map((a) => a.id));
          expect(derived.items.map((a) => a.id)).toEqual(expected.map((a) => a.id));
          // The latest versions, also of alerts that kept their place (swapped in, not merged).
          expect(view.items.every((a, i) => a === expected[i])).toBe(true);
          expect(derived.items.every((a, i) => a === expected[i])).toBe(true);
        }
      }),
    );
  });

  it('copes with an id twice in one batch, with its own or an external membership', () => {
    const first = alert({ id: 'traffic:X', severity: 'Minor' });
    const second = { ...first, severity: 'Extreme' as const };
    const own = new SortedView<Alert>(ALERT_ORDER.level, active);
    own.rebuild([]);
    own.apply([first, second], []);
    expect(own.items).toEqual([second]);
    const external = new SortedView<Alert>(ALERT_ORDER.level, active, 'external');
    external.rebuild([]);
    external.apply([first, second], [], { previous: () => undefined });
    expect(external.items).toEqual([second]);
  });

  it('never mutates a list it has handed out', () => {
    const a = alert({ severity: 'Minor' });
    const view = new SortedView<Alert>(ALERT_ORDER.level, active);
    view.rebuild([a]);
    const before = view.items;
    view.apply([alert({ severity: 'Extreme' })], []);
    expect(before).toHaveLength(1);
    expect(view.items).toHaveLength(2);
  });

  it('reports no change (and keeps the same array) for an alert outside the filter', () => {
    const view = new SortedView<Alert>(ALERT_ORDER.level, active);
    view.rebuild([alert()]);
    const before = view.items;
    expect(view.apply([alert({ status: 'dismissed' })], [])).toBe(false);
    expect(view.items).toBe(before);
  });

  it('filters only the changed alerts of a large delta (a sync, a burst), never the whole list', () => {
    const all = Array.from({ length: 30_000 }, (_, i) => alert({ id: `traffic:B${i}`, received: T0 + i * 1000 }));
    let calls = 0;
    const searched = (a: Alert): boolean => (calls++, a.headline.includes('探针') || a.id.endsWith('7'));
    const ordered = new SortedView<Alert>(ALERT_ORDER.time, () => true);
    const view = new SortedView<Alert>(ALERT_ORDER.time, searched, 'external');
    ordered.rebuild(all);
    view.rebuild(ordered.items, true);
    const burst = Array.from({ length: 2000 }, (_, i) => alert({ id: `traffic:N${i}`, received: T0 + i * 15_000 + 500, headline: i % 20 === 0 ? `探针${i}` : '道路结冰' }));
    const moved = all.slice(0, 500).map((a) => ({ ...a, status: 'acknowledged' as const }));
    const previous = new Map([...burst, ...moved].map((a) => [a.id, ordered.get(a.id)]));
    calls = 0;
    ordered.apply([...burst, ...moved], []);
    expect(view.apply([...burst, ...moved], [], { previous: (id) => previous.get(id) })).toBe(true);
    expect(calls).toBeLessThanOrEqual(2 * (burst.length + moved.length));
    const expected = [...all.map((a, i) => (i < 500 ? moved[i]! : a)), ...burst].filter((a) => a.headline.includes('探针') || a.id.endsWith('7')).sort(ALERT_ORDER.time);
    expect(view.items.map((a) => a.id)).toEqual(expected.map((a) => a.id));
  });

  it('merges a delta of a hundred into 30k alerts with comparator calls proportional to the delta, not the list', () => {
    let calls = 0;
    const cmp = (a: Alert, b: Alert): number => (calls++, ALERT_ORDER.time(a, b));
    const all = Array.from({ length: 30_000 }, (_, i) => alert({ id: `traffic:C${i}`, received: T0 + i * 1000 }));
    const view = new SortedView<Alert>(cmp, () => true);
    view.rebuild(all);
    view.get('traffic:C0'); // the members map is filled lazily; not part of the delta's cost
    // 100 new alerts anywhere, 30 changed in place, 20 removed: merged, not rebuilt (under an eighth).
    const fresh = Array.from({ length: 100 }, (_, i) => alert({ id: `traffic:F${i}`, received: T0 + ((i * 7919) % 30_000) * 1000 + 500 }));
    const changed = Array.from({ length: 30 }, (_, i) => ({ ...all[i * 997]!, received: all[i * 997]!.received + 1 }));
    const removed = Array.from({ length: 20 }, (_, i) => all[i * 1499 + 3]!.id);
    calls = 0;
    expect(view.apply([...fresh, ...changed], removed)).toBe(true);
    // Sorting 130 entering items, and a binary search for each of them and of the 50 leaving ones.
    expect(calls).toBeLessThan(180 * 2 * Math.ceil(Math.log2(30_000)));
    const gone = new Set([...removed, ...changed.map((a) => a.id)]);
    const expected = [...all.filter((a) => !gone.has(a.id)), ...changed, ...fresh].sort(ALERT_ORDER.time);
    expect(view.items.map((a) => a.id)).toEqual(expected.map((a) => a.id));
  });

  it('derives 25k and 100k alerts fast enough for ten snapshots a second', { timeout: 120_000 }, () => {
    const severities = CAP_SEVERITIES;
    const make = (count: number): Alert[] =>
      Array.from({ length: count }, (_, i) => alert({ id: `traffic:P${i}`, severity: severities[i % 5]!, received: T0 + ((i * 7919) % count) * 1000, status: i % 7 === 0 ? 'dismissed' : 'new' }));
    const report: string[] = [];
    for (const count of [25_000, 100_000]) {
      const all = make(count);
      const ordered = new SortedView<Alert>(ALERT_ORDER.level, () => true, 'own', ALERT_KEY.level);
      const view = new SortedView<Alert>(ALERT_ORDER.level, active, 'external');
      // A reset: every alert sorted, on keys (the board) and by the comparator alone (before), alternating in the same run; best of 3.
      const plain = new SortedView<Alert>(ALERT_ORDER.level, () => true);
      let comparatorMs = Infinity;
      let sortMs = Infinity;
      let t = 0;
      for (let round = 0; round < 3; round++) {
        t = performance.now();
        plain.rebuild(all);
        comparatorMs = Math.min(comparatorMs, performance.now() - t);
        t = performance.now();
        ordered.rebuild(all);
        sortMs = Math.min(sortMs, performance.now() - t);
      }
      expect(ordered.items).toEqual(plain.items);
      // A filter change: filter the ordered list again (already in order); best of 3.
      let rebuildMs = Infinity;
      for (let round = 0; round < 3; round++) {
        t = performance.now();
        view.rebuild(ordered.items, true);
        rebuildMs = Math.min(rebuildMs, performance.now() - t);
      }
      // A typical delta: ten changed alerts (status changes and new arrivals).
      // The best of 50 rounds, as the rebuild is the best of its rounds: a GC
      // pause or a busy machine then cannot make the cheap path look dear.
      const rounds = 50;
      let deltaMs = Infinity;
      for (let r = 0; r < rounds; r++) {
        const upsert = Array.from({ length: 10 }, (_, i) => ({ ...all[(r * 10 + i) * 13]!, status: 'acknowledged' as const }));
        const previous = new Map(upsert.map((a) => [a.id, ordered.get(a.id)]));
        t = performance.now();
        ordered.apply(upsert, []);
        view.apply(upsert, [], { previous: (id) => previous.get(id) });
        deltaMs = Math.min(deltaMs, performance.now() - t);
      }
      report.push(`${count}: full sort ${sortMs.toFixed(1)} ms on keys (${comparatorMs.toFixed(1)} ms by comparator), filter change ${rebuildMs.toFixed(1)} ms, 10-alert delta ${deltaMs.toFixed(2)} ms`);
      expect(deltaMs).toBeLessThan(rebuildMs);
    }
    console.log(`board derivation — ${report.join('; ')}`);
  });
});
