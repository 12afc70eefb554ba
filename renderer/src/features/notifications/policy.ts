/**
 * Whether a change in the live picture becomes a desktop notification. Pure
 * (unit-tested): what is news for the signed-in user, and whether their
 * settings let it through.
 *
 * News:
 * - `alert`: a new Extreme/Severe alert in status new, for the user's agency
 *   (a duty officer's own agency; operators and commanders watch all, as for
 *   the alarm tone: features/notify/alarms.ts `isRelevantTo`);
 * - `request`: an incident now requests the duty officer's agency
 *   (`incident.agencyRequested`);
 * - `escalation`: an SLA escalation (`sla.escalated`) — for a duty officer,
 *   their agency's participation or task on the incident became overdue; for
 *   a commander or operator, the incident became overdue.
 *
 * Settings: notifications off → nothing; a muted domain → nothing of that
 * domain (an incident only when all its domains are muted); quiet hours
 * (Beijing time) → only Extreme alerts and escalations break through.
 */
import type { Domain } from '@shared/domain/agencies';
import type { Alert, Incident } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import type { NotificationSettings, NotificationTarget, QuietHours } from '@shared/ipc';
import { isAlarming } from '../notify/alarms';

export type NotificationKind = 'alert' | 'request' | 'escalation';

export interface Candidate {
  kind: NotificationKind;
  target: NotificationTarget;
  /** Extreme alerts and escalations are critical: they pass quiet hours. */
  critical: boolean;
  domains: readonly Domain[];
  alert?: Alert;
  incident?: Incident;
}

/** What the watcher remembers of an incident, as it concerns the user. */
export interface IncidentFacts {
  requested: boolean;
  escalated: boolean;
}

export function incidentFacts(incident: Incident, user: User | null): IncidentFacts {
  if (!user) return { requested: false, escalated: false };
  switch (user.role) {
    case 'dutyOfficer': {
      const agency = user.agency;
      if (!agency) return { requested: false, escalated: false };
      const p = incident.agencies[agency];
      const taskOverdue = Object.values(incident.tasks).some((t) => t.agency === agency && t.overdue === true);
      return { requested: p !== undefined, escalated: p?.overdue === true || taskOverdue };
    }
    case 'commander':
    case 'operator':
      return { requested: false, escalated: incident.overdue };
    case 'analyst':
    case 'admin':
      return { requested: false, escalated: false };
  }
}

/** News in one alert that arrived live. */
export function alertCandidate(alert: Alert, user: User | null): Candidate | null {
  if (!isAlarming(alert, user)) return null;
  return { kind: 'alert', target: { kind: 'alert', id: alert.id }, critical: alert.severity === 'Extreme', domains: [alert.domain], alert };
}

/** News in an incident that changed live, given what was known of it before (undefined: it is new). */
export function incidentCandidates(incident: Incident, before: IncidentFacts | undefined, user: User | null): Candidate[] {
  const now = incidentFacts(incident, user);
  const out: Candidate[] = [];
  const target = { kind: 'incident' as const, id: incident.id };
  if (now.requested && !before?.requested) out.push({ kind: 'request', target, critical: false, domains: incident.domains, incident });
  if (now.escalated && !before?.escalated) out.push({ kind: 'escalation', target, critical: true, domains: incident.domains, incident });
  return out;
}

const BEIJING_OFFSET_MIN = 8 * 60;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether `now` (epoch ms) falls in the quiet hours, read on the center's clock (Beijing, UTC+8, no DST). */
export function inQuietHours(now: number, quiet: QuietHours): boolean {
  if (!quiet.enabled) return false;
  const minute = Math.floor((now / 60_000 + BEIJING_OFFSET_MIN) % (24 * 60));
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

export type Decision = { notify: true } | { notify: false; reason: 'disabled' | 'domain-muted' | 'quiet-hours' };

export function decide(candidate: Candidate, settings: NotificationSettings, now: number): Decision {
  if (!settings.enabled) return { notify: false, reason: 'disabled' };
  const muted = new Set(settings.mutedDomains);
  if (candidate.domains.length > 0 && candidate.domains.every((d) => muted.has(d))) return { notify: false, reason: 'domain-muted' };
  if (!candidate.critical && inQuietHours(now, settings.quietHours)) return { notify: false, reason: 'quiet-hours' };
  return { notify: true };
}
