import { describe, expect, it } from 'vitest';
import type { Alert, Incident } from '@shared/domain/model';
import type { LiveDelta, LiveSnapshot } from '../../live/types';
import { DEFAULT_FILTERS, type Filters } from '../workspace/filters';
import { smallStore } from '../workspace/smallStore';
import { createBoardModel, type DeltaSource } from './boardModel';
import { ALERT_ORDER, type BoardSort } from './boardRows';
import { alert, incident, T0 } from './testing';

/** A live store stand-in: maps mutated in place, deltas pushed by hand. */
function fakeStore() {
  const alerts = new Map<string, Alert>();
  const incidents = new Map<string, Incident>();
  let snapshot = { version: 0, alerts, incidents } as unknown as LiveSnapshot;
  const listeners = new Set<(d: LiveDelta, s: LiveSnapshot) => void>();
  const source: DeltaSource = {
    getSnapshot: () => snapshot,
    onDidApplyDelta(l) {
      listeners.add(l);
      l({ alerts: { upsert: [...alerts.values()], remove: [] }, incidents: { upsert: [...incidents.values()], remove: [] }, reset: true }, snapshot);
      return () => listeners.delete(l);
    },
  };
  const push = (upsert: Alert[], remove: string[] = [], incidentUpsert: Incident[] = []): void => {
    for (const id of remove) alerts.delete(id);
    for (const a of upsert) alerts.set(a.id, a);
    for (const i of incidentUpsert) incidents.set(i.id, i);
    snapshot = { ...snapshot, version: snapshot.version + 1 };
    for (const l of listeners) l({ alerts: { upsert, remove }, incidents: { upsert: incidentUpsert, remove: [] }, reset: false }, snapshot);
  };
  return { source, push, alerts };
}

/** An alert whose headline counts its reads: how often the text search looked at it. */
function counted(a: Alert, reads: { n: number }): Alert {
  const { headline, ...rest } = a;
  return Object.defineProperty({ ...rest } as Alert, 'headline', {
    enumerable: true,
    get: () => {
      reads.n++;
      return headline;
    },
  });
}

describe('board model', () => {
  it('searches an alert once per filter: a large delta rebuilds without searching the alerts it had seen', () => {
    const store = fakeStore();
    const reads = { n: 0 };
    for (let i = 0; i < 200; i++) store.alerts.set(`traffic:a${i}`, counted(alert({ id: `traffic:a${i}`, headline: i % 2 ? '松花江 水质' : '道路结冰' }), reads));
    const filters = smallStore<Filters>({ ...DEFAULT_FILTERS, text: '松花江' });
    const model = createBoardModel(store.source, filters, smallStore<BoardSort>('time'));
    expect(model.getView().alerts).toHaveLength(100);
    const first = reads.n;
    expect(first).toBeGreaterThanOrEqual(200);
    // 100 new alerts: over 64 and over 1/32 of 300, so the model rebuilds from every alert.
    const fresh = Array.from({ length: 100 }, (_, i) => counted(alert({ id: `traffic:b${i}`, headline: '松花江 冰凌' }), reads));
    store.push(fresh);
    expect(model.getView().alerts).toHaveLength(200);
    expect(reads.n - first).toBeLessThanOrEqual(100 * 2);
    // Another search: every alert is looked at again.
    const before = reads.n;
    filters.set({ ...filters.get(), text: '冰' });
    expect(model.getView().alerts).toHaveLength(200);
    expect(reads.n - before).toBeGreaterThanOrEqual(300);
    model.dispose();
  });

  it('builds from the store, updates from deltas, and publishes only when a list changed', () => {
    const store = fakeStore();
    store.alerts.set('traffic:old', alert({ id: 'traffic:old', severity: 'Minor' }));
    const filters = smallStore<Filters>(DEFAULT_FILTERS);
    const sort = smallStore<BoardSort>('level');
    const model = createBoardModel(store.source, filters, sort);
    expect(model.getView().alerts.map((a) => a.id)).toEqual(['traffic:old']);

    let published = 0;
    model.subscribe(() => published++);
    store.push([alert({ id: 'traffic:red', severity: 'Extreme' })]);
    expect(model.getView().alerts.map((a) => a.id)).toEqual(['traffic:red', 'traffic:old']);
    expect(published).toBe(1);

    // Feed health or presence snapshots bring no delta; a dismissed alert outside the filter changes the total only.
    const before = model.getView().alerts;
    store.push([alert({ id: 'traffic:gone', status: 'dismissed' })]);
    expect(model.getView().alerts).toBe(before);
    expect(model.getView().totalAlerts).toBe(3);

    store.push([{ ...store.alerts.get('traffic:red')!, status: 'dismissed' }]);
    expect(model.getView().alerts.map((a) => a.id)).toEqual(['traffic:old']);
    model.dispose();
  });

  it('rebuilds when the filters or the order change', () => {
    const store = fakeStore();
    const filters = smallStore<Filters>(DEFAULT_FILTERS);
    const sort = smallStore<BoardSort>('level');
    const model = createBoardModel(store.source, filters, sort);
    store.push([
      alert({ id: 'ecology:a', domain: 'ecology', severity: 'Minor', received: T0 + 2000 }),
      alert({ id: 'traffic:b', domain: 'traffic', severity: 'Severe', received: T0 + 1000 }),
    ]);
    expect(model.getView().alerts.map((a) => a.id)).toEqual(['traffic:b', 'ecology:a']);
    sort.set('time');
    expect(model.getView().alerts.map((a) => a.id)).toEqual(['ecology:a', 'traffic:b']);
    filters.set({ ...DEFAULT_FILTERS, domains: new Set(['ecology']) });
    expect(model.getView().alerts.map((a) => a.id)).toEqual(['ecology:a']);
    model.dispose();
  });

  it('lists open incidents that match the filters, most severe first', () => {
    const store = fakeStore();
    const model = createBoardModel(store.source, smallStore<Filters>(DEFAULT_FILTERS), smallStore<BoardSort>('level'));
    store.push([], [], [incident({ id: 'INC-a', level: 4 }), incident({ id: 'INC-b', level: 1 }), incident({ id: 'INC-c', status: 'closed' })]);
    expect(model.getView().incidents.map((i) => i.id)).toEqual(['INC-b', 'INC-a']);
    model.dispose();
  });

  it('keeps the incidents in order through deltas (a changed level, a closed one) and filter changes', () => {
    const store = fakeStore();
    const filters = smallStore<Filters>(DEFAULT_FILTERS);
    const model = createBoardModel(store.source, filters, smallStore<BoardSort>('level'));
    store.push([], [], [incident({ id: 'INC-a', level: 4, domains: ['traffic'] }), incident({ id: 'INC-b', level: 2, domains: ['ecology'] }), incident({ id: 'INC-c', level: 3, domains: ['traffic'] })]);
    expect(model.getView().incidents.map((i) => i.id)).toEqual(['INC-b', 'INC-c', 'INC-a']);
    const before = model.getView().incidents;
    store.push([], [], [incident({ id: 'INC-a', level: 1, domains: ['traffic'] }), incident({ id: 'INC-b', level: 2, domains: ['ecology'], status: 'closed' })]);
    expect(model.getView().incidents.map((i) => i.id)).toEqual(['INC-a', 'INC-c']);
    expect(before.map((i) => i.id)).toEqual(['INC-b', 'INC-c', 'INC-a']); // a published list is never mutated
    filters.set({ ...DEFAULT_FILTERS, domains: new Set(['ecology']) });
    expect(model.getView().incidents).toEqual([]);
    // An incident outside the filter changing publishes no new list.
    const filtered = model.getView();
    store.push([], [], [incident({ id: 'INC-c', level: 4, domains: ['traffic'] })]);
    expect(model.getView().incidents).toBe(filtered.incidents);
    filters.set(DEFAULT_FILTERS);
    expect(model.getView().incidents.map((i) => i.id)).toEqual(['INC-a', 'INC-c']);
    model.dispose();
  });

  it('holds the new versions of most alerts changed only by reference (a far replay seek), in order', () => {
    const store = fakeStore();
    const model = createBoardModel(store.source, smallStore<Filters>(DEFAULT_FILTERS), smallStore<BoardSort>('level'));
    const severities = ['Extreme', 'Severe', 'Moderate', 'Minor'] as const;
    const all = Array.from({ length: 2000 }, (_, i) => alert({ id: `traffic:S${i}`, severity: severities[i % 4], received: T0 + ((i * 37) % 500) * 1000 }));
    store.push(all, []);
    const before = model.getView().alerts;
    // 1,800 repeated (new objects, same level and time), 50 acknowledged, 10 dismissed (leave the filtered list).
    const next = all.slice(0, 1860).map((a, i) => ({ ...a, duplicates: a.duplicates + 1, ...(i >= 1800 ? { status: i >= 1850 ? ('dismissed' as const) : ('acknowledged' as const) } : {}) }));
    store.push(next, []);
    const expected = [...store.alerts.values()].filter((a) => a.status !== 'dismissed').sort(ALERT_ORDER.level);
    const view = model.getView().alerts;
    expect(view).not.toBe(before);
    expect(view.length).toBe(1990);
    expect(view.every((a, i) => a === expected[i])).toBe(true);
    model.dispose();
  });

  it('keeps both lists right through small deltas, merged ones and ones large enough to rebuild', () => {
    const store = fakeStore();
    const filters = smallStore<Filters>({ ...DEFAULT_FILTERS, domains: new Set(['traffic', 'ecology']) });
    const sort = smallStore<BoardSort>('level');
    const model = createBoardModel(store.source, filters, sort);
    const severities = ['Extreme', 'Severe', 'Moderate', 'Minor'] as const;
    const domains = ['traffic', 'ecology', 'safety'] as const;
    let round = 0;
    const make = (i: number): Alert =>
      alert({ id: `${domains[i % 3]}:R${i}`, domain: domains[i % 3], severity: severities[(i + round) % 4], received: T0 + ((i * 37 + round) % 50) * 1000 });
    // 10 alerts (spliced), 100 more (rebuilt: over a 32nd of the list), 1,000 more (rebuilt), 10 of 1,110 changed (merged), 600 changed + 200 removed (rebuilt).
    const steps: Array<[number, number, number]> = [[0, 10, 0], [10, 110, 0], [110, 1110, 0], [0, 10, 0], [0, 600, 200]];
    for (const [from, to, removes] of steps) {
      round++;
      const upsert = Array.from({ length: to - from }, (_, k) => make(from + k));
      const remove = Array.from({ length: removes }, (_, k) => [...store.alerts.keys()][store.alerts.size - 1 - k]!).filter((id) => !upsert.some((a) => a.id === id));
      store.push(upsert, remove);
      const expected = [...store.alerts.values()].filter((a) => a.domain !== 'safety').sort(ALERT_ORDER.level);
      expect(model.getView().alerts.map((a) => a.id)).toEqual(expected.map((a) => a.id));
      expect(model.getView().totalAlerts).toBe(store.alerts.size);
    }
    // A filter change filters every alert again and sorts those that pass.
    filters.set(DEFAULT_FILTERS);
    expect(model.getView().alerts.map((a) => a.id)).toEqual([...store.alerts.values()].sort(ALERT_ORDER.level).map((a) => a.id));
    model.dispose();
  });
});
