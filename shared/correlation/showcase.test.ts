/**
 * The product's showcase and its counterparts: a chemical leak at a Harbin
 * plant spreads over five agencies and must stay one incident; unrelated,
 * minor, incompatible, stale and closed cases must not be swept into it.
 */
import { describe, expect, it } from 'vitest';
import { draft } from '../domain/events';
import { DEFAULT_CORRELATION_CONFIG } from './config';
import { haversineKm } from './geo';
import { alert, Harness, MINUTE, T0, typesOf } from './testing/harness';

const ALERT_EVENTS = ['alert.received'];
const LINKED = ['alert.received', 'incident.alertLinked'];
const OPENED = ['alert.received', 'incident.opened', 'incident.agencyRequested'];

// Harbin, 2024-01-15. Coordinates WGS84; the plant sits in the chemical park east of the city.
const leak = alert({
  sourceId: 'AQ-20240115-001', domain: 'safety', category: ['Safety', 'CBRNE'], event: '危化品泄漏',
  headline: '哈尔滨东部化工园区一化工厂苯泄漏', severity: 'Extreme', urgency: 'Immediate', at: [126.68, 45.78],
  attributes: { enterprise: '哈尔滨某化工有限公司', hazardClass: '3' },
});
const river = alert({
  sourceId: 'EE-WQ-7781', domain: 'ecology', category: ['Env'], event: '水质超标', severity: 'Severe', urgency: 'Immediate',
  headline: '松花江下游断面苯超标 12 倍', at: [126.85, 45.85], attributes: { pollutant: 'benzene', reading: 0.12 },
});
// Further down the Songhua: beyond 25 km of the plant, within 25 km of the first river reading.
const riverFar = alert({
  sourceId: 'EE-WQ-7790', domain: 'ecology', category: ['Env'], event: '水质超标', severity: 'Moderate',
  headline: '松花江宾县断面检出苯', at: [127.05, 45.95], attributes: { pollutant: 'benzene', reading: 0.03 },
});
const closure = alert({
  sourceId: 'JT-G1-0342', domain: 'traffic', category: ['Transport'], event: '道路封闭', severity: 'Moderate',
  headline: 'G1 京哈高速哈尔滨东段双向封闭', at: [126.6, 45.7], attributes: { road: 'G1', direction: 'both' },
});
const water = alert({
  sourceId: 'SJ-PRICE-2211', domain: 'market', category: ['Other'], event: '价格异常', severity: 'Moderate',
  headline: '道里区瓶装水价格一日上涨 300%', at: [126.61, 45.77], attributes: { commodity: 'bottled water', priceChange: 3 },
});
const crowds = alert({
  sourceId: 'GA-110-88412', domain: 'security', category: ['Security'], event: '人员聚集', severity: 'Severe', urgency: 'Immediate',
  headline: '南岗区多家超市抢购人员聚集', at: [126.65, 45.76],
});

function showcase(config = DEFAULT_CORRELATION_CONFIG): Harness {
  const hub = new Harness(config);
  expect(typesOf(hub.feed(leak, T0))).toEqual(OPENED);
  expect(typesOf(hub.feed(river, T0 + 40 * MINUTE))).toEqual(LINKED);
  expect(typesOf(hub.feed(closure, T0 + 60 * MINUTE))).toEqual(LINKED);
  expect(typesOf(hub.feed(riverFar, T0 + 90 * MINUTE))).toEqual(LINKED);
  expect(typesOf(hub.feed(water, T0 + 150 * MINUTE))).toEqual(LINKED);
  expect(typesOf(hub.feed(crowds, T0 + 170 * MINUTE))).toEqual(LINKED);
  return hub;
}

describe('the Harbin chemical leak', () => {
  it('lies where the story says: every report near an earlier one, the far river reading only through the chain', () => {
    const r = DEFAULT_CORRELATION_CONFIG.radiusKm;
    expect(haversineKm(leak.point, river.point)).toBeLessThan(r);
    expect(haversineKm(leak.point, closure.point)).toBeLessThan(r);
    expect(haversineKm(leak.point, riverFar.point)).toBeGreaterThan(r);
    expect(haversineKm(river.point, riverFar.point)).toBeLessThan(r);
    expect(haversineKm(leak.point, water.point)).toBeLessThan(r);
  });

  it('ends as one incident over five agencies, not five incidents', () => {
    const hub = showcase();
    const incidents = hub.incidents();
    expect(incidents).toHaveLength(1);
    const inc = incidents[0]!;
    expect(inc.id).toBe('INC-1');
    expect(inc.title).toBe(leak.headline);
    expect(inc.level).toBe(1);
    expect(inc.location).toEqual(leak.point);
    expect(inc.region).toBe('230100');
    expect(inc.alerts).toEqual([leak, river, closure, riverFar, water, crowds].map((a) => `${a.feed}:${a.sourceId}`));
    expect([...inc.domains].sort()).toEqual(['ecology', 'market', 'safety', 'security', 'traffic']);
    expect(Object.keys(inc.agencies)).toEqual(['hlj-safety']);
    expect(inc.updatedAt).toBe(T0 + 170 * MINUTE);
    for (const id of inc.alerts) expect(hub.state.alerts.get(id)?.incidentId).toBe('INC-1');
    expect(hub.state.nextIncidentNo).toBe(2);
    expect(hub.state.rejected).toBe(0);
  });

  it('takes its incident decisions as system:correlation and the alerts as their source', () => {
    const hub = showcase();
    for (const e of hub.log) {
      expect(e.actor).toBe(e.type.startsWith('incident.') ? 'system:correlation' : `source:${(e.body as { alertId: string }).alertId.split(':')[0]}`);
    }
  });

  it('opens a separate incident for a severe alert in Qiqihar, 270 km away', () => {
    const hub = showcase();
    const qiqihar = alert({ sourceId: 'AQ-QQHR-17', domain: 'safety', severity: 'Severe', urgency: 'Expected', at: [123.92, 47.35], region: '230200' });
    const r = hub.feed(qiqihar, T0 + 180 * MINUTE);
    expect(typesOf(r)).toEqual(OPENED);
    const inc = hub.incident('INC-2');
    expect(inc).toMatchObject({ no: 2, level: 3, region: '230200', domains: ['safety'], alerts: ['safety:AQ-QQHR-17'] });
    expect(hub.incident('INC-1').alerts).toHaveLength(6);
    expect(hub.state.rejected).toBe(0);
  });

  it('leaves a minor alert far from everything on its own', () => {
    const hub = showcase();
    const minor = alert({ sourceId: 'JT-MDJ-3', domain: 'traffic', severity: 'Minor', at: [129.63, 44.55], region: '231000' });
    expect(typesOf(hub.feed(minor, T0 + 180 * MINUTE))).toEqual(ALERT_EVENTS);
    expect(hub.state.incidents.size).toBe(1);
    expect(hub.state.alerts.get('traffic:JT-MDJ-3')?.incidentId).toBeUndefined();
  });

  it('leaves a minor report next to the leak on its own, below the link threshold', () => {
    const hub = showcase();
    const minor = alert({ sourceId: 'AQ-odour', domain: 'safety', severity: 'Minor', at: [126.7, 45.79] });
    expect(typesOf(hub.feed(minor, T0 + 175 * MINUTE))).toEqual(ALERT_EVENTS);
  });

  it('takes the minor report too when the center sets the link threshold to Minor', () => {
    const hub = showcase({ ...DEFAULT_CORRELATION_CONFIG, linkThreshold: 'Minor' });
    const minor = alert({ sourceId: 'AQ-odour', domain: 'safety', severity: 'Minor', at: [126.7, 45.79] });
    expect(typesOf(hub.feed(minor, T0 + 175 * MINUTE))).toEqual(LINKED);
  });
});

describe('what must not join', () => {
  // Daqing: a traffic-only incident at an interchange.
  const pileUp = alert({ sourceId: 'JT-DQ-1', domain: 'traffic', severity: 'Severe', urgency: 'Immediate', at: [125.1, 46.59], region: '230600' });

  it('an alert of an incompatible domain, however close', () => {
    const hub = new Harness();
    hub.feed(pileUp, T0);
    const prices = alert({ sourceId: 'SJ-DQ-1', domain: 'market', severity: 'Moderate', at: [125.11, 46.6], region: '230600' });
    expect(typesOf(hub.feed(prices, T0 + 5 * MINUTE))).toEqual(ALERT_EVENTS);
    const bigPrices = alert({ sourceId: 'SJ-DQ-2', domain: 'market', severity: 'Severe', at: [125.11, 46.6], region: '230600' });
    // It opens its own incident, which looks back and takes the earlier price report beside it (README, "Arrival order").
    expect(typesOf(hub.feed(bigPrices, T0 + 6 * MINUTE))).toEqual([...OPENED, 'incident.alertLinked']);
    expect(hub.incident('INC-2').domains).toEqual(['market']);
    expect(hub.incident('INC-2').alerts).toEqual(['market:SJ-DQ-2', 'market:SJ-DQ-1']);
    expect(hub.incident('INC-1').alerts).toEqual(['traffic:JT-DQ-1']);
    // Once the incident has a market alert, the next market report nearby joins the nearest compatible one.
    const more = alert({ sourceId: 'SJ-DQ-3', domain: 'market', severity: 'Moderate', at: [125.1, 46.59], region: '230600' });
    hub.feed(more, T0 + 7 * MINUTE);
    expect(hub.state.alerts.get('market:SJ-DQ-3')?.incidentId).toBe('INC-2');
    expect(hub.state.rejected).toBe(0);
  });

  it('a report after the incident has been idle longer than the window', () => {
    const hub = new Harness();
    hub.feed(pileUp, T0);
    const window = DEFAULT_CORRELATION_CONFIG.windowMinutes * MINUTE;
    const inTime = alert({ sourceId: 'JT-DQ-2', domain: 'traffic', at: [125.12, 46.6], region: '230600' });
    expect(typesOf(hub.feed(inTime, T0 + window))).toEqual(LINKED);
    // The link was activity: the window now runs from it.
    const stillInTime = alert({ sourceId: 'JT-DQ-3', domain: 'traffic', at: [125.12, 46.6], region: '230600' });
    expect(typesOf(hub.feed(stillInTime, T0 + 2 * window))).toEqual(LINKED);
    const stale = alert({ sourceId: 'JT-DQ-4', domain: 'traffic', severity: 'Severe', at: [125.12, 46.6], region: '230600' });
    expect(typesOf(hub.feed(stale, T0 + 3 * window + 1))).toEqual(OPENED);
    expect(hub.state.incidents.size).toBe(2);
  });

  it('a report near a closed incident', () => {
    const hub = new Harness();
    hub.feed(pileUp, T0);
    hub.commit([draft('incident.closed', T0 + MINUTE, 'user:commander', { incidentId: 'INC-1', disposition: 'resolved', summary: 'cleared' })]);
    const late = alert({ sourceId: 'JT-DQ-5', domain: 'traffic', at: [125.1, 46.59], region: '230600' });
    expect(typesOf(hub.feed(late, T0 + 2 * MINUTE))).toEqual(ALERT_EVENTS);
    hub.commit([draft('incident.reopened', T0 + 3 * MINUTE, 'user:commander', { incidentId: 'INC-1', reason: 'more reports' })]);
    const again = alert({ sourceId: 'JT-DQ-6', domain: 'traffic', at: [125.1, 46.59], region: '230600' });
    expect(typesOf(hub.feed(again, T0 + 4 * MINUTE))).toEqual(LINKED);
    expect(hub.state.rejected).toBe(0);
  });

  it('test, system and draft messages, however extreme', () => {
    const hub = new Harness();
    for (const capStatus of ['Test', 'System', 'Draft'] as const) {
      const drill = alert({ sourceId: `AQ-${capStatus}`, severity: 'Extreme', urgency: 'Immediate', capStatus, at: [126.68, 45.78] });
      expect(typesOf(hub.feed(drill, T0))).toEqual(ALERT_EVENTS);
    }
    const exercise = alert({ sourceId: 'AQ-exercise', severity: 'Extreme', capStatus: 'Exercise', at: [126.68, 45.78] });
    expect(typesOf(hub.feed(exercise, T0))).toEqual(OPENED);
  });
});
