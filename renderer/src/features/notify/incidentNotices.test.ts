import { describe, expect, it } from 'vitest';
import type { Participation } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import { incident, T0 } from '../board/testing';
import { incidentNotices, overdueAgenciesOf } from './incidentNotices';

const commander: User = { name: 'commander', displayName: '王建国', role: 'commander' };
const traffic: User = { name: 'traffic', displayName: '刘洋', role: 'dutyOfficer', agency: 'hlj-traffic' };
const operator: User = { name: 'operator', displayName: '张伟', role: 'operator' };
const part = (over: Partial<Participation> = {}): Participation => ({ agency: 'hlj-traffic', status: 'notified', requestedAt: T0, requestedBy: 'user:commander', ...over });

describe('incident notices', () => {
  const before = incident({ agencies: { 'hlj-traffic': part() } });

  it('tells the commander, and only the commander, about an escalation', () => {
    const after = { ...before, overdue: true, agencies: { 'hlj-traffic': part({ reminded: true, overdue: true }) } };
    expect(incidentNotices(before, after, commander)).toEqual([{ kind: 'escalated', incident: after, agencies: ['hlj-traffic'] }]);
    expect(incidentNotices(before, after, operator)).toEqual([]);
    // Already known: nothing new.
    expect(incidentNotices(after, after, commander)).toEqual([]);
  });

  it('reminds the late agency’s duty officer', () => {
    const after = { ...before, agencies: { 'hlj-traffic': part({ reminded: true }) } };
    expect(incidentNotices(before, after, traffic)).toEqual([{ kind: 'reminder', incident: after, agency: 'hlj-traffic' }]);
  });

  it('notifies the desks of a mentioned agency about new notes, not their own', () => {
    const note = { seq: 9, by: 'user:ecology', at: T0, text: '请 @交通运输 封闭G1', mentions: ['hlj-traffic' as const] };
    const after = { ...before, notes: [note] };
    expect(incidentNotices(before, after, traffic)).toEqual([{ kind: 'mention', incident: after, agency: 'hlj-traffic', by: 'user:ecology', text: note.text }]);
    expect(incidentNotices(before, after, operator)).toEqual([]);
    expect(incidentNotices(before, { ...after, notes: [{ ...note, by: 'user:traffic' }] }, traffic)).toEqual([]);
    const toCenter = { ...before, notes: [{ ...note, mentions: ['hlj-command' as const] }] };
    expect(incidentNotices(before, toCenter, commander)).toHaveLength(1);
  });

  it('names every agency an incident is overdue on, once each, for its one escalation card', () => {
    expect(overdueAgenciesOf(before)).toEqual([]);
    const task = { id: 'T1', title: '封闭G1', agency: 'hlj-traffic' as const, due: T0, status: 'open' as const, createdAt: T0, createdBy: 'user:commander', updatedAt: T0, overdue: true };
    const safety = part({ agency: 'hlj-safety', overdue: true });
    const late = { ...before, agencies: { 'hlj-traffic': part({ overdue: true }), 'hlj-safety': safety }, tasks: { T1: task } };
    expect(overdueAgenciesOf(late)).toEqual(['hlj-traffic', 'hlj-safety']);
    // The change that made them overdue is one notice for the incident, naming each newly late agency once.
    expect(incidentNotices(before, late, commander)).toEqual([{ kind: 'escalated', incident: late, agencies: ['hlj-traffic', 'hlj-safety'] }]);
    // Overdue on the incident alone (no agency named): still one notice.
    const bare = { ...before, overdue: true };
    expect(incidentNotices(before, bare, commander)).toEqual([{ kind: 'escalated', incident: bare, agencies: [] }]);
  });
});
