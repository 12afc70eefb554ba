import { describe, expect, it } from 'vitest';
import { draft, type DomainEvent } from '@shared/domain/events';
import { fold } from '@shared/domain/reduce';
import { initialState } from '@shared/domain/state';
import { snapshotOf } from '@shared/domain/snapshot';
import { content, Log, T0 } from '@shared/domain/testing/builders';
import { emptyTouched } from './delta';
import { foldBatch, type FoldStep } from './foldBatch';
import { keysOf } from './replicaKeys';

/** Three alerts received and the first acknowledged: four sealed events. */
function sealed(): DomainEvent[] {
  const log = new Log();
  return log.append(
    draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A1', content: content({ sourceId: 'A1' }) }),
    draft('alert.received', T0 + 1, 'source:traffic', { alertId: 'traffic:A2', content: content({ sourceId: 'A2' }) }),
    draft('alert.received', T0 + 2, 'source:traffic', { alertId: 'traffic:A3', content: content({ sourceId: 'A3' }) }),
    draft('alert.acknowledged', T0 + 3, 'user:traffic', { alertId: 'traffic:A1' }),
  );
}

describe('foldBatch', () => {
  it('folds a batch as the reducer does, with the replica keys of each event', () => {
    const events = sealed();
    const touched = emptyTouched();
    const out = foldBatch(initialState, events, 4, touched);
    expect(out.unreadable).toEqual([]);
    expect(out.fresh.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(snapshotOf(out.state)).toBe(snapshotOf(fold(events)));
    expect(out.keys).toEqual(events.map((e, i) => keysOf(e, fold(events.slice(0, i)), fold(events.slice(0, i + 1)))));
    expect([...touched.alerts].sort()).toEqual(['traffic:A1', 'traffic:A2', 'traffic:A3']);
  });

  it('keeps an event it cannot read, as it arrived and with the reason, and folds the rest', () => {
    const events = sealed();
    // What a newer hub could send: an event type this build does not know.
    const newer = { ...events[1]!, type: 'alert.teleported' };
    const raws: unknown[] = [events[0], newer, events[2], events[3]];
    const out = foldBatch(initialState, raws, 4, emptyTouched(), undefined, 1234);
    expect(out.fresh.map((e) => e.seq)).toEqual([1, 3, 4]);
    expect(out.unreadable).toHaveLength(1);
    expect(out.unreadable[0]).toMatchObject({ seq: 2, head: 4, raw: newer, at: 1234 });
    expect(out.unreadable[0]!.problem).toMatch(/type|event/);
    expect(snapshotOf(out.state)).toBe(snapshotOf(fold([events[0]!, events[2]!, events[3]!])));
    expect(out.state.alerts.has('traffic:A2')).toBe(false);
  });

  it('places an event with no usable seq by the batch head', () => {
    const events = sealed();
    const out = foldBatch(initialState, [events[0], { what: 'not an event' }, events[1]], 2, emptyTouched());
    expect(out.fresh.map((e) => e.seq)).toEqual([1, 2]);
    expect(out.unreadable).toMatchObject([{ seq: undefined, head: 2, raw: { what: 'not an event' } }]);
  });

  it('when the reducer throws on an event, folds the batch again without it from the untouched state', () => {
    const events = sealed();
    const before = fold(events.slice(0, 1));
    const beforeText = snapshotOf(before);
    // Fault injection around the real reducer: the third event's fold throws half-way through the batch.
    const faulty: FoldStep = (f, e) => {
      const next = f.apply(e);
      if (e.seq === 3) throw new TypeError('boom');
      return next;
    };
    const touched = emptyTouched();
    const out = foldBatch(before, events.slice(1), 4, touched, faulty);
    expect(out.fresh.map((e) => e.seq)).toEqual([2, 4]);
    expect(out.unreadable).toMatchObject([{ seq: 3, problem: 'the reducer failed: boom' }]);
    expect(snapshotOf(out.state)).toBe(snapshotOf(fold([events[1]!, events[3]!], before)));
    // The state the batch started from is as it was.
    expect(snapshotOf(before)).toBe(beforeText);
    expect(touched.alerts.has('traffic:A3')).toBe(true);
  });

  it('passes over events the state already holds without calling them unreadable', () => {
    const events = sealed();
    const from = fold(events.slice(0, 2));
    const out = foldBatch(from, events, 4, emptyTouched());
    expect(out.fresh.map((e) => e.seq)).toEqual([3, 4]);
    expect(out.unreadable).toEqual([]);
  });
});
