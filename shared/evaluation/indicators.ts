/**
 * Evaluation indicators (晾晒台, issue 8) per agency, domain, prefecture and
 * feed, from the ledger of one pass over the log (`ledger.ts`); what each
 * counts is in `rules.ts`. Rates are 0…1 and `null` when there is nothing to
 * divide by; durations are milliseconds.
 */
import { AGENCY_IDS, DOMAINS, type AgencyId, type Domain } from '../domain/agencies';
import type { DomainEvent } from '../domain/events';
import { PREFECTURES } from '../domain/regions';
import { AGENCY_COUNT, AGENCY_OF_DOMAIN_INDEX, buildLedger, DISP, HOUR_MS, MINUTE_MS, NO_PREFECTURE, type Ledger, type LedgerOptions } from './ledger';
import { isAcknowledged, isAlertSlaDue, isAlertSlaMet, isExpiredUnacknowledged, isRequestDue, isRequestMet, isResolvedInRange, isTaskDue, isTaskOnTime } from './rules';

export interface AlertIndicators {
  received: number;
  acknowledged: number;
  /** Dismissed, in total and by disposition. */
  dismissed: number;
  relevant: number;
  duplicate: number;
  falsePositive: number;
  /** False positives among the alerts answered (acknowledged or dismissed): the feed's data quality. */
  falsePositiveRate: number | null;
  /** Expired without ever being acknowledged. */
  expiredUnacknowledged: number;
  /** From receipt to acknowledgement, over acknowledged alerts. */
  meanAckMs: number | null;
  /** 90th percentile (nearest rank). */
  p90AckMs: number | null;
  slaDue: number;
  slaMet: number;
  /** `slaMet / slaDue`. */
  slaCompliance: number | null;
}

export interface AgencyIndicators extends AlertIndicators {
  agency: AgencyId;
  /** Incidents it was made lead of in the range. */
  incidentsLed: number;
  /** Incidents it was requested to support in the range. */
  incidentsJoined: number;
  /** Requests (lead or support) due an answer, and answered within the deadline. */
  requestsDue: number;
  requestsMet: number;
  requestCompliance: number | null;
  /** `sla.escalated` events against it. */
  escalations: number;
  /** Incidents it leads that were opened and resolved in the range, and their mean time to resolve. */
  resolved: number;
  meanResolveMs: number | null;
  tasksDue: number;
  tasksOnTime: number;
  taskOnTimeRate: number | null;
  /** Alert and request deadlines together: the ranking key. */
  responseCompliance: number | null;
}

export interface PrefectureIndicators extends AlertIndicators {
  /** GB/T 2260 code. */
  code: string;
  incidentsOpened: number;
}

export interface FeedIndicators extends AlertIndicators {
  feed: string;
}

export interface ResolveByLevel {
  level: 1 | 2 | 3 | 4;
  resolved: number;
  meanResolveMs: number | null;
}

export interface IndicatorSeries {
  bucketMs: number;
  /** Start of each bucket (epoch ms). */
  starts: number[];
  /** Alerts received per bucket and domain. */
  alertsByDomain: Record<Domain, number[]>;
  /** Alert SLA due / met per bucket of receipt. */
  slaDue: number[];
  slaMet: number[];
}

/** Upper edges (ms) of the time-to-acknowledge histogram bins; the last bin is open. */
export const ACK_BIN_EDGES_MS: readonly number[] = [1, 2, 5, 10, 15, 30, 60].map((m) => m * MINUTE_MS);

export interface Indicators {
  from: number;
  to: number;
  /** Events read in the range. */
  events: number;
  total: AlertIndicators;
  /** In `AGENCY_IDS` order. */
  agencies: AgencyIndicators[];
  domains: Record<Domain, AlertIndicators>;
  /** The 13 prefectures in `PREFECTURES` order. */
  prefectures: PrefectureIndicators[];
  feeds: FeedIndicators[];
  resolveByLevel: ResolveByLevel[];
  series: IndicatorSeries;
  /** Acknowledged alerts per agency and bin (`ACK_BIN_EDGES_MS` + one open bin). */
  ackHistogram: Record<AgencyId, number[]>;
}

export interface IndicatorOptions extends LedgerOptions {
  /** Time-series bucket, default one hour. */
  bucketMs?: number;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** Per-alert flags, computed once from the rules and shared by every grouping. */
const F_ACK = 1;
const F_EXPIRED = 2;
const F_DUE = 4;
const F_MET = 8;

function alertFlags(L: Ledger): Uint8Array {
  const flags = new Uint8Array(L.alerts.count);
  for (let i = 0; i < L.alerts.count; i++) {
    let f = 0;
    if (isAcknowledged(L, i)) f |= F_ACK;
    if (isExpiredUnacknowledged(L, i)) f |= F_EXPIRED;
    if (isAlertSlaDue(L, i)) f |= isAlertSlaMet(L, i) ? F_DUE | F_MET : F_DUE;
    flags[i] = f;
  }
  return flags;
}

/**
 * Alert indicators for `groups` groups; `groupOf[i]` is alert i's group
 * (a value ≥ `groups` leaves it out), or every alert is in group 0 when null.
 */
function alertIndicatorsBy(L: Ledger, flags: Uint8Array, groups: number, groupOf: ArrayLike<number> | null): AlertIndicators[] {
  const A = L.alerts;
  const received = new Float64Array(groups);
  const acknowledged = new Float64Array(groups);
  const relevant = new Float64Array(groups);
  const duplicate = new Float64Array(groups);
  const falsePositive = new Float64Array(groups);
  const expired = new Float64Array(groups);
  const ackSum = new Float64Array(groups);
  const slaDue = new Float64Array(groups);
  const slaMet = new Float64Array(groups);
  for (let i = 0; i < A.count; i++) {
    const g = groupOf === null ? 0 : groupOf[i]!;
    if (g >= groups) continue;
    received[g]!++;
    const f = flags[i]!;
    if (f & F_ACK) {
      acknowledged[g]!++;
      ackSum[g]! += A.ackAt[i]! - A.received[i]!;
    }
    const d = A.disposition[i];
    if (d === DISP.relevant) relevant[g]!++;
    else if (d === DISP.duplicate) duplicate[g]!++;
    else if (d === DISP.falsePositive) falsePositive[g]!++;
    if (f & F_EXPIRED) expired[g]!++;
    if (f & F_DUE) slaDue[g]!++;
    if (f & F_MET) slaMet[g]!++;
  }
  // Times to acknowledge per group, sorted, for the percentile.
  const times = Array.from({ length: groups }, (_, g) => new Float64Array(acknowledged[g]!));
  const fill = new Int32Array(groups);
  for (let i = 0; i < A.count; i++) {
    if ((flags[i]! & F_ACK) === 0) continue;
    const g = groupOf === null ? 0 : groupOf[i]!;
    if (g < groups) times[g]![fill[g]!++] = A.ackAt[i]! - A.received[i]!;
  }
  const out: AlertIndicators[] = [];
  for (let g = 0; g < groups; g++) {
    const sorted = times[g]!.sort();
    const dismissed = relevant[g]! + duplicate[g]! + falsePositive[g]!;
    out.push({
      received: received[g]!,
      acknowledged: acknowledged[g]!,
      dismissed,
      relevant: relevant[g]!,
      duplicate: duplicate[g]!,
      falsePositive: falsePositive[g]!,
      falsePositiveRate: ratio(falsePositive[g]!, acknowledged[g]! + dismissed),
      expiredUnacknowledged: expired[g]!,
      meanAckMs: ratio(ackSum[g]!, acknowledged[g]!),
      p90AckMs: percentile(sorted, 0.9),
      slaDue: slaDue[g]!,
      slaMet: slaMet[g]!,
      slaCompliance: ratio(slaMet[g]!, slaDue[g]!),
    });
  }
  return out;
}

function agencyIndicators(L: Ledger, flags: Uint8Array): AgencyIndicators[] {
  const agencyOf = new Uint8Array(L.alerts.count);
  for (let i = 0; i < L.alerts.count; i++) agencyOf[i] = AGENCY_OF_DOMAIN_INDEX[L.alerts.domain[i]!]!;
  const byAgency = alertIndicatorsBy(L, flags, AGENCY_COUNT, agencyOf);
  const I = L.incidents;
  const led = new Float64Array(AGENCY_COUNT);
  const joined = new Float64Array(AGENCY_COUNT);
  const due = new Float64Array(AGENCY_COUNT);
  const met = new Float64Array(AGENCY_COUNT);
  const resolved = new Float64Array(AGENCY_COUNT);
  const resolveSum = new Float64Array(AGENCY_COUNT);
  for (let i = 0; i < I.count; i++) {
    for (let a = 0; a < AGENCY_COUNT; a++) {
      if (I.ledMask[i]! & (1 << a)) led[a]!++;
      if (I.joinedMask[i]! & (1 << a)) joined[a]!++;
      const slot = i * AGENCY_COUNT + a;
      if (isRequestDue(L, slot)) {
        due[a]!++;
        if (isRequestMet(L, slot)) met[a]!++;
      }
    }
    const lead = I.lead[i]!;
    if (lead >= 0 && isResolvedInRange(L, i)) {
      resolved[lead]!++;
      resolveSum[lead]! += I.resolvedAt[i]! - I.openedAt[i]!;
    }
  }
  const tasksDue = new Float64Array(AGENCY_COUNT);
  const tasksOnTime = new Float64Array(AGENCY_COUNT);
  for (let t = 0; t < L.tasks.count; t++) {
    if (!isTaskDue(L, t)) continue;
    const a = L.tasks.agency[t]!;
    tasksDue[a]!++;
    if (isTaskOnTime(L, t)) tasksOnTime[a]!++;
  }
  return AGENCY_IDS.map((agency, a) => ({
    agency,
    ...byAgency[a]!,
    incidentsLed: led[a]!,
    incidentsJoined: joined[a]!,
    requestsDue: due[a]!,
    requestsMet: met[a]!,
    requestCompliance: ratio(met[a]!, due[a]!),
    escalations: L.escalations[a]!,
    resolved: resolved[a]!,
    meanResolveMs: ratio(resolveSum[a]!, resolved[a]!),
    tasksDue: tasksDue[a]!,
    tasksOnTime: tasksOnTime[a]!,
    taskOnTimeRate: ratio(tasksOnTime[a]!, tasksDue[a]!),
    responseCompliance: ratio(byAgency[a]!.slaMet + met[a]!, byAgency[a]!.slaDue + due[a]!),
  }));
}

function resolveByLevel(L: Ledger): ResolveByLevel[] {
  const n = [0, 0, 0, 0];
  const sum = [0, 0, 0, 0];
  for (let i = 0; i < L.incidents.count; i++) {
    const level = L.incidents.level[i]!;
    if (level === 0 || !isResolvedInRange(L, i)) continue;
    n[level - 1]!++;
    sum[level - 1]! += L.incidents.resolvedAt[i]! - L.incidents.openedAt[i]!;
  }
  return ([1, 2, 3, 4] as const).map((level) => ({ level, resolved: n[level - 1]!, meanResolveMs: ratio(sum[level - 1]!, n[level - 1]!) }));
}

function series(L: Ledger, flags: Uint8Array, bucketMs: number): IndicatorSeries {
  const buckets = Math.max(1, Math.ceil((L.to - L.from) / bucketMs));
  const byDomain = DOMAINS.map(() => new Array<number>(buckets).fill(0));
  const due = new Array<number>(buckets).fill(0);
  const met = new Array<number>(buckets).fill(0);
  const A = L.alerts;
  for (let i = 0; i < A.count; i++) {
    const b = Math.floor((A.received[i]! - L.from) / bucketMs);
    byDomain[A.domain[i]!]![b]!++;
    const f = flags[i]!;
    if (f & F_DUE) due[b]!++;
    if (f & F_MET) met[b]!++;
  }
  return {
    bucketMs,
    starts: Array.from({ length: buckets }, (_, b) => L.from + b * bucketMs),
    alertsByDomain: Object.fromEntries(DOMAINS.map((d, k) => [d, byDomain[k]!])) as Record<Domain, number[]>,
    slaDue: due,
    slaMet: met,
  };
}

function ackHistogram(L: Ledger): Record<AgencyId, number[]> {
  const bins = AGENCY_IDS.map(() => new Array<number>(ACK_BIN_EDGES_MS.length + 1).fill(0));
  const A = L.alerts;
  for (let i = 0; i < A.count; i++) {
    const ack = A.ackAt[i]!;
    if (ack !== ack) continue;
    const ms = ack - A.received[i]!;
    let b = 0;
    while (b < ACK_BIN_EDGES_MS.length && ms >= ACK_BIN_EDGES_MS[b]!) b++;
    bins[AGENCY_OF_DOMAIN_INDEX[A.domain[i]!]!]![b]!++;
  }
  return Object.fromEntries(AGENCY_IDS.map((a, k) => [a, bins[k]!])) as Record<AgencyId, number[]>;
}

/** Every indicator from a ledger. */
export function indicatorsOf(L: Ledger, bucketMs = HOUR_MS): Indicators {
  const flags = alertFlags(L);
  const A = L.alerts;
  const byDomain = alertIndicatorsBy(L, flags, DOMAINS.length, A.domain.subarray(0, A.count));
  // NO_PREFECTURE (= PREFECTURES.length) falls outside the groups: province-wide alerts have no prefecture.
  const byPrefecture = alertIndicatorsBy(L, flags, PREFECTURES.length, A.prefecture.subarray(0, A.count));
  const incidentsOpened = new Array<number>(PREFECTURES.length).fill(0);
  for (let i = 0; i < L.incidents.count; i++) {
    const p = L.incidents.prefecture[i]!;
    if (L.incidents.openedAt[i] === L.incidents.openedAt[i] && p !== NO_PREFECTURE) incidentsOpened[p]!++;
  }
  return {
    from: L.from,
    to: L.to,
    events: L.events,
    total: alertIndicatorsBy(L, flags, 1, null)[0]!,
    agencies: agencyIndicators(L, flags),
    domains: Object.fromEntries(DOMAINS.map((d, k) => [d, byDomain[k]!])) as Record<Domain, AlertIndicators>,
    prefectures: PREFECTURES.map((p, k) => ({ code: p.code, ...byPrefecture[k]!, incidentsOpened: incidentsOpened[k]! })),
    feeds: alertIndicatorsBy(L, flags, L.feeds.length, A.feed.subarray(0, A.count)).map((x, k) => ({ feed: L.feeds[k]!, ...x })),
    resolveByLevel: resolveByLevel(L),
    series: series(L, flags, bucketMs),
    ackHistogram: ackHistogram(L),
  };
}

/** One pass over `events`, then every indicator for the range. */
export function computeIndicators(events: readonly DomainEvent[], options: IndicatorOptions): Indicators {
  return indicatorsOf(buildLedger(events, options), options.bucketMs);
}
