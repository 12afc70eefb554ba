/**
 * Evaluation indicators (issue 8): every indicator of the dashboard over
 * 1,000,000 events of a realistic 30-day log, which must take under 2 s.
 * Baseline from the same run: one bare loop that only switches on each
 * event's type and reads its time (what any single pass costs at the least).
 *
 *   npm run bench -- evaluation [--json] [--events N]
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { AGENCY_IDS, DOMAINS, type Domain } from '@shared/domain/agencies';
import { EMPTY_HEAD, sealEvents } from '@shared/domain/chain';
import { draft, type DomainEvent, type EventDraft } from '@shared/domain/events';
import type { AlertContent } from '@shared/domain/model';
import { PREFECTURES } from '@shared/domain/regions';
import { CAP_SEVERITIES } from '@shared/domain/warningLevel';
import { content, MIN, T0 } from '@shared/domain/testing/builders';
import { computeIndicators } from '@shared/evaluation/indicators';
import { buildLedger } from '@shared/evaluation/ledger';
import { bucketFor, DAY_MS } from '@shared/evaluation/periods';
import { fmt, gc, json, say } from './harness';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('events', 1_000_000);
const DAYS = 30;
const FROM = T0 - DAYS * DAY_MS;
const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A month of the center: about 60 % alerts received, the rest their
 * acknowledgements, dismissals (some false positives), expiries, updates,
 * repeats and cancellations, and incidents with leads, requests, responses,
 * escalations and tasks. Alert content is drawn from a pool of realistic
 * messages (domain × prefecture × severity) so the log fits in memory.
 */
function realisticLog(n: number): DomainEvent[] {
  let seed = 8;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const pool = new Map<string, AlertContent>();
  const contentOf = (d: Domain, p: (typeof PREFECTURES)[number], severity: AlertContent['severity']): AlertContent => {
    const key = `${d}|${p.code}|${severity}`;
    let c = pool.get(key);
    if (!c) pool.set(key, (c = content({ feed: d, sourceId: key, domain: d, region: p.code, severity, point: { lon: p.center[0], lat: p.center[1] } })));
    return c;
  };
  const drafts: EventDraft[] = [];
  const open: string[] = []; // alerts still new
  const incidents: string[] = [];
  let alerts = 0;
  let incidentNo = 0;
  const step = (DAYS * DAY_MS) / n;
  for (let k = 0; k < n; k++) {
    const t = Math.floor(FROM + k * step);
    const r = rnd();
    if (r < 0.6 || open.length < 20) {
      const d = pick(DOMAINS);
      const id = `${d}:M${alerts++}`;
      drafts.push(draft('alert.received', t, `source:${d}`, { alertId: id, content: contentOf(d, pick(PREFECTURES), pick(CAP_SEVERITIES)) }));
      open.push(id);
    } else if (r < 0.8) {
      // Answer one of the recent alerts (swap-remove keeps this O(1)).
      const j = open.length - 1 - Math.floor(rnd() * Math.min(open.length, 50));
      const id = open[j]!;
      open[j] = open[open.length - 1]!;
      open.pop();
      const u = rnd();
      if (u < 0.75) drafts.push(draft('alert.acknowledged', t, 'user:duty', { alertId: id }));
      else if (u < 0.92) drafts.push(draft('alert.dismissed', t, 'user:duty', { alertId: id, disposition: u < 0.84 ? 'false-positive' : u < 0.88 ? 'duplicate' : 'relevant' }));
      else if (u < 0.97) drafts.push(draft('alert.expired', t, 'system:expiry', { alertId: id }));
      else drafts.push(draft('alert.cancelled', t, `source:${id.split(':')[0]}`, { alertId: id }));
    } else if (r < 0.88) {
      drafts.push(draft('alert.repeated', t, 'source:traffic', { alertId: pick(open), sourceId: 'again' }));
    } else if (r < 0.9 || incidents.length === 0) {
      const id = `INC-${++incidentNo}`;
      incidents.push(id);
      const p = pick(PREFECTURES);
      drafts.push(draft('incident.opened', t, 'system:correlation', {
        incidentId: id, no: incidentNo, title: '联合处置事件', level: (1 + Math.floor(rnd() * 4)) as 1, alertIds: [],
        location: { lon: p.center[0], lat: p.center[1] }, region: p.code, classification: 'internal', domains: [pick(DOMAINS)],
      }));
      drafts.push(draft('incident.leadAssigned', t, 'user:commander', { incidentId: id, agency: pick(AGENCY_IDS) }));
    } else {
      const id = incidents[incidents.length - 1 - Math.floor(rnd() * Math.min(incidents.length, 20))]!;
      const agency = pick(AGENCY_IDS);
      const u = rnd();
      if (u < 0.3) drafts.push(draft('incident.agencyRequested', t, 'user:commander', { incidentId: id, agency }));
      else if (u < 0.6) drafts.push(draft('incident.agencyResponded', t, 'user:duty', { incidentId: id, agency, response: 'acknowledged' }));
      else if (u < 0.7) drafts.push(draft('sla.escalated', t, 'system:sla', { incidentId: id, agency, kind: 'acknowledge', deadline: t - 5 * MIN }));
      else if (u < 0.8) drafts.push(draft('incident.taskCreated', t, 'user:commander', { incidentId: id, taskId: `T${k}`, title: '现场处置', agency, due: t + 60 * MIN }));
      else if (u < 0.9) drafts.push(draft('incident.statusChanged', t, 'user:commander', { incidentId: id, status: 'resolved' }));
      else drafts.push(draft('incident.noteAdded', t, 'user:commander', { incidentId: id, text: '现场情况更新', mentions: [] }));
    }
  }
  return sealEvents(drafts.slice(0, n), EMPTY_HEAD, digest);
}

function bareLoop(events: readonly DomainEvent[]): number {
  let alerts = 0;
  let last = 0;
  for (const e of events) {
    switch (e.type) {
      case 'alert.received':
        alerts++;
        break;
      default:
        last = e.time;
    }
  }
  return alerts + last;
}

/**
 * Best of `rounds` after a warm-up: wall time, and the CPU time of this
 * process in that round (user + system, so GC threads count too). On a
 * machine shared with other work the wall time includes waiting for a core;
 * the CPU time does not.
 */
function best(work: () => void, rounds = 3): { wallMs: number; cpuMs: number } {
  work(); // warm-up
  let wallMs = Infinity;
  let cpuMs = Infinity;
  for (let i = 0; i < rounds; i++) {
    gc();
    const c = process.cpuUsage();
    const t = performance.now();
    work();
    wallMs = Math.min(wallMs, performance.now() - t);
    const used = process.cpuUsage(c);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  return { wallMs, cpuMs };
}

const t0 = performance.now();
const events = realisticLog(N);
say(`generated ${fmt(events.length)} sealed events over ${DAYS} days in ${fmt(performance.now() - t0)} ms`);
const range = { from: FROM, to: T0 };
let result = computeIndicators(events, { ...range, bucketMs: bucketFor(range) });
const indicators = best(() => void (result = computeIndicators(events, { ...range, bucketMs: bucketFor(range) })));
const ledger = best(() => void buildLedger(events, range));
const baseline = best(() => void bareLoop(events));
const load = loadavg()[0]!;
say(`indicators: ${fmt(indicators.wallMs)} ms (CPU ${fmt(indicators.cpuMs)} ms) for every indicator over ${fmt(events.length)} events (${fmt(result.total.received)} alerts, ${fmt(result.agencies.reduce((s, a) => s + a.incidentsLed, 0))} incidents led)  [limit 2,000 ms]`);
say(`  of which the one pass over the log (the ledger): ${fmt(ledger.wallMs)} ms (CPU ${fmt(ledger.cpuMs)} ms)`);
say(`  baseline, a bare loop switching on each event's type: ${fmt(baseline.wallMs)} ms`);
say(`  machine load average while measuring: ${load.toFixed(1)}`);
if (json) {
  console.log(JSON.stringify({ events: events.length, indicatorsMs: Math.round(indicators.wallMs), indicatorsCpuMs: Math.round(indicators.cpuMs), ledgerMs: Math.round(ledger.wallMs), bareLoopMs: Math.round(baseline.wallMs), loadAverage: Math.round(load * 10) / 10 }));
}
