/**
 * Spatial index of the alerts linked to open incidents, so that finding the
 * incident a new alert should join costs a walk over a few nearby grid cells
 * (`pointGrid.ts`) instead of a scan.
 *
 * The index holds one entry per (open incident, linked alert) at the alert's
 * point; it is derived from `State` and nothing else, so `apply` re-reads the
 * entities an event touched from the state after the fold rather than
 * replaying the event's logic (a rejected event then changes nothing).
 */
import type { AlertContent, AlertId, Incident, IncidentId, Point } from '../domain/model';
import type { Domain } from '../domain/agencies';
import type { DomainEvent } from '../domain/events';
import type { State } from '../domain/state';
import { topicsOf, type Topic } from './config';
import { PointGrid } from './pointGrid';
import { RecentGrid, type RecentAlert } from './recentGrid';

/** What `nearest` found: the incident, its alert closest to the query point, and the distance in kilometres. */
export interface NearestHit {
  readonly incidentId: IncidentId;
  readonly alertId: AlertId;
  readonly distanceKm: number;
}

export interface NearestQuery {
  /** Where the new alert is (WGS84 degrees). */
  readonly point: Point;
  /** Largest distance to a linked alert, kilometres. */
  readonly radiusKm: number;
  /** Further conditions on the incident (time window, domains); called at most once per incident per query. */
  readonly accept?: (incident: Incident) => boolean;
}

/** Open means it can still take alerts: the reducer refuses links to closed (and so to merged) incidents. */
export function isOpenIncident(incident: Incident): boolean {
  return incident.status !== 'closed' && incident.mergedInto === undefined;
}

export class IncidentIndex {
  /** One point per (open incident, linked alert), at the alert's point. */
  private readonly grid = new PointGrid();
  /** The grid slot of each indexed alert. */
  private readonly byAlert = new Map<AlertId, number>();
  private readonly byIncident = new Map<IncidentId, Set<AlertId>>();
  /** Per slot: whether the alert carries an `eventCode` (only such alerts can make an incident topical). */
  private readonly coded: boolean[] = [];
  /** Per incident, how many of its indexed alerts carry an `eventCode`. */
  private readonly codedCount = new Map<IncidentId, number>();
  /** The topics `slotTopics` and `topicCount` were computed with; undefined until a caller names them. */
  private topics: readonly Topic[] | undefined;
  /** Per slot: `topicsOf(topics, alert)` of the indexed alert (empty while `topics` is undefined). */
  private readonly slotTopics: (readonly string[])[] = [];
  /** Per incident: how many of its indexed alerts belong to each topic (no entry: none does). */
  private readonly topicCount = new Map<IncidentId, Map<string, number>>();
  /**
   * Verdicts of `nearest` per incident, so an incident with many nearby
   * alerts is judged once per query: +query number if accepted, −query
   * number if refused; a verdict of an earlier query does not count. One map
   * for every query, so a query allocates none (at most one entry per
   * incident ever judged, as many as the state holds).
   */
  private readonly verdicts = new Map<IncidentId, number>();
  private query = 0;
  private judging = false;
  /** The received alerts by place, for the look-back (`recentGrid.ts`). */
  private readonly recent = new RecentGrid();

  /** Builds the index for `state` (startup, replay). Linear in the linked alerts. */
  static fromState(state: State, topics?: readonly Topic[]): IncidentIndex {
    const index = new IncidentIndex();
    index.topics = topics;
    for (const incident of state.incidents.values()) {
      if (!isOpenIncident(incident)) continue;
      for (const alertId of incident.alerts) {
        const alert = state.alerts.get(alertId);
        // Same rule as `syncAlert`: the alert's own link is what counts.
        if (!alert || alert.incidentId !== incident.id || index.byAlert.has(alertId)) continue;
        index.add(incident.id, alertId, alert.point, alert.eventCode !== undefined, index.topicsOfAlert(alert));
      }
    }
    // The alerts by the seq that received them: the same lists `apply` keeps.
    const all = [...state.alerts.values()].sort((a, b) => a.receivedSeq - b.receivedSeq);
    for (const a of all) index.recent.add({ id: a.id, domain: a.domain, received: a.received, seq: a.receivedSeq, lon: a.point.lon, lat: a.point.lat });
    return index;
  }

  /** Number of indexed (incident, alert) entries. */
  get size(): number {
    return this.byAlert.size;
  }

  /**
   * Follows the state after the hub folded `event`. Costs a few map and
   * array writes per alert the event touches; a merge, close or reopen
   * touches every alert of the incidents involved.
   */
  apply(event: DomainEvent, stateAfter: State): void {
    switch (event.type) {
      case 'incident.opened':
      case 'incident.closed':
      case 'incident.reopened':
        this.syncIncident(event.body.incidentId, stateAfter);
        return;
      case 'incident.merged':
        this.syncIncident(event.body.from, stateAfter);
        this.syncIncident(event.body.incidentId, stateAfter);
        return;
      case 'incident.alertLinked':
      case 'incident.alertUnlinked':
        // Linking can move the alert out of another incident; syncAlert drops that entry too.
        this.syncAlert(event.body.alertId, stateAfter);
        return;
      case 'alert.received':
        // Received unless the fold refused it (the alert existed): it then records this seq as its last rejection.
        if (stateAfter.lastRejection?.seq !== event.seq) {
          const { domain, point } = event.body.content;
          this.recent.add({ id: event.body.alertId, domain, received: event.time, seq: event.seq, lon: point.lon, lat: point.lat });
        }
        return;
      case 'alert.updated': {
        // The point, the event code or the topics can have changed; unlinked alerts are not indexed.
        if (this.byAlert.has(event.body.alertId)) this.syncAlert(event.body.alertId, stateAfter);
        const alert = stateAfter.alerts.get(event.body.alertId);
        if (alert) this.recent.move(alert.id, alert.point.lon, alert.point.lat);
        return;
      }
      default:
        return;
    }
  }

  /**
   * The accepted open incident with a linked alert nearest to `point`, within
   * `radiusKm` (great-circle). Ties go to the smaller incident id, then alert
   * id, so the answer does not depend on the order the index was built in.
   * Costs the grid cells within the hit's distance and their points; a
   * refused incident is judged once, at its nearest alert, and its other
   * alerts on the way cost a set lookup each (`PointGrid.nearest`).
   */
  nearest(state: State, query: NearestQuery): NearestHit | undefined {
    const { point, radiusKm, accept } = query;
    // A query from inside `accept` (none is made today) gets its own verdicts.
    const shared = !this.judging;
    const verdicts = shared ? this.verdicts : new Map<IncidentId, number>();
    const q = shared ? ++this.query : 1;
    if (shared) this.judging = true;
    const grid = this.grid;
    try {
      const slot = grid.nearest(point.lon, point.lat, radiusKm, (s) => {
        const incidentId = grid.incidentAt(s);
        const v = verdicts.get(incidentId);
        if (v === q) return true;
        if (v === -q) return false;
        const incident = state.incidents.get(incidentId);
        const ok = incident !== undefined && isOpenIncident(incident) && (!accept || accept(incident));
        verdicts.set(incidentId, ok ? q : -q);
        return ok;
      });
      return slot < 0 ? undefined : { incidentId: grid.incidentAt(slot), alertId: grid.alertAt(slot), distanceKm: grid.distanceKm };
    } finally {
      if (shared) this.judging = false;
    }
  }

  /**
   * The alerts of `domains` within `radiusKm` of `point` received at or after
   * `since`, newest first, among the latest `max` of those domains nearby
   * (`RecentGrid.near`).
   */
  recentNear(point: Point, radiusKm: number, max: number, since: number, domains: readonly Domain[]): RecentAlert[] {
    return this.recent.near(point, radiusKm, max, since, domains);
  }

  /**
   * Whether any alert linked to this open incident carries an `eventCode`; if
   * none does, the incident belongs to no topic and correlation need not read
   * its alerts.
   */
  hasCodedAlerts(incidentId: IncidentId): boolean {
    return (this.codedCount.get(incidentId) ?? 0) > 0;
  }

  /**
   * How many alerts linked to this open incident belong to each topic of
   * `topics` (`topicsOf`); undefined if none belongs to any. The counts
   * follow every event `apply` sees; the first call with other `topics` than
   * the index holds recomputes them for every indexed alert from `state`
   * (O(n) once: pass the config's `topics` to `fromState` to skip it).
   */
  topicCounts(incidentId: IncidentId, topics: readonly Topic[], state: State): ReadonlyMap<string, number> | undefined {
    if (topics !== this.topics) this.retopic(topics, state);
    return this.topicCount.get(incidentId);
  }

  /** How many alerts are linked to this open incident (their own link names it). */
  linkedCount(incidentId: IncidentId): number {
    return this.byIncident.get(incidentId)?.size ?? 0;
  }

  /** Whether the alert is linked to an open incident (it has an entry). */
  isLinked(alertId: AlertId): boolean {
    return this.byAlert.has(alertId);
  }

  /** The incident an alert is indexed under, if any (for tests and diagnostics). */
  incidentOf(alertId: AlertId): IncidentId | undefined {
    const slot = this.byAlert.get(alertId);
    return slot === undefined ? undefined : this.grid.incidentAt(slot);
  }

  private syncIncident(incidentId: IncidentId, state: State): void {
    const incident = state.incidents.get(incidentId);
    const indexed = this.byIncident.get(incidentId);
    // Copy: syncAlert edits the set while we walk it.
    const touched = new Set<AlertId>(indexed);
    if (incident) for (const a of incident.alerts) touched.add(a);
    for (const alertId of touched) this.syncAlert(alertId, state);
  }

  /** Makes the alert's entry match the state: indexed iff linked to an open incident, at its current point. */
  private syncAlert(alertId: AlertId, state: State): void {
    const alert = state.alerts.get(alertId);
    const incident = alert?.incidentId === undefined ? undefined : state.incidents.get(alert.incidentId);
    const want = alert && incident && isOpenIncident(incident) ? incident.id : undefined;
    const slot = this.byAlert.get(alertId);
    if (slot !== undefined) {
      const grid = this.grid;
      const moved = !alert || grid.lonAt(slot) !== alert.point.lon || grid.latAt(slot) !== alert.point.lat;
      if (want !== undefined && !moved) {
        const coded = alert.eventCode !== undefined;
        const topics = this.topicsOfAlert(alert);
        if (grid.incidentAt(slot) !== want || this.coded[slot] !== coded || !sameTopics(this.slotTopics[slot]!, topics)) {
          // A merge, a move between incidents, a new event code or new topics: relabel in place, the point stays.
          this.forget(slot);
          grid.setIncident(slot, want);
          this.coded[slot] = coded;
          this.slotTopics[slot] = topics;
          this.remember(slot);
        }
        return;
      }
      this.forget(slot);
      grid.remove(slot);
    }
    if (want !== undefined && alert) this.add(want, alertId, alert.point, alert.eventCode !== undefined, this.topicsOfAlert(alert));
  }

  private add(incidentId: IncidentId, alertId: AlertId, p: Point, coded: boolean, topics: readonly string[]): void {
    const slot = this.grid.add(p.lon, p.lat, incidentId, alertId);
    this.coded[slot] = coded;
    this.slotTopics[slot] = topics;
    this.remember(slot);
  }

  /** The alert's topics under the index's `topics` (none before any are named; an alert without an event code has none). */
  private topicsOfAlert(alert: Pick<AlertContent, 'eventCode' | 'attributes'>): readonly string[] {
    return this.topics === undefined || alert.eventCode === undefined ? NO_TOPICS : topicsOf(this.topics, alert);
  }

  /** Recomputes every indexed alert's topics and the counts under `topics`, reading the alerts from `state`. */
  private retopic(topics: readonly Topic[], state: State): void {
    this.topics = topics;
    this.topicCount.clear();
    for (const [alertId, slot] of this.byAlert) {
      const alert = state.alerts.get(alertId);
      const mine = alert ? this.topicsOfAlert(alert) : NO_TOPICS;
      this.slotTopics[slot] = mine;
      this.count(this.grid.incidentAt(slot), mine, 1);
    }
  }

  /** Adds `delta` to the incident's count of each of `topics`, dropping counts that reach zero. */
  private count(incidentId: IncidentId, topics: readonly string[], delta: number): void {
    if (topics.length === 0) return;
    let counts = this.topicCount.get(incidentId);
    if (!counts) this.topicCount.set(incidentId, (counts = new Map()));
    for (const t of topics) {
      const n = (counts.get(t) ?? 0) + delta;
      if (n > 0) counts.set(t, n);
      else counts.delete(t);
    }
    if (counts.size === 0) this.topicCount.delete(incidentId);
  }

  /** Books the point in `slot` under its alert and incident. */
  private remember(slot: number): void {
    const alertId = this.grid.alertAt(slot);
    const incidentId = this.grid.incidentAt(slot);
    this.byAlert.set(alertId, slot);
    let set = this.byIncident.get(incidentId);
    if (!set) this.byIncident.set(incidentId, (set = new Set()));
    set.add(alertId);
    if (this.coded[slot]) this.codedCount.set(incidentId, (this.codedCount.get(incidentId) ?? 0) + 1);
    this.count(incidentId, this.slotTopics[slot]!, 1);
  }

  /** Undoes `remember` (the point itself stays in the grid). */
  private forget(slot: number): void {
    const alertId = this.grid.alertAt(slot);
    const incidentId = this.grid.incidentAt(slot);
    this.byAlert.delete(alertId);
    const set = this.byIncident.get(incidentId);
    if (set) {
      set.delete(alertId);
      if (set.size === 0) this.byIncident.delete(incidentId);
    }
    if (this.coded[slot]) {
      const n = (this.codedCount.get(incidentId) ?? 0) - 1;
      if (n > 0) this.codedCount.set(incidentId, n);
      else this.codedCount.delete(incidentId);
    }
    this.count(incidentId, this.slotTopics[slot]!, -1);
  }
}

const NO_TOPICS: readonly string[] = [];

function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
