/**
 * Spatial index of the alerts linked to open incidents, so that finding the
 * incident a new alert should join costs a tree descent instead of a scan.
 *
 * The index holds one entry per (open incident, linked alert) at the alert's
 * point; it is derived from `State` and nothing else, so `apply` re-reads the
 * entities an event touched from the state after the fold rather than
 * replaying the event's logic (a rejected event then changes nothing).
 */
import RBush from 'rbush';
import type { AlertId, Incident, IncidentId, Point } from '../domain/model';
import type { Domain } from '../domain/agencies';
import type { DomainEvent } from '../domain/events';
import type { State } from '../domain/state';
import { nearestTaken, type RTreeNode } from './bestFirst';
import { unitVector } from './geo';

interface Entry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** The point on the unit sphere, for the nearest walk's chord bound. */
  readonly x: number;
  readonly y: number;
  readonly z: number;
  /** Mutable: a merge re-labels entries in place, the geometry stays. */
  incidentId: IncidentId;
  readonly alertId: AlertId;
  /** Whether the alert carries an `eventCode` (only such alerts can make an incident topical). */
  coded: boolean;
}

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

/** How many of the latest received alerts the index remembers for the look-back (config `lookBackMax` ≤ this). */
export const RECENT_ALERTS = 1000;

/** One of the latest received alerts: its id and what an update cannot change. */
export interface RecentAlert {
  readonly id: AlertId;
  readonly domain: Domain;
  readonly received: number;
}

/** Below this many inserts a rebuild is not worth it. */
const MIN_REBUILD = 1024;

function entryOf(incidentId: IncidentId, alertId: AlertId, p: Point, coded: boolean): Entry {
  const { x, y, z } = unitVector(p.lon, p.lat);
  return { minX: p.lon, minY: p.lat, maxX: p.lon, maxY: p.lat, x, y, z, incidentId, alertId, coded };
}

export class IncidentIndex {
  private readonly tree = new RBush<Entry>();
  private readonly byAlert = new Map<AlertId, Entry>();
  private readonly byIncident = new Map<IncidentId, Set<AlertId>>();
  /** Per incident, how many of its indexed alerts carry an `eventCode`. */
  private readonly codedCount = new Map<IncidentId, number>();
  /** Inserts since the tree was last bulk-loaded; see `insert`. */
  private inserted = 0;
  private builtSize = 0;
  /**
   * The latest received alerts, oldest first (at most 2 × RECENT_ALERTS,
   * trimmed in steps), with what never changes after receipt: the domain
   * (an update may not change it) and the receive time, so the look-back
   * can pass over most of them without reading the state.
   */
  private recent: RecentAlert[] = [];

  /** Builds the index for `state` in one bulk load (startup, replay). Linear in the linked alerts. */
  static fromState(state: State): IncidentIndex {
    const index = new IncidentIndex();
    const entries: Entry[] = [];
    for (const incident of state.incidents.values()) {
      if (!isOpenIncident(incident)) continue;
      for (const alertId of incident.alerts) {
        const alert = state.alerts.get(alertId);
        // Same rule as `syncAlert`: the alert's own link is what counts.
        if (!alert || alert.incidentId !== incident.id || index.byAlert.has(alertId)) continue;
        const entry = entryOf(incident.id, alertId, alert.point, alert.eventCode !== undefined);
        entries.push(entry);
        index.remember(entry);
      }
    }
    index.tree.load(entries);
    index.builtSize = entries.length;
    // The latest alerts by the seq that received them: the same list `apply` keeps.
    const all = [...state.alerts.values()].sort((a, b) => a.receivedSeq - b.receivedSeq);
    index.recent = all.slice(-RECENT_ALERTS).map((a) => ({ id: a.id, domain: a.domain, received: a.received }));
    return index;
  }

  /** Number of indexed (incident, alert) entries. */
  get size(): number {
    return this.byAlert.size;
  }

  /**
   * Follows the state after the hub folded `event`. Costs O(log n) per alert
   * the event touches; a merge, close or reopen touches every alert of the
   * incidents involved.
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
        if (stateAfter.alerts.get(event.body.alertId)?.receivedSeq === event.seq) {
          this.recent.push({ id: event.body.alertId, domain: event.body.content.domain, received: event.time });
          if (this.recent.length >= 2 * RECENT_ALERTS) this.recent = this.recent.slice(-RECENT_ALERTS);
        }
        return;
      case 'alert.updated':
        // Only the point can have moved; unlinked alerts are not indexed.
        if (this.byAlert.has(event.body.alertId)) this.syncAlert(event.body.alertId, stateAfter);
        return;
      default:
        return;
    }
  }

  /**
   * The accepted open incident with a linked alert nearest to `point`, within
   * `radiusKm` (great-circle). Ties go to the smaller incident id, then alert
   * id, so the answer does not depend on how the tree happened to be built.
   * Costs about log n plus the alerts of refused incidents passed on the way.
   */
  nearest(state: State, query: NearestQuery): NearestHit | undefined {
    const { point, radiusKm, accept } = query;
    // Verdicts per incident: an incident with many nearby alerts is judged once.
    const verdicts = new Map<IncidentId, boolean>();
    const found = nearestTaken(this.root(), point.lon, point.lat, radiusKm, (entry) => {
      let ok = verdicts.get(entry.incidentId);
      if (ok === undefined) {
        const incident = state.incidents.get(entry.incidentId);
        ok = incident !== undefined && isOpenIncident(incident) && (!accept || accept(incident));
        verdicts.set(entry.incidentId, ok);
      }
      return ok;
    });
    return found && { incidentId: found.item.incidentId, alertId: found.item.alertId, distanceKm: found.distanceKm };
  }

  /** Up to `max` (≤ RECENT_ALERTS) latest received alerts, newest first. */
  latest(max: number): RecentAlert[] {
    return this.recent.slice(-Math.min(max, RECENT_ALERTS)).reverse();
  }

  /**
   * The latest received alerts, oldest first, for a walk from the end that
   * allocates nothing (the look-back runs on the hot path). Longer than
   * RECENT_ALERTS at times; read at most that many. Do not change it.
   */
  recentAlerts(): readonly RecentAlert[] {
    return this.recent;
  }

  private root(): RTreeNode<Entry> {
    // rbush's documented export is its live root node, not a copy.
    return this.tree.toJSON() as RTreeNode<Entry>;
  }

  /**
   * Whether any alert linked to this open incident carries an `eventCode`; if
   * none does, the incident belongs to no topic and correlation need not read
   * its alerts.
   */
  hasCodedAlerts(incidentId: IncidentId): boolean {
    return (this.codedCount.get(incidentId) ?? 0) > 0;
  }

  /** Whether the alert is linked to an open incident (it has an entry). */
  isLinked(alertId: AlertId): boolean {
    return this.byAlert.has(alertId);
  }

  /** The incident an alert is indexed under, if any (for tests and diagnostics). */
  incidentOf(alertId: AlertId): IncidentId | undefined {
    return this.byAlert.get(alertId)?.incidentId;
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
    const entry = this.byAlert.get(alertId);
    if (entry) {
      const moved = !alert || entry.minX !== alert.point.lon || entry.minY !== alert.point.lat;
      if (want !== undefined && !moved) {
        const coded = alert.eventCode !== undefined;
        if (entry.incidentId !== want || entry.coded !== coded) {
          // A merge, a move between incidents or a new event code: relabel without touching the tree.
          this.forget(entry);
          entry.incidentId = want;
          entry.coded = coded;
          this.remember(entry);
        }
        return;
      }
      this.tree.remove(entry);
      this.forget(entry);
    }
    if (want !== undefined && alert) {
      const fresh = entryOf(want, alertId, alert.point, alert.eventCode !== undefined);
      this.remember(fresh);
      this.insert(fresh);
    }
  }

  /**
   * One-by-one inserts leave an R-tree with more overlap than a bulk load
   * (nearest queries measured ~2.5× slower at 75k points). Once inserts
   * outnumber what the last load held, reload everything: O(n log n) every n
   * inserts, so still O(log n) per insert amortised.
   */
  private insert(entry: Entry): void {
    if (++this.inserted <= Math.max(MIN_REBUILD, this.builtSize)) {
      this.tree.insert(entry);
      return;
    }
    this.tree.clear();
    this.tree.load([...this.byAlert.values()]);
    this.builtSize = this.byAlert.size;
    this.inserted = 0;
  }

  private remember(entry: Entry): void {
    this.byAlert.set(entry.alertId, entry);
    let set = this.byIncident.get(entry.incidentId);
    if (!set) this.byIncident.set(entry.incidentId, (set = new Set()));
    set.add(entry.alertId);
    if (entry.coded) this.codedCount.set(entry.incidentId, (this.codedCount.get(entry.incidentId) ?? 0) + 1);
  }

  private forget(entry: Entry): void {
    this.byAlert.delete(entry.alertId);
    const set = this.byIncident.get(entry.incidentId);
    if (set) {
      set.delete(entry.alertId);
      if (set.size === 0) this.byIncident.delete(entry.incidentId);
    }
    if (entry.coded) {
      const n = (this.codedCount.get(entry.incidentId) ?? 0) - 1;
      if (n > 0) this.codedCount.set(entry.incidentId, n);
      else this.codedCount.delete(entry.incidentId);
    }
  }
}
