/**
 * TEST SUPPORT ONLY: a small log of a joint incident folded by the real
 * reducer (a chemical leak in Harbin, with a traffic closure, an unrelated
 * alert, and a second incident merged in), for the report tests.
 */
import { draft, type EventDraft } from '../../domain/events';
import type { AlertContent } from '../../domain/model';
import { content, Log, MIN, T0, USERS } from '../../domain/testing/builders';

export { Log, MIN, T0, USERS };
export const PEOPLE = Object.values(USERS);

const leak = (o: Partial<AlertContent> = {}): AlertContent =>
  content({
    feed: 'safety',
    sourceId: 'SAF-1',
    domain: 'safety',
    category: ['Safety', 'CBRNE'],
    event: '危险化学品泄漏',
    headline: '哈尔滨滨东精细化工有限公司苯储罐发生泄漏',
    instruction: '厂区周边1公里范围内人员向上风向撤离。',
    severity: 'Severe',
    point: { lon: 126.68, lat: 45.78 },
    area: { desc: '厂区周边1公里', polygons: [], circles: [{ center: [126.68, 45.78], radiusKm: 1 }] },
    classification: 'internal',
    capStatus: 'Exercise',
    ...o,
  });

const closure = (o: Partial<AlertContent> = {}): AlertContent =>
  content({
    sourceId: 'TRF-1',
    headline: 'G1011哈同高速哈尔滨收费站入口关闭',
    instruction: '去往宾县方向车辆请经G10绕行。',
    point: { lon: 126.7595, lat: 45.7979 },
    classification: 'public',
    capStatus: 'Exercise',
    sent: T0 + 2 * MIN,
    ...o,
  });

/** The drafts, in order; `incidentLog()` seals and folds them. */
export function incidentDrafts(): EventDraft[] {
  const inc = 'INC-1';
  return [
    draft('alert.received', T0, 'source:safety', { alertId: 'safety:SAF-1', content: leak() }),
    draft('alert.received', T0 + 1000, 'source:traffic', { alertId: 'traffic:OTHER', content: content({ sourceId: 'OTHER', headline: '无关的道路养护通告', point: { lon: 124, lat: 47 }, region: '230200' }) }),
    draft('incident.opened', T0 + 5000, 'system:correlation', {
      incidentId: inc,
      no: 1,
      title: '哈尔滨危化品泄漏',
      level: 2,
      alertIds: ['safety:SAF-1'],
      location: { lon: 126.68, lat: 45.78 },
      region: '230100',
      classification: 'internal',
      domains: ['safety'],
    }),
    draft('alert.received', T0 + 2 * MIN, 'source:traffic', { alertId: 'traffic:TRF-1', content: closure() }),
    draft('incident.alertLinked', T0 + 2 * MIN + 500, 'system:correlation', { incidentId: inc, alertId: 'traffic:TRF-1' }),
    draft('incident.leadAssigned', T0 + 3 * MIN, 'user:chenqi', { incidentId: inc, agency: 'hlj-safety' }),
    draft('incident.agencyRequested', T0 + 3 * MIN + 1000, 'user:chenqi', { incidentId: inc, agency: 'hlj-traffic' }),
    draft('incident.agencyRequested', T0 + 3 * MIN + 2000, 'user:chenqi', { incidentId: inc, agency: 'hlj-ecology' }),
    draft('incident.agencyResponded', T0 + 5 * MIN, 'user:zhaoliu', { incidentId: inc, agency: 'hlj-safety', response: 'acknowledged' }),
    draft('alert.acknowledged', T0 + 5 * MIN + 100, 'user:lisi', { alertId: 'traffic:TRF-1' }),
    draft('incident.agencyResponded', T0 + 6 * MIN, 'user:lisi', { incidentId: inc, agency: 'hlj-traffic', response: 'dispatched' }),
    draft('sla.reminder', T0 + 13 * MIN + 2000, 'system:sla', { incidentId: inc, agency: 'hlj-ecology', kind: 'acknowledge', deadline: T0 + 13 * MIN + 2000 }),
    draft('sla.escalated', T0 + 18 * MIN + 2000, 'system:sla', { incidentId: inc, agency: 'hlj-ecology', kind: 'acknowledge', deadline: T0 + 13 * MIN + 2000 }),
    draft('incident.levelChanged', T0 + 19 * MIN, 'user:chenqi', { incidentId: inc, level: 1, reason: '物料进入松花江，升级响应' }),
    draft('incident.agencyResponded', T0 + 20 * MIN, 'user:wangwu', { incidentId: inc, agency: 'hlj-ecology', response: 'acknowledged' }),
    draft('incident.statusChanged', T0 + 21 * MIN, 'user:chenqi', { incidentId: inc, status: 'responding' }),
    draft('incident.taskCreated', T0 + 22 * MIN, 'user:chenqi', { incidentId: inc, taskId: 'T1', title: '阿什河下游设置拦截坝', agency: 'hlj-ecology', due: T0 + 82 * MIN }),
    draft('incident.noteAdded', T0 + 23 * MIN, 'user:wangwu', { incidentId: inc, text: '下游断面苯浓度 0.05 mg/L, "超标" 4 倍', mentions: ['hlj-safety'] }),
    draft('incident.opened', T0 + 24 * MIN, 'user:zhangsan', {
      incidentId: 'INC-2',
      no: 2,
      title: '松花江水质异常',
      level: 3,
      alertIds: [],
      location: { lon: 126.7, lat: 45.8 },
      region: '230100',
      classification: 'internal',
      domains: ['ecology'],
    }),
    draft('incident.noteAdded', T0 + 25 * MIN, 'user:zhangsan', { incidentId: 'INC-2', text: '群众来电反映江水有异味', mentions: [] }),
    draft('incident.merged', T0 + 26 * MIN, 'user:chenqi', { incidentId: inc, from: 'INC-2' }),
    draft('incident.taskUpdated', T0 + 90 * MIN, 'user:wangwu', { incidentId: inc, taskId: 'T1', status: 'done' }),
    draft('incident.statusChanged', T0 + 120 * MIN, 'user:chenqi', { incidentId: inc, status: 'resolved' }),
    draft('incident.closed', T0 + 130 * MIN, 'user:chenqi', { incidentId: inc, disposition: 'resolved', summary: '泄漏已封堵，江水恢复达标' }),
  ];
}

export function incidentLog(): Log {
  const log = new Log();
  log.append(...incidentDrafts());
  return log;
}
