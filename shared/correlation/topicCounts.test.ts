/**
 * The index's per-incident topic counts (`IncidentIndex.topicCounts`), which
 * made correlation's topical check a lookup instead of a read of every alert
 * of the candidate incident. Random runs of coded alerts (topical and routine
 * codes, content changed by re-issues and updates), links, unlinks, merges,
 * closes and reopens drive two hubs in lockstep: one correlates with the
 * counts, the other with the check as it was before them (kept below as
 * `scanTopics`, the reference). After every step the counts must equal a
 * scan of each open incident's linked alerts, and both hubs must have
 * emitted the same events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draft } from '../domain/events';
import type { AlertContent, Incident, IncidentId } from '../domain/model';
import type { State } from '../domain/state';
import { correlationConfigSchema, DEFAULT_CORRELATION_CONFIG, topicsOf, type CorrelationConfig, type Topic } from './config';
import { IncidentIndex, isOpenIncident } from './incidentIndex';
import { alert, Harness, MINUTE, T0 } from './testing/harness';
import { OPERATOR as op, operatorDraft } from './testing/operator';

/**
 * The reference: what correlation read before the counts (the old
 * `topicalFit` loop): nothing if the index holds no coded alert of the
 * incident, else the topics of every alert the incident lists. The old
 * check was `topics empty || mine shares one`, so returning these topics as
 * "counts" makes `topicalFit` decide exactly as the old loop did.
 */
function scanTopics(state: State, incident: Incident, topics: readonly Topic[], index: IncidentIndex): ReadonlyMap<string, number> | undefined {
  if (!index.hasCodedAlerts(incident.id)) return undefined;
  const counts = new Map<string, number>();
  for (const id of incident.alerts) {
    const a = state.alerts.get(id);
    if (a) for (const t of topicsOf(topics, a)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts.size === 0 ? undefined : counts;
}

/** A hub whose index answers `topicCounts` by the reference scan instead of its counts. */
function referenceHub(config: CorrelationConfig): Harness {
  const hub = new Harness(config);
  hub.index.topicCounts = (incidentId: IncidentId, topics: readonly Topic[], state: State) => {
    const incident = state.incidents.get(incidentId);
    return incident ? scanTopics(state, incident, topics, hub.index) : undefined;
  };
  return hub;
}

/** Coded reports near the Harbin leak: topical ones, routine ones of the same codes, codes of no topic, no code. */
const CODES: readonly Pick<AlertContent, 'eventCode' | 'attributes'>[] = [
  { eventCode: 'SAF-CHEM-LEAK', attributes: { chemical: '苯' } },
  { eventCode: 'SEC-CORDON', attributes: {} },
  { eventCode: 'TRF-CTRL', attributes: { road: 'G1011' } },
  { eventCode: 'TRF-CTRL', attributes: { reason: '降雪' } },
  { eventCode: 'ECO-WATER', attributes: { pollutant: '苯' } },
  { eventCode: 'ECO-WATER', attributes: { pollutant: '氨氮' } },
  { eventCode: 'MKT-PRICE', attributes: { commodity: '桶装水' } },
  { eventCode: 'MKT-PRICE', attributes: { commodity: '大白菜' } },
  { eventCode: 'SEC-CROWD', attributes: { venue: '冰城优选超市' } },
  { eventCode: 'SEC-CROWD', attributes: { venue: '哈尔滨冰雪大世界' } },
  { eventCode: 'FLD-LEVEL', attributes: { river: '松花江' } },
  { eventCode: 'TRF-JAM', attributes: {} },
  { eventCode: undefined, attributes: {} },
];

/** The default topic plus a second one sharing codes with it, so alerts belong to one, two or no topics. */
const TWO_TOPICS: CorrelationConfig = correlationConfigSchema.parse({
  topics: [
    ...DEFAULT_CORRELATION_CONFIG.topics,
    { name: 'flood', members: [{ eventCode: 'FLD-LEVEL' }, { eventCode: 'TRF-CTRL', attribute: 'road', values: ['G1011', '大桥'] }, { eventCode: 'SEC-CORDON' }] },
  ],
});

const DOMAINS = ['safety', 'security', 'traffic', 'ecology', 'market'] as const;
const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Moderate', 'Moderate', 'Minor'] as const;

type Step =
  | { kind: 'new'; domain: number; code: number; severity: number; dLon: number; dLat: number }
  | { kind: 'reissue'; pick: number; code: number; severity: number }
  | { kind: 'update'; pick: number; code: number; severity: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'operator'; act: 'close' | 'reopen' | 'merge' | 'unlink' | 'link'; pick: number; other: number }
  | { kind: 'wait'; minutes: number };

const idx = (max: number) => fc.nat({ max });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('new' as const), domain: idx(4), code: idx(CODES.length - 1), severity: idx(SEVERITIES.length - 1), dLon: fc.integer({ min: -30, max: 30 }), dLat: fc.integer({ min: -20, max: 20 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reissue' as const), pick: idx(1000), code: idx(CODES.length - 1), severity: idx(SEVERITIES.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: idx(1000), code: idx(CODES.length - 1), severity: idx(SEVERITIES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: idx(1000) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('operator' as const), act: fc.constantFrom('close' as const, 'reopen' as const, 'merge' as const, 'unlink' as const, 'link' as const), pick: idx(1000), other: idx(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 400 }) }) },
);

/** The topic counts of an open incident by a scan of the alerts linked to it (their own link), as plain entries. */
function scannedCounts(state: State, incident: Incident, topics: readonly Topic[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const id of incident.alerts) {
    const a = state.alerts.get(id);
    if (a?.incidentId === incident.id) for (const t of topicsOf(topics, a)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts].sort();
}

function countsOf(index: IncidentIndex, incident: Incident, topics: readonly Topic[], state: State): [string, number][] {
  return [...(index.topicCounts(incident.id, topics, state) ?? [])].sort();
}

/** Whether an open incident lists an alert that an operator moved to another incident while it was closed. */
function listsForeignAlert(state: State): boolean {
  for (const i of state.incidents.values()) {
    if (isOpenIncident(i) && i.alerts.some((id) => state.alerts.get(id)?.incidentId !== i.id)) return true;
  }
  return false;
}

interface RunStats {
  guardedJudged: number;
}

/** Plays `steps` into a hub with the counts and one with the reference, checking both after every step. */
function run(steps: Step[], config: CorrelationConfig, stats: RunStats): void {
  const hub = new Harness(config);
  const ref = referenceHub(config);
  const issued: AlertContent[] = [];
  let n = 0;
  let time = T0;
  const content = (base: Omit<Parameters<typeof alert>[0], 'sourceId'>, code: number): AlertContent => alert({ ...base, sourceId: `m${++n}`, ...CODES[code]! });
  for (const step of steps) {
    time += 2 * MINUTE;
    let message: AlertContent | undefined;
    switch (step.kind) {
      case 'wait':
        time += step.minutes * MINUTE;
        continue;
      case 'operator': {
        const d = operatorDraft(hub.state, step, time);
        if (d) {
          hub.commit([d]);
          ref.commit([d]);
        }
        break;
      }
      case 'new':
        message = content({ domain: DOMAINS[step.domain]!, severity: SEVERITIES[step.severity]!, at: [126.64 + step.dLon * 0.01, 45.78 + step.dLat * 0.01], sent: time }, step.code);
        break;
      case 'reissue': {
        // Same message, higher version, other content: `alert.updated` changes the code and attributes in place.
        const base = issued[step.pick % Math.max(1, issued.length)];
        if (base) message = { ...base, ...CODES[step.code]!, version: base.version + 1, severity: SEVERITIES[step.severity]!, sent: time };
        break;
      }
      case 'update':
      case 'cancel': {
        const base = issued[step.pick % Math.max(1, issued.length)];
        if (!base) break;
        const common = { ...base, sourceId: `m${++n}`, references: [base.sourceId], version: base.version + 1, sent: time };
        message = step.kind === 'update' ? { ...common, ...CODES[step.code]!, msgType: 'Update', severity: SEVERITIES[step.severity]! } : { ...common, msgType: 'Cancel', description: 'withdrawn' };
        break;
      }
    }
    if (message) {
      issued.push(message);
      const a = hub.feed(message, time);
      const b = ref.feed(message, time);
      expect(a).toEqual(b);
    }
    expect(hub.log).toEqual(ref.log);
    // An open incident lists only alerts linked to it (the reducer reconciles a reopened list).
    expect(listsForeignAlert(hub.state)).toBe(false);
    for (const incident of hub.state.incidents.values()) {
      if (!isOpenIncident(incident)) continue;
      expect(countsOf(hub.index, incident, config.topics, hub.state), incident.id).toEqual(scannedCounts(hub.state, incident, config.topics));
      if (hub.index.hasCodedAlerts(incident.id)) stats.guardedJudged++;
    }
  }
  // A rebuilt index, given the topics up front or not, counts the same.
  const given = IncidentIndex.fromState(hub.state, config.topics);
  const lazy = IncidentIndex.fromState(hub.state);
  for (const incident of hub.state.incidents.values()) {
    if (!isOpenIncident(incident)) continue;
    const want = countsOf(hub.index, incident, config.topics, hub.state);
    expect(countsOf(given, incident, config.topics, hub.state)).toEqual(want);
    expect(countsOf(lazy, incident, config.topics, hub.state)).toEqual(want);
  }
}

describe('IncidentIndex topic counts', () => {
  for (const [name, config] of [
    ['default topics', DEFAULT_CORRELATION_CONFIG],
    ['two overlapping topics', TWO_TOPICS],
  ] as const) {
    it(`decide like the scan of the incident's alerts, step by step (${name})`, () => {
      const stats: RunStats = { guardedJudged: 0 };
      fc.assert(
        fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60, size: 'max' }), (steps) => run(steps, config, stats)),
        { numRuns: 150, seed: 6 },
      );
      // Guards the generator: the runs must reach topical incidents.
      expect(stats.guardedJudged).toBeGreaterThan(100);
    });
  }

  it('count a reopened incident by the alerts that still belong to it, not the ones moved away while it was closed', () => {
    const hub = new Harness();
    const ref = referenceHub(DEFAULT_CORRELATION_CONFIG);
    const both = (f: (h: Harness) => void) => [hub, ref].forEach(f);
    const jam = alert({ sourceId: 'jam', domain: 'traffic', eventCode: 'TRF-JAM', severity: 'Severe', at: [126.68, 45.78] });
    const leak = alert({ sourceId: 'leak', domain: 'safety', eventCode: 'SAF-CHEM-LEAK', at: [126.681, 45.78] });
    const far = alert({ sourceId: 'far', domain: 'safety', severity: 'Severe', at: [127.5, 46.5] });
    const ammonia = alert({ sourceId: 'ammonia', domain: 'ecology', eventCode: 'ECO-WATER', attributes: { pollutant: '氨氮' }, at: [126.682, 45.78] });
    both((h) => {
      h.feed(jam, T0);
      h.feed(leak, T0 + MINUTE);
      h.commit([draft('incident.closed', T0 + 2 * MINUTE, op, { incidentId: 'INC-1', disposition: 'resolved', summary: '' })]);
      h.feed(far, T0 + 3 * MINUTE);
      // The leak report moves to INC-2; closed INC-1's record keeps it as history.
      h.commit([draft('incident.alertLinked', T0 + 4 * MINUTE, op, { incidentId: 'INC-2', alertId: 'safety:leak' })]);
    });
    expect(hub.incident('INC-1').alerts).toEqual(['traffic:jam', 'safety:leak']);
    // Reopened, INC-1 is live again and lists only what belongs to it.
    both((h) => h.commit([draft('incident.reopened', T0 + 5 * MINUTE, op, { incidentId: 'INC-1', reason: '' })]));
    expect(hub.incident('INC-1').alerts).toEqual(['traffic:jam']);
    expect(hub.index.linkedCount('INC-1')).toBe(1);
    expect(countsOf(hub.index, hub.incident('INC-1'), DEFAULT_CORRELATION_CONFIG.topics, hub.state)).toEqual(scannedCounts(hub.state, hub.incident('INC-1'), DEFAULT_CORRELATION_CONFIG.topics));
    both((h) => h.feed(ammonia, T0 + 6 * MINUTE));
    expect(hub.log).toEqual(ref.log);
    expect(listsForeignAlert(hub.state)).toBe(false);
  });

  it('follow a change of topics between queries', () => {
    const hub = new Harness();
    const leak = alert({ sourceId: 'leak', domain: 'safety', eventCode: 'SAF-CHEM-LEAK', severity: 'Severe', at: [126.68, 45.78] });
    hub.feed(leak, T0);
    const incident = hub.incidents()[0]!;
    expect(countsOf(hub.index, incident, DEFAULT_CORRELATION_CONFIG.topics, hub.state)).toEqual([['hazmat', 1]]);
    expect(countsOf(hub.index, incident, TWO_TOPICS.topics, hub.state)).toEqual([['hazmat', 1]]);
    expect(countsOf(hub.index, incident, [], hub.state)).toEqual([]);
    expect(countsOf(hub.index, incident, DEFAULT_CORRELATION_CONFIG.topics, hub.state)).toEqual([['hazmat', 1]]);
  });
});
