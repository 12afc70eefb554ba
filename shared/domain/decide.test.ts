import { describe, expect, it } from 'vitest';
import { decide, mentionsIn } from './decide';
import { draft } from './events';
import type { Command } from '../protocol/commands';
import { content, Log, MIN, T0, USERS } from './testing/builders';

function world() {
  const log = new Log();
  log.append(
    draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A1', content: content({ sourceId: 'A1' }) }),
    draft('alert.received', T0, 'source:traffic', { alertId: 'traffic:A2', content: content({ sourceId: 'A2' }) }),
    draft('alert.received', T0, 'source:security', {
      alertId: 'security:S1',
      content: content({ feed: 'security', sourceId: 'S1', domain: 'security', category: ['Security'], classification: 'sensitive', headline: '涉稳情报' }),
    }),
  );
  return log;
}

const cmd = <C extends Command>(c: Omit<C, 'id'>): C => ({ id: 'cmd-1', ...c }) as C;

describe('decide', () => {
  it('lets the traffic duty officer acknowledge a traffic alert, and the events fold cleanly', () => {
    const log = world();
    const d = decide(log.state, cmd({ type: 'alert.acknowledge', body: { alertId: 'traffic:A1' } }), USERS.traffic, T0 + MIN);
    expect(d).toEqual({ ok: true, events: [draft('alert.acknowledged', T0 + MIN, 'user:lisi', { alertId: 'traffic:A1' })] });
    if (d.ok) log.append(...d.events);
    expect(log.state.alerts.get('traffic:A1')!.status).toBe('acknowledged');
  });

  it('forbids an operator or another agency from acknowledging', () => {
    const log = world();
    const c = cmd({ type: 'alert.acknowledge', body: { alertId: 'traffic:A1' } });
    expect(decide(log.state, c, USERS.operator, T0)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decide(log.state, c, USERS.ecology, T0)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('answers the second of two acts with who did the first and when', () => {
    const log = world();
    const dismiss = decide(log.state, cmd({ type: 'alert.dismiss', body: { alertId: 'traffic:A2', disposition: 'duplicate' } }), USERS.operator, T0 + 3 * MIN);
    if (dismiss.ok) log.append(...dismiss.events);
    const late = decide(log.state, cmd({ type: 'alert.acknowledge', body: { alertId: 'traffic:A2' } }), USERS.traffic, T0 + 4 * MIN);
    expect(late).toEqual({
      ok: false,
      code: 'conflict',
      message: 'alert traffic:A2 is already dismissed by user:zhangsan',
      detail: { status: 'dismissed', by: 'user:zhangsan', at: T0 + 3 * MIN },
    });
  });

  it('hides what a user may not see behind not-found', () => {
    const log = world();
    const c = cmd({ type: 'alert.dismiss', body: { alertId: 'security:S1', disposition: 'relevant' } });
    expect(decide(log.state, c, USERS.operator, T0)).toMatchObject({ ok: false, code: 'not-found' });
    expect(decide(log.state, cmd({ type: 'alert.acknowledge', body: { alertId: 'nope' } }), USERS.traffic, T0)).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('opens an incident from alerts with the next number, and runs the joint-command flow', () => {
    const log = world();
    const open = decide(log.state, cmd({ type: 'incident.open', body: { alertIds: ['traffic:A1', 'traffic:A2'] } }), USERS.operator, T0 + MIN);
    expect(open.ok).toBe(true);
    if (!open.ok) return;
    expect(open.events[0]).toMatchObject({ type: 'incident.opened', body: { incidentId: 'INC-1', no: 1, level: 3, alertIds: ['traffic:A1', 'traffic:A2'], classification: 'internal' } });
    log.append(...open.events);

    const steps: Array<[Command, keyof typeof USERS]> = [
      [cmd({ type: 'incident.assignLead', body: { incidentId: 'INC-1', agency: 'hlj-traffic' } }), 'commander'],
      [cmd({ type: 'incident.requestAgency', body: { incidentId: 'INC-1', agency: 'hlj-safety' } }), 'traffic'],
      [cmd({ type: 'incident.respond', body: { incidentId: 'INC-1', agency: 'hlj-safety', response: 'acknowledged' } }), 'safety'],
      [cmd({ type: 'incident.createTask', body: { incidentId: 'INC-1', title: '疏导交通', agency: 'hlj-traffic', due: T0 + 90 * MIN } }), 'commander'],
      [cmd({ type: 'incident.updateTask', body: { incidentId: 'INC-1', taskId: 'T1', status: 'done' } }), 'traffic'],
      [cmd({ type: 'incident.addNote', body: { incidentId: 'INC-1', text: '@安全生产 请核实危化品种类' } }), 'operator'],
      [cmd({ type: 'incident.setStatus', body: { incidentId: 'INC-1', status: 'contained' } }), 'traffic'],
      [cmd({ type: 'incident.close', body: { incidentId: 'INC-1', disposition: 'resolved', summary: '道路恢复通行' } }), 'commander'],
    ];
    let t = T0 + 2 * MIN;
    for (const [c, who] of steps) {
      const d = decide(log.state, c, USERS[who], (t += MIN));
      expect(d, `${c.type} by ${who}`).toMatchObject({ ok: true });
      if (d.ok) log.append(...d.events);
    }
    const i = log.state.incidents.get('INC-1')!;
    expect(i.status).toBe('closed');
    expect(i.notes[0]!.mentions).toEqual(['hlj-safety']);
    expect(log.state.rejected).toBe(0);

    // After closing: only notes and a reopen by the commander.
    expect(decide(log.state, cmd({ type: 'incident.setLevel', body: { incidentId: 'INC-1', level: 1 } }), USERS.commander, t)).toMatchObject({ ok: false, code: 'conflict' });
    expect(decide(log.state, cmd({ type: 'incident.addNote', body: { incidentId: 'INC-1', text: '复盘备注' } }), USERS.operator, t)).toMatchObject({ ok: true });
    expect(decide(log.state, cmd({ type: 'incident.reopen', body: { incidentId: 'INC-1', reason: '复燃' } }), USERS.operator, t)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decide(log.state, cmd({ type: 'incident.reopen', body: { incidentId: 'INC-1', reason: '复燃' } }), USERS.commander, t)).toMatchObject({ ok: true });
  });

  it('refuses invalid requests as values', () => {
    const log = world();
    const open = decide(log.state, cmd({ type: 'incident.open', body: { alertIds: ['traffic:A1'] } }), USERS.operator, T0);
    if (open.ok) log.append(...open.events);
    log.append(draft('incident.agencyRequested', T0, 'user:chenqi', { incidentId: 'INC-1', agency: 'hlj-traffic' }));
    expect(decide(log.state, cmd({ type: 'incident.respond', body: { incidentId: 'INC-1', agency: 'hlj-traffic', response: 'declined' } }), USERS.traffic, T0)).toMatchObject({ ok: false, code: 'invalid' });
    expect(decide(log.state, cmd({ type: 'incident.createTask', body: { incidentId: 'INC-1', title: 'x', agency: 'hlj-traffic', due: T0 - 1 } }), USERS.commander, T0)).toMatchObject({ ok: false, code: 'invalid' });
    expect(decide(log.state, cmd({ type: 'incident.merge', body: { incidentId: 'INC-1', from: 'INC-1' } }), USERS.commander, T0)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('linking an alert that belongs to another incident moves it, in the log', () => {
    const log = world();
    for (const ids of [['traffic:A1'], ['traffic:A2']]) {
      const d = decide(log.state, cmd({ type: 'incident.open', body: { alertIds: ids } }), USERS.operator, T0);
      if (d.ok) log.append(...d.events);
    }
    const d = decide(log.state, cmd({ type: 'incident.linkAlert', body: { incidentId: 'INC-2', alertId: 'traffic:A1' } }), USERS.operator, T0 + 1);
    expect(d.ok && d.events.map((e) => e.type)).toEqual(['incident.alertUnlinked', 'incident.alertLinked']);
    if (d.ok) log.append(...d.events);
    expect(log.state.incidents.get('INC-1')!.alerts).toEqual([]);
    expect(log.state.incidents.get('INC-2')!.alerts).toEqual(['traffic:A2', 'traffic:A1']);
    expect(log.state.rejected).toBe(0);
  });
});

describe('mentionsIn', () => {
  it('finds agencies by id and by short name in either language', () => {
    expect(mentionsIn('请 @交通运输 和 @hlj-ecology 配合，@Security 知悉')).toEqual(['hlj-traffic', 'hlj-security', 'hlj-ecology']);
    expect(mentionsIn('no mentions here')).toEqual([]);
  });
});

describe('decide: linking an alert out of a closed incident', () => {
  it('keeps the closed record and appends nothing the reducer would refuse', () => {
    const log = world();
    const first = decide(log.state, cmd({ type: 'incident.open', body: { alertIds: ['traffic:A1'] } }), USERS.operator, T0);
    if (first.ok) log.append(...first.events);
    const close = decide(log.state, cmd({ type: 'incident.close', body: { incidentId: 'INC-1', disposition: 'resolved', summary: '' } }), USERS.commander, T0 + 1);
    if (close.ok) log.append(...close.events);
    const second = decide(log.state, cmd({ type: 'incident.open', body: { alertIds: ['traffic:A1'] } }), USERS.operator, T0 + 2);
    expect(second.ok && second.events.map((e) => e.type)).toEqual(['incident.opened']);
    if (second.ok) log.append(...second.events);
    expect(log.state.incidents.get('INC-1')!.alerts).toEqual(['traffic:A1']);
    expect(log.state.alerts.get('traffic:A1')!.incidentId).toBe('INC-2');
    expect(log.state.rejected).toBe(0);
  });
});
