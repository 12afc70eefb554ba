/**
 * For unit tests only: a `ReplicaReader` over an array of sealed events and
 * stored snapshot texts, answering the same queries as the replica in
 * IndexedDB (seq and time bounds, incident and alert keys, limit). It counts
 * the events it hands out, so a test can tell a seek from a fold from 0.
 */
import { DEFAULT_SLA } from '@shared/domain/sla';
import { draft, type DomainEvent, type EventDraft } from '@shared/domain/events';
import { fold } from '@shared/domain/reduce';
import { decodePage, SnapshotPager, snapshotOf, stateFromPages, type PagedState, type SnapshotHead, type SnapshotPage } from '@shared/domain/snapshot';
import type { SnapshotSource } from './replayCursor';
import { sealEvents } from '@shared/domain/chain';
import type { AlertContent } from '@shared/domain/model';
import { reduce } from '@shared/domain/reduce';
import type { User } from '@shared/domain/roles';
import { initialState, type State } from '@shared/domain/state';
import { unacknowledgedByDomain } from '@shared/domain/views';
import type { LiveSnapshot, LiveStore, ReplicaExtent, ReplicaQuery, ReplicaReader } from '../../live/types';

/** 2026-11-26 14:00 Beijing time. */
export const T0 = Date.parse('2026-11-26T14:00:00+08:00');
const ANALYST: User = { name: 'lina', displayName: '分析员 李娜', role: 'analyst' };

/** A little event log: seals drafts after the head and folds them in. */
export class Log {
  state: State = initialState;
  events: DomainEvent[] = [];

  append(...drafts: EventDraft[]): DomainEvent[] {
    const sealed = sealEvents(drafts, { seq: this.state.seq, hash: this.state.hash });
    for (const e of sealed) this.state = reduce(this.state, e);
    this.events.push(...sealed);
    return sealed;
  }
}

function content(sourceId: string, sent: number): AlertContent {
  return {
    feed: 'traffic', sourceId, version: 1, msgType: 'Alert', references: [], domain: 'traffic', category: ['Transport'],
    event: '道路交通事故', headline: 'G1京哈高速哈尔滨段多车相撞', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed',
    capStatus: 'Actual', point: { lon: 126.6, lat: 45.7 }, region: '230100', sent, classification: 'internal', attributes: {}, format: 'json',
  };
}

export interface ArrayReplica extends ReplicaReader {
  /** Events returned by `events()` so far. */
  read: number;
}

function isAbout(e: DomainEvent, q: ReplicaQuery): boolean {
  const body = e.body as { alertId?: string; incidentId?: string; by?: string; alertIds?: string[] };
  if (q.alertId && body.alertId !== q.alertId && body.by !== q.alertId && !body.alertIds?.includes(q.alertId)) return false;
  if (q.incidentId && body.incidentId !== q.incidentId) return false;
  return true;
}

/** `snapshotEvery`: store a snapshot after every that many events (0: none). */
export function arrayReplica(events: readonly DomainEvent[], snapshotEvery = 0): ArrayReplica {
  const snapshots: { seq: number; snapshot: string }[] = [];
  if (snapshotEvery > 0) {
    for (let i = snapshotEvery; i <= events.length; i += snapshotEvery) {
      snapshots.push({ seq: events[i - 1]!.seq, snapshot: snapshotOf(fold(events.slice(0, i))) });
    }
  }
  const replica: ArrayReplica = {
    read: 0,
    async eventAt(seq) {
      return events.find((e) => e.seq === seq);
    },
    async events(q) {
      const out: DomainEvent[] = [];
      for (const e of events) {
        if (q.fromSeq !== undefined && e.seq < q.fromSeq) continue;
        if (q.toSeq !== undefined && e.seq > q.toSeq) break;
        if (q.fromTime !== undefined && e.time < q.fromTime) continue;
        if (q.toTime !== undefined && e.time > q.toTime) break;
        if (!isAbout(e, q)) continue;
        out.push(e);
        if (q.limit !== undefined && out.length >= q.limit) break;
      }
      replica.read += out.length;
      return out;
    },
    async extent(): Promise<ReplicaExtent | undefined> {
      const first = events[0];
      const last = events[events.length - 1];
      return first && last ? { firstSeq: first.seq, lastSeq: last.seq, firstTime: first.time, lastTime: last.time, count: events.length } : undefined;
    },
    async snapshotBefore(seq) {
      return snapshots.findLast((s) => s.seq <= seq);
    },
  };
  return replica;
}

/** `n` traffic alerts one second apart, an incident over the first two at +30 s, its lead at +40 s. */
export function exerciseLog(n = 60): DomainEvent[] {
  const log = new Log();
  for (let i = 0; i < n; i++) {
    const sourceId = `TR-${String(i).padStart(4, '0')}`;
    log.append(draft('alert.received', T0 + i * 1000, 'source:traffic', { alertId: `traffic:${sourceId}`, content: content(sourceId, T0 + i * 1000) }));
    if (i === 30) {
      log.append(
        draft('incident.opened', T0 + i * 1000 + 1, 'system:correlation', {
          incidentId: 'INC-1', no: 1, title: '苯储罐泄漏', level: 2, alertIds: ['traffic:TR-0000', 'traffic:TR-0001'],
          location: { lon: 126.6, lat: 45.7 }, region: '230100', classification: 'internal', domains: ['traffic'],
        }),
      );
    }
    if (i === 40) log.append(draft('incident.leadAssigned', T0 + i * 1000 + 500, 'user:commander', { incidentId: 'INC-1', agency: 'hlj-safety' }));
  }
  return log.events;
}


/**
 * A live store that holds the fold of `events` and never changes: the
 * surroundings a replay store needs (user, connection, replica). Commands are
 * accepted without a hub, so a test can tell the replay's refusal from it.
 */
export function settledLiveStore(events: readonly DomainEvent[], replica: ReplicaReader = arrayReplica(events)): LiveStore {
  const state = fold(events);
  const snapshot: LiveSnapshot = {
    version: 1,
    user: ANALYST,
    sla: DEFAULT_SLA,
    connection: { status: 'live', since: T0, replicaSeq: state.seq, hubSeq: state.seq, fetchedSinceLoad: 0 },
    alerts: new Map(state.alerts.entries()),
    incidents: new Map(state.incidents.entries()),
    unacknowledged: unacknowledgedByDomain(state),
    sources: [],
    presence: [],
    directory: [],
    outbox: [],
  };
  return {
    subscribe: () => () => undefined,
    getSnapshot: () => snapshot,
    onDidApplyDelta: () => () => undefined,
    signIn: async () => ({ ok: true }),
    signOut: async () => undefined,
    command: async () => ({ ok: true, seq: state.seq + 1 }),
    replica,
  };
}

/**
 * Paged snapshots of `events` every `every` events, kept in memory as
 * structured clones (as IndexedDB keeps them) and restored the way
 * `SnapshotReader` does: on the latest state built at or before the head.
 * Counts the restores.
 */
export function pagedSource(events: readonly DomainEvent[], every: number): SnapshotSource & { restores: number } {
  const pager = new SnapshotPager();
  const heads: SnapshotHead[] = [];
  const pages = new Map<string, SnapshotPage>();
  let state = initialState;
  for (let i = 0; i + every <= events.length; i += every) {
    state = fold(events.slice(i, i + every), state);
    const written = pager.pagesOf(state);
    for (const p of written.pages) pages.set(p.key, structuredClone(p));
    heads.push(structuredClone(written.head));
  }
  const built: PagedState[] = [];
  const headAt = (seq: number): SnapshotHead | undefined => heads.findLast((h) => h.seq <= seq);
  const source = {
    restores: 0,
    seqAtOrBefore: async (seq: number) => headAt(seq)?.seq,
    async stateAtOrBefore(seq: number) {
      const head = headAt(seq);
      if (!head) return undefined;
      source.restores++;
      const base = built.findLast((b) => b.head.seq <= head.seq);
      const r = stateFromPages(head, (k) => { const p = pages.get(k); return p && decodePage(p); }, base);
      if (!r.ok) throw new Error(r.reason);
      built.push(r.built);
      built.sort((a, b) => a.head.seq - b.head.seq);
      return { state: r.built.state };
    },
  };
  return source;
}
