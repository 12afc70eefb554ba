/**
 * Drill-down (issue 8): the alerts or incidents behind one number of the
 * indicator table, chosen with the same predicates that counted it.
 */
import { AGENCY_IDS, DOMAINS, type AgencyId, type Domain } from '../domain/agencies';
import { PREFECTURES } from '../domain/regions';
import { AGENCY_COUNT, AGENCY_OF_DOMAIN_INDEX, DISP, type Ledger } from './ledger';
import { isAcknowledged, isAlertSlaDue, isAlertSlaMet, isDismissed, isExpiredUnacknowledged, isRequestDue, isRequestMet, isResolvedInRange, isTaskDue, isTaskOnTime } from './rules';

export const ALERT_MEASURES = ['received', 'acknowledged', 'dismissed', 'relevant', 'duplicate', 'falsePositive', 'expiredUnacknowledged', 'slaMet', 'slaBreached'] as const;
export type AlertMeasure = (typeof ALERT_MEASURES)[number];
export const INCIDENT_MEASURES = ['incidentsLed', 'incidentsJoined', 'requestsBreached', 'escalations', 'resolved', 'tasksLate'] as const;
export type IncidentMeasure = (typeof INCIDENT_MEASURES)[number];

export type DrillGroup =
  | { dimension: 'all' }
  | { dimension: 'agency'; key: AgencyId }
  | { dimension: 'domain'; key: Domain }
  | { dimension: 'prefecture'; key: string }
  | { dimension: 'feed'; key: string };

export type DrillRequest = DrillGroup & { measure: AlertMeasure | IncidentMeasure };

export interface DrillResult {
  kind: 'alert' | 'incident';
  /** In log order; incidents once each. */
  ids: string[];
}

const ALERT_TEST: Record<AlertMeasure, (L: Ledger, i: number) => boolean> = {
  received: () => true,
  acknowledged: isAcknowledged,
  dismissed: isDismissed,
  relevant: (L, i) => L.alerts.disposition[i] === DISP.relevant,
  duplicate: (L, i) => L.alerts.disposition[i] === DISP.duplicate,
  falsePositive: (L, i) => L.alerts.disposition[i] === DISP.falsePositive,
  expiredUnacknowledged: isExpiredUnacknowledged,
  slaMet: isAlertSlaMet,
  slaBreached: (L, i) => isAlertSlaDue(L, i) && !isAlertSlaMet(L, i),
};

function alertGroupTest(L: Ledger, g: DrillGroup): (i: number) => boolean {
  switch (g.dimension) {
    case 'all':
      return () => true;
    case 'agency': {
      const a = AGENCY_IDS.indexOf(g.key);
      return (i) => AGENCY_OF_DOMAIN_INDEX[L.alerts.domain[i]!] === a;
    }
    case 'domain': {
      const d = DOMAINS.indexOf(g.key);
      return (i) => L.alerts.domain[i] === d;
    }
    case 'prefecture': {
      const p = PREFECTURES.findIndex((x) => x.code === g.key);
      return (i) => L.alerts.prefecture[i] === p;
    }
    case 'feed': {
      const f = L.feeds.indexOf(g.key);
      return (i) => L.alerts.feed[i] === f;
    }
  }
}

function incidentIds(L: Ledger, agency: number, measure: IncidentMeasure): string[] {
  const I = L.incidents;
  const bit = 1 << agency;
  const out = new Set<string>();
  if (measure === 'tasksLate') {
    for (let t = 0; t < L.tasks.count; t++) {
      if (L.tasks.agency[t] === agency && isTaskDue(L, t) && !isTaskOnTime(L, t)) out.add(L.tasks.incidentIds[t]!);
    }
    return [...out];
  }
  for (let i = 0; i < I.count; i++) {
    const slot = i * AGENCY_COUNT + agency;
    const hit =
      measure === 'incidentsLed' ? (I.ledMask[i]! & bit) !== 0
      : measure === 'incidentsJoined' ? (I.joinedMask[i]! & bit) !== 0
      : measure === 'escalations' ? (I.escalatedMask[i]! & bit) !== 0
      : measure === 'requestsBreached' ? isRequestDue(L, slot) && !isRequestMet(L, slot)
      : I.lead[i] === agency && isResolvedInRange(L, i);
    if (hit) out.add(I.ids[i]!);
  }
  return [...out];
}

/** The alerts or incidents counted in one cell. Incident measures exist per agency only. */
export function drillDown(L: Ledger, request: DrillRequest): DrillResult {
  const measure = request.measure;
  if ((INCIDENT_MEASURES as readonly string[]).includes(measure)) {
    if (request.dimension !== 'agency') return { kind: 'incident', ids: [] };
    return { kind: 'incident', ids: incidentIds(L, AGENCY_IDS.indexOf(request.key), measure as IncidentMeasure) };
  }
  const inGroup = alertGroupTest(L, request);
  const test = ALERT_TEST[measure as AlertMeasure];
  const ids: string[] = [];
  for (let i = 0; i < L.alerts.count; i++) if (inGroup(i) && test(L, i)) ids.push(L.alerts.ids[i]!);
  return { kind: 'alert', ids };
}
