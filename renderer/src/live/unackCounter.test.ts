import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealEvents } from '@shared/domain/chain';
import { Folding } from '@shared/domain/reduce';
import { initialState } from '@shared/domain/state';
import { eventDraftArb } from '@shared/domain/testing/arbitraries';
import { unacknowledgedByDomain } from '@shared/domain/views';
import { collectTouched, emptyTouched } from './delta';
import { UnackCounter } from './unackCounter';

describe('UnackCounter', () => {
  it('keeps the counts equal to a full count, batch after batch, from the touched alerts only', () => {
    fc.assert(
      fc.property(fc.array(fc.array(eventDraftArb, { maxLength: 12 }), { minLength: 1, maxLength: 12 }), fc.nat(), (batches, resetAt) => {
        const counter = new UnackCounter();
        let state = initialState;
        let head = { seq: 0, hash: '0'.repeat(64) };
        batches.forEach((drafts, i) => {
          const events = sealEvents(drafts, head);
          head = events.length ? { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash } : head;
          const touched = emptyTouched();
          const f = new Folding(state);
          for (const e of events) {
            collectTouched(e, f.current, touched);
            f.apply(e);
          }
          state = f.finish();
          const counts = counter.update(state, i === resetAt % batches.length ? null : touched.alerts);
          expect(counts).toEqual(unacknowledgedByDomain(state));
        });
      }),
      { numRuns: 300 },
    );
  });
});
