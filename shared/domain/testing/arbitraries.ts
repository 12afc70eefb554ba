/**
 * fast-check arbitraries of event drafts that the schemas accept. Ids come
 * from small pools so that events often hit entities that exist (and often
 * make illegal moves), which is what the reducer must survive.
 */
import fc from 'fast-check';
import { AGENCY_IDS } from '../agencies';
import { draft, type EventDraft } from '../events';
import { PREFECTURES } from '../regions';
import { content, T0 } from './builders';

const alertIds = ['traffic:A1', 'traffic:A2', 'ecology:E1', 'security:S1', 'nope:X'];
const incidentIds = ['INC-1', 'INC-2', 'INC-3'];
const agency = fc.constantFrom(...AGENCY_IDS);
const alertId = fc.constantFrom(...alertIds);
const incidentId = fc.constantFrom(...incidentIds);
const time = fc.integer({ min: T0, max: T0 + 86_400_000 });
const actor = fc.constantFrom('user:zhangsan', 'user:lisi', 'source:traffic', 'system:sla', 'system:correlation');

const contentArb = fc.record({
  id: alertId,
  severity: fc.constantFrom('Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown' as const),
  classification: fc.constantFrom('public', 'internal', 'sensitive' as const),
  version: fc.integer({ min: 1, max: 5 }),
  prefecture: fc.constantFrom(...PREFECTURES),
});

export const eventDraftArb: fc.Arbitrary<EventDraft> = fc.oneof(
  fc.tuple(contentArb, time, actor).map(([c, t, a]) => {
    const [feed, sourceId] = c.id.split(':') as [string, string];
    return draft(c.version === 1 ? 'alert.received' : 'alert.updated', t, a as never, {
      alertId: c.id,
      content: content({
        feed, sourceId, version: c.version, severity: c.severity, classification: c.classification, region: c.prefecture.code,
        point: { lon: c.prefecture.center[0], lat: c.prefecture.center[1] },
      }),
    });
  }),
  fc.tuple(alertId, time, actor).map(([id, t, a]) => draft('alert.acknowledged', t, a as never, { alertId: id })),
  fc.tuple(alertId, time, actor, fc.constantFrom('relevant', 'duplicate', 'false-positive' as const)).map(([id, t, a, d]) => draft('alert.dismissed', t, a as never, { alertId: id, disposition: d })),
  fc.tuple(alertId, time).map(([id, t]) => draft('alert.expired', t, 'system:expiry', { alertId: id })),
  fc.tuple(alertId, time).map(([id, t]) => draft('alert.cancelled', t, 'source:traffic', { alertId: id })),
  fc.tuple(alertId, alertId, time).map(([id, by, t]) => draft('alert.superseded', t, 'source:traffic', { alertId: id, by })),
  fc.tuple(alertId, time).map(([id, t]) => draft('alert.repeated', t, 'source:traffic', { alertId: id, sourceId: 'x' })),
  fc.tuple(incidentId, fc.subarray(alertIds), fc.integer({ min: 1, max: 4 }), time).map(([id, ids, level, t]) =>
    draft('incident.opened', t, 'system:correlation', {
      incidentId: id, no: Number(id.slice(4)), title: '事件', level: level as 1, alertIds: ids,
      location: { lon: 126.5, lat: 45.8 }, region: '230100', classification: 'internal', domains: ['traffic'],
    }),
  ),
  fc.tuple(incidentId, alertId, time).map(([i, a, t]) => draft('incident.alertLinked', t, 'user:zhangsan', { incidentId: i, alertId: a })),
  fc.tuple(incidentId, alertId, time).map(([i, a, t]) => draft('incident.alertUnlinked', t, 'user:zhangsan', { incidentId: i, alertId: a })),
  fc.tuple(incidentId, incidentId, time).map(([i, f, t]) => draft('incident.merged', t, 'user:chenqi', { incidentId: i, from: f })),
  fc.tuple(incidentId, agency, time).map(([i, ag, t]) => draft('incident.leadAssigned', t, 'user:chenqi', { incidentId: i, agency: ag })),
  fc.tuple(incidentId, agency, time).map(([i, ag, t]) => draft('incident.agencyRequested', t, 'user:chenqi', { incidentId: i, agency: ag })),
  fc.tuple(incidentId, agency, fc.constantFrom('acknowledged', 'declined', 'dispatched', 'on-scene', 'done' as const), time).map(([i, ag, r, t]) =>
    draft('incident.agencyResponded', t, 'user:lisi', { incidentId: i, agency: ag, response: r }),
  ),
  fc.tuple(incidentId, fc.constantFrom('open', 'responding', 'contained', 'resolved' as const), time).map(([i, s, t]) => draft('incident.statusChanged', t, 'user:chenqi', { incidentId: i, status: s })),
  fc.tuple(incidentId, fc.integer({ min: 1, max: 4 }), time).map(([i, l, t]) => draft('incident.levelChanged', t, 'user:chenqi', { incidentId: i, level: l as 1 })),
  fc.tuple(incidentId, fc.constantFrom('T1', 'T2'), agency, time).map(([i, id, ag, t]) => draft('incident.taskCreated', t, 'user:chenqi', { incidentId: i, taskId: id, title: '任务', agency: ag, due: t + 3_600_000 })),
  fc.tuple(incidentId, fc.constantFrom('T1', 'T2'), fc.constantFrom('open', 'in-progress', 'done', 'cancelled' as const), time).map(([i, id, s, t]) =>
    draft('incident.taskUpdated', t, 'user:lisi', { incidentId: i, taskId: id, status: s }),
  ),
  fc.tuple(incidentId, fc.string({ minLength: 1, maxLength: 40 }), time).map(([i, text, t]) => draft('incident.noteAdded', t, 'user:zhangsan', { incidentId: i, text, mentions: [] })),
  fc.tuple(incidentId, time).map(([i, t]) => draft('incident.closed', t, 'user:chenqi', { incidentId: i, disposition: 'resolved', summary: '' })),
  fc.tuple(incidentId, time).map(([i, t]) => draft('incident.reopened', t, 'user:chenqi', { incidentId: i, reason: '复发' })),
  fc.tuple(incidentId, agency, time).map(([i, ag, t]) => draft('sla.reminder', t, 'system:sla', { incidentId: i, agency: ag, kind: 'acknowledge', deadline: t })),
  fc.tuple(incidentId, agency, time).map(([i, ag, t]) => draft('sla.escalated', t, 'system:sla', { incidentId: i, agency: ag, kind: 'acknowledge', deadline: t })),
  fc.tuple(fc.constantFrom('traffic', 'ecology'), fc.constantFrom('connected', 'late', 'down' as const), time).map(([f, s, t]) => draft('source.statusChanged', t, 'system:hub', { feed: f, status: s })),
  fc.tuple(fc.constantFrom('traffic', 'ecology'), time).map(([f, t]) => draft('alert.quarantined', t, 'system:hub', { feed: f, quarantineId: 1, reason: 'bad' })),
);
