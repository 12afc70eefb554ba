import fc from 'fast-check';
import type * as GeoJSON from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Alert } from '@shared/domain/model';
import type { LiveDelta } from '../../live/types';
import { FeatureIds, mergeDeltas, samePoint, SourceDiffer, splitDelta } from './sourceDiff';
import { alertOf, incidentOf } from './testing/fixtures';

function differ(include: (a: Alert) => boolean = () => true, ids = new FeatureIds()) {
  return new SourceDiffer<Alert>({
    ids,
    include: (a) => include(a),
    geometryOf: (a) => ({ type: 'Point', coordinates: [a.point.lon, a.point.lat] }),
    propertiesOf: (a) => ({ aid: a.id, status: a.status }),
  });
}

const delta = (upsert: Alert[], remove: string[] = [], reset = false): LiveDelta => ({ alerts: { upsert, remove }, incidents: { upsert: [], remove: [] }, reset });

describe('FeatureIds', () => {
  it('gives each string id one small number for the session', () => {
    const ids = new FeatureIds();
    expect(ids.idOf('traffic:A')).toBe(1);
    expect(ids.idOf('ecology:B')).toBe(2);
    expect(ids.idOf('traffic:A')).toBe(1);
    expect(ids.peek('nope')).toBeUndefined();
  });
});

describe('SourceDiffer', () => {
  it('reset: one collection of the included alerts, each with a numeric feature id', () => {
    const ids = new FeatureIds();
    const d = differ((a) => a.severity !== 'Minor', ids);
    const fc = d.reset([alertOf('a'), alertOf('b', { severity: 'Minor' }), alertOf('c')]);
    expect(fc.features.map((f) => f.id)).toEqual([ids.idOf('a'), ids.idOf('c')]);
    expect(fc.features.every((f) => Number.isInteger(f.id))).toBe(true);
    expect(fc.features.map((f) => f.properties?.['aid'])).toEqual(['a', 'c']);
    expect(d.size).toBe(2);
    expect(d.get('b')?.severity).toBe('Minor');
  });

  it('adds new alerts, updates known ones and removes deleted ones, keyed by the same feature ids', () => {
    const d = differ();
    d.reset([alertOf('a'), alertOf('b')]);
    const moved = alertOf('a', { status: 'acknowledged', point: { lon: 127, lat: 46 } });
    const diff = d.apply([moved, alertOf('c')], ['b'])!;
    expect(diff.remove).toEqual([2]);
    // A changed alert is added again under its id, which replaces it (no `update` entries: see SourceDiffer.place).
    expect(diff.add).toEqual([
      { type: 'Feature', id: 1, geometry: { type: 'Point', coordinates: [127, 46] }, properties: { aid: 'a', status: 'acknowledged' } },
      { type: 'Feature', id: 3, geometry: { type: 'Point', coordinates: [126.63, 45.76] }, properties: { aid: 'c', status: 'new' } },
    ]);
    expect(diff.update).toBeUndefined();
    expect(d.has('b')).toBe(false);
    expect(d.get('b')).toBeUndefined();
  });

  it('removes an alert that stops passing the filter and adds it back when it passes again, with its old id', () => {
    const d = differ((a) => a.status === 'new');
    d.reset([alertOf('a'), alertOf('b')]);
    expect(d.apply([alertOf('a', { status: 'dismissed' })], [])).toEqual({ remove: [1] });
    const back = d.apply([alertOf('a', { status: 'new', version: 2 })], [])!;
    expect(back.add?.[0]?.id).toBe(1);
    expect(back.update).toBeUndefined();
  });

  it('sends nothing for an alert whose snapshot has not changed, or one that stays filtered out', () => {
    const a = alertOf('a');
    const d = differ((x) => x.severity !== 'Minor');
    d.reset([a, alertOf('m', { severity: 'Minor' })]);
    expect(d.apply([a], [])).toBeNull();
    expect(d.apply([alertOf('m', { severity: 'Minor', version: 2 })], [])).toBeNull();
    expect(d.apply([], ['never-seen'])).toBeNull();
  });

  it('re-filters every known alert after a filter change: only the difference moves', () => {
    let domains = new Set(['ecology', 'traffic']);
    const d = differ((a) => domains.has(a.domain));
    d.reset([alertOf('e1'), alertOf('t1', { domain: 'traffic' }), alertOf('s1', { domain: 'safety' })]);
    domains = new Set(['ecology', 'safety']);
    const diff = d.refilter()!;
    expect(diff.remove).toEqual([2]);
    expect(diff.add?.map((f) => f.properties?.['aid'])).toEqual(['s1']);
    expect(diff.update).toBeUndefined();
    expect(d.refilter()).toBeNull();
  });

  it('sends nothing for a new version that draws the same, when it can tell it draws the same', () => {
    const d = new SourceDiffer<Alert>({
      ids: new FeatureIds(),
      include: () => true,
      geometryOf: (a) => ({ type: 'Point', coordinates: [a.point.lon, a.point.lat] }),
      propertiesOf: (a) => ({ aid: a.id, status: a.status }),
      drawsSame: (a, b) => a.status === b.status && samePoint(a.point, b.point),
    });
    d.reset([alertOf('a'), alertOf('b')]);
    const repeated = alertOf('a', { duplicates: 3 });
    expect(d.apply([repeated], [])).toBeNull();
    // The layer still knows the newest version (the tooltip reads it).
    expect(d.get('a')).toBe(repeated);
    expect([...d.drawn()]).toContain(repeated);
    expect(d.apply([alertOf('a', { duplicates: 4, status: 'acknowledged' })], [])?.add?.map((f) => f.properties?.['status'])).toEqual(['acknowledged']);
    expect(d.apply([alertOf('b', { point: { lon: 127, lat: 46 } })], [])?.add?.map((f) => f.id)).toEqual([2]);
    // Without drawsSame only the same object counts as unchanged.
    const plain = differ();
    plain.reset([alertOf('a')]);
    expect(plain.apply([alertOf('a', { duplicates: 3 })], [])?.add).toHaveLength(1);
  });

  it('replace: a whole new state as the difference from what is drawn, or one collection when nothing stays', () => {
    const ids = new FeatureIds();
    const d = new SourceDiffer<Alert>({
      ids,
      include: (a) => a.status !== 'dismissed',
      geometryOf: (a) => ({ type: 'Point', coordinates: [a.point.lon, a.point.lat] }),
      propertiesOf: (a) => ({ aid: a.id, status: a.status }),
      drawsSame: (a, b) => a.status === b.status && samePoint(a.point, b.point),
    });
    // Nothing drawn yet: a collection.
    const a = alertOf('a');
    const first = d.replace([a, alertOf('b'), alertOf('c'), alertOf('x', { status: 'dismissed' })]);
    expect(first.kind).toBe('set');
    expect(first.kind === 'set' && first.data.features.map((f) => f.properties?.['aid'])).toEqual(['a', 'b', 'c']);
    // a the same object, b a new version drawn the same, c gone, d new, x now shown, e dismissed (never drawn).
    const second = d.replace([a, alertOf('b', { duplicates: 2 }), alertOf('d'), alertOf('x'), alertOf('e', { status: 'dismissed' })]);
    expect(second).toEqual({
      kind: 'diff',
      diff: {
        add: [
          { type: 'Feature', id: ids.idOf('d'), geometry: { type: 'Point', coordinates: [126.63, 45.76] }, properties: { aid: 'd', status: 'new' } },
          { type: 'Feature', id: ids.idOf('x'), geometry: { type: 'Point', coordinates: [126.63, 45.76] }, properties: { aid: 'x', status: 'new' } },
        ],
        remove: [ids.idOf('c')],
      },
    });
    expect([...d.drawn()].map((x) => x.id).sort()).toEqual(['a', 'b', 'd', 'x']);
    expect(d.get('e')?.status).toBe('dismissed');
    expect(d.get('c')).toBeUndefined();
    // The same state again: nothing to send.
    expect(d.replace([a, d.get('b')!, d.get('d')!, d.get('x')!])).toEqual({ kind: 'diff', diff: null });
    // Nothing stays: one collection again.
    const third = d.replace([alertOf('z')]);
    expect(third.kind === 'set' && third.data.features.map((f) => f.properties?.['aid'])).toEqual(['z']);
    expect(d.size).toBe(1);
  });

  it('keeps a source equal to the included items through any mix of deltas, replaces and filter changes', () => {
    type Op = { kind: 'apply'; upsert: Array<[number, Alert['status']]>; remove: number[] } | { kind: 'replace'; items: Array<[number, Alert['status']]> } | { kind: 'filter'; without: Alert['status'] };
    const status = fc.constantFrom<Alert['status']>('new', 'acknowledged', 'dismissed');
    const item = fc.tuple(fc.integer({ min: 0, max: 15 }), status);
    const op: fc.Arbitrary<Op> = fc.oneof(
      // Like every delta a store sends: an id at most once.
      fc.record({ kind: fc.constant('apply' as const), upsert: fc.uniqueArray(item, { selector: (x) => x[0], maxLength: 8 }), remove: fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('replace' as const), items: fc.uniqueArray(item, { selector: (x) => x[0], maxLength: 12 }) }),
      fc.record({ kind: fc.constant('filter' as const), without: status }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let without: Alert['status'] = 'dismissed';
        const d = new SourceDiffer<Alert>({
          ids: new FeatureIds(),
          include: (a) => a.status !== without,
          geometryOf: (a) => ({ type: 'Point', coordinates: [a.point.lon, a.point.lat] }),
          propertiesOf: (a) => ({ aid: a.id, status: a.status }),
          // Acknowledged and new draw the same here: a new version of either is not sent.
          drawsSame: (a, b) => a.status === b.status || (a.status !== 'dismissed' && b.status !== 'dismissed'),
        });
        const known = new Map<string, Alert>();
        // What MapLibre would hold: feature id → feature.
        const source = new Map<number | string | undefined, GeoJSON.Feature>();
        const send = (diff: ReturnType<SourceDiffer<Alert>['apply']>): void => {
          diff?.remove?.forEach((id) => source.delete(id));
          diff?.add?.forEach((f) => source.set(f.id, f));
        };
        const make = ([n, s]: [number, Alert['status']]): Alert => alertOf(`a${n}`, { status: s });
        for (const o of ops) {
          if (o.kind === 'apply') {
            const upsert = o.upsert.map(make);
            const remove = o.remove.map((n) => `a${n}`).filter((id) => !upsert.some((a) => a.id === id));
            remove.forEach((id) => known.delete(id));
            upsert.forEach((a) => known.set(a.id, a));
            send(d.apply(upsert, remove));
          } else if (o.kind === 'replace') {
            known.clear();
            const items = o.items.map(make);
            items.forEach((a) => known.set(a.id, a));
            const r = d.replace(items);
            if (r.kind === 'set') {
              source.clear();
              r.data.features.forEach((f) => source.set(f.id, f));
            } else send(r.diff);
          } else {
            without = o.without;
            send(d.refilter());
          }
          const included = [...known.values()].filter((a) => a.status !== without);
          expect(d.size).toBe(included.length);
          expect(source.size).toBe(included.length);
          for (const a of known.values()) {
            expect(d.get(a.id)).toBe(a);
            expect(d.has(a.id)).toBe(a.status !== without);
          }
          // Every drawn feature draws its alert's latest version (or one that draws the same).
          for (const a of included) {
            const f = source.get(d.featureIdOf(a.id));
            expect(f?.properties?.['aid']).toBe(a.id);
            expect(f?.properties?.['status'] === 'dismissed').toBe(a.status === 'dismissed');
          }
          expect([...d.drawn()].map((a) => a.id).sort()).toEqual(included.map((a) => a.id).sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sends staged changes in parts of at most max features, and the parts add up to the same source', () => {
    type Op = { kind: 'stage'; upsert: Array<[number, Alert['status']]>; remove: number[] } | { kind: 'replace'; items: Array<[number, Alert['status']]> } | { kind: 'take'; max: number };
    const status = fc.constantFrom<Alert['status']>('new', 'acknowledged', 'dismissed');
    const item = fc.tuple(fc.integer({ min: 0, max: 12 }), status);
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('stage' as const), upsert: fc.uniqueArray(item, { selector: (x) => x[0], maxLength: 8 }), remove: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 4 }) }),
      fc.record({ kind: fc.constant('replace' as const), items: fc.uniqueArray(item, { selector: (x) => x[0], maxLength: 10 }) }),
      fc.record({ kind: fc.constant('take' as const), max: fc.integer({ min: 1, max: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const d = new SourceDiffer<Alert>({
          ids: new FeatureIds(),
          include: (a) => a.status !== 'dismissed',
          geometryOf: (a) => ({ type: 'Point', coordinates: [a.point.lon, a.point.lat] }),
          propertiesOf: (a) => ({ aid: a.id, status: a.status }),
          drawsSame: (a, b) => a.status === b.status,
        });
        const known = new Map<string, Alert>();
        const source = new Map<number | string | undefined, GeoJSON.Feature>();
        // As MapLibre applies a diff: removes first, then adds (an add under a held id replaces it).
        const send = (diff: ReturnType<SourceDiffer<Alert>['takeDiff']>, max: number): void => {
          expect((diff?.add?.length ?? 0) + (diff?.remove?.length ?? 0)).toBeLessThanOrEqual(max);
          diff?.remove?.forEach((id) => {
            expect(source.has(id)).toBe(true);
            source.delete(id);
          });
          diff?.add?.forEach((f) => source.set(f.id, f));
        };
        const make = ([n, s]: [number, Alert['status']]): Alert => alertOf(`a${n}`, { status: s });
        for (const o of ops) {
          if (o.kind === 'stage') {
            const upsert = o.upsert.map(make);
            const remove = o.remove.map((n) => `a${n}`).filter((id) => !upsert.some((a) => a.id === id));
            remove.forEach((id) => known.delete(id));
            upsert.forEach((a) => known.set(a.id, a));
            d.stage(upsert, remove);
          } else if (o.kind === 'replace') {
            known.clear();
            const items = o.items.map(make);
            items.forEach((a) => known.set(a.id, a));
            const data = d.stageReplace(items);
            if (data) {
              source.clear();
              data.features.forEach((f) => source.set(f.id, f));
            }
          } else send(d.takeDiff(o.max), o.max);
          const included = [...known.values()].filter((a) => a.status !== 'dismissed');
          expect(d.size).toBe(included.length);
          for (const a of known.values()) expect(d.get(a.id)).toBe(a);
        }
        // Drained part by part, the source holds exactly the included items' latest features.
        while (d.pending > 0) send(d.takeDiff(2), 2);
        expect(d.takeDiff()).toBeNull();
        const included = [...known.values()].filter((a) => a.status !== 'dismissed');
        expect([...source.values()].map((f) => f.properties?.['aid']).sort()).toEqual(included.map((a) => a.id).sort());
        for (const a of included) expect(source.get(d.featureIdOf(a.id))?.properties?.['status']).toBe(a.status);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps feature ids shared between sources that use the same registry', () => {
    const ids = new FeatureIds();
    const points = differ(() => true, ids);
    const areas = differ((a) => a.severity === 'Extreme', ids);
    points.reset([alertOf('a'), alertOf('b', { severity: 'Extreme' })]);
    const fc = areas.reset([alertOf('a'), alertOf('b', { severity: 'Extreme' })]);
    expect(fc.features.map((f) => f.id)).toEqual([ids.idOf('b')]);
  });
});

describe('mergeDeltas (one frame of deltas → one diff)', () => {
  it('lets the last word on an alert win', () => {
    const m = mergeDeltas([delta([alertOf('a', { version: 1 })]), delta([alertOf('a', { version: 2 })]), delta([], ['b'])]);
    expect(m.reset).toBe(false);
    expect(m.alerts.upsert.map((a) => a.version)).toEqual([2]);
    expect(m.alerts.remove).toEqual(['b']);
  });

  it('turns an upsert after a remove back into an upsert, and a remove after an upsert into a remove', () => {
    const m = mergeDeltas([delta([], ['a']), delta([alertOf('a')]), delta([alertOf('b')]), delta([], ['b'])]);
    expect(m.alerts.upsert.map((a) => a.id)).toEqual(['a']);
    expect(m.alerts.remove).toEqual(['b']);
  });

  it('drops everything before a reset, and stays a reset', () => {
    const m = mergeDeltas([delta([alertOf('old')]), delta([alertOf('a')], [], true), delta([alertOf('b')], ['a'])]);
    expect(m.reset).toBe(true);
    expect(m.alerts.upsert.map((a) => a.id)).toEqual(['b']);
    expect(m.alerts.remove).toEqual([]);
  });
});

describe('splitDelta (a delta too large for one frame)', () => {
  const big: LiveDelta = {
    alerts: { upsert: Array.from({ length: 7 }, (_, i) => alertOf(`u${i}`)), remove: ['r1', 'r2', 'r3'] },
    incidents: { upsert: [incidentOf('i1')], remove: ['j1'] },
    reset: false,
  };

  it('takes at most max changes, removals first, and leaves the rest in order for later frames', () => {
    const parts: LiveDelta[] = [];
    let rest: LiveDelta | null = big;
    while (rest) {
      const [now, later] = splitDelta(rest, 4);
      parts.push(now);
      rest = later;
    }
    const size = (d: LiveDelta) => d.alerts.upsert.length + d.alerts.remove.length + d.incidents.upsert.length + d.incidents.remove.length;
    expect(parts.map(size)).toEqual([4, 4, 4]);
    expect(parts.every((p) => !p.reset)).toBe(true);
    expect(parts[0]).toMatchObject({ incidents: { remove: ['j1'], upsert: [big.incidents.upsert[0]] }, alerts: { remove: ['r1', 'r2'], upsert: [] } });
    expect(parts.flatMap((p) => p.alerts.upsert)).toEqual(big.alerts.upsert);
    expect(parts.flatMap((p) => p.alerts.remove)).toEqual(big.alerts.remove);
  });

  it('leaves a delta that fits, and a reset of any size, whole', () => {
    expect(splitDelta(big, 12)).toEqual([big, null]);
    const reset = { ...big, reset: true };
    expect(splitDelta(reset, 2)).toEqual([reset, null]);
  });
});
