import { describe, expect, it } from 'vitest';
import { afterActionRecord } from './afterAction';
import { incidentDrafts, incidentLog, Log, MIN, PEOPLE, T0 } from './testing/incidentLog';

describe('afterActionRecord', () => {
  const log = incidentLog();
  const incident = log.state.incidents.get('INC-1')!;
  const record = afterActionRecord({ incident, alerts: log.state.alerts.values(), events: log.events, people: PEOPLE, now: T0 + 200 * MIN });

  it('summarises the incident as it was closed', () => {
    expect(record.summary).toMatchObject({
      no: 1,
      title: '哈尔滨危化品泄漏',
      level: 1,
      status: 'closed',
      lead: 'hlj-safety',
      regionName: { zh: '黑龙江省哈尔滨', en: 'Harbin, Heilongjiang' },
      openedBy: { zh: '系统（自动关联）' },
      firstAlertAt: T0, // the hub received the leak report
      resolvedAt: T0 + 120 * MIN,
      closed: { at: T0 + 130 * MIN, by: { zh: '陈七' }, disposition: 'resolved', summary: '泄漏已封堵，江水恢复达标' },
      durationMs: 130 * MIN - 5000,
      exercise: true,
    });
    expect(record.summary.resolve.overdue).toBe(false);
  });

  it('keeps the level history with who changed it and why', () => {
    expect(record.levelHistory).toEqual([
      { level: 2, at: T0 + 5000, by: { zh: '系统（自动关联）', en: 'system (correlation)' } },
      { level: 1, at: T0 + 19 * MIN, by: { zh: '陈七', en: '陈七' }, reason: '物料进入松花江，升级响应' },
    ]);
  });

  it('lists the lead first, then the supporting agencies, with response times, reminders and escalations', () => {
    expect(record.agencies.map((a) => [a.agency, a.role])).toEqual([
      ['hlj-safety', 'lead'],
      ['hlj-traffic', 'supporting'],
      ['hlj-ecology', 'supporting'],
    ]);
    const [safety, traffic, ecology] = record.agencies;
    expect(safety).toMatchObject({ requestedAt: T0 + 3 * MIN, firstResponseAt: T0 + 5 * MIN, timeToAcknowledgeMs: 2 * MIN, late: false, reminders: 0, escalations: 0 });
    expect(traffic).toMatchObject({ status: 'dispatched', timeToAcknowledgeMs: 3 * MIN - 1000, requestedBy: { zh: '陈七' } });
    // Level Ⅰ allows 5 minutes (the level at report time); ecology took 17.
    expect(ecology).toMatchObject({ timeToAcknowledgeMs: 17 * MIN - 2000, late: true, overdue: false, reminders: 1, escalations: 1 });
    expect(record.counts).toMatchObject({ reminders: 1, escalations: 1, alerts: 2, tasksDone: 1 });
  });

  it('carries over the merged incident’s note, with the author’s agency, and the tasks', () => {
    expect(record.notes.map((n) => [n.by.zh, n.agency, n.text])).toEqual([
      ['王五', 'hlj-ecology', '下游断面苯浓度 0.05 mg/L, "超标" 4 倍'],
      ['张三', 'hlj-command', '群众来电反映江水有异味'],
    ]);
    expect(record.tasks).toEqual([
      expect.objectContaining({ id: 'T1', agency: 'hlj-ecology', status: 'done', doneAt: T0 + 90 * MIN, late: true, createdBy: { zh: '陈七', en: '陈七' } }),
    ]);
  });

  it('lists linked alerts by arrival and has the whole timeline', () => {
    expect(record.alerts.map((a) => a.id)).toEqual(['safety:SAF-1', 'traffic:TRF-1']);
    expect(record.timeline).toHaveLength(log.events.length - 1);
    expect(record.counts.events).toBe(record.timeline.length);
  });

  it('while open, an unanswered agency past its deadline is overdue, and the duration runs to the report time', () => {
    // The log up to just before ecology answered, folded by the reducer.
    const drafts = incidentDrafts();
    const cut = drafts.findIndex((d) => d.type === 'incident.agencyResponded' && d.body.agency === 'hlj-ecology');
    const partial = new Log();
    partial.append(...drafts.slice(0, cut));
    const r = afterActionRecord({ incident: partial.state.incidents.get('INC-1')!, alerts: partial.state.alerts.values(), events: partial.events, now: T0 + 30 * MIN });
    const ecology = r.agencies.find((a) => a.agency === 'hlj-ecology')!;
    expect(ecology).toMatchObject({ status: 'notified', overdue: true, late: false, reminders: 1, escalations: 1 });
    expect(ecology.timeToAcknowledgeMs).toBeUndefined();
    expect(r.summary.status).toBe('open');
    expect(r.summary.durationMs).toBe(30 * MIN - 5000);
    expect(r.summary.closed).toBeUndefined();
  });
});
