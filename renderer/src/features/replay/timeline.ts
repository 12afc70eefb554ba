/**
 * What the replay slider draws (issue 7 §1): how many events happened in
 * each time bin, stacked by domain (incident work is a stack of its own),
 * and the milestones of incidents — opened, lead assigned, escalations
 * (an SLA escalation or a raised level), closed. Built by scanning the
 * replica in chunks, off the hot path; pure apart from the replica reads.
 */
import { DOMAINS, type AgencyId, type Domain } from '@shared/domain/agencies';
import type { DomainEvent } from '@shared/domain/events';
import type { ReplicaReader } from '../../live/types';
import type { ReplayRange } from './replayStore';

export const TIMELINE_STACKS = [...DOMAINS, 'incident'] as const;
export type TimelineStack = (typeof TIMELINE_STACKS)[number];

export type MilestoneKind = 'opened' | 'lead' | 'escalated' | 'closed';

export interface Milestone {
  kind: MilestoneKind;
  seq: number;
  time: number;
  incidentId: string;
  agency?: AgencyId;
}

export interface Histogram {
  /** Start of the first bin (epoch ms) and the bin width. */
  from: number;
  binMs: number;
  /** Per stack, one count per bin. */
  counts: Record<TimelineStack, number[]>;
}

const NICE_BINS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** A round bin width that gives about `bins` bins over `spanMs`. */
export function binWidthFor(spanMs: number, bins = 240): number {
  const raw = Math.max(1, spanMs) / bins;
  return NICE_BINS_MS.find((w) => w >= raw) ?? NICE_BINS_MS[NICE_BINS_MS.length - 1]!;
}

/** Accumulates events into a histogram and a list of milestones. */
export class TimelineScan {
  readonly histogram: Histogram;
  readonly milestones: Milestone[] = [];
  /** Each alert's domain, learned from its first message. */
  private readonly domains = new Map<string, Domain>();
  private readonly levels = new Map<string, number>();

  constructor(from: number, to: number, bins = 240) {
    const binMs = binWidthFor(to - from, bins);
    const start = Math.floor(from / binMs) * binMs;
    const n = Math.max(1, Math.ceil((to - start + 1) / binMs));
    this.histogram = {
      from: start,
      binMs,
      counts: Object.fromEntries(TIMELINE_STACKS.map((s) => [s, new Array<number>(n).fill(0)])) as Record<TimelineStack, number[]>,
    };
  }

  /** What a scan learned, as plain data (a scan made in a worker crosses to the UI thread this way). */
  parts(): TimelineParts {
    return { histogram: this.histogram, milestones: this.milestones, domains: [...this.domains], levels: [...this.levels] };
  }

  static fromParts(p: TimelineParts): TimelineScan {
    const scan = new TimelineScan(p.histogram.from, p.histogram.from);
    Object.assign(scan, { histogram: p.histogram });
    scan.milestones.push(...p.milestones);
    for (const [id, d] of p.domains) scan.domains.set(id, d);
    for (const [id, l] of p.levels) scan.levels.set(id, l);
    return scan;
  }

  add(events: readonly DomainEvent[]): void {
    for (const e of events) {
      const stack = this.stackOf(e);
      if (stack) this.count(stack, e.time);
      this.milestone(e);
    }
  }

  private count(stack: TimelineStack, time: number): void {
    const { from, binMs, counts } = this.histogram;
    const i = Math.floor((time - from) / binMs);
    const bins = counts[stack];
    if (i < 0) return;
    // The live log grows while replaying: bins are added at the end.
    while (i >= bins.length) for (const s of TIMELINE_STACKS) counts[s].push(0);
    bins[i]!++;
  }

  private stackOf(e: DomainEvent): TimelineStack | null {
    switch (e.type) {
      case 'alert.received':
      case 'alert.updated':
        this.domains.set(e.body.alertId, e.body.content.domain);
        return e.body.content.domain;
      case 'alert.repeated':
      case 'alert.cancelled':
      case 'alert.expired':
      case 'alert.acknowledged':
      case 'alert.dismissed':
      case 'alert.superseded':
        return this.domains.get(e.body.alertId) ?? null;
      case 'alert.quarantined':
      case 'source.statusChanged':
      case 'source.configured':
      case 'source.removed':
        return null;
      default:
        return 'incident';
    }
  }

  private milestone(e: DomainEvent): void {
    const add = (kind: MilestoneKind, incidentId: string, agency?: AgencyId): void => {
      this.milestones.push({ kind, seq: e.seq, time: e.time, incidentId, ...(agency ? { agency } : {}) });
    };
    switch (e.type) {
      case 'incident.opened':
        this.levels.set(e.body.incidentId, e.body.level);
        return add('opened', e.body.incidentId);
      case 'incident.leadAssigned':
        return add('lead', e.body.incidentId, e.body.agency);
      case 'sla.escalated':
        return add('escalated', e.body.incidentId, e.body.agency);
      case 'incident.levelChanged': {
        // Level Ⅰ is the most severe: a smaller number is an escalation.
        const before = this.levels.get(e.body.incidentId);
        this.levels.set(e.body.incidentId, e.body.level);
        if (before !== undefined && e.body.level < before) add('escalated', e.body.incidentId);
        return;
      }
      case 'incident.closed':
        return add('closed', e.body.incidentId);
      default:
        return;
    }
  }
}

export interface TimelineParts {
  histogram: Histogram;
  milestones: Milestone[];
  domains: [string, Domain][];
  levels: [string, number][];
}

export interface ScanOptions {
  incidentId?: string;
  /** Events per replica read. */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: { readonly aborted: boolean };
}

/** Scans the range (or, in focus, the incident's events) into a timeline. */
export async function scanTimeline(replica: ReplicaReader, range: ReplayRange, opts: ScanOptions = {}): Promise<TimelineScan> {
  const scan = new TimelineScan(range.from, range.to);
  if (opts.incidentId) {
    scan.add(await replica.events({ incidentId: opts.incidentId, fromSeq: range.firstSeq, toSeq: range.lastSeq }));
    return scan;
  }
  // Each read arrives as one message on the UI thread: small enough to stay a short task.
  const chunk = opts.chunk ?? 2_000;
  const total = range.lastSeq - range.firstSeq + 1;
  let from = range.firstSeq;
  while (from <= range.lastSeq && !opts.signal?.aborted) {
    const events = await replica.events({ fromSeq: from, toSeq: range.lastSeq, limit: chunk });
    if (events.length === 0) break;
    scan.add(events);
    from = events[events.length - 1]!.seq + 1;
    opts.onProgress?.(Math.min(total, from - range.firstSeq), total);
    if (events.length < chunk) break;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return scan;
}

/** Continues a scan with the events the live log appended after `afterSeq`. */
export async function extendTimeline(replica: ReplicaReader, scan: TimelineScan, afterSeq: number, toSeq: number, incidentId?: string): Promise<void> {
  if (toSeq <= afterSeq) return;
  scan.add(await replica.events({ fromSeq: afterSeq + 1, toSeq, ...(incidentId ? { incidentId } : {}) }));
}
