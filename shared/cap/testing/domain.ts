/**
 * TEST SUPPORT ONLY: builders and a fast-check arbitrary of Longwatch alerts
 * and incidents, for the CAP mapping tests (toAlert / fromDomain).
 */

import fc from 'fast-check';
import { AGENCY_IDS, AGENCY_OF_DOMAIN, DOMAINS } from '../../domain/agencies';
import type { AgencyId, Domain } from '../../domain/agencies';
import { CAP_CATEGORIES, CAP_STATUSES, CERTAINTIES, LIMITS, URGENCIES } from '../../domain/model';
import type { Alert, AlertContent, Area, Classification, Incident, IncidentLevel, LonLat, Participation } from '../../domain/model';
import { PREFECTURES } from '../../domain/regions';
import { CAP_SEVERITIES } from '../../domain/warningLevel';
import { capTextArbitrary } from '../arbitraries';
import { content, T0 } from '../../domain/testing/builders';

export { T0 };

/** An `Alert` as the reducer would hold it after receiving `content`. */
export function alertFrom(content: AlertContent, overrides: Partial<Alert> = {}): Alert {
  const { capXml: _capXml, ...rest } = content;
  return {
    ...rest,
    id: `${content.feed}:${content.sourceId}`,
    agency: AGENCY_OF_DOMAIN[content.domain],
    status: 'new',
    received: content.sent + 1000,
    revisions: [content.sourceId],
    duplicates: 0,
    receivedSeq: 1,
    ...overrides,
  };
}

/** A plain alert content, Harbin, public (the domain tests' builder, made public). */
export function contentOf(overrides: Partial<AlertContent> = {}): AlertContent {
  return content({ classification: 'public', ...overrides });
}

function participation(agency: AgencyId, status: Participation['status']): Participation {
  return { agency, status, requestedAt: T0, requestedBy: 'chenqi' };
}

export function incidentOf(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'INC-1',
    no: 1,
    title: '哈尔滨道外区化工厂泄漏',
    level: 2,
    status: 'responding',
    lead: 'hlj-safety',
    agencies: { 'hlj-safety': participation('hlj-safety', 'on-scene'), 'hlj-ecology': participation('hlj-ecology', 'acknowledged') },
    alerts: [],
    domains: ['safety'],
    tasks: {},
    notes: [],
    location: { lon: 126.65, lat: 45.78 },
    region: '230100',
    classification: 'internal',
    openedAt: T0,
    openedBy: 'system:correlation',
    updatedAt: T0,
    overdue: false,
    levelHistory: [{ level: 2, at: T0, by: 'system:correlation' }],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------
// Arbitrary: an incident with 0-6 linked alerts of mixed domains, areas,
// classifications and statuses, all inside Heilongjiang.

const lon = fc.integer({ min: 121_500, max: 134_500 }).map((n) => n / 1000);
const lat = fc.integer({ min: 43_600, max: 53_400 }).map((n) => n / 1000);
const lonLat = fc.tuple(lon, lat).map(([a, b]): LonLat => [a, b]);

/** A small closed ring (a jittered triangle to hexagon around a centre). */
const ringArb: fc.Arbitrary<LonLat[]> = fc
  .tuple(lonLat, fc.array(fc.tuple(fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 })), { minLength: 3, maxLength: 6 }))
  .map(([[x, y], offsets]) => {
    const pts = offsets.map(([dx, dy]): LonLat => [Math.round((x + dx / 1000) * 1e6) / 1e6, Math.round((y + dy / 1000) * 1e6) / 1e6]);
    return [...pts, [pts[0]![0], pts[0]![1]]];
  });

const circleArb = fc.record({
  center: lonLat,
  radiusKm: fc.integer({ min: 1, max: 100_000 }).map((n) => n / 1000),
});

const areaArb: fc.Arbitrary<Area | undefined> = fc.option(
  fc.record({
    desc: fc.option(capTextArbitrary.map((s) => s.slice(0, LIMITS.areaDesc)), { nil: undefined }),
    polygons: fc.array(ringArb, { maxLength: 2 }),
    circles: fc.array(circleArb, { maxLength: 2 }),
  }),
  { nil: undefined },
);

const domainArb = fc.constantFrom(...DOMAINS);

const alertArb = (incidentId: string, index: number): fc.Arbitrary<Alert> =>
  fc
    .record({
      domain: domainArb,
      classification: fc.constantFrom<Classification>('public', 'internal', 'sensitive'),
      capStatus: fc.constantFrom(...CAP_STATUSES),
      status: fc.constantFrom('new', 'acknowledged', 'dismissed', 'cancelled', 'expired' as const),
      severity: fc.constantFrom(...CAP_SEVERITIES),
      urgency: fc.constantFrom(...URGENCIES),
      certainty: fc.constantFrom(...CERTAINTIES),
      category: fc.subarray([...CAP_CATEGORIES], { minLength: 1, maxLength: 3 }),
      headline: capTextArbitrary.map((s) => s.slice(0, LIMITS.headline)),
      instruction: fc.option(capTextArbitrary, { nil: undefined }),
      point: fc.tuple(lon, lat).map(([a, b]) => ({ lon: a, lat: b })),
      area: areaArb,
      region: fc.constantFrom(...PREFECTURES.map((p) => p.code), '230000', '230102'),
    })
    .map((r): Alert => {
      const c = contentOf({
        feed: r.domain,
        sourceId: `${r.domain.toUpperCase()}-${index}`,
        domain: r.domain,
        category: r.category,
        headline: r.headline,
        instruction: r.instruction,
        severity: r.severity,
        urgency: r.urgency,
        certainty: r.certainty,
        capStatus: r.capStatus,
        point: r.point,
        area: r.area,
        region: r.region,
        classification: r.classification,
      });
      return alertFrom(c, { status: r.status, incidentId });
    });

export interface IncidentScenario {
  incident: Incident;
  alerts: Alert[];
}

export const incidentScenarioArbitrary: fc.Arbitrary<IncidentScenario> = fc
  .record({
    id: fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
    title: capTextArbitrary.map((s) => s.slice(0, LIMITS.title)),
    level: fc.constantFrom<IncidentLevel>(1, 2, 3, 4),
    lead: fc.option(fc.constantFrom(...AGENCY_IDS), { nil: undefined }),
    participants: fc.subarray([...AGENCY_IDS]),
    statuses: fc.array(fc.constantFrom('notified', 'acknowledged', 'declined', 'dispatched', 'on-scene', 'done' as const), {
      minLength: AGENCY_IDS.length,
      maxLength: AGENCY_IDS.length,
    }),
    domains: fc.uniqueArray(domainArb, { maxLength: 5 }),
    region: fc.constantFrom(...PREFECTURES.map((p) => p.code), '230000', '230102'),
    location: fc.tuple(lon, lat).map(([a, b]) => ({ lon: a, lat: b })),
    alertCount: fc.nat({ max: 6 }),
    unlinked: fc.boolean(),
  })
  .chain((r) =>
    fc.tuple(...Array.from({ length: r.alertCount + (r.unlinked ? 1 : 0) }, (_, i) => alertArb(r.id, i))).map((alerts): IncidentScenario => {
      const linked = r.unlinked ? alerts.slice(0, -1) : alerts;
      const agencies: Partial<Record<AgencyId, Participation>> = {};
      r.participants.forEach((a, i) => {
        agencies[a] = participation(a, r.statuses[i]!);
      });
      const domains: Domain[] = [...new Set([...r.domains, ...linked.map((a) => a.domain)])];
      const incident = incidentOf({
        id: r.id,
        title: r.title,
        level: r.level,
        lead: r.lead,
        agencies,
        alerts: linked.map((a) => a.id),
        domains,
        location: r.location,
        region: r.region,
      });
      return { incident, alerts };
    }),
  );
