import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents } from './chain';
import { fold } from './reduce';
import { snapshotOf, stateFromSnapshot } from './snapshot';
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
