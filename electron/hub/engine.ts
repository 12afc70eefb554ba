/**
 * The hub engine: the one writer of the event log (DESIGN §1). Feed batches,
 * commands and the hub's own decisions all pass through one exclusive queue,
 * are folded into the in-memory state, persisted in one transaction, and
 * only then announced (to workstations) and acknowledged (to feeds).
 *
 * If a write fails, the state rolls back to the one before the batch: the
 * state is persistent, so that is keeping a reference.
 */
import * as nodeCrypto from 'node:crypto';
import { correlateAlert, IncidentIndex, type CorrelationConfig } from '@shared/correlation';
import { sealEvents, type ChainHead, type Sha256Hex } from '@shared/domain/chain';
import { decide } from '@shared/domain/decide';
import { draft, type DomainEvent, type EventDraft } from '@shared/domain/events';
import { fold, Folding, reduce } from '@shared/domain/reduce';
import type { AlertContent } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import { snapshotOf, stateFromSnapshot } from '@shared/domain/snapshot';
import { initialState, type State } from '@shared/domain/state';
import { commandSchema, type CommandResult } from '@shared/protocol/commands';
import type { FeedConfig } from './config';
import { decodeItem, type DecodedItem } from './decode/decodeItem';
import type { Logger } from './log';
import { QUARANTINE_RAW_CAP, type QuarantineRow, type Store } from './store/store';

export { decodeBody } from './decode/decodeItem';

/**
 * Node's one-shot `crypto.hash` (Node ≥ 20.12 and every Electron we ship), where
 * the runtime has it: no Hash object per call. Measured per event in the domain
 * bench: 7.0 µs against 9.3 µs for createHash (body text + SHA-256 included).
 */
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: string, outputEncoding: 'hex') => string }).hash;

/** Node's SHA-256: same digest as the pure one in shared/, about 2× faster; the one-shot form where there is one. */
export const nativeSha256: Sha256Hex =
  typeof oneShotHash === 'function' ? (text) => oneShotHash('sha256', text, 'hex') : (text) => nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Seals drafts with Node's SHA-256 and keeps each body's text as the chain
 * hashed it (`JSON.stringify`): the store writes that text, so a body is
 * stringified once for the hash and the COPY row instead of twice (~1.5 KB
 * an alert).
 */
function sealKeepingBodies(drafts: readonly EventDraft[], head: ChainHead, bodies: string[], textOf?: (body: unknown) => string): DomainEvent[] {
  return sealEvents(drafts, head, nativeSha256, bodies, textOf);
}

/**
 * A body's text as `JSON.stringify` writes it, with `content`'s text (made in the decode
 * worker: `Decoded.text`) spliced in where the body is `{alertId, content}` with that very
 * content (`alert.received`, `alert.updated`): the same characters, without stringifying
 * ~1.2 KB of content again on the main thread. Any other body is stringified.
 */
function bodyTextWith(content: AlertContent, contentText: string): (body: unknown) => string {
  return (body) => {
    const b = body as { alertId?: unknown; content?: unknown };
    if (b.content === content && typeof b.alertId === 'string' && keysAreAlertIdThenContent(b)) return `{"alertId":${JSON.stringify(b.alertId)},"content":${contentText}}`;
    return JSON.stringify(body);
  };
}

/** Whether an object's enumerable keys are exactly `alertId`, `content`, in that order (as `JSON.stringify` would write them). */
function keysAreAlertIdThenContent(o: object): boolean {
  let n = 0;
  for (const k in o) {
    if (k !== (n === 0 ? 'alertId' : n === 1 ? 'content' : '')) return false;
    n++;
  }
  return n === 2;
}

/** How long one group commit took, for the bench and diagnosis. */
export interface GroupTiming {
  batches: number;
  items: number;
  /** Events appended. */
  events: number;
  /** The longest a batch of the group took from its connector receiving it to reaching the engine (decoding, in order behind earlier batches), ms. */
  decodedMs: number;
  /** From the first batch's arrival at the engine to the group's start, ms. */
  waitedMs: number;
  /** Correlating, sealing and folding (with decoding of batches no worker decoded), ms. */
  buildMs: number;
  /** The store's transaction, ms. */
  commitMs: number;
  /** Announcing to listeners (the workstation broadcast), ms. */
  announceMs: number;
}

/** When each step of a group happened (`performance.now()`), and its batches: for following single alerts through the hub (the client bench). */
export interface GroupMoments {
  started: number;
  built: number;
  committed: number;
  announced: number;
  /** Each batch in order: its feed, when its connector received it and when it reached the engine, and the group's events it produced (`[from, to)` of the announced events). */
  batches: Array<{ feed: string; receivedAt: number; queuedAt: number; events: [number, number] }>;
}

export interface IngestResult {
  /** Highest feed seq now persisted (ack this), or null if nothing was readable. */
  upTo: number | null;
  accepted: number;
  quarantined: number;
  /** Feed seqs skipped over (the feed jumped ahead): [from, to] inclusive. */
  gaps: [number, number][];
  /** Items whose seq did not increase (a feed restarted from scratch, or a hostile one). */
  regressions: number;
  /** Emit → persist delay of each accepted item, ms. */
  lags: number[];
}

/** Appended events and the state after them; `bodies`, when given, holds each event's body text as sealed (`JSON.stringify(body)`), index for index. */
export type AppendListener = (events: DomainEvent[], state: State, bodies?: readonly string[]) => void;

export interface EngineOptions {
  correlation: CorrelationConfig;
  snapshotEvery: number;
  log: Logger;
  now?: () => number;
}

function cut(raw: unknown): { raw: string; rawBytes: number } {
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
  } catch {
    text = String(raw);
  }
  return { raw: text.length > QUARANTINE_RAW_CAP ? text.slice(0, QUARANTINE_RAW_CAP) : text, rawBytes: text.length };
}

/**
 * Items one group commit takes at most (beyond its first batch). A group runs
 * without yielding except to the store, ~0.3 ms an alert on the 2-core
 * machine: 1,000 keep that near 0.3 s (pings, commands, broadcasts wait
 * behind it), while a transaction's own overhead (~4 ms) is already under 2%.
 */
const GROUP_MAX_ITEMS = 1000;

/**
 * A feed batch's items: the array, or a batch that came as text and was decoded in a worker
 * (`decodeBatchText`): its length, and its items parsed from the text only when one is needed
 * (quarantined with its raw content, or decoded here because no worker answered).
 */
export type BatchItems = readonly unknown[] | { readonly length: number; parse: () => readonly unknown[] };

interface PendingBatch {
  feed: FeedConfig;
  items: BatchItems;
  /** The items already decoded (in a decode worker), index for index; else the engine decodes them. */
  decoded: readonly DecodedItem[] | undefined;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
  /** performance.now() when it reached the engine. */
  queuedAt: number;
  /** performance.now() when its connector passed it on after the throttle (as queuedAt when not given). */
  receivedAt: number;
}

export class HubEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private pendingIngest: PendingBatch[] = [];
  private ingestScheduled = false;
  private listeners: AppendListener[] = [];
  private groupListeners: Array<(timing: GroupTiming, moments: GroupMoments) => void> = [];
  private sinceSnapshot = 0;
  private readonly now: () => number;

  private constructor(
    private readonly store: Store,
    private current: State,
    private index: IncidentIndex,
    private readonly cursors: Map<string, number>,
    private quarantineId: number,
    private readonly options: EngineOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Loads the latest snapshot and folds the events after it. */
  static async open(store: Store, options: EngineOptions): Promise<HubEngine> {
    const started = Date.now();
    let state = initialState;
    const snap = await store.latestSnapshot();
    if (snap) {
      const restored = stateFromSnapshot(snap.state);
      if (restored.ok) state = restored.state;
      else options.log.warn({ reason: restored.reason }, 'snapshot unreadable; folding the whole log');
    }
    for (;;) {
      const page = await store.readEvents(state.seq, 5000);
      if (page.length === 0) break;
      state = fold(page, state);
    }
    const engine = new HubEngine(store, state, IncidentIndex.fromState(state, options.correlation.topics), await store.feedCursors(), await store.maxQuarantineId(), options);
    options.log.info({ seq: state.seq, alerts: state.alerts.size, incidents: state.incidents.size, ms: Date.now() - started }, 'event log loaded');
    return engine;
  }

  get state(): State {
    return this.current;
  }

  cursor(feed: string): number {
    return this.cursors.get(feed) ?? 0;
  }

  onDidAppend(listener: AppendListener): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  /** Timing of each committed ingest group (bench, diagnosis), told after its announcement; returns a function that removes the listener. */
  onDidCommitGroup(listener: (timing: GroupTiming, moments: GroupMoments) => void): () => void {
    this.groupListeners.push(listener);
    return () => (this.groupListeners = this.groupListeners.filter((l) => l !== listener));
  }

  /** Runs `work` after everything queued before it; nothing else writes meanwhile. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private announce(events: DomainEvent[], bodies?: readonly string[]): void {
    if (events.length === 0) return;
    for (const l of this.listeners) {
      try {
        l(events, this.current, bodies);
      } catch (e) {
        this.options.log.error({ err: e }, 'append listener failed');
      }
    }
    this.sinceSnapshot += events.length;
    if (this.sinceSnapshot >= this.options.snapshotEvery) {
      this.sinceSnapshot = 0;
      void this.snapshot();
    }
  }

  /** Writes a snapshot of the current state (also on shutdown). */
  snapshot(): Promise<void> {
    return this.exclusive(async () => {
      const s = this.current;
      if (s.seq === 0) return;
      await this.store.saveSnapshot(s.seq, s.time, snapshotOf(s));
      this.options.log.info({ seq: s.seq }, 'snapshot saved');
    });
  }

  /** Folds sealed events into a group's folding and the index, in order, and adds them to `out`. */
  private foldInto(f: Folding, sealed: readonly DomainEvent[], out: DomainEvent[]): void {
    for (const e of sealed) {
      this.index.apply(e, f.apply(e));
      out.push(e);
    }
  }

  /** Folds sealed events into a working state and the index, in order. */
  private foldIn(state: State, events: DomainEvent[]): State {
    for (const e of events) {
      state = reduce(state, e);
      this.index.apply(e, state);
    }
    return state;
  }

  /**
   * One feed batch: each item is checked, decoded and correlated on its own
   * (a bad one is quarantined with its reason, the rest go on), then
   * persisted with the feed's cursor in one transaction.
   *
   * Group commit: batches that arrive (from any feed) while a transaction
   * runs wait in `pendingIngest` and go into the next transaction together,
   * up to {@link GROUP_MAX_ITEMS} items, each still in arrival order. The
   * per-transaction cost is paid once per group instead of once per batch;
   * each batch's promise settles when its group is committed (or failed).
   */
  ingestBatch(feed: FeedConfig, items: BatchItems, decoded?: readonly DecodedItem[], receivedAt?: number): Promise<IngestResult> {
    if (decoded !== undefined && decoded.length !== items.length) decoded = undefined;
    return new Promise<IngestResult>((resolve, reject) => {
      const queuedAt = performance.now();
      this.pendingIngest.push({ feed, items, decoded, resolve, reject, queuedAt, receivedAt: receivedAt ?? queuedAt });
      this.scheduleIngest();
    });
  }

  private scheduleIngest(): void {
    if (this.ingestScheduled || this.pendingIngest.length === 0) return;
    this.ingestScheduled = true;
    void this.exclusive(async () => {
      // Let the event loop turn between groups: PGlite answers within microtasks, so a
      // backlog would otherwise run group after group without socket I/O (no pings, no
      // acks, no broadcasts written: workstations and feeds time out).
      await new Promise((r) => setImmediate(r));
      this.ingestScheduled = false;
      let take = 0;
      for (let n = 0; take < this.pendingIngest.length && (take === 0 || n + this.pendingIngest[take]!.items.length <= GROUP_MAX_ITEMS); take++) {
        n += this.pendingIngest[take]!.items.length;
      }
      const group = this.pendingIngest.splice(0, take);
      // What arrives from now on (or did not fit) goes into the next group.
      this.scheduleIngest();
      await this.ingestGroup(group);
    });
  }

  private async ingestGroup(group: PendingBatch[]): Promise<void> {
    const base = this.current;
    let results: IngestResult[];
    try {
      results = await this.writeGroup(group, base);
    } catch (e) {
      this.rollback(base);
      // Later batches of these feeds already waiting would skip the lost items as a gap:
      // fail them too; their connectors resume the feeds after what was persisted.
      const failed = new Set(group.map((b) => b.feed.id));
      const dropped = this.pendingIngest.filter((b) => failed.has(b.feed.id));
      this.pendingIngest = this.pendingIngest.filter((b) => !failed.has(b.feed.id));
      for (const b of [...group, ...dropped]) b.reject(e);
      return;
    }
    group.forEach((b, i) => b.resolve(results[i]!));
  }

  /** Decodes, correlates and seals a group on top of `base`, persists it, and makes it current. */
  private async writeGroup(group: readonly PendingBatch[], base: State): Promise<IngestResult[]> {
    const started = performance.now();
    const now = this.now();
    // One folding for the whole group: each sealed event is edited into transient maps (the cost of a
    // fold, not of `reduce` per event). `f.current` is read afresh at every step and never kept: it
    // changes in place with the next event. `base` is never changed, so a failed write drops `f`.
    const f = new Folding(base);
    const events: DomainEvent[] = [];
    const bodies: string[] = [];
    const quarantine: QuarantineRow[] = [];
    const cursors = new Map<string, number>();
    const results: IngestResult[] = [];
    /** Where each batch's events start in `events` (for `GroupMoments`). */
    const firstEvents: number[] = [];
    let nextQuarantineId = this.quarantineId;

    for (const { feed, items, decoded: decodedItems } of group) {
      firstEvents.push(events.length);
      const actor = `source:${feed.id}` as const;
      const result: IngestResult = { upTo: null, accepted: 0, quarantined: 0, gaps: [], regressions: 0, lags: [] };
      results.push(result);
      let last = cursors.get(feed.id) ?? this.cursor(feed.id);
      let parsed: readonly unknown[] | undefined;
      const itemAt = (k: number): unknown => (parsed ??= 'parse' in items ? items.parse() : items)[k];

      const reject = (reason: string, raw: unknown, feedSeq: number | null): void => {
        const row: QuarantineRow = { id: ++nextQuarantineId, time: now, feed: feed.id, feedSeq, reason, ...cut(raw) };
        quarantine.push(row);
        const sealed = sealKeepingBodies([draft('alert.quarantined', now, 'system:hub', { feed: feed.id, quarantineId: row.id, reason: reason.slice(0, 1000) })], f.current, bodies);
        this.foldInto(f, sealed, events);
        result.quarantined++;
      };

      for (let k = 0; k < items.length; k++) {
        const d = decodedItems?.[k] ?? decodeItem(feed, itemAt(k));
        if (!d.envelope) {
          reject(d.reason, itemAt(k), null);
          continue;
        }
        const { seq, sent } = d;
        if (seq <= last) {
          result.regressions++;
          reject(`sequence regression: seq ${seq} after ${last}`, itemAt(k), seq);
          continue;
        }
        if (seq > last + 1) result.gaps.push([last + 1, seq - 1]);
        last = seq;
        result.upTo = seq;
        const decoded = d.body;
        if (!decoded.ok) {
          reject(decoded.reason, (itemAt(k) as { body: unknown }).body, seq);
          continue;
        }
        const c = correlateAlert(f.current, decoded.value, { time: now, actor }, this.options.correlation, this.index);
        if (!c.ok) {
          reject(c.quarantine, (itemAt(k) as { body: unknown }).body, seq);
          continue;
        }
        this.foldInto(f, sealKeepingBodies(c.events, f.current, bodies, bodyTextWith(decoded.value, decoded.text)), events);
        result.accepted++;
        result.lags.push(now - sent);
      }
      if (result.upTo !== null || result.quarantined > 0) cursors.set(feed.id, last);
    }

    const state = f.finish();
    if (cursors.size === 0) return results;
    const built = performance.now();
    await this.store.appendIngest({ events, bodies, quarantine, cursors: [...cursors].map(([feed, lastSeq]) => ({ feed, lastSeq })) });
    const committed = performance.now();
    this.current = state;
    this.quarantineId = nextQuarantineId;
    for (const [feed, lastSeq] of cursors) this.cursors.set(feed, lastSeq);
    this.announce(events, bodies.length === events.length ? bodies : undefined);
    if (this.groupListeners.length > 0) {
      const announced = performance.now();
      const timing: GroupTiming = {
        batches: group.length,
        items: group.reduce((n, b) => n + b.items.length, 0),
        events: events.length,
        decodedMs: group.reduce((ms, b) => Math.max(ms, b.queuedAt - b.receivedAt), 0),
        waitedMs: started - group[0]!.queuedAt,
        buildMs: built - started,
        commitMs: committed - built,
        announceMs: announced - committed,
      };
      const moments: GroupMoments = {
        started,
        built,
        committed,
        announced,
        batches: group.map((b, i) => ({ feed: b.feed.id, receivedAt: b.receivedAt, queuedAt: b.queuedAt, events: [firstEvents[i]!, firstEvents[i + 1] ?? events.length] })),
      };
      for (const l of this.groupListeners) l(timing, moments);
    }
    return results;
  }

  /** Quarantines something that is not even a batch (so the integrator sees what came). */
  quarantineRaw(feed: FeedConfig, reason: string, raw: unknown): Promise<void> {
    return this.exclusive(async () => {
      const now = this.now();
      const row: QuarantineRow = { id: this.quarantineId + 1, time: now, feed: feed.id, feedSeq: null, reason, ...cut(raw) };
      const base = this.current;
      const sealed = sealEvents([draft('alert.quarantined', now, 'system:hub', { feed: feed.id, quarantineId: row.id, reason: reason.slice(0, 1000) })], base, nativeSha256);
      const state = this.foldIn(base, sealed);
      try {
        await this.store.appendIngest({ events: sealed, quarantine: [row], cursors: [{ feed: feed.id, lastSeq: this.cursor(feed.id) }] });
      } catch (e) {
        this.rollback(base);
        throw e;
      }
      this.quarantineId = row.id;
      this.current = state;
      this.announce(sealed);
    });
  }

  /**
   * A workstation command: validated, decided, and persisted with its result
   * in one transaction. A repeated id answers the first result and appends
   * nothing.
   */
  runCommand(user: User, raw: unknown): Promise<CommandResult> {
    return this.exclusive(async () => {
      const parsed = commandSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, code: 'invalid', message: issue ? `${issue.path.join('.') || 'command'}: ${issue.message}` : 'malformed command' } as const;
      }
      const command = parsed.data;
      const earlier = await this.store.commandResult(command.id);
      if (earlier) {
        if (earlier.userName !== user.name) return { ok: false, code: 'invalid', message: `command id ${command.id} was already used` } as const;
        return earlier.result;
      }
      const decision = decide(this.current, command as Parameters<typeof decide>[1], user, this.now());
      if (!decision.ok) {
        const { ok, code, message, detail } = decision;
        const result: CommandResult = { ok, code, message, ...(detail ? { detail } : {}) };
        await this.store.appendCommand({ id: command.id, userName: user.name, result, events: [] });
        return result;
      }
      const base = this.current;
      const sealed = sealEvents(decision.events, base, nativeSha256);
      const state = this.foldIn(base, sealed);
      const result: CommandResult = { ok: true, seq: state.seq };
      try {
        await this.store.appendCommand({ id: command.id, userName: user.name, result, events: sealed });
      } catch (e) {
        this.rollback(base);
        throw e;
      }
      this.current = state;
      this.announce(sealed);
      return result;
    });
  }

  /** Events the hub decides itself (feed status; see `appendSystemFrom` for SLA). */
  appendSystem(drafts: EventDraft[]): Promise<DomainEvent[]> {
    return this.appendSystemFrom(() => drafts);
  }

  /**
   * Events the hub decides from the state itself (the SLA schedule):
   * `compute` runs inside the single-writer queue on the state of that
   * moment with the engine's clock, so nothing appended in between can make
   * its answer stale.
   */
  appendSystemFrom(compute: (state: State, now: number) => EventDraft[]): Promise<DomainEvent[]> {
    return this.exclusive(async () => {
      const drafts = compute(this.current, this.now());
      if (drafts.length === 0) return [];
      const base = this.current;
      const sealed = sealEvents(drafts, base, nativeSha256);
      const state = this.foldIn(base, sealed);
      try {
        await this.store.appendEvents(sealed);
      } catch (e) {
        this.rollback(base);
        throw e;
      }
      this.current = state;
      this.announce(sealed);
      return sealed;
    });
  }

  private rollback(base: State): void {
    this.current = base;
    this.index = IncidentIndex.fromState(base, this.options.correlation.topics);
  }

  /** Waits for queued work, writes a snapshot. */
  async close(): Promise<void> {
    await this.snapshot().catch((e: unknown) => this.options.log.warn({ err: e }, 'snapshot on close failed'));
  }
}

