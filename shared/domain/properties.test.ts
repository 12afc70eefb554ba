import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJsonAlert } from '../protocol/alertInput';
import { commandSchema } from '../protocol/commands';
import { eventsBatchSchema } from '../protocol/workstation';
import { EMPTY_HEAD, sealEvents, verifyChain } from './chain';
import { domainEventSchema, EVENT_TYPES, type DomainEvent } from './events';
import { fold, reduce } from './reduce';
import type { State } from './state';
import { eventDraftArb } from './testing/arbitraries';

const sealed = fc.array(eventDraftArb, { minLength: 0, maxLength: 60 }).map((drafts) => sealEvents(drafts, EMPTY_HEAD));

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
