/**
 * Topics and the look-back (README, rule 3a and "Arrival order"): the Harbin
 * chemical leak ends as one incident holding its five agencies' reports in
 * whatever order they arrive, and routine reports of the same city (a cabbage
 * price, a crowd at the ice festival, a road closed for snow, an ammonia
 * reading) stay out of it however near they are.
 */
import { describe, expect, it } from 'vitest';
import type { AlertContent } from '../domain/model';
import { correlationConfigSchema, DEFAULT_CORRELATION_CONFIG, topicsOf } from './config';
import { alert, Harness, MINUTE, T0 } from './testing/harness';

// The scenario's reports (resources/scenarios/harbin-chemical-leak.json), with their codes and attributes.
const leak = alert({
  sourceId: 'leak', domain: 'safety', eventCode: 'SAF-CHEM-LEAK', severity: 'Severe', urgency: 'Immediate', at: [126.68, 45.78],
  attributes: { chemical: '苯', leakTons: 8 },
});
const cordon = alert({ sourceId: 'cordon', domain: 'security', eventCode: 'SEC-CORDON', at: [126.685, 45.772], attributes: { venue: '道外区团结镇滨东化工厂区周边' } });
const closure = alert({ sourceId: 'g1011', domain: 'traffic', eventCode: 'TRF-CTRL', severity: 'Severe', at: [126.7595, 45.7979], attributes: { road: 'G1011' } });
const bridge = alert({ sourceId: 'bridge', domain: 'traffic', eventCode: 'TRF-CTRL', at: [126.6, 45.79], attributes: { road: '松花江公路大桥' } });
const river = alert({ sourceId: 'ashi', domain: 'ecology', eventCode: 'ECO-WATER', severity: 'Severe', at: [126.74, 45.9], attributes: { pollutant: '苯', reading: 0.084 } });
const water = alert({ sourceId: 'water', domain: 'market', eventCode: 'MKT-PRICE', at: [126.617, 45.773], attributes: { commodity: '桶装水', priceChangePercent: 65 } });
const crowd = alert({ sourceId: 'crowd', domain: 'security', eventCode: 'SEC-CROWD', at: [126.618, 45.772], attributes: { venue: '冰城优选超市（中央大街店）' } });
const STORY = [leak, cordon, closure, bridge, river, water, crowd];

// Routine reports of the demo catalog in the same city, the same hour: Moderate, within 25 km of the story.
const cabbage = alert({ sourceId: 'cabbage', domain: 'market', eventCode: 'MKT-PRICE', at: [126.645, 45.785], attributes: { commodity: '大白菜', priceChangePercent: 22 } });
const festival = alert({ sourceId: 'festival', domain: 'security', eventCode: 'SEC-CROWD', at: [126.56, 45.78], attributes: { venue: '哈尔滨冰雪大世界', crowdSize: 2400 } });
const snow = alert({ sourceId: 'snow', domain: 'traffic', eventCode: 'TRF-CTRL', at: [126.7, 45.76], attributes: { reason: '降雪', lanesClosed: 2 } });
const ammonia = alert({ sourceId: 'ammonia', domain: 'ecology', eventCode: 'ECO-WATER', at: [126.62, 45.8], attributes: { pollutant: '氨氮', reading: 2.1 } });
const jam = alert({ sourceId: 'jam', domain: 'traffic', eventCode: 'TRF-JAM', at: [126.63, 45.75] });
const BACKGROUND = [cabbage, festival, snow, ammonia, jam];

const idOf = (a: AlertContent): string => `${a.feed}:${a.sourceId}`;

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

function play(order: readonly AlertContent[], config = DEFAULT_CORRELATION_CONFIG): Harness {
  const hub = new Harness(config);
  order.forEach((a, i) => hub.feed(a, T0 + i * MINUTE));
  return hub;
}

describe('topicsOf', () => {
  const { topics } = DEFAULT_CORRELATION_CONFIG;
  it('places the story in the hazmat topic and the routine reports nowhere', () => {
    for (const a of STORY) expect(topicsOf(topics, a), a.sourceId).toEqual(['hazmat']);
    for (const a of BACKGROUND) expect(topicsOf(topics, a), a.sourceId).toEqual([]);
  });

  it('reads `values` as “contains one of” and `not` as “contains none of”; a missing attribute meets only `not`', () => {
    const t = correlationConfigSchema.parse({ topics: [{ name: 'x', members: [{ eventCode: 'A', attribute: 'k', values: ['水'] }, { eventCode: 'B', attribute: 'k', not: ['雪'] }] }] }).topics;
    expect(topicsOf(t, { eventCode: 'A', attributes: { k: '桶装水' } })).toEqual(['x']);
    expect(topicsOf(t, { eventCode: 'A', attributes: {} })).toEqual([]);
    expect(topicsOf(t, { eventCode: 'B', attributes: {} })).toEqual(['x']);
    expect(topicsOf(t, { eventCode: 'B', attributes: { k: '降雪' } })).toEqual([]);
    expect(topicsOf(t, { eventCode: undefined, attributes: { k: '桶装水' } })).toEqual([]);
  });
});

describe('the Harbin leak in any arrival order', () => {
  it('ends as one incident holding all seven reports, in each of the 5040 orders', () => {
    let orders = 0;
    for (const order of permutations(STORY)) {
      const hub = play(order);
      const incidents = hub.incidents();
      const label = order.map((a) => a.sourceId).join(' ');
      expect(incidents, label).toHaveLength(1);
      expect([...incidents[0]!.alerts].sort(), label).toEqual(STORY.map(idOf).sort());
      expect([...incidents[0]!.domains].sort(), label).toEqual(['ecology', 'market', 'safety', 'security', 'traffic']);
      expect(hub.state.rejected).toBe(0);
      orders++;
    }
    expect(orders).toBe(5040);
  });

  it('links the reports that came early as events of system:correlation at the time of the link', () => {
    // Market and security first (per-agency batches), then the leak: it opens and takes the cordon
    // and the crowd (security-safety), and through security the water price; the river joins as usual.
    const hub = play([water, crowd, cordon, leak, river]);
    const links = hub.log.filter((e) => e.type === 'incident.alertLinked' || e.type === 'incident.opened');
    expect(links.map((e) => [e.type, e.type === 'incident.opened' ? e.body.alertIds[0] : e.body.alertId, e.actor, e.time])).toEqual([
      ['incident.opened', 'safety:leak', 'system:correlation', T0 + 3 * MINUTE],
      ['incident.alertLinked', 'security:cordon', 'system:correlation', T0 + 3 * MINUTE],
      ['incident.alertLinked', 'security:crowd', 'system:correlation', T0 + 3 * MINUTE],
      ['incident.alertLinked', 'market:water', 'system:correlation', T0 + 3 * MINUTE],
      ['incident.alertLinked', 'ecology:ashi', 'system:correlation', T0 + 4 * MINUTE],
    ]);
  });

  it('looks back no further than lookBackMinutes', () => {
    const hub = new Harness();
    hub.feed(water, T0);
    hub.feed(leak, T0 + 10 * MINUTE);
    hub.feed(river, T0 + (10 + DEFAULT_CORRELATION_CONFIG.lookBackMinutes + 1) * MINUTE);
    expect(hub.state.alerts.get('market:water')?.incidentId).toBeUndefined();
    expect(hub.incident('INC-1').alerts).toEqual(['safety:leak', 'ecology:ashi']);
  });

  it('does not look back when lookBackMinutes is 0 (the early market report stays apart)', () => {
    const hub = play([water, leak, river], correlationConfigSchema.parse({ lookBackMinutes: 0 }));
    expect(hub.state.alerts.get('market:water')?.incidentId).toBeUndefined();
  });
});

describe('routine reports of the same city', () => {
  it('stay out of the leak incident, arriving before or after the story', () => {
    for (const order of [[...BACKGROUND, ...STORY], [...STORY, ...BACKGROUND], [water, crowd, ...BACKGROUND, leak, cordon, river, closure, bridge]]) {
      const hub = play(order);
      const incident = hub.incident('INC-1');
      expect([...incident.alerts].sort()).toEqual(STORY.map(idOf).sort());
      for (const a of BACKGROUND) expect(hub.state.alerts.get(idOf(a))?.incidentId, a.sourceId).toBeUndefined();
    }
  });

  it('would join it by proximity and domain alone, without topics (so the test above can fail)', () => {
    const hub = play([...STORY, ...BACKGROUND], correlationConfigSchema.parse({ topics: [] }));
    expect(BACKGROUND.filter((a) => hub.state.alerts.get(idOf(a))?.incidentId === 'INC-1').map((a) => a.sourceId)).toEqual(['cabbage', 'festival', 'snow', 'ammonia', 'jam']);
  });

  it('still join an incident that belongs to no topic, and a Severe one joins the leak on proximity', () => {
    const pileUp = alert({ sourceId: 'pileup', domain: 'traffic', eventCode: 'TRF-ACC', severity: 'Severe', at: [125.1, 46.59], region: '230600' });
    const queue = alert({ sourceId: 'queue', domain: 'traffic', eventCode: 'TRF-JAM', at: [125.12, 46.6], region: '230600' });
    const hub = play([pileUp, queue, leak, { ...festival, sourceId: 'big', severity: 'Severe' }]);
    expect(hub.incident('INC-1').alerts).toEqual(['traffic:pileup', 'traffic:queue']);
    expect(hub.incident('INC-2').alerts).toEqual(['safety:leak', 'security:big']);
    expect(hub.state.alerts.get('security:festival')).toBeUndefined();
  });
});
