/**
 * Correlation (DESIGN §3): turns one normalised alert into the events the hub
 * seals and appends. Pure: reads the folded state and the incident index,
 * never changes either. Every draft it returns is one the reducer accepts when
 * sealed in order; where the reducer would refuse (an update of a cancelled
 * alert, a changed domain), the message is quarantined with a reason instead.
 */
import { AGENCY_OF_DOMAIN, DOMAINS, type Domain } from '../domain/agencies';
import { draft, type Actor, type EventDraft } from '../domain/events';
import type { Alert, AlertContent, AlertId, CapStatus, Classification, Incident, Point } from '../domain/model';
import { aliasKey, alertIdOf, type State } from '../domain/state';
import { ALERT_TRANSITIONS, canMove, isActiveAlertStatus } from '../domain/transitions';
import { atOrAbove, compatible, levelFor, topicsOf, type CorrelationConfig } from './config';
import { haversineKm } from './geo';
import type { IncidentIndex, NearestQuery } from './incidentIndex';

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
  if (content.version <= alert.version) return repeated(alertId, content, ctx);
  if (content.msgType === 'Cancel') {
    // A source cancelling in place (same id, higher version) means cancel, not "update to a cancel".
    if (!canMove(ALERT_TRANSITIONS, alert.status, 'cancelled')) return repeated(alertId, content, ctx);
    return { ok: true, events: [cancelDraft(alertId, content, ctx)] };
  }
  const refusal = updateRefusal(alert, content);
  if (refusal) return quarantine(refusal);
  return { ok: true, events: [draft('alert.updated', ctx.time, ctx.actor, { alertId, content }), ...escalate(state, alert, content, ctx, config, index)] };
}

function repeated(alertId: AlertId, content: AlertContent, ctx: CorrelationContext): Correlated {
  return { ok: true, events: [draft('alert.repeated', ctx.time, ctx.actor, { alertId, sourceId: content.sourceId })] };
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
  // No alert holds this id: `alertIdOf` (the caller's first step) would have found it under the same key.
  const alertId = aliasKey(content.feed, content.sourceId);
  const events: EventDraft[] = [draft('alert.received', ctx.time, ctx.actor, { alertId, content })];
  if (CORRELATED_STATUSES.has(content.capStatus)) incidentFor(events, state, alertId, content, ctx, config, index, true);
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
  const out: EventDraft[] = [];
  incidentFor(out, state, alert.id, content, ctx, config, index, false);
  return out;
}

/**
 * Whether an alert of `mine` topics below `openThreshold` may join `incident`:
 * an incident none of whose alerts belongs to a topic takes it (proximity and
 * domains decide); a topical one only if they share a topic.
 */
function topicalFit(state: State, incident: Incident, mine: readonly string[], config: CorrelationConfig, index: IncidentIndex): boolean {
  // The index counts the topics of the alerts linked to the incident: a lookup, not a read of its alerts.
  // Its list holds exactly those unless an operator moved one of them away while it was closed (a closed
  // incident's record keeps its alerts) and it was reopened: then its list is read, as it always was.
  if (incident.alerts.length !== index.linkedCount(incident.id)) return listedFit(state, incident, mine, config, index);
  const counts = index.topicCounts(incident.id, config.topics, state);
  return counts === undefined || mine.some((t) => counts.has(t));
}

/** `topicalFit` by a read of every alert the incident lists (an incident whose list is not its linked alerts). */
function listedFit(state: State, incident: Incident, mine: readonly string[], config: CorrelationConfig, index: IncidentIndex): boolean {
  if (!index.hasCodedAlerts(incident.id)) return true;
  let topical = false;
  const check = (a: Pick<AlertContent, 'eventCode' | 'attributes'>): boolean => {
    if (a.eventCode === undefined) return false;
    const theirs = topicsOf(config.topics, a);
    if (theirs.length === 0) return false;
    topical = true;
    return theirs.some((t) => mine.includes(t));
  };
  for (const id of incident.alerts) {
    const a = state.alerts.get(id);
    if (a && check(a)) return true;
  }
  return !topical;
}

/**
 * Correlation keeps sensitive reports apart from the rest: a sensitive alert
 * joins only a sensitive incident, and any other alert only an incident that
 * is not sensitive. An incident takes its classification from the alert that
 * opened it, and a sensitive incident is hidden from operators and the other
 * agencies' desks: a joint incident opened by a sensitive report (a crowd
 * seen by public security) would hide the whole response from the agencies
 * that must answer, and one opened otherwise would show the sensitive report
 * to them. A person who may see both links them by hand.
 */
export function sameCompartment(alert: Classification, incident: Classification): boolean {
  return (alert === 'sensitive') === (incident === 'sensitive');
}

/** Topics of an alert that no topic guards: none. */
const NO_TOPICS: readonly string[] = [];

/**
 * The incident-side test of rule 3a as a `nearest` query: one object, filled
 * in for each alert and cleared after its query, so a query allocates no
 * closure (correlation runs one alert at a time, and nothing it calls from
 * `accept` correlates). `taken` is the incident `accept` last took: the
 * hit's (accepting ends the walk), read without another lookup.
 */
class LinkQuery implements NearestQuery {
  point: Point = { lon: 0, lat: 0 };
  radiusKm = 0;
  state: State | undefined;
  content: AlertContent | undefined;
  config: CorrelationConfig | undefined;
  index: IncidentIndex | undefined;
  alertId: AlertId = '';
  oldest = 0;
  guarded = false;
  mine: readonly string[] = NO_TOPICS;
  taken: Incident | undefined;

  readonly accept = (incident: Incident): boolean => {
    const { state, content, config, index } = this;
    const fits =
      incident.updatedAt >= this.oldest &&
      !incident.unlinked?.includes(this.alertId) &&
      sameCompartment(content!.classification, incident.classification) &&
      compatible(config!.matrix, content!.domain, incident.domains) &&
      (!this.guarded || topicalFit(state!, incident, this.mine, config!, index!));
    if (fits) this.taken = incident;
    return fits;
  };

  /** Fills the query in for one alert. */
  begin(state: State, alertId: AlertId, content: AlertContent, config: CorrelationConfig, index: IncidentIndex, oldest: number, guarded: boolean, mine: readonly string[]): this {
    this.alertId = alertId;
    this.point = content.point;
    this.radiusKm = config.radiusKm;
    this.state = state;
    this.content = content;
    this.config = config;
    this.index = index;
    this.oldest = oldest;
    this.guarded = guarded;
    this.mine = mine;
    this.taken = undefined;
    return this;
  }

  /** Drops what the query held, so no state outlives the call. */
  clear(): void {
    this.state = this.content = this.config = this.index = this.taken = undefined;
    this.mine = NO_TOPICS;
  }
}

const LINK_QUERY = new LinkQuery();

/** Rule 3a/3b: join the nearest compatible open incident, else open one if severe enough; appends the drafts to `out`. */
function incidentFor(
  out: EventDraft[],
  state: State,
  alertId: AlertId,
  content: AlertContent,
  ctx: CorrelationContext,
  config: CorrelationConfig,
  index: IncidentIndex,
  checkThreshold: boolean,
): void {
  if (atOrAbove(content.severity, config.linkThreshold)) {
    // The incident-side test of rule 3a.
    const oldest = ctx.time - config.windowMinutes * 60_000;
    const guarded = config.topics.length > 0 && !atOrAbove(content.severity, config.openThreshold);
    const mine = guarded ? topicsOf(config.topics, content) : NO_TOPICS;
    const query = LINK_QUERY.begin(state, alertId, content, config, index, oldest, guarded, mine);
    let hit: ReturnType<IncidentIndex['nearest']>;
    let taken: Incident | undefined;
    try {
      hit = index.nearest(state, query);
      taken = query.taken;
    } finally {
      query.clear();
    }
    if (hit) {
      const incident = taken?.id === hit.incidentId ? taken : state.incidents.get(hit.incidentId)!;
      out.push(draft('incident.alertLinked', ctx.time, CORRELATION_ACTOR, { incidentId: hit.incidentId, alertId }));
      lookBack(out, state, incident, alertId, content, ctx, config, index);
      return;
    }
  }
  if (checkThreshold && !atOrAbove(content.severity, config.openThreshold)) return;
  let no = state.nextIncidentNo;
  // Ids are normally free; an imported or hand-numbered incident could hold one.
  while (state.incidents.has(`INC-${no}`)) no++;
  const incidentId = `INC-${no}`;
  out.push(
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
  );
  if (config.requestOwnAgency) out.push(draft('incident.agencyRequested', ctx.time, CORRELATION_ACTOR, { incidentId, agency: AGENCY_OF_DOMAIN[content.domain] }));
  lookBack(out, state, { id: incidentId, alerts: [], domains: [], classification: content.classification }, alertId, content, ctx, config, index);
}

/**
 * Arrival order (README): when `alertId` gives an incident a domain it did not
 * have, recent alerts that stayed apart because no domain of the incident was
 * paired with theirs are looked at again: unlinked, still in play, Actual or
 * Exercise, at or above `linkThreshold`, among the latest `lookBackMax`
 * received within `lookBackMinutes` and `radiusKm` of the alert that brought
 * the domain (`recentGrid.ts`), within `radiusKm` of it or of one this
 * look-back linked, and, below `openThreshold`, fitting the incident's
 * topics. Each one linked may bring another domain, so this runs until
 * nothing more qualifies. Newest first, so the result depends on the state
 * alone. The links are appended to `out`.
 */
function lookBack(out: EventDraft[], state: State, incident: Pick<Incident, 'id' | 'alerts' | 'domains' | 'classification'>, alertId: AlertId, content: AlertContent, ctx: CorrelationContext, config: CorrelationConfig, index: IncidentIndex): void {
  if (config.lookBackMinutes <= 0 || config.lookBackMax <= 0 || incident.domains.includes(content.domain)) return;
  // Round one can link only a domain the alert's own newly makes compatible, and later rounds follow its links: none, no walk.
  // (Compatible with the domains plus the alert's = compatible with the domains, or paired with the alert's.)
  let opens = false;
  for (const d of DOMAINS) if (config.matrix[d][content.domain] && !compatible(config.matrix, d, incident.domains)) opens = true;
  if (!opens) return;
  const oldest = ctx.time - config.lookBackMinutes * 60_000;
  // An alert whose domain the incident already took was judged when it arrived: not read at all.
  const unjudged = DOMAINS.filter((d) => !compatible(config.matrix, d, incident.domains));
  const candidates: Alert[] = [];
  // The latest near the report that brought the domain, newest first: where the new part of the case is.
  for (const r of index.recentNear(content.point, config.radiusKm, config.lookBackMax, oldest, unjudged)) {
    if (r.id === alertId || index.isLinked(r.id)) continue;
    const a = state.alerts.get(r.id);
    if (!a) continue;
    if (a.incidentId !== undefined || !isActiveAlertStatus(a.status) || !CORRELATED_STATUSES.has(a.capStatus)) continue;
    if (!atOrAbove(a.severity, config.linkThreshold) || !sameCompartment(a.classification, incident.classification)) continue;
    candidates.push(a);
  }
  if (candidates.length === 0) return;
  const domains: Domain[] = [...incident.domains];
  // Near the report that brought the domain, or one linked by this look-back: where the new part of the case is.
  const points: Point[] = [content.point];
  let topics: Set<string> | undefined;
  const topicsNow = (): Set<string> => {
    if (topics) return topics;
    topics = new Set<string>(topicsOf(config.topics, content));
    if (!index.hasCodedAlerts(incident.id)) return topics;
    for (const id of incident.alerts) {
      const a = state.alerts.get(id);
      if (a) for (const t of topicsOf(config.topics, a)) topics.add(t);
    }
    return topics;
  };
  let fresh: Domain[] = [content.domain];
  while (fresh.length > 0) {
    const before = [...domains];
    for (const d of fresh) if (!domains.includes(d)) domains.push(d);
    fresh = [];
    for (let i = 0; i < candidates.length; i++) {
      const a = candidates[i]!;
      // Only what the new domains make compatible: the rest was judged when it arrived.
      if (!compatible(config.matrix, a.domain, domains) || compatible(config.matrix, a.domain, before)) continue;
      if (!points.some((p) => haversineKm(p, a.point) <= config.radiusKm)) continue;
      const mine = topicsOf(config.topics, a);
      const held = topicsNow();
      if (held.size > 0 && !atOrAbove(a.severity, config.openThreshold) && !mine.some((t) => held.has(t))) continue;
      out.push(draft('incident.alertLinked', ctx.time, CORRELATION_ACTOR, { incidentId: incident.id, alertId: a.id }));
      candidates.splice(i--, 1);
      points.push(a.point);
      for (const t of mine) topicsNow().add(t);
      if (!domains.includes(a.domain) && !fresh.includes(a.domain)) fresh.push(a.domain);
    }
  }
}
