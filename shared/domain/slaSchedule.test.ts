import { describe, expect, it } from 'vitest';
import { draft, type EventDraft } from './events';
import { DEFAULT_SLA, slaConfigSchema, type SlaConfig } from './sla';
import { dueSlaEvents, type SlaMemo } from './slaSchedule';
import { content, Log, MIN, T0 } from './testing/builders';

/** A level Ⅰ incident (5 min to acknowledge, 4 h to resolve) opened at T0. */
function levelOneIncident(): Log {
  const log = new Log();
  log.append(
    draft('alert.received', T0, 'source:safety', { alertId: 'safety:S1', content: content({ feed: 'safety', sourceId: 'S1', domain: 'safety', category: ['Safety'] }) }),
    draft('incident.opened', T0, 'system:correlation', {
      incidentId: 'INC-1', no: 1, title: '滨东化工苯泄漏', level: 1, alertIds: ['safety:S1'],
      location: { lon: 126.68, lat: 45.78 }, region: '230100', classification: 'internal', domains: ['safety'],
    }),
    draft('incident.agencyRequested', T0, 'system:correlation', { incidentId: 'INC-1', agency: 'hlj-safety' }),
  );
  return log;
}

const summary = (drafts: EventDraft[]) =>
  drafts.map((d) => {
    const b = d.body as { agency: string; kind: string; deadline: number; taskId?: string };
    return `${d.type} ${b.kind} ${b.agency}${b.taskId ? ` ${b.taskId}` : ''} @${(b.deadline - T0) / MIN}`;
  });

/** Runs the schedule at `now`, folds what it returns, and returns it. */
function tick(log: Log, now: number, sla: SlaConfig = DEFAULT_SLA, memo?: SlaMemo): EventDraft[] {
  const { drafts } = dueSlaEvents(log.state, sla, now, memo);
  if (drafts.length > 0) log.append(...drafts);
  return drafts;
}

describe('SLA schedule: acknowledge', () => {
  it('reminds at the deadline, escalates 5 minutes after the reminder, and never twice', () => {
    const log = levelOneIncident();
    const early = dueSlaEvents(log.state, DEFAULT_SLA, T0 + 4 * MIN);
    expect(early).toEqual({ drafts: [], nextAt: T0 + 5 * MIN });

    expect(summary(tick(log, T0 + 5 * MIN))).toEqual(['sla.reminder acknowledge hlj-safety @5']);
    const reminder = log.events.at(-1)!;
    expect(reminder).toMatchObject({ actor: 'system:sla', time: T0 + 5 * MIN });
    expect(tick(log, T0 + 5 * MIN + 1)).toEqual([]);
    expect(dueSlaEvents(log.state, DEFAULT_SLA, T0 + 6 * MIN).nextAt).toBe(T0 + 10 * MIN);

    expect(summary(tick(log, T0 + 10 * MIN))).toEqual(['sla.escalated acknowledge hlj-safety @5']);
    const incident = log.state.incidents.get('INC-1')!;
    expect(incident.overdue).toBe(true);
    expect(incident.agencies['hlj-safety']).toMatchObject({ reminded: true, remindedAt: T0 + 5 * MIN, overdue: true });
    expect(tick(log, T0 + 60 * MIN)).toEqual([]);
    expect(log.state.rejected).toBe(0);
  });

  it('counts the escalation from the reminder, not the deadline, when the hub was away', () => {
    const log = levelOneIncident();
    expect(summary(tick(log, T0 + 30 * MIN))).toEqual(['sla.reminder acknowledge hlj-safety @5']);
    expect(tick(log, T0 + 34 * MIN)).toEqual([]);
    expect(summary(tick(log, T0 + 35 * MIN))).toEqual(['sla.escalated acknowledge hlj-safety @5']);
  });

  it('stops for an agency that answered, and starts again when it is requested after declining', () => {
    const log = levelOneIncident();
    log.append(draft('incident.agencyResponded', T0 + 2 * MIN, 'user:safety', { incidentId: 'INC-1', agency: 'hlj-safety', response: 'declined', reason: '非本单位职责' }));
    expect(dueSlaEvents(log.state, DEFAULT_SLA, T0 + 20 * MIN).drafts).toEqual([]);
    log.append(draft('incident.agencyRequested', T0 + 20 * MIN, 'user:commander', { incidentId: 'INC-1', agency: 'hlj-safety' }));
    expect(summary(tick(log, T0 + 25 * MIN))).toEqual(['sla.reminder acknowledge hlj-safety @25']);
  });

  it('clears the overdue marks when the late agency answers', () => {
    const log = levelOneIncident();
    tick(log, T0 + 5 * MIN);
    tick(log, T0 + 10 * MIN);
    log.append(draft('incident.agencyResponded', T0 + 11 * MIN, 'user:safety', { incidentId: 'INC-1', agency: 'hlj-safety', response: 'acknowledged' }));
    const incident = log.state.incidents.get('INC-1')!;
    expect(incident.overdue).toBe(false);
    expect(incident.agencies['hlj-safety']).toMatchObject({ overdue: false, respondedAt: T0 + 11 * MIN });
    expect(tick(log, T0 + 60 * MIN)).toEqual([]);
  });

  it('uses the domain override and sends both at once when no pause is configured', () => {
    const sla = slaConfigSchema.parse({ ...DEFAULT_SLA, domainOverrides: { safety: { '1': { acknowledgeMinutes: 2 } } }, escalateAfterReminderMinutes: 0 });
    const log = levelOneIncident();
    expect(dueSlaEvents(log.state, sla, T0).nextAt).toBe(T0 + 2 * MIN);
    expect(summary(tick(log, T0 + 2 * MIN, sla))).toEqual(['sla.reminder acknowledge hlj-safety @2', 'sla.escalated acknowledge hlj-safety @2']);
    expect(tick(log, T0 + 3 * MIN, sla)).toEqual([]);
  });
});

describe('SLA schedule: resolve and tasks', () => {
  it('holds the command center to the resolve deadline while there is no lead, then the lead', () => {
    const log = levelOneIncident();
    log.append(draft('incident.agencyResponded', T0 + MIN, 'user:safety', { incidentId: 'INC-1', agency: 'hlj-safety', response: 'acknowledged' }));
    expect(summary(tick(log, T0 + 240 * MIN))).toEqual(['sla.reminder resolve hlj-command @240']);
    log.append(draft('incident.leadAssigned', T0 + 241 * MIN, 'user:commander', { incidentId: 'INC-1', agency: 'hlj-ecology' }));
    log.append(draft('incident.agencyResponded', T0 + 241 * MIN, 'user:ecology', { incidentId: 'INC-1', agency: 'hlj-ecology', response: 'acknowledged' }));
    expect(summary(tick(log, T0 + 245 * MIN))).toEqual(['sla.escalated resolve hlj-ecology @240']);
    expect(log.state.incidents.get('INC-1')).toMatchObject({ overdue: true, resolveRemindedAt: T0 + 240 * MIN, resolveEscalatedAt: T0 + 245 * MIN });
    expect(tick(log, T0 + 600 * MIN)).toEqual([]);

    log.append(draft('incident.statusChanged', T0 + 601 * MIN, 'user:commander', { incidentId: 'INC-1', status: 'resolved' }));
    expect(log.state.incidents.get('INC-1')!.overdue).toBe(false);
  });

  it('owes nothing once resolved or closed', () => {
    const resolved = levelOneIncident();
    resolved.append(draft('incident.statusChanged', T0 + MIN, 'user:commander', { incidentId: 'INC-1', status: 'resolved' }));
    expect(dueSlaEvents(resolved.state, DEFAULT_SLA, T0 + 1000 * MIN)).toEqual({ drafts: [], nextAt: undefined });
    const closed = levelOneIncident();
    closed.append(draft('incident.closed', T0 + MIN, 'user:commander', { incidentId: 'INC-1', disposition: 'false-alarm', summary: '误报' }));
    expect(dueSlaEvents(closed.state, DEFAULT_SLA, T0 + 1000 * MIN)).toEqual({ drafts: [], nextAt: undefined });
  });

  it('reminds and escalates a task past due to its agency, and clears the mark when it is done', () => {
    const log = levelOneIncident();
    log.append(
      draft('incident.agencyResponded', T0 + MIN, 'user:safety', { incidentId: 'INC-1', agency: 'hlj-safety', response: 'acknowledged' }),
      draft('incident.taskCreated', T0 + MIN, 'user:commander', { incidentId: 'INC-1', taskId: 'T1', title: '阿什河下游加密监测', agency: 'hlj-ecology', due: T0 + 30 * MIN }),
      draft('incident.taskCreated', T0 + MIN, 'user:commander', { incidentId: 'INC-1', taskId: 'T2', title: '封闭滨东路', agency: 'hlj-traffic', due: T0 + 20 * MIN }),
    );
    log.append(draft('incident.taskUpdated', T0 + 10 * MIN, 'user:traffic', { incidentId: 'INC-1', taskId: 'T2', status: 'done' }));
    expect(summary(tick(log, T0 + 30 * MIN))).toEqual(['sla.reminder task hlj-ecology T1 @30']);
    expect(summary(tick(log, T0 + 35 * MIN))).toEqual(['sla.escalated task hlj-ecology T1 @30']);
    let incident = log.state.incidents.get('INC-1')!;
    expect(incident.tasks['T1']).toMatchObject({ remindedAt: T0 + 30 * MIN, escalatedAt: T0 + 35 * MIN, overdue: true });
    expect(incident.overdue).toBe(true);

    log.append(draft('incident.taskUpdated', T0 + 36 * MIN, 'user:ecology', { incidentId: 'INC-1', taskId: 'T1', status: 'done' }));
    incident = log.state.incidents.get('INC-1')!;
    expect(incident.tasks['T1']!.overdue).toBe(false);
    expect(incident.overdue).toBe(false);
    // Taken up again after the escalation: overdue again, but not escalated twice.
    log.append(draft('incident.taskUpdated', T0 + 37 * MIN, 'user:ecology', { incidentId: 'INC-1', taskId: 'T1', status: 'in-progress' }));
    expect(log.state.incidents.get('INC-1')!.overdue).toBe(true);
    expect(tick(log, T0 + 100 * MIN)).toEqual([]);
    expect(log.state.rejected).toBe(0);
  });
});

describe('SLA schedule memo', () => {
  it('skips an untouched incident until its next deadline, and reads a changed one again', () => {
    const log = levelOneIncident();
    const memo: SlaMemo = new WeakMap();
    expect(dueSlaEvents(log.state, DEFAULT_SLA, T0 + MIN, memo)).toEqual({ drafts: [], nextAt: T0 + 5 * MIN });
    expect(memo.get(log.state.incidents.get('INC-1')!)).toBe(T0 + 5 * MIN);
    expect(dueSlaEvents(log.state, DEFAULT_SLA, T0 + 2 * MIN, memo)).toEqual({ drafts: [], nextAt: T0 + 5 * MIN });
    // A task due earlier changes the incident: it is read again.
    log.append(draft('incident.taskCreated', T0 + 2 * MIN, 'user:commander', { incidentId: 'INC-1', taskId: 'T1', title: '核查', agency: 'hlj-safety', due: T0 + 3 * MIN }));
    expect(summary(dueSlaEvents(log.state, DEFAULT_SLA, T0 + 3 * MIN, memo).drafts)).toEqual(['sla.reminder task hlj-safety T1 @3']);
    // Not appended (a failed write): due again on the next scan.
    expect(summary(dueSlaEvents(log.state, DEFAULT_SLA, T0 + 3 * MIN + 1, memo).drafts)).toEqual(['sla.reminder task hlj-safety T1 @3']);
  });
});

describe('SLA schedule over a whole day', () => {
  it('sends each reminder and escalation exactly once, whatever the tick rate, with or without a memo', () => {
    for (const [stepMs, memo] of [[7_000, undefined], [60_000, undefined], [17 * MIN, undefined], [7_000, new WeakMap()], [17 * MIN, new WeakMap()]] as const) {
      const log = levelOneIncident();
      log.append(
        draft('incident.agencyRequested', T0 + MIN, 'user:commander', { incidentId: 'INC-1', agency: 'hlj-traffic' }),
        draft('incident.taskCreated', T0 + MIN, 'user:commander', { incidentId: 'INC-1', taskId: 'T1', title: '疏散', agency: 'hlj-security', due: T0 + 45 * MIN }),
      );
      const sent: string[] = [];
      for (let now = T0 + MIN; now < T0 + 24 * 60 * MIN; now += stepMs) sent.push(...summary(tick(log, now, DEFAULT_SLA, memo)));
      expect([...sent].sort()).toEqual(
        [
          'sla.reminder acknowledge hlj-safety @5', 'sla.escalated acknowledge hlj-safety @5',
          'sla.reminder acknowledge hlj-traffic @6', 'sla.escalated acknowledge hlj-traffic @6',
          'sla.reminder task hlj-security T1 @45', 'sla.escalated task hlj-security T1 @45',
          'sla.reminder resolve hlj-command @240', 'sla.escalated resolve hlj-command @240',
        ].sort(),
      );
      // Each escalation comes after its reminder.
      for (const s of sent.filter((x) => x.startsWith('sla.escalated'))) {
        expect(sent.indexOf(s.replace('escalated', 'reminder'))).toBeLessThan(sent.indexOf(s));
      }
      expect(log.state.rejected).toBe(0);
    }
  });
});
