/**
 * `decide(state, command, user, now)`: the events a command appends, or why
 * it is refused (forbidden, not found, conflict, invalid). Pure; the hub
 * persists exactly what this returns (DESIGN §4).
 *
 * Order of checks: the target must exist and be visible to the user
 * (`not-found` otherwise, so hidden things stay hidden), then permission
 * (`forbidden`), then the state machines (`conflict`, with who and when).
 */
import { AGENCIES, type AgencyId } from './agencies';
import { draft, type EventDraft } from './events';
import type { Alert, Incident } from './model';
import { actorOf, authorize, canSee, type CommandTarget, type User } from './roles';
import type { State } from './state';
import { ALERT_TRANSITIONS, canMove, INCIDENT_TRANSITIONS, PARTICIPATION_TRANSITIONS, TASK_TRANSITIONS } from './transitions';
import type { Command, CommandBody, Refusal } from '../protocol/commands';
import type { CommandType } from './roles';

export type Decision = { ok: true; events: EventDraft[] } | Refusal;

const refuse = (code: Refusal['code'], message: string, detail?: Refusal['detail']): Refusal => ({ ok: false, code, message, ...(detail ? { detail } : {}) });
const accept = (...events: EventDraft[]): Decision => ({ ok: true, events });

function visibleAlert(state: State, user: User, alertId: string): Alert | Refusal {
  const alert = state.alerts.get(alertId);
  if (!alert || !canSee(user, alert.classification, alert.agency)) return refuse('not-found', `no alert ${alertId}`);
  return alert;
}

function visibleIncident(state: State, user: User, incidentId: string): Incident | Refusal {
  const incident = state.incidents.get(incidentId);
  if (!incident || !canSee(user, incident.classification, incident.lead)) return refuse('not-found', `no incident ${incidentId}`);
  return incident;
}

const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && (x as Refusal).ok === false;

function permit(user: User, type: CommandType, target: CommandTarget): Refusal | null {
  return authorize(user, type, target) ? null : refuse('forbidden', `${user.role} ${user.name} may not ${type}${target.agency ? ` for ${target.agency}` : ''}`);
}

function alertConflict(alert: Alert, to: Alert['status']): Refusal | null {
  if (canMove(ALERT_TRANSITIONS, alert.status, to)) return null;
  const who = alert.dismissed ?? alert.acknowledged;
  const at = alert.dismissed?.at ?? alert.acknowledged?.at ?? alert.cancelled?.at;
  return refuse('conflict', `alert ${alert.id} is already ${alert.status}${who ? ` by ${who.by}` : ''}`, { status: alert.status, by: who?.by, at });
}

function openOnly(incident: Incident): Refusal | null {
  if (incident.status !== 'closed') return null;
  return refuse('conflict', `incident ${incident.id} is closed`, { status: 'closed', by: incident.closed?.by, at: incident.closed?.at });
}

/** `@agency` mentions in a note: an agency id (`@hlj-traffic`) or its short Chinese/English name (`@交通运输`, `@Transport`). */
export function mentionsIn(text: string): AgencyId[] {
  const found = new Set<AgencyId>();
  for (const agency of Object.values(AGENCIES)) {
    const names = [agency.id, agency.short.zh, agency.short.en];
    if (names.some((n) => text.includes(`@${n}`))) found.add(agency.id);
  }
  return [...found];
}

type Decider<T extends CommandType> = (state: State, body: CommandBody<T>, user: User, now: number) => Decision;

const deciders: { [T in CommandType]: Decider<T> } = {
  'alert.acknowledge': (state, body, user, now) => {
    const alert = visibleAlert(state, user, body.alertId);
    if (isRefusal(alert)) return alert;
    return permit(user, 'alert.acknowledge', { agency: alert.agency }) ?? alertConflict(alert, 'acknowledged') ?? accept(draft('alert.acknowledged', now, actorOf(user), { alertId: alert.id }));
  },

  'alert.dismiss': (state, body, user, now) => {
    const alert = visibleAlert(state, user, body.alertId);
    if (isRefusal(alert)) return alert;
    return (
      permit(user, 'alert.dismiss', { agency: alert.agency }) ??
      alertConflict(alert, 'dismissed') ??
      accept(draft('alert.dismissed', now, actorOf(user), { alertId: alert.id, disposition: body.disposition, reason: body.reason }))
    );
  },

  'incident.open': (state, body, user, now) => {
    const denied = permit(user, 'incident.open', {});
    if (denied) return denied;
    const alerts: Alert[] = [];
    for (const id of new Set(body.alertIds)) {
      const alert = visibleAlert(state, user, id);
      if (isRefusal(alert)) return alert;
      alerts.push(alert);
    }
    const first = alerts[0]!;
    const severest = [...alerts].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))[0]!;
    const no = state.nextIncidentNo;
    const incidentId = `INC-${no}`;
    const events: EventDraft[] = [];
    // Alerts already in another open incident move over: unlink first so the log says so.
    for (const a of alerts) {
      if (a.incidentId && isOpen(state, a.incidentId)) events.push(draft('incident.alertUnlinked', now, actorOf(user), { incidentId: a.incidentId, alertId: a.id }));
    }
    events.push(
      draft('incident.opened', now, actorOf(user), {
        incidentId,
        no,
        title: body.title ?? first.headline,
        level: body.level ?? levelOfSeverity(severest.severity),
        alertIds: alerts.map((a) => a.id),
        location: first.point,
        region: first.region,
        classification: alerts.some((a) => a.classification === 'sensitive') ? 'sensitive' : 'internal',
        domains: [...new Set(alerts.map((a) => a.domain))],
      }),
    );
    return accept(...events);
  },

  'incident.setLevel': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.setLevel', (incident) => {
      if (incident.level === body.level) return refuse('conflict', `incident ${incident.id} is already level ${body.level}`, { status: String(body.level) });
      return accept(draft('incident.levelChanged', now, actorOf(user), { incidentId: incident.id, level: body.level, reason: body.reason }));
    }),

  'incident.setStatus': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.setStatus', (incident) => {
      if (!canMove(INCIDENT_TRANSITIONS, incident.status, body.status)) {
        return refuse('conflict', `incident ${incident.id} cannot go from ${incident.status} to ${body.status}`, { status: incident.status });
      }
      return accept(draft('incident.statusChanged', now, actorOf(user), { incidentId: incident.id, status: body.status }));
    }),

  'incident.assignLead': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.assignLead', (incident) => {
      if (incident.lead === body.agency) return refuse('conflict', `${body.agency} already leads ${incident.id}`, { status: 'lead' });
      return accept(draft('incident.leadAssigned', now, actorOf(user), { incidentId: incident.id, agency: body.agency }));
    }),

  'incident.requestAgency': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.requestAgency', (incident) => {
      const p = incident.agencies[body.agency];
      if (p && p.status !== 'declined') return refuse('conflict', `${body.agency} is already ${p.status} on ${incident.id}`, { status: p.status, by: p.lastBy ?? p.requestedBy, at: p.lastAt ?? p.requestedAt });
      return accept(draft('incident.agencyRequested', now, actorOf(user), { incidentId: incident.id, agency: body.agency }));
    }),

  'incident.respond': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.respond', (incident) => {
      const p = incident.agencies[body.agency];
      if (!p) return refuse('conflict', `${body.agency} was not requested on ${incident.id}`);
      if (body.response === 'declined' && !body.reason) return refuse('invalid', 'declining needs a reason');
      if (!canMove(PARTICIPATION_TRANSITIONS, p.status, body.response)) {
        return refuse('conflict', `${body.agency} is already ${p.status} on ${incident.id}`, { status: p.status, by: p.lastBy, at: p.lastAt });
      }
      return accept(draft('incident.agencyResponded', now, actorOf(user), { incidentId: incident.id, agency: body.agency, response: body.response, reason: body.reason }));
    }, { agency: body.agency }),

  'incident.linkAlert': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.linkAlert', (incident) => {
      const alert = visibleAlert(state, user, body.alertId);
      if (isRefusal(alert)) return alert;
      if (alert.incidentId === incident.id) return refuse('conflict', `alert ${alert.id} is already linked to ${incident.id}`);
      const events: EventDraft[] = [];
      if (alert.incidentId && isOpen(state, alert.incidentId)) events.push(draft('incident.alertUnlinked', now, actorOf(user), { incidentId: alert.incidentId, alertId: alert.id }));
      events.push(draft('incident.alertLinked', now, actorOf(user), { incidentId: incident.id, alertId: alert.id }));
      return accept(...events);
    }),

  'incident.unlinkAlert': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.unlinkAlert', (incident) => {
      if (!incident.alerts.includes(body.alertId)) return refuse('conflict', `alert ${body.alertId} is not linked to ${incident.id}`);
      return accept(draft('incident.alertUnlinked', now, actorOf(user), { incidentId: incident.id, alertId: body.alertId }));
    }),

  'incident.merge': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.merge', (into) => {
      const from = visibleIncident(state, user, body.from);
      if (isRefusal(from)) return from;
      if (from.id === into.id) return refuse('invalid', 'an incident cannot be merged into itself');
      const closed = openOnly(from);
      if (closed) return closed;
      return accept(draft('incident.merged', now, actorOf(user), { incidentId: into.id, from: from.id }));
    }),

  'incident.createTask': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.createTask', (incident) => {
      if (body.due <= now) return refuse('invalid', 'a task is due in the future');
      const taskId = `T${Object.keys(incident.tasks).length + 1}`;
      return accept(draft('incident.taskCreated', now, actorOf(user), { incidentId: incident.id, taskId, title: body.title, agency: body.agency, due: body.due }));
    }),

  'incident.updateTask': (state, body, user, now) => {
    const incident = visibleIncident(state, user, body.incidentId);
    if (isRefusal(incident)) return incident;
    const task = incident.tasks[body.taskId];
    if (!task) return refuse('not-found', `no task ${body.taskId} on ${incident.id}`);
    return withIncident(state, user, body.incidentId, 'incident.updateTask', () => {
      if (!canMove(TASK_TRANSITIONS, task.status, body.status)) {
        return refuse('conflict', `task ${task.id} is already ${task.status}`, { status: task.status, at: task.updatedAt });
      }
      return accept(draft('incident.taskUpdated', now, actorOf(user), { incidentId: incident.id, taskId: task.id, status: body.status }));
    }, { agency: task.agency });
  },

  'incident.addNote': (state, body, user, now) => {
    const incident = visibleIncident(state, user, body.incidentId);
    if (isRefusal(incident)) return incident;
    // Notes stay possible on a closed incident (after-action remarks).
    return (
      permit(user, 'incident.addNote', { lead: incident.lead }) ??
      accept(draft('incident.noteAdded', now, actorOf(user), { incidentId: incident.id, text: body.text.trim(), mentions: mentionsIn(body.text) }))
    );
  },

  'incident.close': (state, body, user, now) =>
    withIncident(state, user, body.incidentId, 'incident.close', (incident) =>
      accept(draft('incident.closed', now, actorOf(user), { incidentId: incident.id, disposition: body.disposition, summary: body.summary })),
    ),

  'incident.reopen': (state, body, user, now) => {
    const incident = visibleIncident(state, user, body.incidentId);
    if (isRefusal(incident)) return incident;
    const denied = permit(user, 'incident.reopen', { lead: incident.lead });
    if (denied) return denied;
    if (incident.status !== 'closed') return refuse('conflict', `incident ${incident.id} is not closed`, { status: incident.status });
    if (incident.mergedInto) return refuse('conflict', `incident ${incident.id} was merged into ${incident.mergedInto}`);
    return accept(draft('incident.reopened', now, actorOf(user), { incidentId: incident.id, reason: body.reason }));
  },
};

/** Looks up a visible, open incident, checks permission on it, then runs `then`. */
function withIncident(
  state: State,
  user: User,
  incidentId: string,
  type: CommandType,
  then: (incident: Incident) => Decision,
  target: CommandTarget = {},
): Decision {
  const incident = visibleIncident(state, user, incidentId);
  if (isRefusal(incident)) return incident;
  return permit(user, type, { ...target, lead: incident.lead }) ?? openOnly(incident) ?? then(incident);
}

function isOpen(state: State, incidentId: string): boolean {
  const i = state.incidents.get(incidentId);
  return i !== undefined && i.status !== 'closed';
}

const SEVERITY_RANK = { Extreme: 0, Severe: 1, Moderate: 2, Minor: 3, Unknown: 4 } as const;
function severityRank(s: Alert['severity']): number {
  return SEVERITY_RANK[s];
}
/** Level of an incident an operator opens by hand when no level is given. */
function levelOfSeverity(s: Alert['severity']): Incident['level'] {
  return s === 'Extreme' ? 2 : s === 'Severe' ? 3 : 4;
}

export function decide(state: State, command: Command, user: User, now: number): Decision {
  const decider = deciders[command.type] as Decider<CommandType>;
  return decider(state, command.body as never, user, now);
}
