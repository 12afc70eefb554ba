/**
 * Every indicator on a hand-built log. The expected numbers are worked out
 * by hand in the comments (not by calling the code under test). The log is
 * folded by the real reducer too, which proves the sequence is one the hub
 * could have written (and shows which events it rejects).
 */
import { describe, expect, it } from 'vitest';
import { draft, type EventDraft } from '../domain/events';
import { content, Log, MIN, T0 } from '../domain/testing/builders';
import { buildLedger } from './ledger';
import { ACK_BIN_EDGES_MS, computeIndicators, indicatorsOf } from './indicators';
import { drillDown } from './drill';
import { rankAgencies, trendOf } from './ranking';

const H = 60 * MIN;
const FROM = T0;
const TO = T0 + 6 * H;

const alert = (id: string, at: number, over: Parameters<typeof content>[0]): EventDraft => {
  const [feed, sourceId] = id.split(':') as [string, string];
  return draft('alert.received', at, `source:${feed}`, { alertId: id, content: content({ feed, sourceId, ...over }) });
};
const ecology = { domain: 'ecology' as const, category: ['Env' as const], event: '大气污染', headline: '大庆市PM2.5超标' };
const opened = (id: string, at: number, level: 1 | 2 | 3 | 4, region: string): EventDraft =>
  draft('incident.opened', at, 'system:correlation', {
    incidentId: id, no: Number(id.slice(4)) + 1, title: `事件 ${id}`, level, alertIds: [],
    location: { lon: 126.6, lat: 45.7 }, region, classification: 'internal', domains: ['traffic'],
  });

function handBuiltLog(): Log {
  const log = new Log();
  log.append(
    // Before the range: not counted.
    alert('traffic:A9', T0 - 10 * MIN, {}),
    opened('INC-0', T0 - 30 * MIN, 3, '230100'),

    // Traffic alerts. Deadlines: Severe→Ⅱ 10 min, Minor→Ⅳ 30, Moderate→Ⅲ 15, Extreme→Ⅰ 5.
    alert('traffic:A1', T0, { severity: 'Severe', region: '230100' }), //            deadline +10, acked +4: met, TTA 4 min
    alert('traffic:A2', T0 + 1 * MIN, { severity: 'Minor', region: '230200' }), //   deadline +31, acked +41: breached, TTA 40 min
    alert('traffic:A3', T0 + 2 * MIN, { severity: 'Moderate', region: '230102' }), // deadline +17, dismissed FP +5: met
    alert('traffic:A4', T0 + 3 * MIN, { severity: 'Extreme', region: '230100' }), // deadline +8, never answered, expired +60: due, breached
    draft('alert.acknowledged', T0 + 1 * MIN, 'user:lisi', { alertId: 'traffic:A9' }), // alert of before the range: ignored
    draft('alert.acknowledged', T0 + 4 * MIN, 'user:lisi', { alertId: 'traffic:A1' }),
    draft('alert.dismissed', T0 + 5 * MIN, 'user:lisi', { alertId: 'traffic:A3', disposition: 'false-positive' }),

    // Ecology alerts.
    alert('ecology:A6', T0 + 5 * MIN, { ...ecology, severity: 'Severe', region: '230600' }), // deadline +15, acked +7: met, TTA 2 min
    alert('ecology:A7', T0 + 6 * MIN, { ...ecology, severity: 'Severe', region: '230600' }), // deadline +16, dismissed dup +30: breached
    alert('ecology:A8', T0 + 7 * MIN, { ...ecology, severity: 'Moderate', region: '230000' }), // province-wide; deadline +22, acked +9: met, TTA 2
    alert('ecology:A11', T0 + 8 * MIN, { ...ecology, severity: 'Minor', region: '230600' }), // deadline +38, expired +20 unanswered: not due
    draft('alert.acknowledged', T0 + 7 * MIN, 'user:wangwu', { alertId: 'ecology:A6' }),
    draft('alert.acknowledged', T0 + 8 * MIN, 'user:wangwu', { alertId: 'ecology:A6' }), // rejected by the reducer: counted once
    draft('alert.acknowledged', T0 + 9 * MIN, 'user:wangwu', { alertId: 'ecology:A8' }),
    alert('traffic:A5', T0 + 10 * MIN, { severity: 'Minor', region: '230100' }), // deadline +40, cancelled +20: not due
    draft('alert.cancelled', T0 + 20 * MIN, 'source:traffic', { alertId: 'traffic:A5' }),
    draft('alert.expired', T0 + 20 * MIN, 'system:expiry', { alertId: 'ecology:A11' }),
    draft('alert.dismissed', T0 + 30 * MIN, 'user:wangwu', { alertId: 'ecology:A7', disposition: 'duplicate' }),
    draft('alert.acknowledged', T0 + 41 * MIN, 'user:lisi', { alertId: 'traffic:A2' }),
    draft('alert.expired', T0 + 60 * MIN, 'system:expiry', { alertId: 'traffic:A4' }),
    draft('alert.acknowledged', T0 + 70 * MIN, 'user:lisi', { alertId: 'traffic:A4' }), // rejected: already expired

    // INC-0, opened before the range (level unknown → Ⅳ, security 30 min): security made lead at +5, answers at +50: breached.
    draft('incident.leadAssigned', T0 + 5 * MIN, 'user:chenqi', { incidentId: 'INC-0', agency: 'hlj-security' }),
    draft('incident.agencyResponded', T0 + 50 * MIN, 'user:zhouqiang', { incidentId: 'INC-0', agency: 'hlj-security', response: 'acknowledged' }),

    // INC-1, level Ⅱ (10 min): traffic leads (+11, answers +15: met), safety supports (+12, escalated +27, answers +30: breached).
    opened('INC-1', T0 + 10 * MIN, 2, '230100'),
    draft('incident.leadAssigned', T0 + 11 * MIN, 'user:chenqi', { incidentId: 'INC-1', agency: 'hlj-traffic' }),
    draft('incident.agencyRequested', T0 + 12 * MIN, 'user:chenqi', { incidentId: 'INC-1', agency: 'hlj-safety' }),
    draft('incident.agencyResponded', T0 + 15 * MIN, 'user:lisi', { incidentId: 'INC-1', agency: 'hlj-traffic', response: 'acknowledged' }),
    draft('incident.taskCreated', T0 + 20 * MIN, 'user:chenqi', { incidentId: 'INC-1', taskId: 'T1', title: '封闭危化品车辆通道', agency: 'hlj-safety', due: T0 + 60 * MIN }),
    draft('incident.taskCreated', T0 + 20 * MIN, 'user:chenqi', { incidentId: 'INC-1', taskId: 'T2', title: '疏导G1车流', agency: 'hlj-traffic', due: T0 + 90 * MIN }),
    draft('sla.escalated', T0 + 27 * MIN, 'system:sla', { incidentId: 'INC-1', agency: 'hlj-safety', kind: 'acknowledge', deadline: T0 + 22 * MIN }),
    draft('incident.agencyResponded', T0 + 30 * MIN, 'user:zhaoliu', { incidentId: 'INC-1', agency: 'hlj-safety', response: 'dispatched' }),

    // INC-2, level Ⅲ (15 min), Daqing: ecology leads (+21) and never answers (deadline +36: breached, escalated twice);
    // traffic supports (+22, answers +30: met). A task due after the range end is not yet due.
    opened('INC-2', T0 + 20 * MIN, 3, '230600'),
    draft('incident.leadAssigned', T0 + 21 * MIN, 'user:chenqi', { incidentId: 'INC-2', agency: 'hlj-ecology' }),
    draft('incident.agencyRequested', T0 + 22 * MIN, 'user:chenqi', { incidentId: 'INC-2', agency: 'hlj-traffic' }),
    draft('incident.taskCreated', T0 + 22 * MIN, 'user:chenqi', { incidentId: 'INC-2', taskId: 'T1', title: '水质采样', agency: 'hlj-ecology', due: T0 + 10 * H }),
    draft('incident.agencyResponded', T0 + 30 * MIN, 'user:lisi', { incidentId: 'INC-2', agency: 'hlj-traffic', response: 'dispatched' }),
    draft('sla.escalated', T0 + 40 * MIN, 'system:sla', { incidentId: 'INC-2', agency: 'hlj-ecology', kind: 'acknowledge', deadline: T0 + 36 * MIN }),
    draft('sla.escalated', T0 + 45 * MIN, 'system:sla', { incidentId: 'INC-2', agency: 'hlj-ecology', kind: 'acknowledge', deadline: T0 + 36 * MIN }),

    // INC-3, level Ⅳ: the command center leads (30 min; +31, answers +32: met); resolved, closed, reopened: not resolved.
    opened('INC-3', T0 + 30 * MIN, 4, '230100'),
    draft('incident.leadAssigned', T0 + 31 * MIN, 'user:chenqi', { incidentId: 'INC-3', agency: 'hlj-command' }),
    draft('incident.agencyResponded', T0 + 32 * MIN, 'user:chenqi', { incidentId: 'INC-3', agency: 'hlj-command', response: 'acknowledged' }),

    // INC-4, Qiqihar: market requested (+41, Ⅳ 30 min → +71), a market task; merged into INC-1 at +42.
    opened('INC-4', T0 + 40 * MIN, 4, '230200'),
    draft('incident.agencyRequested', T0 + 41 * MIN, 'user:chenqi', { incidentId: 'INC-4', agency: 'hlj-market' }),
    draft('incident.taskCreated', T0 + 41 * MIN, 'user:chenqi', { incidentId: 'INC-4', taskId: 'T9', title: '排查周边商户', agency: 'hlj-market', due: T0 + 80 * MIN }),
    draft('incident.merged', T0 + 42 * MIN, 'user:chenqi', { incidentId: 'INC-1', from: 'INC-4' }),
    draft('incident.levelChanged', T0 + 40 * MIN, 'user:chenqi', { incidentId: 'INC-1', level: 1 }),
    draft('incident.taskUpdated', T0 + 50 * MIN, 'user:zhaoliu', { incidentId: 'INC-1', taskId: 'T1', status: 'done' }), // on time (due +60)
    draft('incident.agencyResponded', T0 + 50 * MIN, 'user:sunli', { incidentId: 'INC-1', agency: 'hlj-market', response: 'acknowledged' }), // met (+71)
    draft('incident.taskUpdated', T0 + 60 * MIN, 'user:sunli', { incidentId: 'INC-1', taskId: 'T9', status: 'done' }), // on time (due +80)
    draft('incident.statusChanged', T0 + 60 * MIN, 'user:chenqi', { incidentId: 'INC-3', status: 'resolved' }),
    draft('incident.closed', T0 + 65 * MIN, 'user:chenqi', { incidentId: 'INC-3', disposition: 'resolved', summary: '' }),
    draft('incident.reopened', T0 + 70 * MIN, 'user:chenqi', { incidentId: 'INC-3', reason: '复燃' }),
    draft('incident.statusChanged', T0 + 100 * MIN, 'user:chenqi', { incidentId: 'INC-1', status: 'resolved' }), // level Ⅰ now, 90 min
    draft('incident.taskUpdated', T0 + 120 * MIN, 'user:lisi', { incidentId: 'INC-1', taskId: 'T2', status: 'done' }), // late (due +90)
    draft('incident.closed', T0 + 200 * MIN, 'user:chenqi', { incidentId: 'INC-2', disposition: 'resolved', summary: '' }), // level Ⅲ, 180 min

    alert('traffic:A10', T0 + 5 * H + 50 * MIN, { severity: 'Minor', region: '230100' }), // deadline after the range end: not due
    draft('alert.acknowledged', T0 + 6 * H + 5 * MIN, 'user:lisi', { alertId: 'traffic:A10' }), // after the range: ignored
  );
  return log;
}

describe('evaluation indicators on a hand-built log', () => {
  const log = handBuiltLog();
  const ind = computeIndicators(log.events, { from: FROM, to: TO });
  const agency = (id: string) => ind.agencies.find((a) => a.agency === id)!;

  it('is a log the reducer accepts, except the two illegal acknowledgements', () => {
    expect(log.state.rejected).toBe(2);
    // Everything but the two events before the range and the one after it.
    expect(ind.events).toBe(log.events.length - 3);
  });

  it('counts the traffic agency alerts: received, acknowledged, dismissed, expired, time to acknowledge, SLA', () => {
    expect(agency('hlj-traffic')).toMatchObject({
      received: 6, // A1 A2 A3 A4 A5 A10 (A9 came before the range)
      acknowledged: 2, // A1 A2
      dismissed: 1,
      falsePositive: 1,
      duplicate: 0,
      relevant: 0,
      falsePositiveRate: 1 / 3, // 1 false positive of 3 answered
      expiredUnacknowledged: 1, // A4
      meanAckMs: 22 * MIN, // (4 + 40) / 2
      p90AckMs: 40 * MIN, // nearest rank ceil(0.9 × 2) = 2nd of [4, 40]
      slaDue: 4, // A1 A2 A3 A4 (A5 cancelled before its deadline, A10's deadline after the range)
      slaMet: 2, // A1 A3
      slaCompliance: 0.5,
    });
  });

  it('counts the ecology agency alerts', () => {
    expect(agency('hlj-ecology')).toMatchObject({
      received: 4,
      acknowledged: 2, // A6 once, A8
      dismissed: 1,
      duplicate: 1,
      falsePositiveRate: 0,
      expiredUnacknowledged: 1, // A11
      meanAckMs: 2 * MIN,
      p90AckMs: 2 * MIN,
      slaDue: 3, // A6 A7 A8 (A11 expired before its deadline)
      slaMet: 2,
    });
  });

  it('gives no rates where nothing was counted', () => {
    expect(agency('hlj-market')).toMatchObject({ received: 0, meanAckMs: null, p90AckMs: null, slaCompliance: null, falsePositiveRate: null });
  });

  it('counts incidents led and joined, requests answered in time, escalations, resolution and tasks per agency', () => {
    expect(agency('hlj-traffic')).toMatchObject({
      incidentsLed: 1, incidentsJoined: 1, requestsDue: 2, requestsMet: 2, escalations: 0,
      resolved: 1, meanResolveMs: 90 * MIN, tasksDue: 1, tasksOnTime: 0, taskOnTimeRate: 0,
      responseCompliance: 4 / 6, // (2 alerts + 2 requests) of (4 + 2)
    });
    expect(agency('hlj-safety')).toMatchObject({
      incidentsLed: 0, incidentsJoined: 1, requestsDue: 1, requestsMet: 0, escalations: 1,
      resolved: 0, meanResolveMs: null, tasksDue: 1, tasksOnTime: 1, responseCompliance: 0,
    });
    expect(agency('hlj-ecology')).toMatchObject({
      incidentsLed: 1, incidentsJoined: 0, requestsDue: 1, requestsMet: 0, escalations: 2,
      resolved: 1, meanResolveMs: 180 * MIN, tasksDue: 0, taskOnTimeRate: null, responseCompliance: 0.5, // (2 + 0) of (3 + 1)
    });
    expect(agency('hlj-command')).toMatchObject({ incidentsLed: 1, requestsDue: 1, requestsMet: 1, resolved: 0, responseCompliance: 1 });
    expect(agency('hlj-security')).toMatchObject({ incidentsLed: 1, requestsDue: 1, requestsMet: 0, responseCompliance: 0 });
    expect(agency('hlj-market')).toMatchObject({ incidentsJoined: 1, requestsDue: 1, requestsMet: 1, tasksDue: 1, tasksOnTime: 1 });
  });

  it('gives the mean time to resolve by level', () => {
    expect(ind.resolveByLevel).toEqual([
      { level: 1, resolved: 1, meanResolveMs: 90 * MIN }, // INC-1, raised to Ⅰ
      { level: 2, resolved: 0, meanResolveMs: null },
      { level: 3, resolved: 1, meanResolveMs: 180 * MIN }, // INC-2 closed
      { level: 4, resolved: 0, meanResolveMs: null }, // INC-3 reopened, INC-4 merged
    ]);
  });

  it('totals, domains, feeds and prefectures', () => {
    expect(ind.total).toMatchObject({
      received: 10, acknowledged: 4, dismissed: 2, falsePositive: 1, duplicate: 1, falsePositiveRate: 1 / 6,
      expiredUnacknowledged: 2, meanAckMs: 12 * MIN, p90AckMs: 40 * MIN, slaDue: 7, slaMet: 4,
    });
    expect(ind.domains.traffic.received).toBe(6);
    expect(ind.domains.ecology.acknowledged).toBe(2);
    expect(ind.feeds.map((f) => [f.feed, f.received, f.falsePositiveRate])).toEqual([
      ['traffic', 6, 1 / 3],
      ['ecology', 4, 0],
    ]);
    const pref = (code: string) => ind.prefectures.find((p) => p.code === code)!;
    expect(pref('230100')).toMatchObject({ received: 5, acknowledged: 1, incidentsOpened: 2 }); // A1 A3(230102) A4 A5 A10; INC-1 INC-3
    expect(pref('230200')).toMatchObject({ received: 1, incidentsOpened: 1 });
    expect(pref('230600')).toMatchObject({ received: 3, acknowledged: 1, incidentsOpened: 1 });
    expect(ind.prefectures.reduce((s, p) => s + p.received, 0)).toBe(9); // A8 is province-wide
    expect(ind.prefectures).toHaveLength(13);
  });

  it('charts: alerts per hour by domain, SLA per hour, time-to-acknowledge histogram', () => {
    expect(ind.series.starts).toEqual([0, 1, 2, 3, 4, 5].map((h) => T0 + h * H));
    expect(ind.series.alertsByDomain.traffic).toEqual([5, 0, 0, 0, 0, 1]);
    expect(ind.series.alertsByDomain.ecology).toEqual([4, 0, 0, 0, 0, 0]);
    expect(ind.series.slaDue).toEqual([7, 0, 0, 0, 0, 0]);
    expect(ind.series.slaMet).toEqual([4, 0, 0, 0, 0, 0]);
    expect(ACK_BIN_EDGES_MS).toHaveLength(7); // <1 <2 <5 <10 <15 <30 <60 ≥60 minutes
    expect(ind.ackHistogram['hlj-traffic']).toEqual([0, 0, 1, 0, 0, 0, 1, 0]); // 4 min, 40 min
    expect(ind.ackHistogram['hlj-ecology']).toEqual([0, 0, 2, 0, 0, 0, 0, 0]); // 2 min twice
  });

  it('ranks by response compliance, then fewer escalations', () => {
    expect(rankAgencies(ind.agencies).map((a) => a.agency)).toEqual(['hlj-command', 'hlj-market', 'hlj-traffic', 'hlj-ecology', 'hlj-security', 'hlj-safety']);
  });

  it('drills down to the alerts and incidents behind a number', () => {
    const L = buildLedger(log.events, { from: FROM, to: TO });
    expect(drillDown(L, { dimension: 'agency', key: 'hlj-traffic', measure: 'acknowledged' })).toEqual({ kind: 'alert', ids: ['traffic:A1', 'traffic:A2'] });
    expect(drillDown(L, { dimension: 'agency', key: 'hlj-traffic', measure: 'slaBreached' }).ids).toEqual(['traffic:A2', 'traffic:A4']);
    expect(drillDown(L, { dimension: 'feed', key: 'traffic', measure: 'falsePositive' }).ids).toEqual(['traffic:A3']);
    expect(drillDown(L, { dimension: 'prefecture', key: '230600', measure: 'received' }).ids).toEqual(['ecology:A6', 'ecology:A7', 'ecology:A11']);
    expect(drillDown(L, { dimension: 'all', measure: 'expiredUnacknowledged' }).ids).toEqual(['traffic:A4', 'ecology:A11']);
    expect(drillDown(L, { dimension: 'agency', key: 'hlj-ecology', measure: 'escalations' })).toEqual({ kind: 'incident', ids: ['INC-2'] });
    expect(drillDown(L, { dimension: 'agency', key: 'hlj-security', measure: 'requestsBreached' }).ids).toEqual(['INC-0']);
    expect(drillDown(L, { dimension: 'agency', key: 'hlj-traffic', measure: 'tasksLate' }).ids).toEqual(['INC-1']);
    expect(drillDown(L, { dimension: 'agency', key: 'hlj-ecology', measure: 'resolved' }).ids).toEqual(['INC-2']);
    expect(drillDown(L, { dimension: 'agency', key: 'hlj-market', measure: 'incidentsJoined' }).ids).toEqual(['INC-4']);
  });

  it('a narrower range leaves out what happened after its end', () => {
    // Up to +35 min: A2 not yet acknowledged (deadline +31 passed: due, breached), A7 dismissed at +30 is in.
    const early = indicatorsOf(buildLedger(log.events, { from: FROM, to: T0 + 35 * MIN }));
    const traffic = early.agencies.find((a) => a.agency === 'hlj-traffic')!;
    expect(traffic).toMatchObject({ received: 5, acknowledged: 1, slaDue: 4, slaMet: 2, expiredUnacknowledged: 0 });
  });
});

describe('trend', () => {
  it('compares with the previous period', () => {
    expect(trendOf(0.9, 0.8, true)).toBe('better');
    expect(trendOf(0.7, 0.8, true)).toBe('worse');
    expect(trendOf(5 * MIN, 4 * MIN, false)).toBe('worse');
    expect(trendOf(0.8, 0.8, true)).toBe('same');
    expect(trendOf(null, 0.8, true)).toBe('none');
  });
});
