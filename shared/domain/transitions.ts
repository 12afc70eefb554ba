/**
 * The state machines of alerts, incidents, agency participation and tasks.
 * Each table lists the states reachable from a state; anything else is an
 * illegal transition, reported as a value with a reason.
 */
import type { AlertStatus, IncidentStatus, ParticipationStatus, TaskStatus } from './model';

export const ALERT_TRANSITIONS: Readonly<Record<AlertStatus, readonly AlertStatus[]>> = {
  new: ['acknowledged', 'dismissed', 'superseded', 'cancelled', 'expired'],
  acknowledged: ['superseded', 'cancelled', 'expired'],
  dismissed: ['superseded', 'cancelled'],
  superseded: [],
  cancelled: [],
  expired: [],
};

/** Status moves by `incident.statusChanged`; closing and reopening have their own events. */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['responding', 'contained', 'resolved'],
  responding: ['open', 'contained', 'resolved'],
  contained: ['responding', 'resolved'],
  resolved: ['responding', 'contained'],
  closed: [],
};

export const PARTICIPATION_TRANSITIONS: Readonly<Record<ParticipationStatus, readonly ParticipationStatus[]>> = {
  notified: ['acknowledged', 'declined', 'dispatched', 'on-scene', 'done'],
  acknowledged: ['declined', 'dispatched', 'on-scene', 'done'],
  declined: ['acknowledged', 'dispatched'],
  dispatched: ['on-scene', 'done'],
  'on-scene': ['done'],
  done: [],
};

export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  open: ['in-progress', 'done', 'cancelled'],
  'in-progress': ['open', 'done', 'cancelled'],
  done: ['in-progress'],
  cancelled: [],
};

export function canMove<S extends string>(table: Readonly<Record<S, readonly S[]>>, from: S, to: S): boolean {
  return table[from].includes(to);
}

/** Alerts that still need someone's attention or are in play. */
export function isActiveAlertStatus(status: AlertStatus): boolean {
  return status === 'new' || status === 'acknowledged';
}
