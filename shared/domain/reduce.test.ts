import { describe, expect, it } from 'vitest';
import { sealEvents } from './chain';
import { draft } from './events';
import { applyEvent, fold, reduce } from './reduce';
import { alertIdOf, initialState, type State } from './state';
import { content, Log, MIN, T0 } from './testing/builders';

const received = (id: string, overrides = {}) =>
  draft('alert.received', T0, 'source:traffic', { alertId: `traffic:${id}`, content: content({ sourceId: id, ...overrides }) });

describe('reduce: alerts', () => {
  it('receives, acknowledges and keeps who and when', () => {
    const log = new Log();
    log.append(received('A1'), draft('alert.acknowledged', T0 + MIN, 'user:lisi', { alertId: 'traffic:A1' }));
    const a = log.state.alerts.get('traffic:A1')!;
    expect(a).toMatchObject({ status: 'acknowledged', agency: 'hlj-traffic', acknowledged: { by: 'user:lisi', at: T0 + MIN }, revisions: ['A1'] });
    expect(alertIdOf(log.state, 'traffic', 'A1')).toBe('traffic:A1');
    expect(log.state.aliases.size).toBe(0); // a first message needs no alias
    expect(log.state.rejected).toBe(0);
  });

  it('rejects an illegal transition as a value and keeps folding', () => {
    const log = new Log();
    log.append(received('A1'), draft('alert.dismissed', T0 + 1, 'user:zhangsan', { alertId: 'traffic:A1', disposition: 'false-positive' }));
    const [ack] = sealEvents([draft('alert.acknowledged', T0 + 2, 'user:lisi', { alertId: 'traffic:A1' })], log.state);
    const applied = applyEvent(log.state, ack!);
    expect(applied).toEqual({ ok: false, reason: 'alert traffic:A1 cannot go from dismissed to acknowledged' });
    const after = reduce(log.state, ack!);
    expect(after.rejected).toBe(1);
    expect(after.lastRejection).toEqual({ seq: 3, reason: applied.ok ? '' : applied.reason });
    expect(after.seq).toBe(3);
    expect(after.alerts.get('traffic:A1')!.status).toBe('dismissed');
  });

  it('counts repeats, applies updates, and brings back a re-issued expired alert', () => {
    const log = new Log();
    log.append(
      received('A1'),
      draft('alert.repeated', T0 + 1, 'source:traffic', { alertId: 'traffic:A1', sourceId: 'A1' }),
      draft('alert.repeated', T0 + 2, 'source:traffic', { alertId: 'traffic:A1', sourceId: 'A1' }),
      draft('alert.expired', T0 + 3, 'system:expiry', { alertId: 'traffic:A1' }),
      draft('alert.updated', T0 + 4, 'source:traffic', { alertId: 'traffic:A1', content: content({ sourceId: 'A1-u', version: 2, severity: 'Extreme', headline: '事故升级' }) }),
    );
    const a = log.state.alerts.get('traffic:A1')!;
    expect(a).toMatchObject({ duplicates: 2, status: 'new', severity: 'Extreme', headline: '事故升级', version: 2, revisions: ['A1', 'A1-u'], updated: T0 + 4 });
    expect(log.state.aliases.get('traffic:A1-u')).toBe('traffic:A1');
  });

  it('keeps the CAP source out of the state (it stays in the event)', () => {
    const log = new Log();
    log.append(received('C1', { format: 'cap', capXml: '<alert/>' }));
    expect('capXml' in log.state.alerts.get('traffic:C1')!).toBe(false);
    expect(log.state.alerts.get('traffic:C1')!.receivedSeq).toBe(1);
  });

  it('shares structure: an event touches only the entities it names', () => {
    const log = new Log();
    log.append(received('A1'), received('A2'));
    const before = log.state;
    log.append(draft('alert.acknowledged', T0 + 1, 'user:lisi', { alertId: 'traffic:A2' }));
    expect(log.state.alerts.get('traffic:A1')).toBe(before.alerts.get('traffic:A1'));
    expect(log.state.incidents).toBe(before.incidents);
    expect(before.alerts.get('traffic:A2')!.status).toBe('new');
  });
});

describe('reduce: incidents', () => {
  function incidentLog() {
    const log = new Log();
    log.append(
      received('A1'),
      draft('alert.received', T0, 'source:ecology', { alertId: 'ecology:E1', content: content({ feed: 'ecology', sourceId: 'E1', domain: 'ecology', category: ['Env'] }) }),
      draft('incident.opened', T0 + 1, 'system:correlation', {
        incidentId: 'INC-1', no: 1, title: '松花江水质异常', level: 2, alertIds: ['traffic:A1'],
        location: { lon: 126.6, lat: 45.7 }, region: '230100', classification: 'internal', domains: ['traffic'],
      }),
    );
    return log;
  }

  it('opens, links, assigns the lead, takes responses with times, closes and reopens', () => {
    const log = incidentLog();
    log.append(
      draft('incident.alertLinked', T0 + 2, 'system:correlation', { incidentId: 'INC-1', alertId: 'ecology:E1' }),
      draft('incident.leadAssigned', T0 + 3, 'user:chenqi', { incidentId: 'INC-1', agency: 'hlj-ecology' }),
      draft('incident.agencyRequested', T0 + 4, 'user:chenqi', { incidentId: 'INC-1', agency: 'hlj-traffic' }),
      draft('incident.agencyResponded', T0 + 4 + 3 * MIN, 'user:lisi', { incidentId: 'INC-1', agency: 'hlj-traffic', response: 'acknowledged' }),
      draft('incident.agencyResponded', T0 + 4 + 9 * MIN, 'user:lisi', { incidentId: 'INC-1', agency: 'hlj-traffic', response: 'dispatched' }),
      draft('incident.taskCreated', T0 + 5, 'user:chenqi', { incidentId: 'INC-1', taskId: 'T1', title: '封闭G1哈尔滨东出口', agency: 'hlj-traffic', due: T0 + 60 * MIN }),
      draft('incident.taskUpdated', T0 + 6, 'user:lisi', { incidentId: 'INC-1', taskId: 'T1', status: 'done' }),
      draft('incident.noteAdded', T0 + 7, 'user:zhangsan', { incidentId: 'INC-1', text: '请@交通运输 关注绕行', mentions: ['hlj-traffic'] }),
      draft('incident.closed', T0 + 8, 'user:chenqi', { incidentId: 'INC-1', disposition: 'resolved', summary: '水质恢复' }),
    );
    let i = log.state.incidents.get('INC-1')!;
    expect(i.alerts).toEqual(['traffic:A1', 'ecology:E1']);
    expect(i.domains).toEqual(['traffic', 'ecology']);
    expect(i.lead).toBe('hlj-ecology');
    expect(i.agencies['hlj-ecology']).toMatchObject({ status: 'notified', requestedBy: 'user:chenqi' });
    expect(i.agencies['hlj-traffic']).toMatchObject({ status: 'dispatched', respondedAt: T0 + 4 + 3 * MIN, lastAt: T0 + 4 + 9 * MIN });
    expect(i.tasks['T1']).toMatchObject({ status: 'done', doneAt: T0 + 6 });
    expect(i.notes[0]).toMatchObject({ by: 'user:zhangsan', mentions: ['hlj-traffic'] });
    expect(i).toMatchObject({ status: 'closed', closed: { disposition: 'resolved', by: 'user:chenqi' } });
    expect(log.state.alerts.get('ecology:E1')!.incidentId).toBe('INC-1');
    expect(log.state.nextIncidentNo).toBe(2);

    log.append(draft('incident.reopened', T0 + 9, 'user:chenqi', { incidentId: 'INC-1', reason: '下游再次超标' }));
    i = log.state.incidents.get('INC-1')!;
    expect(i.status).toBe('open');
    expect(i.closed).toBeUndefined();
    expect(log.state.rejected).toBe(0);
  });

  it('keeps an alert moved away in a closed record, and lists only its own alerts once reopened', () => {
    const log = incidentLog();
    const opened = (id: string, no: number, alertIds: string[]) =>
      draft('incident.opened', T0 + 3, 'user:chenqi', { incidentId: id, no, title: '第二起', level: 3, alertIds, location: { lon: 126.7, lat: 45.8 }, region: '230100', classification: 'internal', domains: ['ecology'] });
    log.append(
      draft('incident.alertLinked', T0 + 2, 'system:correlation', { incidentId: 'INC-1', alertId: 'ecology:E1' }),
      draft('incident.closed', T0 + 2, 'user:chenqi', { incidentId: 'INC-1', disposition: 'resolved', summary: '' }),
      // An operator moves E1 to a new incident: INC-1's closed record keeps it as history.
      opened('INC-2', 2, ['ecology:E1']),
    );
    expect(log.state.incidents.get('INC-1')!.alerts).toEqual(['traffic:A1', 'ecology:E1']);
    expect(log.state.alerts.get('ecology:E1')!.incidentId).toBe('INC-2');
    log.append(draft('incident.reopened', T0 + 4, 'user:chenqi', { incidentId: 'INC-1', reason: '' }));
    expect(log.state.incidents.get('INC-1')!.alerts).toEqual(['traffic:A1']);
    // Unlinking E1 from INC-1 is refused and leaves INC-2's link alone.
    log.append(draft('incident.alertUnlinked', T0 + 5, 'user:chenqi', { incidentId: 'INC-1', alertId: 'ecology:E1' }));
    expect(log.state.lastRejection?.reason).toBe('alert ecology:E1 is not linked to INC-1');
    expect(log.state.alerts.get('ecology:E1')!.incidentId).toBe('INC-2');
    // Linking it back moves it once.
    log.append(draft('incident.alertLinked', T0 + 6, 'user:chenqi', { incidentId: 'INC-1', alertId: 'ecology:E1' }));
    expect(log.state.incidents.get('INC-1')!.alerts).toEqual(['traffic:A1', 'ecology:E1']);
    expect(log.state.incidents.get('INC-2')!.alerts).toEqual([]);
    expect(log.state.alerts.get('ecology:E1')!.incidentId).toBe('INC-1');
  });

  it('refuses changes to a closed incident and illegal participation moves', () => {
    const log = incidentLog();
    log.append(
      draft('incident.agencyRequested', T0 + 2, 'user:chenqi', { incidentId: 'INC-1', agency: 'hlj-traffic' }),
      draft('incident.agencyResponded', T0 + 3, 'user:lisi', { incidentId: 'INC-1', agency: 'hlj-traffic', response: 'done' }),
      draft('incident.agencyResponded', T0 + 4, 'user:lisi', { incidentId: 'INC-1', agency: 'hlj-traffic', response: 'acknowledged' }),
    );
    expect(log.state.rejected).toBe(1);
    expect(log.state.lastRejection?.reason).toBe('hlj-traffic cannot go from done to acknowledged on INC-1');
    log.append(
      draft('incident.closed', T0 + 5, 'user:chenqi', { incidentId: 'INC-1', disposition: 'resolved', summary: '' }),
      draft('incident.levelChanged', T0 + 6, 'user:chenqi', { incidentId: 'INC-1', level: 1 }),
    );
    expect(log.state.rejected).toBe(2);
    expect(log.state.lastRejection?.reason).toBe('incident INC-1 is closed');
  });

  it('merges one incident into another, moving alerts and agencies', () => {
    const log = incidentLog();
    log.append(
      draft('incident.opened', T0 + 2, 'user:zhangsan', {
        incidentId: 'INC-2', no: 2, title: '水源地污染', level: 1, alertIds: ['ecology:E1'],
        location: { lon: 126.7, lat: 45.8 }, region: '230100', classification: 'internal', domains: ['ecology'],
      }),
      draft('incident.agencyRequested', T0 + 3, 'user:chenqi', { incidentId: 'INC-2', agency: 'hlj-ecology' }),
      draft('incident.merged', T0 + 4, 'user:chenqi', { incidentId: 'INC-1', from: 'INC-2' }),
    );
    const into = log.state.incidents.get('INC-1')!;
    const from = log.state.incidents.get('INC-2')!;
    expect(into.alerts).toEqual(['traffic:A1', 'ecology:E1']);
    expect(into.level).toBe(1);
    expect(into.agencies['hlj-ecology']?.status).toBe('notified');
    expect(from).toMatchObject({ status: 'closed', mergedInto: 'INC-1', alerts: [] });
    expect(log.state.alerts.get('ecology:E1')!.incidentId).toBe('INC-1');
    expect(log.state.rejected).toBe(0);
  });

  it('records an alert a person unlinked, until it is linked back; a merge keeps the record of both', () => {
    const log = incidentLog();
    log.append(
      draft('incident.alertLinked', T0 + 2, 'user:zhangsan', { incidentId: 'INC-1', alertId: 'ecology:E1' }),
      draft('incident.alertUnlinked', T0 + 3, 'user:zhangsan', { incidentId: 'INC-1', alertId: 'ecology:E1' }),
    );
    expect(log.state.incidents.get('INC-1')).toMatchObject({ alerts: ['traffic:A1'], unlinked: ['ecology:E1'] });
    log.append(
      draft('incident.opened', T0 + 4, 'user:zhangsan', {
        incidentId: 'INC-2', no: 2, title: '水源地污染', level: 3, alertIds: [],
        location: { lon: 126.7, lat: 45.8 }, region: '230100', classification: 'internal', domains: ['traffic'],
      }),
      draft('incident.alertLinked', T0 + 5, 'user:zhangsan', { incidentId: 'INC-2', alertId: 'traffic:A1' }),
      draft('incident.alertUnlinked', T0 + 6, 'user:zhangsan', { incidentId: 'INC-2', alertId: 'traffic:A1' }),
    );
    // A1 moved to INC-2 and was taken out there; INC-1 took E1 out. Merged, INC-1 keeps E1 out, and A1 (not in it any more).
    log.append(draft('incident.merged', T0 + 7, 'user:chenqi', { incidentId: 'INC-1', from: 'INC-2' }));
    expect(log.state.incidents.get('INC-1')).toMatchObject({ alerts: [], unlinked: ['ecology:E1', 'traffic:A1'] });
    log.append(draft('incident.alertLinked', T0 + 8, 'user:chenqi', { incidentId: 'INC-1', alertId: 'ecology:E1' }));
    expect(log.state.incidents.get('INC-1')!.unlinked).toEqual(['traffic:A1']);
    log.append(draft('incident.alertLinked', T0 + 9, 'user:chenqi', { incidentId: 'INC-1', alertId: 'traffic:A1' }));
    expect(log.state.incidents.get('INC-1')!.unlinked).toBeUndefined();
    expect(log.state.rejected).toBe(0);
  });

  it('marks an escalated agency and the incident overdue until the agency answers', () => {
    const log = incidentLog();
    log.append(
      draft('incident.agencyRequested', T0 + 2, 'user:chenqi', { incidentId: 'INC-1', agency: 'hlj-safety' }),
      draft('sla.reminder', T0 + 10 * MIN, 'system:sla', { incidentId: 'INC-1', agency: 'hlj-safety', kind: 'acknowledge', deadline: T0 + 10 * MIN }),
      draft('sla.escalated', T0 + 15 * MIN, 'system:sla', { incidentId: 'INC-1', agency: 'hlj-safety', kind: 'acknowledge', deadline: T0 + 10 * MIN }),
    );
    let i = log.state.incidents.get('INC-1')!;
    expect(i.overdue).toBe(true);
    expect(i.agencies['hlj-safety']).toMatchObject({ reminded: true, overdue: true });
    log.append(draft('incident.agencyResponded', T0 + 16 * MIN, 'user:zhaoliu', { incidentId: 'INC-1', agency: 'hlj-safety', response: 'acknowledged' }));
    i = log.state.incidents.get('INC-1')!;
    expect(i.overdue).toBe(false);
  });
});

describe('fold', () => {
  it('equals reducing one by one, and folding from any snapshot gives the same state', () => {
    const log = new Log();
    log.append(received('A1'), received('A2'), draft('alert.acknowledged', T0 + 1, 'user:lisi', { alertId: 'traffic:A2' }));
    const plain = (s: State) => ({ ...s, alerts: s.alerts.toObject(), aliases: s.aliases.toObject(), incidents: s.incidents.toObject(), sources: s.sources.toObject() });
    const all = fold(log.events);
    expect(plain(all)).toEqual(plain(log.state));
    for (let k = 0; k <= log.events.length; k++) {
      expect(plain(fold(log.events.slice(k), fold(log.events.slice(0, k))))).toEqual(plain(all));
    }
    expect(fold([], initialState)).toBe(initialState);
  });
});
