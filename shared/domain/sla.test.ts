import { describe, expect, it } from 'vitest';
import { AGENCIES } from './agencies';
import { draft } from './events';
import { agencyTimers, DEFAULT_SLA, resolveTimer, slaConfigSchema } from './sla';
import { content, Log, MIN, T0 } from './testing/builders';

const domainOf = (a: keyof typeof AGENCIES) => AGENCIES[a].domain;

describe('SLA timers from events and a clock', () => {
  const log = new Log();
  log.append(
    draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A1', content: content({ sourceId: 'A1' }) }),
    draft('incident.opened', T0, 'system:correlation', {
      incidentId: 'INC-1', no: 1, title: '危化品泄漏', level: 1, alertIds: ['traffic:A1'],
      location: { lon: 126.6, lat: 45.7 }, region: '230100', classification: 'internal', domains: ['traffic'],
    }),
    draft('incident.agencyRequested', T0, 'user:chenqi', { incidentId: 'INC-1', agency: 'hlj-traffic' }),
    draft('incident.agencyRequested', T0, 'user:chenqi', { incidentId: 'INC-1', agency: 'hlj-safety' }),
    draft('incident.agencyResponded', T0 + 3 * MIN, 'user:lisi', { incidentId: 'INC-1', agency: 'hlj-traffic', response: 'acknowledged' }),
  );
  const incident = log.state.incidents.get('INC-1')!;

  it('level Ⅰ gives 5 minutes to acknowledge: one answered in 3, one overdue at 7', () => {
    const timers = agencyTimers(incident, T0 + 7 * MIN, DEFAULT_SLA, domainOf);
    const traffic = timers.find((t) => t.agency === 'hlj-traffic')!;
    const safety = timers.find((t) => t.agency === 'hlj-safety')!;
    expect(traffic).toMatchObject({ timeToAcknowledgeMs: 3 * MIN, overdue: false, late: false, remainingMs: undefined });
    expect(safety).toMatchObject({ deadline: T0 + 5 * MIN, remainingMs: -2 * MIN, overdue: true });
  });

  it('applies a per-domain override', () => {
    const sla = slaConfigSchema.parse({ ...DEFAULT_SLA, domainOverrides: { safety: { '1': { acknowledgeMinutes: 2 } } } });
    const safety = agencyTimers(incident, T0 + 3 * MIN, sla, domainOf).find((t) => t.agency === 'hlj-safety')!;
    expect(safety).toMatchObject({ deadline: T0 + 2 * MIN, overdue: true });
  });

  it('counts time to resolve against the level deadline', () => {
    expect(resolveTimer(incident, T0 + 60 * MIN, DEFAULT_SLA)).toEqual({ deadline: T0 + 240 * MIN, remainingMs: 180 * MIN, overdue: false });
  });
});
