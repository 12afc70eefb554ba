/**
 * What of the log a user receives (DESIGN §3: a client never receives what
 * its user may not see). `projectEvent` takes an event and the state right
 * after it was folded, and returns the event as that user may see it: as is,
 * with hidden alert ids removed from an incident's body, or null.
 *
 * A projected stream has gaps in seq and edited bodies, so a workstation
 * cannot verify the hash chain; the hub can (`npm run hub -- verify`).
 */
import { AGENCY_OF_DOMAIN } from './agencies';
import type { DomainEvent } from './events';
import { canSee, type User } from './roles';
import type { State } from './state';

function alertVisible(user: User, state: State, alertId: string): boolean {
  const a = state.alerts.get(alertId);
  return a !== undefined && canSee(user, a.classification, a.agency);
}

function incidentVisible(user: User, state: State, incidentId: string): boolean {
  const i = state.incidents.get(incidentId);
  return i !== undefined && canSee(user, i.classification, i.lead);
}

export function projectEvent(user: User, event: DomainEvent, stateAfter: State): DomainEvent | null {
  switch (event.type) {
    case 'alert.received':
    case 'alert.updated': {
      const c = event.body.content;
      return canSee(user, c.classification, AGENCY_OF_DOMAIN[c.domain]) ? event : null;
    }
    case 'alert.repeated':
    case 'alert.cancelled':
    case 'alert.expired':
    case 'alert.acknowledged':
    case 'alert.dismissed':
      return alertVisible(user, stateAfter, event.body.alertId) ? event : null;
    case 'alert.superseded':
      return alertVisible(user, stateAfter, event.body.alertId) && alertVisible(user, stateAfter, event.body.by) ? event : null;
    case 'incident.opened': {
      if (!canSee(user, event.body.classification)) return null;
      const alertIds = event.body.alertIds.filter((id) => alertVisible(user, stateAfter, id));
      return alertIds.length === event.body.alertIds.length ? event : { ...event, body: { ...event.body, alertIds } };
    }
    case 'incident.alertLinked':
    case 'incident.alertUnlinked':
      return incidentVisible(user, stateAfter, event.body.incidentId) && alertVisible(user, stateAfter, event.body.alertId) ? event : null;
    case 'incident.merged':
      return incidentVisible(user, stateAfter, event.body.incidentId) && incidentVisible(user, stateAfter, event.body.from) ? event : null;
    case 'incident.levelChanged':
    case 'incident.statusChanged':
    case 'incident.leadAssigned':
    case 'incident.agencyRequested':
    case 'incident.agencyResponded':
    case 'incident.taskCreated':
    case 'incident.taskUpdated':
    case 'incident.noteAdded':
    case 'incident.closed':
    case 'incident.reopened':
    case 'sla.reminder':
    case 'sla.escalated':
      return incidentVisible(user, stateAfter, event.body.incidentId) ? event : null;
    case 'alert.quarantined':
    case 'source.statusChanged':
    case 'source.configured':
    case 'source.removed':
      return event;
  }
}
