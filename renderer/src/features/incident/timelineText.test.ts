import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '@shared/domain/events';
import { alert, incident, T0, zhT } from '../board/testing';
import { timelineRows, type TimelineContext } from './timelineText';

const HASH = '0'.repeat(64);
const ev = (seq: number, actor: string, type: string, body: Record<string, unknown>): DomainEvent =>
  ({ seq, time: T0 + seq * 60_000, actor, type, body, prev: HASH, hash: HASH }) as unknown as DomainEvent;

describe('incident timeline', () => {
  const a = alert({ headline: '苯储罐泄漏' });
  const inc = incident({ id: 'INC-7', no: 7, tasks: { T1: { id: 'T1', title: '封控下游取水口', agency: 'hlj-ecology', due: T0, status: 'open', createdBy: 'user:commander', createdAt: T0, updatedAt: T0 } } });
  const ctx: TimelineContext = {
    people: { presence: [{ name: 'ecology', displayName: '生态环境值班长 吴静', role: 'dutyOfficer', agency: 'hlj-ecology', since: T0 }], self: null },
    lang: 'zh',
    alerts: new Map([[a.id, a]]),
    incidents: new Map([[inc.id, inc]]),
    incident: inc,
  };

  it('says who did what, newest first', () => {
    const rows = timelineRows(
      [
        ev(1, 'system:correlation', 'incident.opened', { incidentId: 'INC-7', no: 7, title: '苯储罐泄漏', level: 2, alertIds: [a.id], location: { lon: 126, lat: 45 }, region: '230100', classification: 'internal', domains: ['safety'] }),
        ev(2, 'user:commander', 'incident.leadAssigned', { incidentId: 'INC-7', agency: 'hlj-ecology' }),
        ev(3, 'user:ecology', 'incident.agencyResponded', { incidentId: 'INC-7', agency: 'hlj-ecology', response: 'declined', reason: '非本部门职责' }),
        ev(4, 'user:commander', 'incident.taskUpdated', { incidentId: 'INC-7', taskId: 'T1', status: 'done' }),
        ev(5, 'system:sla', 'sla.escalated', { incidentId: 'INC-7', agency: 'hlj-traffic', kind: 'acknowledge', deadline: T0 }),
        ev(6, 'user:operator', 'incident.alertUnlinked', { incidentId: 'INC-7', alertId: a.id }),
      ],
      ctx,
      zhT,
    );
    expect(rows.map((r) => r.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(rows.at(-1)!.text).toBe('系统 立案：苯储罐泄漏（Ⅱ级 重大，1 条预警）');
    expect(rows[4]!.text).toBe('commander 指定 生态环境 为牵头部门');
    expect(rows[3]!.text).toBe('生态环境值班长 吴静（生态环境）：已拒绝 — 非本部门职责');
    expect(rows[2]!.text).toBe('commander 将任务「封控下游取水口」更新为「已完成」');
    expect(rows[1]).toMatchObject({ tone: 'sla', text: '升级至指挥长：交通运输 未在 11-26 14:00:00 前响应' });
    expect(rows[0]!.text).toBe('operator 解除关联预警「苯储罐泄漏」');
  });
});
