import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { draft } from '@shared/domain/events';
import type { Alert, Incident } from '@shared/domain/model';
import { content, Log, T0 } from '@shared/domain/testing/builders';
import { collectTouched, emptyTouched } from './delta';
import { createStoreCore } from './storeCore';
import { decodeDelta, encodeDelta, encodeReset, patched, patchOf } from './wireDelta';

type Entity = { id: string } & Record<string, unknown>;

/** What the UI thread holds after `encode` went through postMessage and was decoded and applied. */
function roundTrip(before: Map<string, Entity>, after: Map<string, Entity>, ids: Iterable<string>): { held: Map<string, Entity>; before: Map<string, Entity> } {
  const touched = { alerts: new Set(ids), incidents: new Set<string>() };
  const asAlerts = (m: Map<string, Entity>): Map<string, Alert> => m as unknown as Map<string, Alert>;
  const wire = structuredClone(encodeDelta(touched, { alerts: asAlerts(before), incidents: new Map() }, { alerts: asAlerts(after), incidents: new Map() }));
  const core = createStoreCore();
  for (const [id, e] of before) core.alerts.set(id, e as unknown as Alert);
  const snapshotBefore = structuredClone(before);
  core.apply(decodeDelta(wire, core.alerts, core.incidents));
  return { held: core.alerts as unknown as Map<string, Entity>, before: snapshotBefore };
}

const FIELDS = ['a', 'b', 'c', 'list', 'nested'] as const;
const value = fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(undefined), fc.array(fc.string({ maxLength: 2 }), { maxLength: 4 }), fc.record({ x: fc.integer() }, { noNullPrototype: true }));
const entity = (id: string): fc.Arbitrary<Entity> =>
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: FIELDS.length, noNullPrototype: true }).map((fields) => ({ ...fields, id }));

/** How an entity changes between two updates, as the reducer changes it: new values for some fields, the rest kept as they were (`===`). */
const change = fc.record({
  set: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 3, noNullPrototype: true }),
  drop: fc.subarray([...FIELDS]),
  grow: fc.array(fc.string({ maxLength: 2 }), { maxLength: 3 }),
  kind: fc.constantFrom('keep', 'change', 'remove', 'same-copy'),
});

describe('wire deltas', () => {
  it('rebuilds on the UI thread what the worker holds, for any change of fields, arrays that grow, removals and new ids', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 12 }).chain((ids) => fc.tuple(fc.tuple(...ids.map((i) => entity(`e${i}`))), fc.array(change, { minLength: ids.length, maxLength: ids.length }), fc.array(entity('new'), { maxLength: 3 }))),
        ([olds, changes, added]) => {
          const before = new Map(olds.map((e) => [e.id, e]));
          const after = new Map(before);
          olds.forEach((e, i) => {
            const c = changes[i]!;
            if (c.kind === 'remove') after.delete(e.id);
            else if (c.kind === 'same-copy') after.set(e.id, { ...e });
            else if (c.kind === 'change') {
              const next: Entity = { ...e, ...c.set };
              for (const k of c.drop) delete next[k];
              if (Array.isArray(e['list']) && !c.drop.includes('list') && !('list' in c.set)) next['list'] = [...(e['list'] as string[]), ...c.grow];
              after.set(e.id, next);
            }
          });
          added.forEach((e, i) => after.set(`new${i}`, { ...e, id: `new${i}` }));
          const { held, before: beforeCopy } = roundTrip(before, after, [...before.keys(), ...after.keys()]);
          expect(held).toStrictEqual(after);
          // The held objects were not changed in place (React compares them by identity).
          expect(before).toStrictEqual(beforeCopy);
        },
      ),
    );
  });

  it('sends a changed field alone and an array that grew as its new items', () => {
    const before = { id: 'x', status: 'open', updatedAt: 1, alerts: ['a', 'b'], gone: 1, still: undefined };
    const after = { id: 'x', status: 'open', updatedAt: 2, alerts: [...before.alerts, 'c'], still: undefined };
    const patch = patchOf('x', before, after);
    expect(patch).toEqual({ id: 'x', set: { updatedAt: 2 }, unset: ['gone'], append: { alerts: ['c'] } });
    expect(patched(before, patch!)).toStrictEqual(after);
    // A list that lost an item is sent whole; a copy with equal fields is no change at all.
    expect(patchOf('x', after, { ...after, alerts: ['a', 'c'] })).toEqual({ id: 'x', set: { alerts: ['a', 'c'] } });
    expect(patchOf('x', after, { ...after })).toBeNull();
  });

  it('sends an incident that gains an alert as the new id and its time, not its whole list', () => {
    const log = new Log();
    const ids = Array.from({ length: 50 }, (_, i) => `traffic:A${i}`);
    log.append(...ids.map((alertId, i) => draft('alert.received', T0, 'source:traffic', { alertId, content: content({ sourceId: `A${i}` }) })));
    log.append(draft('incident.opened', T0, 'user:x', { incidentId: 'INC-1', no: 1, title: 't', level: 3, alertIds: ids.slice(0, 49), location: { lon: 126, lat: 45 }, region: '230100', classification: 'internal', domains: ['traffic'] }));
    const shown = log.state;
    const touched = emptyTouched();
    for (const e of log.append(draft('incident.alertLinked', T0 + 1, 'user:x', { incidentId: 'INC-1', alertId: 'traffic:A49' }))) collectTouched(e, shown, touched);
    const wire = encodeDelta(touched, shown, log.state);
    expect(wire.incidents).toEqual({ whole: [], remove: [], patch: [{ id: 'INC-1', set: { updatedAt: T0 + 1 }, append: { alerts: ['traffic:A49'] } }] });
    expect(wire.alerts.patch).toEqual([{ id: 'traffic:A49', set: { incidentId: 'INC-1' } }]);
    const core = createStoreCore();
    core.apply(decodeDelta(structuredClone(encodeReset(shown.alerts.values(), shown.incidents.values())), core.alerts, core.incidents));
    const delta = decodeDelta(structuredClone(wire), core.alerts, core.incidents);
    core.apply(delta);
    expect(core.incidents.get('INC-1')).toStrictEqual(log.state.incidents.get('INC-1') as Incident);
    expect(core.alerts.get('traffic:A49')).toStrictEqual(log.state.alerts.get('traffic:A49'));
    expect(delta.incidents.upsert.map((i) => i.alerts.length)).toEqual([50]);
  });

  it('refuses changes to something this window does not hold', () => {
    const wire = { alerts: { whole: [], patch: [{ id: 'nope', set: { status: 'new' } }], remove: [] }, incidents: { whole: [], patch: [], remove: [] }, reset: false };
    expect(() => decodeDelta(wire, new Map(), new Map())).toThrow(/nope/);
  });
});
