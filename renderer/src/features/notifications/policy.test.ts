import { describe, expect, it } from 'vitest';
import type { User } from '@shared/domain/roles';
import { DEFAULT_SETTINGS, type NotificationSettings } from '@shared/ipc';
import { alert, incident, T0 } from '../board/testing';
import { alertCandidate, decide, inQuietHours, incidentCandidates, incidentFacts } from './policy';

const officer: User = { name: 'traffic', displayName: '刘洋', role: 'dutyOfficer', agency: 'hlj-traffic' };
const commander: User = { name: 'commander', displayName: '陈琦', role: 'commander' };
const analyst: User = { name: 'analyst', displayName: '分析员', role: 'analyst' };
const prefs = DEFAULT_SETTINGS.notifications;
/** 2026-11-26 at hh:mm Beijing time. */
const at = (hhmm: string): number => Date.parse(`2026-11-26T${hhmm}:00+08:00`);

describe('alertCandidate', () => {
  it('is news for a new red/orange alert of the duty officer’s agency only', () => {
    expect(alertCandidate(alert({ severity: 'Extreme' }), officer)).toMatchObject({ kind: 'alert', critical: true, domains: ['traffic'] });
    expect(alertCandidate(alert({ severity: 'Severe' }), officer)).toMatchObject({ kind: 'alert', critical: false });
    expect(alertCandidate(alert({ severity: 'Severe', domain: 'ecology' }), officer)).toBeNull();
    expect(alertCandidate(alert({ severity: 'Moderate' }), officer)).toBeNull();
    expect(alertCandidate(alert({ severity: 'Extreme', status: 'acknowledged' }), officer)).toBeNull();
    expect(alertCandidate(alert({ severity: 'Extreme', domain: 'ecology' }), commander)).not.toBeNull();
    expect(alertCandidate(alert({ severity: 'Extreme' }), analyst)).toBeNull();
  });
});

describe('incidentCandidates', () => {
  const requested = { 'hlj-traffic': { agency: 'hlj-traffic' as const, status: 'notified' as const, requestedAt: T0, requestedBy: 'user:commander' } };

  it('notifies a duty officer once when their agency is requested', () => {
    const before = incidentFacts(incident({ id: 'I1' }), officer);
    const after = incident({ id: 'I1', agencies: requested });
    expect(incidentCandidates(after, before, officer).map((c) => c.kind)).toEqual(['request']);
    // Already requested: a later change is no news.
    expect(incidentCandidates(after, incidentFacts(after, officer), officer)).toEqual([]);
    // Another agency's request is not theirs.
    expect(incidentCandidates(after, before, { ...officer, name: 'eco', agency: 'hlj-ecology' })).toEqual([]);
  });

  it('notifies an escalation of the duty officer’s agency, and any escalation to a commander', () => {
    const base = incident({ id: 'I2', agencies: requested });
    const escalated = incident({ id: 'I2', agencies: { 'hlj-traffic': { ...requested['hlj-traffic'], overdue: true } }, overdue: true });
    expect(incidentCandidates(escalated, incidentFacts(base, officer), officer)).toMatchObject([{ kind: 'escalation', critical: true, target: { kind: 'incident', id: 'I2' } }]);
    expect(incidentCandidates(escalated, incidentFacts(base, commander), commander).map((c) => c.kind)).toEqual(['escalation']);
    const otherOverdue = incident({ id: 'I2', agencies: requested, overdue: true });
    expect(incidentCandidates(otherOverdue, incidentFacts(base, officer), officer)).toEqual([]);
  });

  it('counts an overdue task of the duty officer’s agency as their escalation', () => {
    const task = { id: 't1', title: '封闭路段', agency: 'hlj-traffic' as const, due: T0, status: 'open' as const, createdBy: 'user:commander', createdAt: T0, updatedAt: T0 };
    const before = incidentFacts(incident({ id: 'I3', agencies: requested, tasks: { t1: task } }), officer);
    const after = incident({ id: 'I3', agencies: requested, tasks: { t1: { ...task, overdue: true, escalatedAt: T0 + 1 } }, overdue: true });
    expect(incidentCandidates(after, before, officer).map((c) => c.kind)).toEqual(['escalation']);
  });
});

describe('inQuietHours', () => {
  const night = { enabled: true, start: '22:00', end: '07:00' };
  it('spans midnight on the Beijing clock', () => {
    expect(inQuietHours(at('23:30'), night)).toBe(true);
    expect(inQuietHours(at('06:59'), night)).toBe(true);
    expect(inQuietHours(at('07:00'), night)).toBe(false);
    expect(inQuietHours(at('21:59'), night)).toBe(false);
    expect(inQuietHours(at('22:00'), night)).toBe(true);
  });
  it('handles a daytime span, a disabled or an empty span', () => {
    expect(inQuietHours(at('12:30'), { enabled: true, start: '12:00', end: '13:00' })).toBe(true);
    expect(inQuietHours(at('13:30'), { enabled: true, start: '12:00', end: '13:00' })).toBe(false);
    expect(inQuietHours(at('23:30'), { ...night, enabled: false })).toBe(false);
    expect(inQuietHours(at('23:30'), { enabled: true, start: '08:00', end: '08:00' })).toBe(false);
  });
});

describe('decide', () => {
  const severe = alertCandidate(alert({ severity: 'Severe' }), officer)!;
  const extreme = alertCandidate(alert({ severity: 'Extreme' }), officer)!;
  const quiet: NotificationSettings = { ...prefs, quietHours: { enabled: true, start: '22:00', end: '07:00' } };

  it('lets news through by default', () => {
    expect(decide(severe, prefs, at('10:00'))).toEqual({ notify: true });
  });
  it('holds everything when notifications are off', () => {
    expect(decide(extreme, { ...prefs, enabled: false }, at('10:00'))).toEqual({ notify: false, reason: 'disabled' });
  });
  it('holds a muted domain; an incident only if all its domains are muted', () => {
    expect(decide(extreme, { ...prefs, mutedDomains: ['traffic'] }, at('10:00'))).toEqual({ notify: false, reason: 'domain-muted' });
    const joint = incidentCandidates(incident({ domains: ['traffic', 'ecology'], overdue: true }), undefined, commander)[0]!;
    expect(decide(joint, { ...prefs, mutedDomains: ['traffic'] }, at('10:00')).notify).toBe(true);
    expect(decide(joint, { ...prefs, mutedDomains: ['traffic', 'ecology'] }, at('10:00')).notify).toBe(false);
  });
  it('in quiet hours lets only red alerts and escalations through', () => {
    expect(decide(severe, quiet, at('23:00'))).toEqual({ notify: false, reason: 'quiet-hours' });
    expect(decide(extreme, quiet, at('23:00'))).toEqual({ notify: true });
    expect(decide(severe, quiet, at('08:00'))).toEqual({ notify: true });
  });
});
