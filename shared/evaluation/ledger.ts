/**
 * The one pass over the event log behind every evaluation indicator (issue 8).
 *
 * `buildLedger` reads events once, in log order, and keeps per-entity facts
 * in growable typed arrays (struct of arrays): a few numbers per alert,
 * incident, agency request and task, no object per event. Indicators
 * (`indicators.ts`) and drill-downs (`drill.ts`) are then derived from these
 * records with the same predicates, so a number and the list behind it
 * always agree.
 *
 * Scope of a range [from, to): an alert counts when its `alert.received` lies
 * in the range; what happened to it counts when it happened before `to`.
 * Incident facts (lead, requests, escalations, tasks) count when their event
 * lies in the range. Events outside the range are skipped, so a caller may
 * pass a wider log.
 *
 * The alert state machine mirrors the reducer's (`transitions.ts`): an event
 * the reducer would reject (a second acknowledgement, …) changes nothing here.
 */
import { AGENCY_IDS, AGENCIES, DOMAINS, type AgencyId, type Domain } from '../domain/agencies';
import type { DomainEvent } from '../domain/events';
import type { IncidentLevel } from '../domain/model';
import { PREFECTURES } from '../domain/regions';
import { DEFAULT_SLA, type SlaConfig } from '../domain/sla';
import type { CapSeverity } from '../domain/warningLevel';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** Alert status codes in the ledger (same states as `AlertStatus`). */
export const ST = { new: 0, acknowledged: 1, dismissed: 2, superseded: 3, cancelled: 4, expired: 5 } as const;
/** Disposition codes; 0 = not dismissed. */
export const DISP = { none: 0, relevant: 1, duplicate: 2, falsePositive: 3 } as const;
const DISP_OF = { relevant: DISP.relevant, duplicate: DISP.duplicate, 'false-positive': DISP.falsePositive } as const;

/** Index of a prefecture in `PREFECTURES`; `NO_PREFECTURE` for the province code itself. */
export const NO_PREFECTURE = PREFECTURES.length;
const PREF_INDEX = new Map(PREFECTURES.map((p, i) => [p.code.slice(0, 4), i]));
const DOMAIN_INDEX = new Map<Domain, number>(DOMAINS.map((d, i) => [d, i]));
const AGENCY_INDEX = new Map<AgencyId, number>(AGENCY_IDS.map((a, i) => [a, i]));
/** Agency index of each domain index (`AGENCY_OF_DOMAIN` in index form). */
export const AGENCY_OF_DOMAIN_INDEX: readonly number[] = DOMAINS.map((d) => AGENCY_IDS.findIndex((a) => AGENCIES[a].domain === d));

/**
 * Alert severity → the incident level whose SLA deadline applies to
 * acknowledging the alert: the four-colour levels line up with Ⅰ–Ⅳ
 * (红 Extreme → Ⅰ … 蓝 Minor → Ⅳ); Unknown gets the most lenient, Ⅳ.
 */
export const LEVEL_OF_SEVERITY: Readonly<Record<CapSeverity, IncidentLevel>> = { Extreme: 1, Severe: 2, Moderate: 3, Minor: 4, Unknown: 4 };

/**
 * Minutes an agency has to answer at `level` (`sla.levels`, with the domain
 * override of `sla.domainOverrides` when there is one). The same rule as
 * `shared/domain/sla.ts` uses for incident requests.
 */
export function acknowledgeMinutes(sla: SlaConfig, level: IncidentLevel, domain: Domain | null): number {
  const key = String(level) as '1';
  return (domain ? sla.domainOverrides[domain]?.[key]?.acknowledgeMinutes : undefined) ?? sla.levels[key].acknowledgeMinutes;
}

function prefectureIndex(region: string): number {
  return PREF_INDEX.get(region.slice(0, 4)) ?? NO_PREFECTURE;
}

/** Region code → prefecture index, remembered per pass (a log names a few hundred regions at most). */
function prefectureCache(): (region: string) => number {
  const seen = new Map<string, number>();
  return (region) => {
    let p = seen.get(region);
    if (p === undefined) seen.set(region, (p = prefectureIndex(region)));
    return p;
  };
}

function grow<T extends Float64Array | Uint8Array | Uint16Array | Int8Array | Int32Array>(a: T, size: number, fill?: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2, 64));
  next.set(a);
  if (fill !== undefined) next.fill(fill, a.length);
  return next;
}

/** Per-alert facts, index = order of receipt. Times are epoch ms; NaN = never. */
export interface AlertTable {
  count: number;
  ids: string[];
  received: Float64Array;
  domain: Uint8Array;
  prefecture: Uint8Array;
  feed: Uint16Array;
  status: Uint8Array;
  /** First acknowledgement. */
  ackAt: Float64Array;
  /** First dismissal and its disposition (`DISP`). */
  dismissAt: Float64Array;
  disposition: Uint8Array;
  /** When it left play unanswered or answered (superseded, cancelled, expired). */
  endedAt: Float64Array;
  /** Acknowledge deadline (epoch ms) from its severity at receipt. */
  deadline: Float64Array;
}

/** Per-incident facts for incidents any in-range event names. */
export interface IncidentTable {
  count: number;
  ids: string[];
  /** NaN when opened before the range. */
  openedAt: Float64Array;
  /** Current level (0 = unknown: opened before the range and never changed in it). */
  level: Uint8Array;
  prefecture: Uint8Array;
  /** Current lead agency index, -1 for none known. */
  lead: Int8Array;
  /** Bit per agency index: was assigned the lead in range / was requested to support in range / suffered an escalation. */
  ledMask: Uint8Array;
  joinedMask: Uint8Array;
  escalatedMask: Uint8Array;
  /** Resolution time as the reducer keeps it (cleared by a reopen); NaN = unresolved. */
  resolvedAt: Float64Array;
  merged: Uint8Array;
  /** Per (incident × agency), `i * AGENCIES + a`: request time, first response, deadline. */
  requestedAt: Float64Array;
  respondedAt: Float64Array;
  requestDeadline: Float64Array;
}

export interface TaskTable {
  count: number;
  /** Incident id of each task (for drill-down). */
  incidentIds: string[];
  agency: Uint8Array;
  due: Float64Array;
  /** 0 open, 1 in progress, 2 done, 3 cancelled. */
  status: Uint8Array;
  doneAt: Float64Array;
}

export interface Ledger {
  from: number;
  to: number;
  sla: SlaConfig;
  /** Feed names in order of first appearance; `alerts.feed` indexes this. */
  feeds: string[];
  alerts: AlertTable;
  incidents: IncidentTable;
  tasks: TaskTable;
  /** `sla.escalated` events in range per agency index. */
  escalations: Int32Array;
  /** Events read inside the range. */
  events: number;
}

export interface LedgerOptions {
  /** Range start, epoch ms, inclusive. */
  from: number;
  /** Range end, epoch ms, exclusive. */
  to: number;
  /** Deadlines; the hub's configuration (`resources/` / hub config), default `DEFAULT_SLA`. */
  sla?: SlaConfig;
}

export const AGENCY_COUNT = AGENCY_IDS.length;
/** Task status codes in the ledger. */
export const TASK_STATUS = { open: 0, 'in-progress': 1, done: 2, cancelled: 3 } as const;

function emptyAlerts(n: number): AlertTable {
  return {
    count: 0,
    ids: [],
    received: new Float64Array(n),
    domain: new Uint8Array(n),
    prefecture: new Uint8Array(n),
    feed: new Uint16Array(n),
    status: new Uint8Array(n),
    ackAt: new Float64Array(n),
    dismissAt: new Float64Array(n),
    disposition: new Uint8Array(n),
    endedAt: new Float64Array(n),
    deadline: new Float64Array(n),
  };
}

function emptyIncidents(n: number): IncidentTable {
  const slots = n * AGENCY_COUNT;
  return {
    count: 0,
    ids: [],
    openedAt: new Float64Array(n).fill(NaN),
    level: new Uint8Array(n),
    prefecture: new Uint8Array(n).fill(NO_PREFECTURE),
    lead: new Int8Array(n).fill(-1),
    ledMask: new Uint8Array(n),
    joinedMask: new Uint8Array(n),
    escalatedMask: new Uint8Array(n),
    resolvedAt: new Float64Array(n).fill(NaN),
    merged: new Uint8Array(n),
    requestedAt: new Float64Array(slots).fill(NaN),
    respondedAt: new Float64Array(slots).fill(NaN),
    requestDeadline: new Float64Array(slots).fill(NaN),
  };
}

function emptyTasks(n: number): TaskTable {
  return { count: 0, incidentIds: [], agency: new Uint8Array(n), due: new Float64Array(n), status: new Uint8Array(n), doneAt: new Float64Array(n) };
}

/** Reads `events` (in log order) once and returns the facts every indicator is derived from. */
export function buildLedger(events: readonly DomainEvent[], options: LedgerOptions): Ledger {
  const { from, to } = options;
  const sla = options.sla ?? DEFAULT_SLA;
  // Size the tables once: growing big typed arrays by doubling allocates external memory that
  // makes V8 run full collections over the whole heap (measured: 4× slower at 1M events).
  let alertCount = 0;
  let incidentCount = 0;
  let taskCount = 0;
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!;
    if (e.time < from || e.time >= to) continue;
    const type = e.type;
    if (type === 'alert.received') alertCount++;
    else if (type === 'incident.opened') incidentCount++;
    else if (type === 'incident.taskCreated') taskCount++;
  }
  const A = emptyAlerts(alertCount);
  // Incidents opened before the range get a row when an event names them: some room for those.
  const I = emptyIncidents(incidentCount + 64);
  const T = emptyTasks(taskCount);
  const feeds: string[] = [];
  const feedIndex = new Map<string, number>();
  const alertIndex = new Map<string, number>();
  const incidentIndex = new Map<string, number>();
  const taskIndex = new Map<string, number>();
  /** Incident id → ids merged into it (tasks and requests keep their old incident's key). */
  const mergedFrom = new Map<string, string[]>();
  const escalations = new Int32Array(AGENCY_COUNT);
  // Acknowledge minutes by [domain][level-1], looked up per alert without allocating.
  const ackMinutes = DOMAINS.map((d) => [1, 2, 3, 4].map((l) => acknowledgeMinutes(sla, l as IncidentLevel, d)));
  const agencyAckMinutes = AGENCY_IDS.map((a) => [1, 2, 3, 4].map((l) => acknowledgeMinutes(sla, l as IncidentLevel, AGENCIES[a].domain)));
  const prefectureOfRegion = prefectureCache();
  let read = 0;

  const incidentOf = (id: string): number => {
    let i = incidentIndex.get(id);
    if (i !== undefined) return i;
    i = I.count++;
    const n = I.count;
    if (n > I.openedAt.length) growIncidents(n);
    I.ids.push(id);
    incidentIndex.set(id, i);
    return i;
  };

  const growIncidents = (n: number): void => {
    I.openedAt = grow(I.openedAt, n, NaN);
    I.level = grow(I.level, n);
    I.prefecture = grow(I.prefecture, n, NO_PREFECTURE);
    I.lead = grow(I.lead, n, -1);
    I.ledMask = grow(I.ledMask, n);
    I.joinedMask = grow(I.joinedMask, n);
    I.escalatedMask = grow(I.escalatedMask, n);
    I.resolvedAt = grow(I.resolvedAt, n, NaN);
    I.merged = grow(I.merged, n);
    I.requestedAt = grow(I.requestedAt, n * AGENCY_COUNT, NaN);
    I.respondedAt = grow(I.respondedAt, n * AGENCY_COUNT, NaN);
    I.requestDeadline = grow(I.requestDeadline, n * AGENCY_COUNT, NaN);
  };

  const request = (i: number, agency: number, time: number): void => {
    const slot = i * AGENCY_COUNT + agency;
    I.requestedAt[slot] = time;
    I.respondedAt[slot] = NaN;
    // An incident opened before the range has an unknown level: its requests get the level Ⅳ deadline.
    const level = I.level[i] || 4;
    I.requestDeadline[slot] = time + agencyAckMinutes[agency]![level - 1]! * MINUTE_MS;
  };

  const taskOf = (incidentId: string, taskId: string): number | undefined => {
    const t = taskIndex.get(incidentId + '\n' + taskId);
    if (t !== undefined) return t;
    for (const old of mergedFrom.get(incidentId) ?? []) {
      const found = taskOf(old, taskId);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  for (let k = 0; k < events.length; k++) {
    const e = events[k]!;
    const time = e.time;
    if (time < from || time >= to) continue;
    read++;
    switch (e.type) {
      case 'alert.received': {
        const { alertId, content } = e.body;
        if (alertIndex.has(alertId)) break;
        const i = A.count++;
        const n = A.count;
        if (n > A.received.length) {
          A.received = grow(A.received, n);
          A.domain = grow(A.domain, n);
          A.prefecture = grow(A.prefecture, n);
          A.feed = grow(A.feed, n);
          A.status = grow(A.status, n);
          A.ackAt = grow(A.ackAt, n);
          A.dismissAt = grow(A.dismissAt, n);
          A.disposition = grow(A.disposition, n);
          A.endedAt = grow(A.endedAt, n);
          A.deadline = grow(A.deadline, n);
        }
        let feed = feedIndex.get(content.feed);
        if (feed === undefined) {
          feed = feeds.length;
          feeds.push(content.feed);
          feedIndex.set(content.feed, feed);
        }
        const domain = DOMAIN_INDEX.get(content.domain)!;
        A.ids.push(alertId);
        A.received[i] = time;
        A.domain[i] = domain;
        A.prefecture[i] = prefectureOfRegion(content.region);
        A.feed[i] = feed;
        A.status[i] = ST.new;
        A.ackAt[i] = NaN;
        A.dismissAt[i] = NaN;
        A.disposition[i] = DISP.none;
        A.endedAt[i] = NaN;
        A.deadline[i] = time + ackMinutes[domain]![LEVEL_OF_SEVERITY[content.severity] - 1]! * MINUTE_MS;
        alertIndex.set(alertId, i);
        break;
      }
      case 'alert.updated': {
        // A source re-issuing an expired alert brings it back (reducer: expired → new).
        const i = alertIndex.get(e.body.alertId);
        if (i !== undefined && A.status[i] === ST.expired) {
          A.status[i] = ST.new;
          A.endedAt[i] = NaN;
        }
        break;
      }
      case 'alert.acknowledged': {
        const i = alertIndex.get(e.body.alertId);
        if (i === undefined || A.status[i] !== ST.new) break;
        A.status[i] = ST.acknowledged;
        if (A.ackAt[i] !== A.ackAt[i]) A.ackAt[i] = time;
        break;
      }
      case 'alert.dismissed': {
        const i = alertIndex.get(e.body.alertId);
        if (i === undefined || A.status[i] !== ST.new) break;
        A.status[i] = ST.dismissed;
        if (A.dismissAt[i] !== A.dismissAt[i]) {
          A.dismissAt[i] = time;
          A.disposition[i] = DISP_OF[e.body.disposition];
        }
        break;
      }
      case 'alert.expired': {
        const i = alertIndex.get(e.body.alertId);
        if (i === undefined) break;
        const s = A.status[i];
        if (s !== ST.new && s !== ST.acknowledged) break;
        A.status[i] = ST.expired;
        A.endedAt[i] = time;
        break;
      }
      case 'alert.cancelled':
      case 'alert.superseded': {
        const i = alertIndex.get(e.body.alertId);
        if (i === undefined) break;
        const s = A.status[i];
        if (s !== ST.new && s !== ST.acknowledged && s !== ST.dismissed) break;
        A.status[i] = e.type === 'alert.cancelled' ? ST.cancelled : ST.superseded;
        A.endedAt[i] = time;
        break;
      }
      case 'incident.opened': {
        const i = incidentOf(e.body.incidentId);
        I.openedAt[i] = time;
        I.level[i] = e.body.level;
        I.prefecture[i] = prefectureOfRegion(e.body.region);
        break;
      }
      case 'incident.levelChanged':
        I.level[incidentOf(e.body.incidentId)] = e.body.level;
        break;
      case 'incident.leadAssigned': {
        const i = incidentOf(e.body.incidentId);
        const a = AGENCY_INDEX.get(e.body.agency)!;
        I.lead[i] = a;
        I.ledMask[i]! |= 1 << a;
        // Assigning the lead is also a request to it, unless it already takes part.
        if (I.requestedAt[i * AGENCY_COUNT + a] !== I.requestedAt[i * AGENCY_COUNT + a]) request(i, a, time);
        break;
      }
      case 'incident.agencyRequested': {
        const i = incidentOf(e.body.incidentId);
        const a = AGENCY_INDEX.get(e.body.agency)!;
        I.joinedMask[i]! |= 1 << a;
        request(i, a, time);
        break;
      }
      case 'incident.agencyResponded': {
        const i = incidentOf(e.body.incidentId);
        const slot = i * AGENCY_COUNT + AGENCY_INDEX.get(e.body.agency)!;
        if (I.requestedAt[slot] === I.requestedAt[slot] && I.respondedAt[slot] !== I.respondedAt[slot]) I.respondedAt[slot] = time;
        break;
      }
      case 'incident.statusChanged': {
        if (e.body.status === 'resolved') I.resolvedAt[incidentOf(e.body.incidentId)] = time;
        break;
      }
      case 'incident.closed': {
        const i = incidentOf(e.body.incidentId);
        if (I.resolvedAt[i] !== I.resolvedAt[i]) I.resolvedAt[i] = time;
        break;
      }
      case 'incident.reopened':
        I.resolvedAt[incidentOf(e.body.incidentId)] = NaN;
        break;
      case 'incident.merged': {
        const into = incidentOf(e.body.incidentId);
        const old = incidentOf(e.body.from);
        I.merged[old] = 1;
        // The reducer keeps the more severe level of the two.
        if (I.level[old]! > 0 && (I.level[into] === 0 || I.level[old]! < I.level[into]!)) I.level[into] = I.level[old]!;
        // Requests of the merged incident move over unless the agency already takes part.
        for (let a = 0; a < AGENCY_COUNT; a++) {
          const src = old * AGENCY_COUNT + a;
          const dst = into * AGENCY_COUNT + a;
          if (I.requestedAt[dst] !== I.requestedAt[dst] && I.requestedAt[src] === I.requestedAt[src]) {
            I.requestedAt[dst] = I.requestedAt[src]!;
            I.respondedAt[dst] = I.respondedAt[src]!;
            I.requestDeadline[dst] = I.requestDeadline[src]!;
            I.requestedAt[src] = NaN;
          }
        }
        const list = mergedFrom.get(e.body.incidentId);
        if (list) list.push(e.body.from);
        else mergedFrom.set(e.body.incidentId, [e.body.from]);
        break;
      }
      case 'incident.taskCreated': {
        const key = e.body.incidentId + '\n' + e.body.taskId;
        if (taskIndex.has(key)) break;
        const t = T.count++;
        const n = T.count;
        if (n > T.due.length) {
          T.agency = grow(T.agency, n);
          T.due = grow(T.due, n);
          T.status = grow(T.status, n);
          T.doneAt = grow(T.doneAt, n);
        }
        T.incidentIds.push(e.body.incidentId);
        T.agency[t] = AGENCY_INDEX.get(e.body.agency)!;
        T.due[t] = e.body.due;
        T.status[t] = TASK_STATUS.open;
        T.doneAt[t] = NaN;
        taskIndex.set(key, t);
        break;
      }
      case 'incident.taskUpdated': {
        const t = taskOf(e.body.incidentId, e.body.taskId);
        if (t === undefined || T.status[t] === TASK_STATUS.cancelled) break;
        const status = TASK_STATUS[e.body.status];
        T.status[t] = status;
        T.doneAt[t] = status === TASK_STATUS.done ? time : NaN;
        break;
      }
      case 'sla.escalated': {
        const a = AGENCY_INDEX.get(e.body.agency)!;
        escalations[a]!++;
        I.escalatedMask[incidentOf(e.body.incidentId)]! |= 1 << a;
        break;
      }
      default:
        break;
    }
  }
  return { from, to, sla, feeds, alerts: A, incidents: I, tasks: T, escalations, events: read };
}
