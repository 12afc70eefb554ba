/**
 * Correlation (DESIGN §3): turns one normalised alert into the events the hub
 * seals and appends. Pure: reads the folded state and the incident index,
 * never changes either. Every draft it returns is one the reducer accepts when
 * sealed in order; where the reducer would refuse (an update of a cancelled
 * alert, a changed domain), the message is quarantined with a reason instead.
 */
import { AGENCY_OF_DOMAIN } from '../domain/agencies';
import { draft, type Actor, type EventDraft } from '../domain/events';
import type { Alert, AlertContent, AlertId, CapStatus } from '../domain/model';
import { aliasKey, alertIdOf, type State } from '../domain/state';
import { ALERT_TRANSITIONS, canMove, isActiveAlertStatus } from '../domain/transitions';
import { atOrAbove, compatible, levelFor, type CorrelationConfig } from './config';
import type { IncidentIndex } from './incidentIndex';

/** What to append, or why the message goes to quarantine instead. */
export type Correlated = { ok: true; events: EventDraft[] } | { ok: false; quarantine: string };

export interface CorrelationContext {
  /** Hub receive time, epoch ms; the time of every draft. */
  readonly time: number;
  /** `source:<feed>`: the actor of the alert events. */
  readonly actor: Actor;
}

/** Actor of the incident decisions correlation takes on its own. */
export const CORRELATION_ACTOR: Actor = 'system:correlation';

/** Only real-world (and exercise) traffic builds incidents; Test, System and Draft never do. */
const CORRELATED_STATUSES: ReadonlySet<CapStatus> = new Set<CapStatus>(['Actual', 'Exercise']);

const MAX_LISTED = 5;

function quarantine(reason: string): Correlated {
  return { ok: false, quarantine: reason };
}

function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_LISTED).join(', ');
  return ids.length > MAX_LISTED ? `${shown} … (${ids.length})` : shown;
}

/**
 * Correlates one alert. Never throws on valid content; `state` and `index`
 * must describe the same log head (the hub applies every sealed event to both
 * before the next call). Cost: a few map lookups plus one index query.
 */
export function correlateAlert(state: State, content: AlertContent, ctx: CorrelationContext, config: CorrelationConfig, index: IncidentIndex): Correlated {
  const selfId = alertIdOf(state, content.feed, content.sourceId);
  if (selfId !== undefined) return sameMessage(state, content, ctx, config, index, selfId);
  if (content.references.length > 0 && (content.msgType === 'Update' || content.msgType === 'Cancel')) {
    const resolved = resolveReferences(state, content);
    if (content.msgType === 'Cancel') return cancel(state, content, ctx, resolved);
    if (resolved.length > 0) return update(state, content, ctx, config, index, resolved);
  }
  if (content.msgType === 'Cancel') return quarantine(`Cancel references no known alert: ${listed(content.references) || '(none)'}`);
  return received(state, content, ctx, config, index);
}

/** Rule 1: a message already folded in arrives again, possibly re-issued with a higher version. */
function sameMessage(state: State, content: AlertContent, ctx: CorrelationContext, config: CorrelationConfig, index: IncidentIndex, alertId: AlertId): Correlated {
  const alert = state.alerts.get(alertId);
  if (!alert) return quarantine(`alias ${aliasKey(content.feed, content.sourceId)} names missing alert ${alertId}`);
  // Alias keys are `${feed}:${sourceId}`, so feed "a:b" + id "c" collides with feed "a" + id "b:c".
  if (alert.feed !== content.feed) return quarantine(`message id ${aliasKey(content.feed, content.sourceId)} collides with alert ${alertId} of feed ${alert.feed}`);
  const repeated = (): Correlated => ({ ok: true, events: [draft('alert.repeated', ctx.time, ctx.actor, { alertId, sourceId: content.sourceId })] });
  if (content.version <= alert.version) return repeated();
  if (content.msgType === 'Cancel') {
    // A source cancelling in place (same id, higher version) means cancel, not "update to a cancel".
    if (!canMove(ALERT_TRANSITIONS, alert.status, 'cancelled')) return repeated();
    return { ok: true, events: [cancelDraft(alertId, content, ctx)] };
  }
  const refusal = updateRefusal(alert, content);
  if (refusal) return quarantine(refusal);
  return { ok: true, events: [draft('alert.updated', ctx.time, ctx.actor, { alertId, content }), ...escalate(state, alert, content, ctx, config, index)] };
}

/** Source ids of the same feed → alert ids, first occurrence order, without repeats. */
function resolveReferences(state: State, content: AlertContent): Alert[] {
  const seen = new Set<AlertId>();
  const out: Alert[] = [];
  for (const ref of content.references) {
    const id = alertIdOf(state, content.feed, ref);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const alert = state.alerts.get(id);
    if (alert && alert.feed === content.feed) out.push(alert);
  }
  return out;
}

/** Rule 2, Cancel: every referenced alert that may still be cancelled is. */
function cancel(state: State, content: AlertContent, ctx: CorrelationContext, resolved: readonly Alert[]): Correlated {
  if (resolved.length === 0) return quarantine(`Cancel references no known alert: ${listed(content.references)}`);
  const events: EventDraft[] = [];
  for (const alert of resolved) {
    if (canMove(ALERT_TRANSITIONS, alert.status, 'cancelled')) events.push(cancelDraft(alert.id, content, ctx));
  }
  // Everything referenced is already cancelled, superseded or expired: nothing left to do.
  return { ok: true, events };
}

function cancelDraft(alertId: AlertId, content: AlertContent, ctx: CorrelationContext): EventDraft {
  return draft('alert.cancelled', ctx.time, ctx.actor, { alertId, sourceId: content.sourceId, reason: content.description });
}

/**
 * Rule 2, Update: the chain head takes the new content, the other referenced
 * alerts are superseded by it. A head that was itself superseded hands over to
 * the alert that superseded it, so an update naming any link of a chain lands
 * on the live alert.
 */
function update(state: State, content: AlertContent, ctx: CorrelationContext, config: CorrelationConfig, index: IncidentIndex, resolved: readonly Alert[]): Correlated {
  const heads = resolved.map((a) => liveHead(state, a));
  const head = heads.find((a) => a.status !== 'cancelled' && a.status !== 'superseded');
  if (!head) return quarantine(`Update references only cancelled or superseded alerts: ${listed(resolved.map((a) => a.id))}`);
  const refusal = updateRefusal(head, content);
  if (refusal) return quarantine(refusal);
  const events: EventDraft[] = [draft('alert.updated', ctx.time, ctx.actor, { alertId: head.id, content })];
  const done = new Set<AlertId>([head.id]);
  for (const alert of heads) {
    if (done.has(alert.id)) continue;
    done.add(alert.id);
    if (canMove(ALERT_TRANSITIONS, alert.status, 'superseded')) events.push(draft('alert.superseded', ctx.time, ctx.actor, { alertId: alert.id, by: head.id }));
  }
  events.push(...escalate(state, head, content, ctx, config, index));
  return { ok: true, events };
}

/** Follows `supersededBy` to the alert that lives on; bounded in case a log holds a cycle. */
function liveHead(state: State, alert: Alert): Alert {
  let current = alert;
  for (let hops = 0; hops < 64 && current.status === 'superseded' && current.supersededBy !== undefined; hops++) {
    const next = state.alerts.get(current.supersededBy);
    if (!next) break;
    current = next;
  }
  return current;
}

/** Why the reducer would refuse `alert.updated` for this alert, or undefined. */
function updateRefusal(alert: Alert, content: AlertContent): string | undefined {
  if (alert.status === 'cancelled' || alert.status === 'superseded') return `update ${content.sourceId} of ${alert.status} alert ${alert.id}`;
  if (alert.domain !== content.domain) return `update ${content.sourceId} changes the domain of ${alert.id} from ${alert.domain} to ${content.domain}`;
  return undefined;
}

/** Rule 3: a new alert, then the incident it joins or opens. */
function received(state: State, content: AlertContent, ctx: CorrelationContext, config: CorrelationConfig, index: IncidentIndex): Correlated {
  const alertId = `${content.feed}:${content.sourceId}`;
  if (state.alerts.has(alertId)) return quarantine(`alert id ${alertId} is already taken`);
  const events: EventDraft[] = [draft('alert.received', ctx.time, ctx.actor, { alertId, content })];
  if (CORRELATED_STATUSES.has(content.capStatus)) events.push(...incidentFor(state, alertId, content, ctx, config, index, true));
  return { ok: true, events };
}

/**
 * An update that escalates an alert standing alone (linked to no incident) to
 * the opening threshold gets the new-alert treatment, so a rising alert joins
 * or opens an incident. Alerts no longer in play (dismissed) stay out.
 */
function escalate(state: State, alert: Alert, content: AlertContent, ctx: CorrelationContext, config: CorrelationConfig, index: IncidentIndex): EventDraft[] {
  if (alert.incidentId !== undefined) return [];
  // The reducer brings an expired alert back as new when it is re-issued.
  const statusAfter = alert.status === 'expired' ? 'new' : alert.status;
  if (!isActiveAlertStatus(statusAfter) || !CORRELATED_STATUSES.has(content.capStatus)) return [];
  if (!atOrAbove(content.severity, config.openThreshold)) return [];
  return incidentFor(state, alert.id, content, ctx, config, index, false);
}

/** Rule 3a/3b: join the nearest compatible open incident, else open one if severe enough. */
function incidentFor(
  state: State,
  alertId: AlertId,
  content: AlertContent,
  ctx: CorrelationContext,
  config: CorrelationConfig,
  index: IncidentIndex,
  checkThreshold: boolean,
): EventDraft[] {
  const oldest = ctx.time - config.windowMinutes * 60_000;
  const hit = atOrAbove(content.severity, config.linkThreshold) && index.nearest(state, {
    point: content.point,
    radiusKm: config.radiusKm,
    accept: (incident) => incident.updatedAt >= oldest && compatible(config.matrix, content.domain, incident.domains),
  });
  if (hit) return [draft('incident.alertLinked', ctx.time, CORRELATION_ACTOR, { incidentId: hit.incidentId, alertId })];
  if (checkThreshold && !atOrAbove(content.severity, config.openThreshold)) return [];
  let no = state.nextIncidentNo;
  // Ids are normally free; an imported or hand-numbered incident could hold one.
  while (state.incidents.has(`INC-${no}`)) no++;
  const incidentId = `INC-${no}`;
  const events: EventDraft[] = [
    draft('incident.opened', ctx.time, CORRELATION_ACTOR, {
      incidentId,
      no,
      title: content.headline,
      level: levelFor(content, config.levels),
      alertIds: [alertId],
      location: content.point,
      region: content.region,
      classification: content.classification,
      domains: [content.domain],
    }),
  ];
  if (config.requestOwnAgency) events.push(draft('incident.agencyRequested', ctx.time, CORRELATION_ACTOR, { incidentId, agency: AGENCY_OF_DOMAIN[content.domain] }));
  return events;
}
