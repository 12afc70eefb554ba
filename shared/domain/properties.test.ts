import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJsonAlert } from '../protocol/alertInput';
import { commandSchema } from '../protocol/commands';
import { eventsBatchSchema } from '../protocol/workstation';
import { EMPTY_HEAD, sealEvents, verifyChain } from './chain';
import { draft, domainEventSchema, EVENT_TYPES, type DomainEvent, type EventDraft } from './events';
import { fold, Folding, reduce } from './reduce';
import { initialState, type State } from './state';
import { eventDraftArb } from './testing/arbitraries';
import { content, T0 } from './testing/builders';
import { deepFreeze } from './testing/freeze';

const sealed = fc.array(eventDraftArb, { minLength: 0, maxLength: 60 }).map((drafts) => sealEvents(drafts, EMPTY_HEAD));

/** `s`, deep-frozen: any later write into it throws. */
function frozen<T>(s: T): T {
  deepFreeze(s);
  return s;
}

/** Deep, order-insensitive comparison: two folds build equal but distinct entity objects. */
function plain(s: State) {
  return { ...s, alerts: s.alerts.toObject(), aliases: s.aliases.toObject(), incidents: s.incidents.toObject(), sources: s.sources.toObject() };
}

describe('reducer properties', () => {
  it('every generated event passes its schema (the arbitraries are honest)', () => {
    fc.assert(fc.property(sealed, (events) => events.every((e) => domainEventSchema.safeParse(e).success)), { numRuns: 200 });
  });

  it('never throws for any sequence of schema-valid events, and the head follows the log', () => {
    fc.assert(
      fc.property(sealed, (events) => {
        const state = fold(events);
        expect(state.seq).toBe(events.length);
        expect(verifyChain(events).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('folding from any snapshot plus the rest equals folding from the start', () => {
    fc.assert(
      fc.property(sealed, fc.nat(), (events, cut) => {
        const k = events.length ? cut % (events.length + 1) : 0;
        expect(plain(fold(events.slice(k), fold(events.slice(0, k))))).toEqual(plain(fold(events)));
      }),
      { numRuns: 300 },
    );
  });

  it('the transient fold equals reduce one event at a time, and never changes its starting state', () => {
    fc.assert(
      fc.property(sealed, fc.nat(), (events, cut) => {
        const k = events.length ? cut % (events.length + 1) : 0;
        const start = fold(events.slice(0, k));
        const startBefore = plain(start);
        const folded = fold(events.slice(k), start);
        const stepwise = events.slice(k).reduce(reduce, start);
        expect(plain(folded)).toEqual(plain(stepwise));
        expect(plain(start)).toEqual(startBefore);
      }),
      { numRuns: 400 },
    );
  });

  it('on big logs, folding in batches equals reduce one event at a time, and every state handed out stays as it was', () => {
    // Thousands of alert ids, so the maps are tries three levels deep and
    // the batch path edits nodes in place well below the root.
    const step = fc.tuple(fc.nat(12), fc.nat(3_999), fc.nat(40));
    const log = fc.array(step, { minLength: 500, maxLength: 2_500 }).map((steps) => sealEvents(steps.map(toDraft), EMPTY_HEAD));
    fc.assert(
      fc.property(log, fc.array(fc.nat(400), { minLength: 1, maxLength: 8 }), (events, sizes) => {
        const stepwise = events.reduce(reduce, initialState);
        let state = initialState;
        const handedOut: State[] = [];
        for (let at = 0, i = 0; at < events.length; i++) {
          const size = sizes[i % sizes.length]! + 1;
          state = fold(events.slice(at, at + size), state);
          at += size;
          // Frozen: a later batch that wrote into anything this state holds would throw.
          deepFreeze(state);
          handedOut.push(state);
        }
        expect(plain(state)).toEqual(plain(stepwise));
        expect(state.rejected).toBe(stepwise.rejected);
        // Each earlier state equals the one-at-a-time state at its seq.
        for (const s of handedOut) expect(plain(s)).toEqual(plain(events.slice(0, s.seq).reduce(reduce, initialState)));
      }),
      { numRuns: 8 },
    );
  });

  it('reduce writes into no state it was given or handed out (each one frozen before the next event)', () => {
    fc.assert(
      fc.property(sealed, (events) => {
        let state = frozen(fold([]));
        // A write into a frozen state, map or entity throws here.
        for (const e of events) state = frozen(reduce(state, e));
        expect(plain(state)).toEqual(plain(fold(events)));
      }),
      { numRuns: 200 },
    );
  });

  it('a Folding reads like reduce after every event, finishes equal to fold, and never changes where it started', () => {
    fc.assert(
      fc.property(sealed, fc.nat(), (events, cut) => {
        const k = events.length ? cut % (events.length + 1) : 0;
        const start = frozen(fold(events.slice(0, k)));
        const f = new Folding(start);
        expect(f.current).toBe(start);
        let stepwise = start;
        for (const e of events.slice(k)) {
          stepwise = reduce(stepwise, e);
          expect(plain(f.apply(e))).toEqual(plain(stepwise));
          expect(plain(f.current)).toEqual(plain(stepwise));
        }
        const finished = f.finish();
        expect(plain(finished)).toEqual(plain(fold(events.slice(k), start)));
        expect(() => f.apply(events[0]!)).toThrow();
        // A folding dropped half-way (the hub's failed write) leaves its start as it was: frozen, so any write threw above.
        const dropped = new Folding(start);
        for (const e of events.slice(k, k + 3)) dropped.apply(e);
      }),
      { numRuns: 300 },
    );
  });

  it('on big logs, a Folding per batch equals reduce one event at a time, and every finished state stays as it was', () => {
    const step = fc.tuple(fc.nat(12), fc.nat(3_999), fc.nat(40));
    const log = fc.array(step, { minLength: 500, maxLength: 2_500 }).map((steps) => sealEvents(steps.map(toDraft), EMPTY_HEAD));
    fc.assert(
      fc.property(log, fc.array(fc.nat(400), { minLength: 1, maxLength: 8 }), (events, sizes) => {
        const stepwise = events.reduce(reduce, initialState);
        let state = initialState;
        const handedOut: State[] = [];
        for (let at = 0, i = 0; at < events.length; i++) {
          const size = sizes[i % sizes.length]! + 1;
          const f = new Folding(state);
          for (const e of events.slice(at, at + size)) f.apply(e);
          state = frozen(f.finish());
          at += size;
          handedOut.push(state);
        }
        expect(plain(state)).toEqual(plain(stepwise));
        for (const s of handedOut) expect(plain(s)).toEqual(plain(events.slice(0, s.seq).reduce(reduce, initialState)));
      }),
      { numRuns: 6 },
    );
  });

  it('never throws on events that bypassed their schema (corrupt rows)', () => {
    fc.assert(
      fc.property(sealed, fc.array(fc.tuple(fc.constantFrom(...EVENT_TYPES), fc.anything()), { maxLength: 5 }), (events, junk) => {
        let state = fold(events);
        for (const [type, body] of junk) {
          const corrupt = { seq: state.seq + 1, time: state.time, actor: 'system:x', type, body, prev: state.hash, hash: state.hash } as DomainEvent;
          state = reduce(state, corrupt);
        }
        expect(state.seq).toBe(events.length + junk.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('codecs and schemas never throw; they return errors', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        decodeJsonAlert(v, 'traffic', 'traffic');
        commandSchema.safeParse(v);
        eventsBatchSchema.safeParse(v);
        domainEventSchema.safeParse(v);
      }),
      { numRuns: 1000 },
    );
  });

  it('on arbitrary objects including prototype-like keys', () => {
    fc.assert(
      fc.property(fc.object({ key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'point', 'attributes'), withNullPrototype: true }), (v) => {
        const r = decodeJsonAlert(v, 'traffic');
        expect(r.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

/** A realistic mix on many ids: receipts, repeats, moves (often illegal), updates, incidents, links, merges. */
function toDraft([kind, a, i]: [number, number, number], n: number): EventDraft {
  const t = T0 + n * 10;
  const alertId = `traffic:A${a}`;
  const incidentId = `INC-${i}`;
  switch (kind) {
    case 0:
    case 1:
    case 2:
    case 3:
      return draft('alert.received', t, 'source:traffic', { alertId, content: content({ sourceId: `A${a}` }) });
    case 4:
      return draft('alert.repeated', t, 'source:traffic', { alertId, sourceId: `A${a}` });
    case 5:
      return draft('alert.acknowledged', t, 'user:lisi', { alertId });
    case 6:
      return draft('alert.dismissed', t, 'user:zhangsan', { alertId, disposition: 'duplicate' });
    case 7:
      return draft('alert.updated', t, 'source:traffic', { alertId, content: content({ sourceId: `U${n}`, version: 2 }) });
    case 8:
      return draft('alert.cancelled', t, 'source:traffic', { alertId, sourceId: `C${n}`, reason: '解除' });
    case 9:
      return draft('incident.opened', t, 'system:correlation', {
        incidentId, no: i + 1, title: '事件', level: 3, alertIds: [], location: { lon: 126.5, lat: 45.8 }, region: '230100', classification: 'internal', domains: ['traffic'],
      });
    case 10:
      return draft('incident.alertLinked', t, 'system:correlation', { incidentId, alertId });
    case 11:
      return draft('incident.noteAdded', t, 'user:zhangsan', { incidentId, text: '现场情况更新', mentions: [] });
    default:
      return draft('incident.merged', t, 'user:chenqi', { incidentId, from: `INC-${(i + a) % 41}` });
  }
}
