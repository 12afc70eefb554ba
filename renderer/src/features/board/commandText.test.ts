import { describe, expect, it } from 'vitest';
import type { User } from '@shared/domain/roles';
import { actorName, refusalTitle, shortTime } from './commandText';
import { T0, zhT } from './testing';

const presence = [{ name: 'wangwu', displayName: '王五', role: 'dutyOfficer' as const, agency: 'hlj-ecology' as const, since: T0 }];
const self: User = { name: 'traffic', displayName: '交通值班长 刘洋', role: 'dutyOfficer', agency: 'hlj-traffic' };
const people = { presence, self };
const at = Date.parse('2026-11-26T14:03:00+08:00');

describe('command messages', () => {
  it('says who did it and when for a conflict, with the display name of a present user', () => {
    const r = { code: 'conflict' as const, message: 'alert x is already dismissed by user:wangwu', detail: { by: 'user:wangwu', at, status: 'dismissed' } };
    expect(refusalTitle(r, 'alert.acknowledge', people, zhT, at + 60_000)).toBe('已由 王五 于 14:03 排除');
  });

  it('falls back to the login name for someone not present, and dates another day', () => {
    const r = { code: 'conflict' as const, message: '', detail: { by: 'user:zhaoliu', at: at - 24 * 3600_000, status: 'acknowledged' } };
    expect(refusalTitle(r, 'alert.dismiss', people, zhT, at)).toBe('已由 zhaoliu 于 11-25 14:03 确认');
  });

  it('does not blame a person for a cancellation or supersession', () => {
    const r = { code: 'conflict' as const, message: '', detail: { by: 'user:wangwu', at, status: 'cancelled' } };
    expect(refusalTitle(r, 'alert.acknowledge', people, zhT, at)).toBe('该预警已被来源取消');
  });

  it('names the action for the other refusals', () => {
    expect(refusalTitle({ code: 'forbidden', message: 'operator operator may not alert.acknowledge' }, 'alert.acknowledge', people, zhT)).toBe('无权操作：确认预警');
    expect(refusalTitle({ code: 'unavailable', message: 'x' }, 'alert.dismiss', people, zhT)).toBe('枢纽暂不可用：排除预警未执行');
  });

  it('says what state an incident command found, and by whom', () => {
    const acked = { code: 'conflict' as const, message: 'hlj-ecology is already acknowledged on INC-1', detail: { by: 'user:wangwu', at, status: 'acknowledged' } };
    expect(refusalTitle(acked, 'incident.respond', people, zhT, at)).toBe('已由 王五 于 14:03 更新为「已确认」');
    expect(refusalTitle({ code: 'conflict', message: '', detail: { status: '2' } }, 'incident.setLevel', people, zhT, at)).toBe('当前已是「Ⅱ级 重大」');
    expect(refusalTitle({ code: 'conflict', message: '', detail: { status: 'lead' } }, 'incident.assignLead', people, zhT, at)).toBe('该部门已是牵头部门');
    expect(refusalTitle({ code: 'conflict', message: 'alert a is already linked' }, 'incident.linkAlert', people, zhT, at)).toBe('关联预警未执行：对象状态已变化');
    const closed = { code: 'conflict' as const, message: '', detail: { by: 'user:wangwu', at, status: 'closed' } };
    expect(refusalTitle(closed, 'incident.addNote', people, zhT, at)).toBe('事件已由 王五 于 14:03 关闭');
  });

  it('names actors', () => {
    expect(actorName('user:traffic', people, zhT)).toBe('交通值班长 刘洋');
    expect(actorName('source:traffic', people, zhT)).toBe('数据源 traffic');
    expect(actorName('system:expiry', people, zhT)).toBe('系统');
    expect(actorName(undefined, people, zhT)).toBe('他人');
  });

  it('names people who are not signed in from the hub directory, and by login name an account the hub no longer has', () => {
    const directory = [{ name: 'zhaoliu', displayName: '赵六', role: 'analyst' as const }];
    expect(actorName('user:zhaoliu', people, zhT)).toBe('zhaoliu');
    expect(actorName('user:zhaoliu', { ...people, directory }, zhT)).toBe('赵六');
    expect(actorName('user:traffic', { ...people, directory }, zhT)).toBe('交通值班长 刘洋');
    expect(actorName('user:gone', { ...people, directory }, zhT)).toBe('gone');
  });

  it('writes short times in Beijing time whatever the machine zone', () => {
    expect(shortTime(Date.parse('2026-11-26T06:03:00Z'), Date.parse('2026-11-26T08:00:00Z'))).toBe('14:03');
  });
});
