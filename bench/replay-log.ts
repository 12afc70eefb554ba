/**
 * A day of a provincial command center's event log for `npm run bench --
 * replay`: N sealed events over 24 hours, drafted so that the real reducer
 * applies every one of them (the bench counts what it rejects).
 *
 * The mix (by share of events): new alerts from the five demo agencies'
 * catalogues (`--alerts`, default 10%), source updates with their own CAP
 * identifier (8%), repeats of the same message (the rest of the alert
 * traffic), acknowledgements, dismissals, cancellations, expiry of alerts
 * past their `expires`, and incidents with their whole life: correlation
 * links, agencies requested and responding, the lead, tasks, notes, status
 * changes and closure; now and then a feed goes late and comes back.
 * Sealed with the real chain (node:crypto as the digest, as the hub does).
 */
import { createHash } from 'node:crypto';
import { AGENCY_OF_DOMAIN, DOMAINS, type Domain } from '@shared/domain/agencies';
import { EMPTY_HEAD, sealEvents } from '@shared/domain/chain';
import { draft, type DomainEvent, type EventDraft } from '@shared/domain/events';
import type { AlertContent } from '@shared/domain/model';
import { draftAlert } from '../electron/feeds/catalog';
import { seededRng } from '../electron/feeds/random';

/** 2026-11-26 00:00 Beijing time. */
export const DAY_START = Date.parse('2026-11-26T00:00:00+08:00');
export const DAY_MS = 24 * 3600_000;

interface LiveAlert {
  id: string;
  feed: Domain;
  sourceId: string;
  version: number;
  content: AlertContent;
  status: 'new' | 'acknowledged';
  expiresAt: number;
  linked: boolean;
}

interface OpenIncident {
  id: string;
  requested: Map<string, 'notified' | 'acknowledged' | 'dispatched' | 'on-scene' | 'done'>;
  lead: boolean;
  tasks: string[];
  taskNo: number;
  status: 'open' | 'responding' | 'contained' | 'resolved';
  closeAt: number;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');
const USERS = ['user:zhangsan', 'user:lisi', 'user:wangwu', 'user:zhaoliu', 'user:chenqi'] as const;

/** `count` events from `DAY_START` over `spanMs` (24 hours), `alertShare` of them new alerts. */
export function dayOfEvents(count: number, alertShare = 0.1, seed = 7, spanMs = DAY_MS): DomainEvent[] {
  const rng = seededRng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const active: LiveAlert[] = [];
  const incidents: OpenIncident[] = [];
  let alertNo = 0;
  let incidentNo = 0;
  let lateFeed: Domain | null = null;
  const drafts: EventDraft[] = [];
  const someActive = (): LiveAlert | undefined => (active.length ? active[active.length - 1 - Math.floor(Math.pow(rng(), 2) * active.length)] : undefined);
  const removeActive = (a: LiveAlert): void => {
    const i = active.indexOf(a);
    if (i >= 0) active.splice(i, 1);
  };

  for (let i = 0; i < count; i++) {
    const t = DAY_START + Math.floor((i * spanMs) / count);
    const r = rng();
    const repeat = (): void => {
      const a = someActive();
      if (a) drafts.push(draft('alert.repeated', t, `source:${a.feed}`, { alertId: a.id, sourceId: a.sourceId }));
      else received();
    };
    const received = (): void => {
      const domain = pick(DOMAINS);
      const d = draftAlert(domain, rng);
      const sourceId = `${domain.slice(0, 2).toUpperCase()}-${String(++alertNo).padStart(7, '0')}`;
      const content: AlertContent = {
        feed: domain, sourceId, version: 1, msgType: 'Alert', references: [], domain, category: d.category, event: d.event,
        ...(d.eventCode ? { eventCode: d.eventCode } : {}), headline: d.headline,
        ...(d.description ? { description: d.description } : {}), ...(d.instruction ? { instruction: d.instruction } : {}),
        severity: d.severity, urgency: d.urgency, certainty: d.certainty, capStatus: 'Actual', point: d.point,
        ...(d.area ? { area: { polygons: d.area.polygons ?? [], circles: d.area.circles ?? [], ...(d.area.desc ? { desc: d.area.desc } : {}) } } : {}),
        region: d.region, sent: t, expires: t + (d.expiresMinutes ?? 240) * 60_000, classification: d.classification, attributes: d.attributes, format: 'json',
      };
      const id = `${domain}:${sourceId}`;
      drafts.push(draft('alert.received', t, `source:${domain}`, { alertId: id, content }));
      active.push({ id, feed: domain, sourceId, version: 1, content, status: 'new', expiresAt: content.expires!, linked: false });
    };
    if (r < alertShare || active.length < 20) received();
    else if (r < alertShare + 0.08) {
      const a = someActive();
      if (!a) repeat();
      else {
        a.version++;
        const sourceId = `${a.sourceId}-U${a.version}`;
        a.content = { ...a.content, sourceId, version: a.version, msgType: 'Update', references: [a.sourceId], sent: t };
        drafts.push(draft('alert.updated', t, `source:${a.feed}`, { alertId: a.id, content: a.content }));
      }
    } else if (r < 0.55) repeat();
    else if (r < 0.66) {
      const a = someActive();
      if (!a || a.status !== 'new') repeat();
      else if (r < 0.63) {
        a.status = 'acknowledged';
        drafts.push(draft('alert.acknowledged', t, pick(USERS), { alertId: a.id }));
      } else {
        removeActive(a);
        drafts.push(draft('alert.dismissed', t, pick(USERS), { alertId: a.id, disposition: pick(['relevant', 'duplicate', 'false-positive'] as const) }));
      }
    } else if (r < 0.76) {
      // The oldest alert past its expiry goes (one event each, in time order).
      // Among the oldest few (a scan of all held alerts per event would make the day quadratic).
      let due: LiveAlert | undefined;
      for (let k = 0; k < Math.min(64, active.length) && !due; k++) if (active[k]!.expiresAt <= t) due = active[k];
      if (due) {
        removeActive(due);
        drafts.push(draft('alert.expired', t, 'system:expiry', { alertId: due.id }));
      } else repeat();
    } else if (r < 0.765) {
      const a = someActive();
      if (!a) repeat();
      else {
        removeActive(a);
        drafts.push(draft('alert.cancelled', t, `source:${a.feed}`, { alertId: a.id, reason: '来源撤销' }));
      }
    } else if (r < 0.767) {
      const a = someActive();
      if (!a || a.linked) {
        repeat();
        continue;
      }
      a.linked = true;
      incidentNo++;
      const id = `INC-20261126-${String(incidentNo).padStart(4, '0')}`;
      drafts.push(draft('incident.opened', t, 'system:correlation', {
        incidentId: id, no: incidentNo, title: `${a.content.headline.slice(0, 40)}（联合处置）`, level: pick([2, 3, 3, 4, 4] as const),
        alertIds: [a.id], location: a.content.point, region: a.content.region, classification: 'internal', domains: [a.feed],
      }));
      incidents.push({ id, requested: new Map(), lead: false, tasks: [], taskNo: 0, status: 'open', closeAt: t + (1 + rng() * 5) * 3600_000 });
    } else if (r < 0.995 && incidents.length > 0) {
      const inc = incidents[incidents.length - 1 - Math.floor(Math.pow(rng(), 2) * incidents.length)]!;
      const k = rng();
      const agency = AGENCY_OF_DOMAIN[pick(DOMAINS)];
      if (t >= inc.closeAt) {
        incidents.splice(incidents.indexOf(inc), 1);
        drafts.push(draft('incident.closed', t, 'user:chenqi', { incidentId: inc.id, disposition: 'resolved', summary: '处置完毕，现场恢复正常。' }));
      } else if (k < 0.3) {
        const a = someActive();
        if (a && !a.linked) a.linked = true;
        else {
          repeat();
          continue;
        }
        drafts.push(draft('incident.alertLinked', t, 'system:correlation', { incidentId: inc.id, alertId: a.id }));
      } else if (k < 0.42 && !inc.requested.has(agency)) {
        inc.requested.set(agency, 'notified');
        drafts.push(draft('incident.agencyRequested', t, 'user:chenqi', { incidentId: inc.id, agency }));
      } else if (k < 0.58 && inc.requested.size > 0) {
        const [who, was] = pick([...inc.requested]);
        const next = ({ notified: 'acknowledged', acknowledged: 'dispatched', dispatched: 'on-scene', 'on-scene': 'done', done: null } as const)[was];
        if (next) {
          inc.requested.set(who, next);
          drafts.push(draft('incident.agencyResponded', t, pick(USERS), { incidentId: inc.id, agency: who as never, response: next }));
        } else drafts.push(draft('incident.noteAdded', t, pick(USERS), { incidentId: inc.id, text: '现场情况更新：处置力量已到位。', mentions: [] }));
      } else if (k < 0.62 && !inc.lead) {
        inc.lead = true;
        if (!inc.requested.has(agency)) inc.requested.set(agency, 'notified');
        drafts.push(draft('incident.leadAssigned', t, 'user:chenqi', { incidentId: inc.id, agency }));
      } else if (k < 0.7) {
        const taskId = `T${++inc.taskNo}`;
        inc.tasks.push(taskId);
        drafts.push(draft('incident.taskCreated', t, 'user:chenqi', { incidentId: inc.id, taskId, title: '设置警戒区并疏导交通', agency, due: t + 2 * 3600_000 }));
      } else if (k < 0.75 && inc.tasks.length > 0) {
        drafts.push(draft('incident.taskUpdated', t, pick(USERS), { incidentId: inc.id, taskId: inc.tasks.shift()!, status: 'done' }));
      } else if (k < 0.8) {
        const to = ({ open: 'responding', responding: 'contained', contained: 'resolved', resolved: 'responding' } as const)[inc.status];
        inc.status = to;
        drafts.push(draft('incident.statusChanged', t, 'user:chenqi', { incidentId: inc.id, status: to }));
      } else drafts.push(draft('incident.noteAdded', t, pick(USERS), { incidentId: inc.id, text: '现场情况更新：已通知相关单位，持续监测。', mentions: [] }));
    } else if (r > 0.9995) {
      const feed: Domain = lateFeed ?? pick(DOMAINS);
      lateFeed = lateFeed ? null : feed;
      drafts.push(draft('source.statusChanged', t, 'system:connector', { feed, status: lateFeed ? 'late' : 'connected' }));
    } else repeat();
  }
  return sealEvents(drafts, EMPTY_HEAD, digest);
}
