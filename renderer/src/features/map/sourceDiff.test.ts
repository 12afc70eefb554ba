import { describe, expect, it } from 'vitest';
import type { Alert } from '@shared/domain/model';
import type { LiveDelta } from '../../live/types';
import { FeatureIds, mergeDeltas, SourceDiffer } from './sourceDiff';
import { alertOf } from './testing/fixtures';

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
    expect(diff.add?.map((f) => [f.id, f.properties?.['aid']])).toEqual([[3, 'c']]);
    expect(diff.update).toEqual([
      {
        id: 1,
        newGeometry: { type: 'Point', coordinates: [127, 46] },
        addOrUpdateProperties: [
          { key: 'aid', value: 'a' },
          { key: 'status', value: 'acknowledged' },
        ],
      },
    ]);
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
