/** The index follows every event that moves an alert in or out of an open incident. */
import { describe, expect, it } from 'vitest';
import { DOMAINS, type Domain } from '../domain/agencies';
import { draft } from '../domain/events';
import type { State } from '../domain/state';
import { haversineKm } from './geo';
import { IncidentIndex, type NearestQuery } from './incidentIndex';
import { alert, Harness, MINUTE, T0 } from './testing/harness';

const HARBIN: [number, number] = [126.68, 45.78];
const DAQING: [number, number] = [125.1, 46.59];
const op = 'user:commander' as const;

function seeded(): Harness {
  const hub = new Harness();
  hub.feed(alert({ sourceId: 'H1', severity: 'Severe', at: HARBIN }), T0);
  hub.feed(alert({ sourceId: 'H2', at: [126.7, 45.8] }), T0);
  hub.feed(alert({ sourceId: 'D1', severity: 'Severe', at: DAQING, region: '230600' }), T0);
  hub.feed(alert({ sourceId: 'loose', severity: 'Minor', at: [129.6, 44.55], region: '231000' }), T0);
  return hub;
}

function query(lon: number, lat: number, radiusKm = 25): NearestQuery {
  return { point: { lon, lat }, radiusKm };
}

/** The incremental index answers like one rebuilt from the state. */
function expectInSync(hub: Harness, probes: [number, number][] = [HARBIN, DAQING, [126.7, 45.8], [129.6, 44.55]]) {
  const rebuilt = IncidentIndex.fromState(hub.state);
  expect(hub.index.size).toBe(rebuilt.size);
  for (const [lon, lat] of probes) expect(hub.index.recentNear({ lon, lat }, 25, 1000, -Infinity, DOMAINS)).toEqual(rebuilt.recentNear({ lon, lat }, 25, 1000, -Infinity, DOMAINS));
  for (const id of hub.state.incidents.keys()) expect(hub.index.hasCodedAlerts(id), id).toBe(rebuilt.hasCodedAlerts(id));
  for (const [lon, lat] of probes) expect(hub.index.nearest(hub.state, query(lon, lat))).toEqual(rebuilt.nearest(hub.state, query(lon, lat)));
}

describe('IncidentIndex', () => {
  it('lists the latest received alerts near a place newest first, and knows which incidents hold an alert with an event code', () => {
    const hub = seeded();
    const near = (at: [number, number], radiusKm: number, max = 1000, domains: readonly Domain[] = DOMAINS): string[] => hub.index.recentNear({ lon: at[0], lat: at[1] }, radiusKm, max, -Infinity, domains).map((r) => r.id);
    expect(near(HARBIN, 10)).toEqual(['safety:H2', 'safety:H1']);
    expect(near(HARBIN, 10, 1)).toEqual(['safety:H2']);
    expect(near(HARBIN, 10, 1000, ['traffic', 'market'])).toEqual([]);
    // Daqing is ~150 km from Harbin: a radius that reaches it lists both places, merged by receipt.
    expect(near(HARBIN, 160)).toEqual(['safety:D1', 'safety:H2', 'safety:H1']);
    expect(near([129.6, 44.55], 10)).toEqual(['safety:loose']);
    expect(hub.index.hasCodedAlerts('INC-1')).toBe(false);
    hub.feed(alert({ sourceId: 'H3', eventCode: 'SAF-CHEM', at: [126.69, 45.79] }), T0 + MINUTE);
    expect(hub.index.incidentOf('safety:H3')).toBe('INC-1');
    expect(hub.index.hasCodedAlerts('INC-1')).toBe(true);
    expect(hub.index.hasCodedAlerts('INC-2')).toBe(false);
    expectInSync(hub);
    hub.commit([draft('incident.alertUnlinked', T0 + 2 * MINUTE, op, { incidentId: 'INC-1', alertId: 'safety:H3' })]);
    expect(hub.index.hasCodedAlerts('INC-1')).toBe(false);
    expectInSync(hub);
  });

  it('holds the linked alerts of open incidents only', () => {
    const hub = seeded();
    expect(hub.index.size).toBe(3);
    expect(hub.index.incidentOf('safety:H2')).toBe('INC-1');
    expect(hub.index.incidentOf('safety:loose')).toBeUndefined();
    expectInSync(hub);
  });

  it('finds the nearest linked alert within the radius, and nothing beyond it', () => {
    const hub = seeded();
    const hit = hub.index.nearest(hub.state, query(126.71, 45.81));
    expect(hit?.incidentId).toBe('INC-1');
    expect(hit?.alertId).toBe('safety:H2');
    expect(hit?.distanceKm).toBeCloseTo(haversineKm({ lon: 126.71, lat: 45.81 }, { lon: 126.7, lat: 45.8 }), 9);
    const exact = haversineKm({ lon: 126.7, lat: 45.8 }, { lon: 127.0, lat: 45.8 });
    expect(hub.index.nearest(hub.state, query(127.0, 45.8, exact))?.alertId).toBe('safety:H2');
    expect(hub.index.nearest(hub.state, query(127.0, 45.8, exact - 1e-6))).toBeUndefined();
  });

  it('passes over incidents the caller refuses to the next nearest', () => {
    const hub = seeded();
    const seen: string[] = [];
    const hit = hub.index.nearest(hub.state, {
      point: { lon: 126.2, lat: 46.0 },
      radiusKm: 200,
      accept: (i) => (seen.push(i.id), i.id !== 'INC-1'),
    });
    expect(hit?.incidentId).toBe('INC-2');
    expect(seen).toEqual(['INC-1', 'INC-2']);
  });

  it('breaks distance ties by incident id, whatever the insertion order', () => {
    const hub = new Harness();
    hub.feed(alert({ sourceId: 'A', domain: 'market', severity: 'Severe', at: [126, 46] }), T0);
    hub.feed(alert({ sourceId: 'B', domain: 'traffic', severity: 'Severe', at: [126, 46] }), T0);
    expect(hub.state.incidents.size).toBe(2);
    expect(hub.index.nearest(hub.state, query(126, 46))?.incidentId).toBe('INC-1');
    expectInSync(hub, [[126, 46]]);
  });

  it('drops an unlinked alert and moves a relinked one', () => {
    const hub = seeded();
    hub.commit([draft('incident.alertUnlinked', T0 + MINUTE, op, { incidentId: 'INC-1', alertId: 'safety:H2' })]);
    expect(hub.index.incidentOf('safety:H2')).toBeUndefined();
    expectInSync(hub);
    hub.commit([draft('incident.alertLinked', T0 + MINUTE, op, { incidentId: 'INC-2', alertId: 'safety:H1' })]);
    expect(hub.index.incidentOf('safety:H1')).toBe('INC-2');
    expect(hub.index.nearest(hub.state, query(...HARBIN))?.incidentId).toBe('INC-2');
    expectInSync(hub);
  });

  it('relabels a merged incident’s alerts and forgets the merged one', () => {
    const hub = seeded();
    hub.commit([draft('incident.merged', T0 + MINUTE, op, { incidentId: 'INC-2', from: 'INC-1' })]);
    expect(hub.index.incidentOf('safety:H1')).toBe('INC-2');
    expect(hub.index.incidentOf('safety:H2')).toBe('INC-2');
    expect(hub.index.nearest(hub.state, query(...HARBIN))?.incidentId).toBe('INC-2');
    expectInSync(hub);
  });

  it('forgets a closed incident and remembers it when reopened', () => {
    const hub = seeded();
    hub.commit([draft('incident.closed', T0 + MINUTE, op, { incidentId: 'INC-1', disposition: 'resolved', summary: '' })]);
    expect(hub.index.size).toBe(1);
    expect(hub.index.nearest(hub.state, query(...HARBIN))).toBeUndefined();
    expectInSync(hub);
    hub.commit([draft('incident.reopened', T0 + 2 * MINUTE, op, { incidentId: 'INC-1', reason: 'flare-up' })]);
    expect(hub.index.size).toBe(3);
    expectInSync(hub);
  });

  it('moves an entry when an update moves the alert', () => {
    const hub = seeded();
    const moved = { ...alert({ sourceId: 'H2', at: [126.9, 45.9] }), version: 2 };
    hub.feed(moved, T0 + MINUTE);
    expect(hub.index.nearest(hub.state, query(126.9, 45.9, 0.001))?.alertId).toBe('safety:H2');
    expect(hub.index.nearest(hub.state, query(126.7, 45.8, 0.001))).toBeUndefined();
    expectInSync(hub, [[126.9, 45.9], [126.7, 45.8]]);
  });

  it('ignores an event the reducer refused: it follows the state, not the event', () => {
    const hub = seeded();
    const before: State = hub.state;
    const [bogus] = hub.commit([]).concat([
      { seq: 99, time: T0, actor: op, type: 'incident.closed', body: { incidentId: 'INC-9', disposition: 'resolved', summary: '' }, prev: '0'.repeat(64), hash: '0'.repeat(64) },
    ]);
    hub.index.apply(bogus!, before);
    expect(hub.index.size).toBe(3);
    expectInSync(hub);
  });

  it('stays exact across its periodic bulk reloads', () => {
    const hub = new Harness();
    // Three incidents far apart, then 3,000 reports that join them one by one.
    const seats: [number, number][] = [[126.6, 45.75], [123.9, 47.35], [129.6, 44.55]];
    seats.forEach(([lon, lat], i) => hub.feed(alert({ sourceId: `seat-${i}`, severity: 'Severe', at: [lon, lat] }), T0));
    for (let i = 0; i < 3000; i++) {
      const [lon, lat] = seats[i % 3]!;
      hub.feed(alert({ sourceId: `r-${i}`, at: [lon + ((i * 7919) % 200) / 1000 - 0.1, lat + ((i * 104729) % 200) / 1000 - 0.1] }), T0 + i);
    }
    expect(hub.index.size).toBe(3003);
    const probes: [number, number][] = Array.from({ length: 60 }, (_, i) => {
      const [lon, lat] = seats[i % 3]!;
      return [lon + ((i * 31) % 40) / 100 - 0.2, lat + ((i * 17) % 40) / 100 - 0.2];
    });
    expectInSync(hub, probes);
    // Entries loaded by a rebuild must still be removable by reference.
    hub.commit([draft('incident.alertUnlinked', T0 + 4000, op, { incidentId: 'INC-1', alertId: 'safety:r-0' })]);
    hub.commit([draft('incident.closed', T0 + 4001, op, { incidentId: 'INC-2', disposition: 'resolved', summary: '' })]);
    expect(hub.index.size).toBe(3003 - 1 - 1001);
    expectInSync(hub, probes);
  });
});
