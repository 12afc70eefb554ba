/**
 * `reduce(state, event) → state`: the one fold that the hub, every
 * workstation and replay run (DESIGN §3). Pure; touches only the entities an
 * event names (structural sharing through persistent maps).
 *
 * `applyEvent` reports an illegal transition as a value; `reduce` never
 * throws: it counts the rejection and moves the head on, so one bad event in
 * a log never stops a fold.
 */
import { AGENCY_OF_DOMAIN, type AgencyId } from './agencies';
import type { DomainEvent } from './events';
import { copyState, incidentWith, makeAlert, receivedAlert, newIncident, newTask, participationWith, requested, stateWith, taskWith, type Writable } from './entities';
import type { Alert, AlertId, Incident, Participation, Task } from './model';
import { aliasKey, initialState, type State } from './state';
import { ALERT_TRANSITIONS, canMove, INCIDENT_TRANSITIONS, PARTICIPATION_TRANSITIONS, TASK_TRANSITIONS } from './transitions';

export type Applied = { ok: true; state: State } | { ok: false; reason: string };

/**
 * What a handler returns: the next state, or the reason (a string) why the
 * event cannot be applied. Internal form of `Applied` that allocates nothing
 * per event; `applyEvent` wraps it.
 */
type Outcome = State | string;

const fail = (reason: string): string => reason;
const done = (state: State): State => state;

function alertOr(state: State, alertId: string): Alert | string {
  return state.alerts.get(alertId) ?? `no alert ${alertId}`;
}

function incidentOr(state: State, incidentId: string): Incident | string {
  const incident = state.incidents.get(incidentId);
  if (!incident) return `no incident ${incidentId}`;
  return incident;
}

// In a fold the maps are transients edited in place: then the state object
// itself need not be copied (see `fold`). `own`: the alert is a fresh object
// this event made, which the fold's transient may change in place later.
function setAlert(state: State, alert: Alert, own = false): State {
  const alerts = state.alerts.set(alert.id, alert, own);
  return alerts === state.alerts ? state : stateWith(state, { alerts });
}

/**
 * The object to write an event's changes to `alert` into: `alert` itself
 * when the fold's transient owns it (this batch made it and nobody has seen
 * it; see `PMap.owns`), else a fresh copy. Call only once every check has
 * passed. Hand the result to `putAlert`.
 */
function editAlert(state: State, alert: Alert): Writable<Alert> {
  return state.alerts.owns(alert.id, alert) ? (alert as Writable<Alert>) : makeAlert(alert, alert);
}

/** Stores an alert from `editAlert`: nothing to do when it was changed in place. */
function putAlert(state: State, edited: Alert, original: Alert): State {
  return edited === original ? state : setAlert(state, edited, true);
}

function setIncident(state: State, incident: Incident): State {
  const incidents = state.incidents.set(incident.id, incident);
  return incidents === state.incidents ? state : stateWith(state, { incidents });
}

/**
 * Records that messages of `feed` with `sourceId` fold into `alertId`. The
 * first message of an alert needs no entry (its key is the alert id); the
 * comparison builds no string, it runs for every received alert.
 */
function setAlias(state: State, feed: string, sourceId: string, alertId: string): State {
  const isOwnKey = alertId.length === feed.length + 1 + sourceId.length && alertId.startsWith(feed) && alertId.charCodeAt(feed.length) === 58 /* : */ && alertId.endsWith(sourceId);
  if (isOwnKey) return state;
  const aliases = state.aliases.set(aliasKey(feed, sourceId), alertId);
  return aliases === state.aliases ? state : stateWith(state, { aliases });
}

/** The alert `alertId` if it may go to status `to`, else the reason. */
function movable(state: State, alertId: string, to: Alert['status']): Alert | string {
  const alert = alertOr(state, alertId);
  if (typeof alert === 'string') return alert;
  if (!canMove(ALERT_TRANSITIONS, alert.status, to)) return `alert ${alertId} cannot go from ${alert.status} to ${to}`;
  return alert;
}

function openIncident(incident: Incident | string, id: string): Incident | string {
  if (typeof incident === 'string') return incident;
  if (incident.status === 'closed') return `incident ${id} is closed`;
  return incident;
}

function withDomain(incident: Incident, alert: Alert): Incident['domains'] {
  return incident.domains.includes(alert.domain) ? incident.domains : [...incident.domains, alert.domain];
}

function withoutAlert(list: readonly AlertId[], id: AlertId): readonly AlertId[] | undefined {
  const rest = list.filter((a) => a !== id);
  return rest.length > 0 ? rest : undefined;
}

/** What people took out of either incident stays out of the merged one (unless it holds it). */
function mergedUnlinked(into: Incident, from: Incident, alerts: readonly AlertId[]): readonly AlertId[] | undefined {
  if (!from.unlinked) return into.unlinked;
  const held = new Set(alerts);
  const out = [...new Set([...(into.unlinked ?? []), ...from.unlinked])].filter((a) => !held.has(a));
  return out.length > 0 ? out : undefined;
}

function linkAlert(state: State, incident: Incident, alertId: string, time: number): Outcome {
  const alert = alertOr(state, alertId);
  if (typeof alert === 'string') return fail(alert);
  // The alert's own back-reference says it in O(1); big incidents hold thousands of alerts.
  if (alert.incidentId === incident.id) return fail(`alert ${alertId} is already linked to ${incident.id}`);
  let next = state;
  // An alert belongs to one incident at a time: linking moves it. A closed
  // incident's record is history and keeps the alert in its list.
  if (alert.incidentId && alert.incidentId !== incident.id) {
    const previous = next.incidents.get(alert.incidentId);
    if (previous && previous.status !== 'closed') {
      next = setIncident(next, incidentWith(previous, { alerts: previous.alerts.filter((a) => a !== alertId), updatedAt: time }));
    }
  }
  const edited = editAlert(next, alert);
  edited.incidentId = incident.id;
  next = putAlert(next, edited, alert);
  // Linked back by hand: the last word on it is this link, not the earlier unlink.
  const unlinked = incident.unlinked?.includes(alertId) ? withoutAlert(incident.unlinked, alertId) : incident.unlinked;
  return done(setIncident(next, incidentWith(incident, { alerts: [...incident.alerts, alertId], domains: withDomain(incident, alert), unlinked, updatedAt: time })));
}

type Handler<T extends DomainEvent['type']> = (state: State, e: Extract<DomainEvent, { type: T }>) => Outcome;

const handlers: { [T in DomainEvent['type']]: Handler<T> } = {
  'alert.received': (state, e) => {
    const { alertId, content } = e.body;
    const alert = receivedAlert(content, alertId, AGENCY_OF_DOMAIN[content.domain], e.time, e.seq);
    // One walk of the trie: `add` leaves an existing alert (and the size) as it was.
    const size = state.alerts.size;
    const alerts = state.alerts.add(alertId, alert, true);
    if (alerts.size === size) return fail(`alert ${alertId} already exists`);
    return done(setAlias(alerts === state.alerts ? state : stateWith(state, { alerts }), content.feed, content.sourceId, alertId));
  },

  'alert.updated': (state, e) => {
    const { alertId, content } = e.body;
    const alert = alertOr(state, alertId);
    if (typeof alert === 'string') return fail(alert);
    if (alert.status === 'cancelled' || alert.status === 'superseded') return fail(`alert ${alertId} is ${alert.status} and cannot be updated`);
    if (content.domain !== alert.domain) return fail(`update of ${alertId} changes its domain`);
    const revisions = alert.revisions.includes(content.sourceId) ? alert.revisions : [...alert.revisions, content.sourceId];
    const updated: Writable<Alert> = makeAlert(content, alert);
    // A source re-issuing an expired alert brings it back to the board.
    updated.status = alert.status === 'expired' ? 'new' : alert.status;
    updated.updated = e.time;
    updated.revisions = revisions;
    return done(setAlias(setAlert(state, updated, true), content.feed, content.sourceId, alertId));
  },

  'alert.repeated': (state, e) => {
    const alert = alertOr(state, e.body.alertId);
    if (typeof alert === 'string') return fail(alert);
    const edited = editAlert(state, alert);
    edited.duplicates = alert.duplicates + 1;
    edited.lastDuplicateAt = e.time;
    return done(putAlert(state, edited, alert));
  },

  'alert.cancelled': (state, e) => {
    const alert = alertOr(state, e.body.alertId);
    if (typeof alert === 'string') return fail(alert);
    // Check before writing anything: a fold shares its maps between steps.
    if (!canMove(ALERT_TRANSITIONS, alert.status, 'cancelled')) return fail(`alert ${alert.id} cannot go from ${alert.status} to cancelled`);
    const next = e.body.sourceId ? setAlias(state, alert.feed, e.body.sourceId, alert.id) : state;
    const edited = editAlert(next, alert);
    edited.status = 'cancelled';
    edited.cancelled = { at: e.time, reason: e.body.reason };
    return done(putAlert(next, edited, alert));
  },

  'alert.superseded': (state, e) => {
    if (!state.alerts.has(e.body.by)) return fail(`no alert ${e.body.by}`);
    const alert = movable(state, e.body.alertId, 'superseded');
    if (typeof alert === 'string') return fail(alert);
    const edited = editAlert(state, alert);
    edited.status = 'superseded';
    edited.supersededBy = e.body.by;
    return done(putAlert(state, edited, alert));
  },

  'alert.expired': (state, e) => {
    const alert = movable(state, e.body.alertId, 'expired');
    if (typeof alert === 'string') return fail(alert);
    const edited = editAlert(state, alert);
    edited.status = 'expired';
    return done(putAlert(state, edited, alert));
  },

  'alert.acknowledged': (state, e) => {
    const alert = movable(state, e.body.alertId, 'acknowledged');
    if (typeof alert === 'string') return fail(alert);
    const edited = editAlert(state, alert);
    edited.status = 'acknowledged';
    edited.acknowledged = { by: e.actor, at: e.time };
    return done(putAlert(state, edited, alert));
  },

  'alert.dismissed': (state, e) => {
    const alert = movable(state, e.body.alertId, 'dismissed');
    if (typeof alert === 'string') return fail(alert);
    const edited = editAlert(state, alert);
    edited.status = 'dismissed';
    edited.dismissed = { by: e.actor, at: e.time, disposition: e.body.disposition, reason: e.body.reason };
    return done(putAlert(state, edited, alert));
  },

  'alert.quarantined': (state, e) => {
    const source = state.sources.get(e.body.feed);
    const sources = state.sources.set(e.body.feed, {
      feed: e.body.feed,
      status: source?.status ?? 'connected',
      since: source?.since ?? e.time,
      detail: source?.detail,
      quarantined: (source?.quarantined ?? 0) + 1,
    });
    return done(stateWith(state, { sources, quarantined: state.quarantined + 1 }));
  },

  'incident.opened': (state, e) => {
    const b = e.body;
    if (state.incidents.has(b.incidentId)) return fail(`incident ${b.incidentId} already exists`);
    let incident = newIncident({
      id: b.incidentId,
      no: b.no,
      title: b.title,
      level: b.level,
      domains: b.domains,
      location: b.location,
      region: b.region,
      classification: b.classification,
      openedAt: e.time,
      openedBy: e.actor,
    });
    // Check every alert before writing anything: a fold shares its maps between steps.
    if (new Set(b.alertIds).size !== b.alertIds.length) return fail(`incident ${b.incidentId} lists an alert twice`);
    const missing = b.alertIds.find((id) => !state.alerts.has(id));
    if (missing) return fail(`no alert ${missing}`);
    let next = stateWith(state, { nextIncidentNo: Math.max(state.nextIncidentNo, b.no + 1) });
    for (const alertId of b.alertIds) {
      const r = linkAlert(setIncident(next, incident), incident, alertId, e.time);
      if (typeof r === 'string') return r;
      next = r;
      incident = next.incidents.get(incident.id)!;
    }
    return done(setIncident(next, incident));
  },

  'incident.levelChanged': (state, e) => {
    const incident = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    if (incident.level === e.body.level) return fail(`incident ${incident.id} is already level ${e.body.level}`);
    return done(
      setIncident(
        state,
        incidentWith(incident, {
          level: e.body.level,
          levelHistory: [...incident.levelHistory, { level: e.body.level, at: e.time, by: e.actor }],
          updatedAt: e.time,
        }),
      ),
    );
  },

  'incident.statusChanged': (state, e) => {
    const incident = incidentOr(state, e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    if (!canMove(INCIDENT_TRANSITIONS, incident.status, e.body.status)) {
      return fail(`incident ${incident.id} cannot go from ${incident.status} to ${e.body.status}`);
    }
    const resolvedAt = e.body.status === 'resolved' ? e.time : incident.resolvedAt;
    const next = incidentWith(incident, { status: e.body.status, resolvedAt, updatedAt: e.time });
    return done(setIncident(state, incidentWith(next, { overdue: overdueOf(next) })));
  },

  'incident.leadAssigned': (state, e) => {
    const incident = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    if (incident.lead === e.body.agency) return fail(`${e.body.agency} already leads ${incident.id}`);
    // The lead agency is a participant; assigning it is also a request to it.
    const agencies = incident.agencies[e.body.agency]
      ? incident.agencies
      : { ...incident.agencies, [e.body.agency]: requested(e.body.agency, e.time, e.actor) };
    return done(setIncident(state, incidentWith(incident, { lead: e.body.agency, agencies, updatedAt: e.time })));
  },

  'incident.agencyRequested': (state, e) => {
    const incident = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    const current = incident.agencies[e.body.agency];
    if (current && current.status !== 'declined') return fail(`${e.body.agency} is already ${current.status} on ${incident.id}`);
    return done(
      setIncident(
        state,
        incidentWith(incident, {
          agencies: { ...incident.agencies, [e.body.agency]: requested(e.body.agency, e.time, e.actor) },
          updatedAt: e.time,
        }),
      ),
    );
  },

  'incident.agencyResponded': (state, e) => {
    const incident = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    const current = incident.agencies[e.body.agency];
    if (!current) return fail(`${e.body.agency} was not requested on ${incident.id}`);
    if (!canMove(PARTICIPATION_TRANSITIONS, current.status, e.body.response)) {
      return fail(`${e.body.agency} cannot go from ${current.status} to ${e.body.response} on ${incident.id}`);
    }
    const next = participationWith(current, {
      status: e.body.response,
      respondedAt: current.respondedAt ?? e.time,
      lastBy: e.actor,
      lastAt: e.time,
      reason: e.body.reason,
      overdue: false,
    });
    const agencies = { ...incident.agencies, [e.body.agency]: next };
    return done(setIncident(state, incidentWith(incident, { agencies, overdue: overdueOf({ ...incident, agencies }), updatedAt: e.time })));
  },

  'incident.alertLinked': (state, e) => {
    const incident = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    return linkAlert(state, incident, e.body.alertId, e.time);
  },

  'incident.alertUnlinked': (state, e) => {
    const incident = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    const alert = alertOr(state, e.body.alertId);
    if (typeof alert === 'string') return fail(alert);
    if (!incident.alerts.includes(alert.id)) return fail(`alert ${alert.id} is not linked to ${incident.id}`);
    // The alert's own link is cleared only if it points here (an open incident lists only its own alerts; see reopening).
    let next = state;
    if (alert.incidentId === incident.id) {
      const edited = editAlert(state, alert);
      edited.incidentId = undefined;
      next = putAlert(state, edited, alert);
    }
    const unlinked = incident.unlinked?.includes(alert.id) ? incident.unlinked : [...(incident.unlinked ?? []), alert.id];
    return done(setIncident(next, incidentWith(incident, { alerts: incident.alerts.filter((a) => a !== alert.id), unlinked, updatedAt: e.time })));
  },

  'incident.merged': (state, e) => {
    const into = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof into === 'string') return fail(into);
    const from = openIncident(incidentOr(state, e.body.from), e.body.from);
    if (typeof from === 'string') return fail(from);
    if (from.id === into.id) return fail('an incident cannot be merged into itself');
    let next = state;
    for (const alertId of from.alerts) {
      const alert = next.alerts.get(alertId);
      if (!alert) continue;
      const edited = editAlert(next, alert);
      edited.incidentId = into.id;
      next = putAlert(next, edited, alert);
    }
    const agencies = { ...into.agencies };
    for (const [agency, p] of Object.entries(from.agencies) as [AgencyId, Participation][]) {
      if (!agencies[agency]) agencies[agency] = p;
    }
    const domains = [...into.domains, ...from.domains.filter((d) => !into.domains.includes(d))];
    const alerts = [...into.alerts, ...from.alerts.filter((a) => !into.alerts.includes(a))];
    next = setIncident(
      next,
      incidentWith(into, {
        alerts,
        unlinked: mergedUnlinked(into, from, alerts),
        agencies,
        domains,
        tasks: { ...from.tasks, ...into.tasks },
        notes: [...into.notes, ...from.notes].sort((a, b) => a.seq - b.seq),
        level: Math.min(into.level, from.level) as Incident['level'],
        overdue: into.overdue || from.overdue,
        updatedAt: e.time,
      }),
    );
    return done(
      setIncident(
        next,
        incidentWith(from, {
          alerts: [],
          status: 'closed',
          mergedInto: into.id,
          closed: { at: e.time, by: e.actor, disposition: 'duplicate', summary: `merged into ${into.id}` },
          updatedAt: e.time,
        }),
      ),
    );
  },

  'incident.taskCreated': (state, e) => {
    const incident = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    if (incident.tasks[e.body.taskId]) return fail(`task ${e.body.taskId} already exists`);
    const task = newTask({ id: e.body.taskId, title: e.body.title, agency: e.body.agency, due: e.body.due, createdBy: e.actor, createdAt: e.time });
    return done(setIncident(state, incidentWith(incident, { tasks: { ...incident.tasks, [task.id]: task }, updatedAt: e.time })));
  },

  'incident.taskUpdated': (state, e) => {
    const incident = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    const task = incident.tasks[e.body.taskId];
    if (!task) return fail(`no task ${e.body.taskId} on ${incident.id}`);
    if (!canMove(TASK_TRANSITIONS, task.status, e.body.status)) return fail(`task ${task.id} cannot go from ${task.status} to ${e.body.status}`);
    const updated = taskWith(task, {
      status: e.body.status,
      updatedAt: e.time,
      doneAt: e.body.status === 'done' ? e.time : task.doneAt,
      overdue: task.escalatedAt !== undefined && taskPending(e.body.status),
    });
    const tasks = { ...incident.tasks, [task.id]: updated };
    return done(setIncident(state, incidentWith(incident, { tasks, overdue: overdueOf({ ...incident, tasks }), updatedAt: e.time })));
  },

  'incident.noteAdded': (state, e) => {
    const incident = incidentOr(state, e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    const note = { seq: e.seq, by: e.actor, at: e.time, text: e.body.text, mentions: e.body.mentions };
    return done(setIncident(state, incidentWith(incident, { notes: [...incident.notes, note], updatedAt: e.time })));
  },

  'incident.closed': (state, e) => {
    const incident = openIncident(incidentOr(state, e.body.incidentId), e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    return done(
      setIncident(
        state,
        incidentWith(incident, {
          status: 'closed',
          closed: { at: e.time, by: e.actor, disposition: e.body.disposition, summary: e.body.summary },
          resolvedAt: incident.resolvedAt ?? e.time,
          updatedAt: e.time,
        }),
      ),
    );
  },

  'incident.reopened': (state, e) => {
    const incident = incidentOr(state, e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    if (incident.status !== 'closed') return fail(`incident ${incident.id} is not closed`);
    if (incident.mergedInto) return fail(`incident ${incident.id} was merged into ${incident.mergedInto}`);
    // A closed record keeps, as history, alerts an operator linked elsewhere since; reopened, the
    // incident is live again and lists only the alerts that belong to it (so unlinking or linking
    // one of those later can neither clear another incident's link nor list an alert twice).
    const alerts = incident.alerts.filter((id) => state.alerts.get(id)?.incidentId === incident.id);
    return done(
      setIncident(
        state,
        incidentWith(incident, {
          closed: undefined,
          resolvedAt: undefined,
          status: 'open',
          updatedAt: e.time,
          ...(alerts.length === incident.alerts.length ? {} : { alerts }),
        }),
      ),
    );
  },

  // Reminders and escalations are recorded where the schedule looks for them
  // (shared/domain/slaSchedule.ts), so each is sent once.
  'sla.reminder': (state, e) => {
    const incident = incidentOr(state, e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    switch (e.body.kind) {
      case 'acknowledge': {
        const p = incident.agencies[e.body.agency];
        if (!p) return fail(`${e.body.agency} was not requested on ${incident.id}`);
        return done(setIncident(state, incidentWith(incident, { agencies: { ...incident.agencies, [e.body.agency]: participationWith(p, { reminded: true, remindedAt: e.time }) } })));
      }
      case 'resolve':
        return done(setIncident(state, incidentWith(incident, { resolveRemindedAt: e.time })));
      case 'task': {
        const task = e.body.taskId === undefined ? undefined : incident.tasks[e.body.taskId];
        if (!task) return fail(`no task ${e.body.taskId ?? '(none given)'} on ${incident.id}`);
        return done(setIncident(state, incidentWith(incident, { tasks: { ...incident.tasks, [task.id]: taskWith(task, { remindedAt: e.time }) } })));
      }
    }
  },

  'sla.escalated': (state, e) => {
    const incident = incidentOr(state, e.body.incidentId);
    if (typeof incident === 'string') return fail(incident);
    switch (e.body.kind) {
      case 'acknowledge': {
        const p = incident.agencies[e.body.agency];
        const agencies = p ? { ...incident.agencies, [e.body.agency]: participationWith(p, { overdue: true }) } : incident.agencies;
        return done(setIncident(state, incidentWith(incident, { agencies, overdue: true })));
      }
      case 'resolve':
        return done(setIncident(state, incidentWith(incident, { resolveEscalatedAt: e.time, overdue: true })));
      case 'task': {
        const task = e.body.taskId === undefined ? undefined : incident.tasks[e.body.taskId];
        if (!task) return fail(`no task ${e.body.taskId ?? '(none given)'} on ${incident.id}`);
        const tasks = { ...incident.tasks, [task.id]: taskWith(task, { escalatedAt: e.time, overdue: taskPending(task.status) }) };
        return done(setIncident(state, incidentWith(incident, { tasks, overdue: true })));
      }
    }
  },

  'source.statusChanged': (state, e) => {
    const prev = state.sources.get(e.body.feed);
    const sources = state.sources.set(e.body.feed, {
      feed: e.body.feed,
      status: e.body.status,
      since: prev?.status === e.body.status ? prev.since : e.time,
      detail: e.body.detail,
      quarantined: prev?.quarantined ?? 0,
    });
    return done(stateWith(state, { sources }));
  },

  // Feed configuration lives at the hub (issue 9); the log records who changed it, for audit and replay.
  'source.configured': (state) => done(state),
  'source.removed': (state, e) => (state.sources.has(e.body.feed) ? done(stateWith(state, { sources: state.sources.delete(e.body.feed) })) : done(state)),
};

function taskPending(status: Task['status']): boolean {
  return status === 'open' || status === 'in-progress';
}

/** Whether anything escalated on the incident is still unanswered (see `Incident.overdue`). */
function overdueOf(incident: Pick<Incident, 'agencies' | 'tasks' | 'status' | 'resolveEscalatedAt'>): boolean {
  if (incident.resolveEscalatedAt !== undefined && incident.status !== 'resolved' && incident.status !== 'closed') return true;
  for (const p of Object.values(incident.agencies)) if (p?.overdue === true) return true;
  for (const t of Object.values(incident.tasks)) if (t.overdue === true) return true;
  return false;
}

function outcomeOf(state: State, event: DomainEvent): Outcome {
  const handler = handlers[event.type] as Handler<DomainEvent['type']> | undefined;
  if (!handler) return fail(`unknown event type ${String(event.type)}`);
  try {
    return handler(state, event as never);
  } catch (e) {
    // Only reachable with an event that bypassed its schema (e.g. a corrupt row).
    return fail(`malformed ${event.type}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Applies one event, or says why it cannot be applied. Does not move the head. */
export function applyEvent(state: State, event: DomainEvent): Applied {
  const r = outcomeOf(state, event);
  return typeof r === 'string' ? { ok: false, reason: r } : { ok: true, state: r };
}

/** Folds one event in. Never throws; an inapplicable event is counted in `rejected`. */
export function reduce(state: State, event: DomainEvent): State {
  const r = outcomeOf(state, event);
  const time = event.time > state.time ? event.time : state.time;
  const next = copyState(typeof r === 'string' ? state : r);
  next.seq = event.seq;
  next.hash = event.hash;
  next.time = time;
  if (typeof r === 'string') {
    next.rejected = state.rejected + 1;
    next.lastRejection = { seq: event.seq, reason: r };
  }
  return next;
}

/** The working state of a fold from `from`: a copy whose maps are transients of `from`'s. */
function beginFold(from: State): Writable<State> {
  const state = copyState(from);
  state.alerts = from.alerts.asTransient();
  state.aliases = from.aliases.asTransient();
  state.incidents = from.incidents.asTransient();
  state.sources = from.sources.asTransient();
  return state;
}

/**
 * One event into a fold's working state (`fold` and `Folding` alike): the
 * state after it, which is `state` moved on in place or a copy a handler
 * made of it. An inapplicable event is counted in `rejected`.
 */
function foldStep(state: Writable<State>, e: DomainEvent): Writable<State> {
  const r = outcomeOf(state, e);
  if (typeof r === 'string') {
    state.rejected += 1;
    state.lastRejection = { seq: e.seq, reason: r };
  } else if (r !== state) {
    // A copy a handler just made of `state` (a scalar or a map object
    // changed): this fold's own, seen by no one, so it is moved on in place.
    state = r as Writable<State>;
  }
  if (e.time > state.time) state.time = e.time;
  state.seq = e.seq;
  state.hash = e.hash;
  return state;
}

/** Ends a fold's edit: its maps become persistent, in a fresh state object (the working one is never handed out). */
function endFold(state: Writable<State>): State {
  state.alerts = state.alerts.persistent();
  state.aliases = state.aliases.persistent();
  state.incidents = state.incidents.persistent();
  state.sources = state.sources.persistent();
  return copyState(state);
}

/**
 * An incremental `fold`: events go in one at a time and the state after each
 * can be read in between, as the hub's correlation must (it reads the state
 * before every alert), at the cost of a fold, not of `reduce` per event.
 *
 * ```ts
 * const f = new Folding(state);
 * for (const e of sealed) index.apply(e, f.apply(e));
 * state = f.finish();
 * ```
 *
 * The state `apply` returns and `current` are this folding's working state:
 * read it, do not keep it (it, its maps and the alerts this folding made change
 * in place with the next event). `finish` ends the edit and returns a normal,
 * persistent state equal to `reduce` applied event by event. `from` is never
 * changed, so dropping a folding without finishing it rolls everything back.
 */
export class Folding {
  private working: Writable<State> | null = null;
  private done = false;

  constructor(private readonly from: State = initialState) {}

  /** The state after the events so far (`from` before the first); read it, do not keep it. */
  get current(): State {
    return this.working ?? this.from;
  }

  /** Folds one event in (an inapplicable one is counted in `rejected`) and returns the working state. */
  apply(e: DomainEvent): State {
    if (this.done) throw new Error('Folding.apply after finish');
    const state = foldStep(this.working ?? beginFold(this.from), e);
    this.working = state;
    return state;
  }

  /** Ends the edit: the persistent state after every event applied (`from` if none was). */
  finish(): State {
    this.done = true;
    const state = this.working;
    if (state === null) return this.from;
    this.working = null;
    return endFold(state);
  }
}

/**
 * Folds events into `from` (which is never changed). Equal to applying
 * `reduce` one event at a time, but faster: the intermediate states cannot
 * be observed, so the maps are edited as transients (in place, but only the
 * nodes this fold created) and frozen at the end, and the state object is
 * one this fold owns and moves the head of in place. Alerts this fold made
 * (received, or copied once) are handed over to its transient and changed in
 * place by later events of the same fold (`editAlert`); alerts of `from` are
 * copied. This is why every handler checks before it writes: a refused event
 * must leave the transients (and the alerts they own) as they were.
 * `Folding` does the same one event at a time (this loop keeps its working
 * state in a local: measured a little faster than a `Folding` per fold).
 */
export function fold(events: Iterable<DomainEvent>, from: State = initialState): State {
  // An index over an array: `for…of` made an iterator result object per event.
  const list = Array.isArray(events) ? (events as readonly DomainEvent[]) : [...events];
  let state: Writable<State> | null = null;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    state = foldStep(state ?? beginFold(from), e);
  }
  return state === null ? from : endFold(state);
}
