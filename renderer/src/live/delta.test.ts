import { describe, expect, it } from 'vitest';
import { draft } from '@shared/domain/events';
import { content, Log, T0 } from '@shared/domain/testing/builders';
import { collectTouched, deltaOf, emptyTouched } from './delta';

describe('deltas', () => {
  it('names every alert and incident a batch changes, including where an alert came from', () => {
    const log = new Log();
    log.append(
      draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A1', content: content({ sourceId: 'A1' }) }),
      draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A2', content: content({ sourceId: 'A2' }) }),
      draft('incident.opened', T0, 'user:x', { incidentId: 'INC-1', no: 1, title: 't', level: 3, alertIds: ['traffic:A1'], location: { lon: 126, lat: 45 }, region: '230100', classification: 'internal', domains: ['traffic'] }),
      draft('incident.opened', T0, 'user:x', { incidentId: 'INC-2', no: 2, title: 't', level: 3, alertIds: ['traffic:A2'], location: { lon: 126, lat: 45 }, region: '230100', classification: 'internal', domains: ['traffic'] }),
    );
    const before = log.state;
    const touched = emptyTouched();
    const [merge] = log.append(draft('incident.merged', T0 + 1, 'user:x', { incidentId: 'INC-1', from: 'INC-2' }));
    collectTouched(merge!, before, touched);
    expect([...touched.incidents].sort()).toEqual(['INC-1', 'INC-2']);
    expect([...touched.alerts]).toEqual(['traffic:A2']);
    const delta = deltaOf(touched, log.state);
    expect(delta.incidents.upsert.map((i) => [i.id, i.status])).toEqual([['INC-1', 'open'], ['INC-2', 'closed']]);
    expect(delta.alerts.upsert[0]!.incidentId).toBe('INC-1');
    expect(delta.reset).toBe(false);
  });

  it('touches nothing for feed status and quarantine events', () => {
    const log = new Log();
    const before = log.state;
    const touched = emptyTouched();
    for (const e of log.append(draft('source.statusChanged', T0, 'system:hub', { feed: 'traffic', status: 'down' }))) collectTouched(e, before, touched);
    expect(touched.alerts.size + touched.incidents.size).toBe(0);
  });
});
