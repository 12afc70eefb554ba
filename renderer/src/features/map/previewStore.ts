/**
 * A `LiveStore` without a hub, for the map preview (`#/map-preview`): it
 * holds synthetic alerts and incidents spread over the prefectures and
 * pushes deltas on demand, so the map can be looked at, measured and
 * tested end to end before (and without) a hub. Deterministic: the same
 * seed gives the same map.
 */
import { DEFAULT_SLA } from '@shared/domain/sla';
import { AGENCY_OF_DOMAIN, DOMAINS, type Domain } from '@shared/domain/agencies';
import type { Alert, Incident, IncidentLevel, IncidentStatus } from '@shared/domain/model';
import { PREFECTURES } from '@shared/domain/regions';
import type { CapSeverity } from '@shared/domain/warningLevel';
import type { LiveDelta, LiveSnapshot, LiveStore } from '../../live/types';
import { createStoreCore } from '../../live/storeCore';

export interface PreviewStore extends LiveStore {
  /** Pushes a delta of `count` changes: about half acknowledge or escalate existing alerts, the rest are new. */
  burst(count: number): LiveDelta;
}

export interface PreviewOptions {
  alerts: number;
  incidents: number;
  /** Adds one alert in Harbin whose headline is markup, to prove the tooltip shows it as text. */
  probe: boolean;
  seed?: number;
}

/** Where the probe alert sits (central Harbin). */
export const PROBE_POINT = { lon: 126.63, lat: 45.76 } as const;
export const PROBE_ALERT_ID = 'preview:probe';
export const FIRST_INCIDENT_ID = 'preview-incident:0';
export const PROBE_HEADLINE = '<img src=x onerror="alert(1)"><script>alert(1)</script>松花江水质异常（测试）';

export interface PreviewParams {
  alerts: number;
  incidents: number;
  burst: number;
  probe: boolean;
  /** Layer id prefixes to hide (`hide=basemap-places,alerts-domains`): a measuring aid, to find what a frame costs. */
  hide: string[];
}

/** Reads `#/map-preview?alerts=…&incidents=…&burst=…&probe&hide=…`; counts are clamped, junk is 0. */
export function previewParamsOf(hash: string): PreviewParams {
  const query = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  const count = (name: string, max: number): number => Math.min(max, Math.max(0, Math.floor(Number(query.get(name) ?? 0)) || 0));
  const hide = (query.get('hide') ?? '').split(',').map((h) => h.trim()).filter((h) => h.length > 0);
  return { alerts: count('alerts', 200_000), incidents: count('incidents', 500), burst: count('burst', 50_000), probe: query.has('probe'), hide };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EVENTS: Record<Domain, readonly string[]> = {
  traffic: ['高速公路团雾', '道路结冰', '交通事故', '桥梁限行'],
  safety: ['瓦斯浓度超限', '危化品泄漏', '粉尘超标', '森林火情'],
  market: ['食品抽检不合格', '价格异常上涨', '特种设备隐患'],
  security: ['人员聚集', '重点人员预警', '大型活动安保'],
  ecology: ['PM2.5 超标', '秸秆焚烧火点', '水质异常', '危废违规转移'],
};
const SEVERITIES: readonly [CapSeverity, number][] = [
  ['Extreme', 0.04],
  ['Severe', 0.12],
  ['Moderate', 0.3],
  ['Minor', 0.4],
  ['Unknown', 0.14],
];
const T0 = Date.UTC(2026, 10, 26, 1, 0, 0);

function pickSeverity(r: number): CapSeverity {
  let acc = 0;
  for (const [s, p] of SEVERITIES) if (r < (acc += p)) return s;
  return 'Unknown';
}

export function syntheticAlert(n: number, rnd: () => number): Alert {
  const p = PREFECTURES[Math.floor(rnd() * PREFECTURES.length)]!;
  const domain = DOMAINS[Math.floor(rnd() * DOMAINS.length)]!;
  const events = EVENTS[domain];
  const event = events[Math.floor(rnd() * events.length)]!;
  const severity = pickSeverity(rnd());
  // Normal-ish spread round the seat of government, ~40 km.
  const g = (): number => (rnd() + rnd() + rnd() - 1.5) * 0.55;
  const lon = p.center[0] + g() * 1.3;
  const lat = p.center[1] + g();
  const sent = T0 + Math.floor(rnd() * 6 * 3600_000);
  const severe = severity === 'Severe' || severity === 'Extreme';
  return {
    id: `preview:${n}`,
    feed: domain,
    sourceId: `PV-${n}`,
    version: 1,
    msgType: 'Alert',
    references: [],
    domain,
    category: ['Safety'],
    event,
    headline: `${p.name.zh}${event}`,
    severity,
    urgency: 'Expected',
    certainty: 'Likely',
    capStatus: 'Exercise',
    point: { lon, lat },
    area: { polygons: [], circles: [{ center: [lon, lat], radiusKm: severe ? 4 + rnd() * 14 : 0.5 }] },
    region: p.code,
    sent,
    classification: 'public',
    attributes: {},
    format: 'json',
    agency: AGENCY_OF_DOMAIN[domain],
    status: rnd() < 0.62 ? 'new' : 'acknowledged',
    received: sent + 2000,
    revisions: [`PV-${n}`],
    duplicates: 0,
    receivedSeq: n + 1,
  };
}

function syntheticIncident(n: number, rnd: () => number): Incident {
  const p = PREFECTURES[(n * 5 + 2) % PREFECTURES.length]!;
  const level = ((n % 4) + 1) as IncidentLevel;
  const statuses: IncidentStatus[] = ['open', 'responding', 'contained'];
  return {
    id: n === 0 ? FIRST_INCIDENT_ID : `preview-incident:${n}`,
    no: n + 1,
    title: `${p.name.zh}联合处置事件`,
    level,
    status: statuses[n % statuses.length]!,
    agencies: {},
    alerts: [],
    domains: [],
    tasks: {},
    notes: [],
    location: { lon: p.center[0] + (rnd() - 0.5) * 0.3, lat: p.center[1] + (rnd() - 0.5) * 0.2 },
    region: p.code,
    classification: 'public',
    openedAt: T0 + n * 600_000,
    openedBy: 'preview',
    updatedAt: T0 + n * 600_000,
    overdue: n % 3 === 1,
    levelHistory: [],
  };
}

export function createPreviewStore(options: PreviewOptions): PreviewStore {
  const rnd = mulberry32(options.seed ?? 20261126);
  const core = createStoreCore();
  const { alerts, incidents } = core;
  let next = 0;
  for (; next < options.alerts; next++) {
    const a = syntheticAlert(next, rnd);
    alerts.set(a.id, a);
  }
  if (options.probe) {
    const probe: Alert = { ...syntheticAlert(next++, rnd), id: PROBE_ALERT_ID, headline: PROBE_HEADLINE, severity: 'Moderate', status: 'new', domain: 'ecology', region: '230100', point: { ...PROBE_POINT } };
    alerts.set(probe.id, probe);
  }
  for (let i = 0; i < options.incidents; i++) {
    const inc = syntheticIncident(i, rnd);
    incidents.set(inc.id, inc);
  }

  let snapshot: LiveSnapshot = {
    version: 1,
    user: null,
    sla: DEFAULT_SLA,
    connection: { status: 'signed-out', since: T0, replicaSeq: 0, hubSeq: 0, fetchedSinceLoad: 0 },
    alerts,
    incidents,
    unacknowledged: { traffic: 0, safety: 0, market: 0, security: 0, ecology: 0 },
    sources: [],
    presence: [],
    directory: [],
    outbox: [],
  };
  const publish = (delta: LiveDelta): void => {
    snapshot = { ...snapshot, version: snapshot.version + 1 };
    core.emitDelta(delta, snapshot);
    core.notify();
  };

  return {
    ...core.listenerMethods(() => snapshot),
    getSnapshot: () => snapshot,
    // A synthetic store has no replica: every read finds nothing.
    replica: {
      eventAt: async () => undefined,
      events: async () => [],
      extent: async () => undefined,
      snapshotBefore: async () => undefined,
    },
    signIn: async () => ({ ok: false, message: 'the map preview has no hub' }),
    signOut: async () => {},
    command: async () => ({ ok: false, code: 'unavailable', message: 'the map preview has no hub' }),
    burst(count) {
      const upsert: Alert[] = [];
      const existing = [...alerts.values()];
      for (let i = 0; i < count; i++) {
        // Each existing alert changes at most once per burst (swap-remove sampling).
        let old: Alert | undefined;
        if (i % 2 === 0 && existing.length > 0) {
          const k = Math.floor(rnd() * existing.length);
          old = existing[k]!;
          existing[k] = existing[existing.length - 1]!;
          existing.pop();
        }
        const a: Alert = old
          ? { ...old, status: old.status === 'new' ? 'acknowledged' : 'new', severity: old.status === 'new' ? old.severity : 'Severe', version: old.version + 1 }
          : syntheticAlert(next++, rnd);
        alerts.set(a.id, a);
        upsert.push(a);
      }
      const delta: LiveDelta = { alerts: { upsert, remove: [] }, incidents: { upsert: [], remove: [] }, reset: false };
      publish(delta);
      return delta;
    },
  };
}
