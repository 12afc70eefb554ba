import { describe, expect, it } from 'vitest';
import { draft } from './events';
import { content, Log, T0, USERS } from './testing/builders';
import { projectEvent } from './visibility';

describe('projectEvent', () => {
  const log = new Log();
  const [pub, sens] = log.append(
    draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A1', content: content({ sourceId: 'A1' }) }),
    draft('alert.received', T0, 'source:security', {
      alertId: 'security:S1',
      content: content({ feed: 'security', sourceId: 'S1', domain: 'security', category: ['Security'], classification: 'sensitive' }),
    }),
  );
  const [opened, ack] = log.append(
    draft('incident.opened', T0 + 1, 'user:chenqi', {
      incidentId: 'INC-1', no: 1, title: '商超聚集', level: 3, alertIds: ['traffic:A1', 'security:S1'],
      location: { lon: 126.6, lat: 45.7 }, region: '230100', classification: 'internal', domains: ['traffic', 'security'],
    }),
    draft('alert.acknowledged', T0 + 2, 'user:sec', { alertId: 'security:S1' }),
  );

  it('hides sensitive alerts from an operator, shows them to the commander and the owning agency', () => {
    expect(projectEvent(USERS.operator, sens!, log.state)).toBeNull();
    expect(projectEvent(USERS.operator, ack!, log.state)).toBeNull();
    expect(projectEvent(USERS.commander, sens!, log.state)).toBe(sens);
    expect(projectEvent({ name: 'sec', displayName: '孙九', role: 'dutyOfficer', agency: 'hlj-security' }, sens!, log.state)).toBe(sens);
    expect(projectEvent(USERS.operator, pub!, log.state)).toBe(pub);
  });

  it('removes hidden alerts from an incident the user may see, so the fold stays clean', () => {
    const projected = projectEvent(USERS.operator, opened!, log.state);
    expect(projected?.type === 'incident.opened' && projected.body.alertIds).toEqual(['traffic:A1']);
    expect(projectEvent(USERS.commander, opened!, log.state)).toBe(opened);
  });
});
