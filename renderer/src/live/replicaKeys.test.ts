import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealEvents } from '@shared/domain/chain';
import { draft, type DomainEvent } from '@shared/domain/events';
import { Folding, reduce } from '@shared/domain/reduce';
import { initialState, type State } from '@shared/domain/state';
import { eventDraftArb } from '@shared/domain/testing/arbitraries';
import { content, Log, T0 } from '@shared/domain/testing/builders';
import { keysAfter, keysBefore, keysOf } from './replicaKeys';

const opened = (incidentId: string, no: number, alertIds: string[]) =>
  draft('incident.opened', T0, 'user:x', { incidentId, no, title: 't', level: 3, alertIds, location: { lon: 126, lat: 45 }, region: '230100', classification: 'internal', domains: ['traffic'] });

/** Keys of every event of the log, computed while folding as the worker does. */
function keysOfLog(events: DomainEvent[]): string[][] {
  let s: State = initialState;
  return events.map((e) => {
    const before = s;
    s = reduce(before, e);
    return keysOf(e, before, s);
  });
}

describe('replica keys', () => {
  it('files an alert’s lifecycle under the incident it is linked to at that moment', () => {
    const log = new Log();
    log.append(
      draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A1', content: content({ sourceId: 'A1' }) }),
      draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A2', content: content({ sourceId: 'A2' }) }),
      opened('INC-1', 1, ['traffic:A1']),
      draft('alert.acknowledged', T0 + 1, 'user:duty', { alertId: 'traffic:A1' }),
      draft('incident.alertUnlinked', T0 + 2, 'user:x', { incidentId: 'INC-1', alertId: 'traffic:A1' }),
      draft('alert.expired', T0 + 3, 'system:expiry', { alertId: 'traffic:A1' }),
      draft('incident.noteAdded', T0 + 4, 'user:x', { incidentId: 'INC-1', text: 'n', mentions: [] }),
      draft('source.statusChanged', T0 + 5, 'system:hub', { feed: 'traffic', status: 'down' }),
    );
    const keys = keysOfLog(log.events);
    expect(keys).toEqual([
      ['a:traffic:A1'], // received before any incident
      ['a:traffic:A2'],
      ['i:INC-1', 'a:traffic:A1'],
      ['a:traffic:A1', 'i:INC-1'], // acknowledged while linked
      ['i:INC-1', 'a:traffic:A1'],
      ['a:traffic:A1'], // expired after the unlink: no longer about INC-1
      ['i:INC-1'],
      [],
    ]);
  });

  it('names both incidents of a move and a merge, and both alerts of a supersession', () => {
    const log = new Log();
    log.append(
      draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A1', content: content({ sourceId: 'A1' }) }),
      draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A2', content: content({ sourceId: 'A2' }) }),
      opened('INC-1', 1, ['traffic:A1']),
      opened('INC-2', 2, ['traffic:A2']),
      draft('incident.alertLinked', T0 + 1, 'user:x', { incidentId: 'INC-2', alertId: 'traffic:A1' }),
      draft('incident.merged', T0 + 2, 'user:x', { incidentId: 'INC-2', from: 'INC-1' }),
      draft('alert.superseded', T0 + 3, 'source:traffic', { alertId: 'traffic:A1', by: 'traffic:A2' }),
    );
    const keys = keysOfLog(log.events).map((k) => [...k].sort());
    expect(keys[4]).toEqual(['a:traffic:A1', 'i:INC-1', 'i:INC-2']);
    expect(keys[5]).toEqual(['i:INC-1', 'i:INC-2']);
    expect(keys[6]).toEqual(['a:traffic:A1', 'a:traffic:A2', 'i:INC-2']);
  });

  it('gives the same keys, in the same order, in one Folding per batch (keysBefore, apply, keysAfter) as per event with reduce', () => {
    fc.assert(
      fc.property(fc.array(eventDraftArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 60 }), (drafts, batchSize) => {
        const events = sealEvents(drafts, { seq: 0, hash: '0'.repeat(64) });
        const expected = keysOfLog(events);
        const got: string[][] = [];
        let state = initialState;
        for (let i = 0; i < events.length; i += batchSize) {
          const f = new Folding(state);
          for (const e of events.slice(i, i + batchSize)) {
            const pending = keysBefore(e, f.current);
            got.push(keysAfter(pending, f.apply(e)));
          }
          state = f.finish();
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
