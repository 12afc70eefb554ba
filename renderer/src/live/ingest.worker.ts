/// <reference lib="webworker" />
/**
 * The ingest worker (DESIGN §1, §5): holds the hub connection, writes the
 * replica (IndexedDB), folds events with the shared reducer, and posts
 * compact deltas to the UI thread at most ten times a second (the first
 * change after a quieter spell at once).
 *
 * Several windows of the app share one replica: a Web Lock elects the
 * window whose worker talks to the hub and writes; the others follow over a
 * BroadcastChannel (they fold the same events and read the same IndexedDB).
 * Every window's worker answers reads of the replica (`ReplicaReader`) from
 * IndexedDB itself, writer or not.
 *
 * A reload restores the newest stored state snapshot and folds only the
 * events after it; the writer stores a paged snapshot every few thousand
 * events (`snapshotStore.ts`). Replicas written before keep their format-1
 * text snapshots, still read when no paged one exists.
 */
import { io, type Socket } from 'socket.io-client';
import type { DomainEvent } from '@shared/domain/events';
import type { CommandType } from '@shared/domain/roles';
import { reduce, fold, Folding } from '@shared/domain/reduce';
import { stateFromSnapshot } from '@shared/domain/snapshot';
import { initialState, type State } from '@shared/domain/state';
import type { HubInfo } from '@shared/ipc';
import type { CommandResult } from '@shared/protocol/commands';
import { FEED_ADMIN_EVENT, type FeedAdminRequestInput, type FeedAdminResult } from '@shared/protocol/feedAdmin';
import { PROTOCOL } from '@shared/protocol/version';
import type { EventsBatch, FeedHealth, LoginResponse, Presence, Sources } from '@shared/protocol/workstation';
import { collectTouched, emptyTouched } from './delta';
import { foldBatch, type UnreadableEvent } from './foldBatch';
import type { BetweenWindows, FromWorker, ReplicaRequest, Session, ToWorker, UpdateTiming } from './messages';
import { chunkOf, Replica, type Chunk } from './replica';
import { keysOf } from './replicaKeys';
import { UnackCounter } from './unackCounter';
import { SnapshotReader, SnapshotStore, SnapshotWriter } from './snapshotStore';
import type { Connection, ConnectionStatus, OutboxEntry } from './types';
import { encodeDelta, encodeReset, isEmptyWire, type WireDelta } from './wireDelta';

declare const self: DedicatedWorkerGlobalScope;

const FLUSH_MS = 100;
/**
 * Between updates while the hub sends the backlog: each update costs the UI
 * thread a render of the board and the map, which competed with the sync
 * for the CPU. A change of the connection's status still goes out at once.
 */
const SYNC_FLUSH_MS = 400;
const COMMAND_TIMEOUT_MS = 15_000;
/** Least time between the starts of two replica writes (see `writeQueued`). */
const STORE_GAP_MS = 200;
/** Events between state snapshots at most while the hub sends the backlog (see `store`). */
const CATCH_UP_SNAPSHOT_EVERY = 50_000;
/** Whole alerts per message at most (see `flush`). */
const PART = 1000;
/** Live batches an update names in its timing at most (the newest are dropped: a busy worker folds many between updates). */
const ARRIVALS_KEPT = 256;

let hub: HubInfo = { url: '', mode: 'none' };
let origin = '';
let session: Session | null = null;
let replica: Replica | null = null;
let channel: BroadcastChannel | null = null;
let socket: Socket | null = null;
let leader = false;
let releaseLock: (() => void) | null = null;
let state: State = initialState;
/**
 * The state of the last update posted: the UI thread holds its alerts and
 * incidents, so the next update sends what changed since (`wireDelta.ts`).
 */
let shown: State = initialState;
/** The replica writes, in order (see `store`). */
let writing: Promise<void> = Promise.resolve();
/** Batches folded and published, waiting for IndexedDB. */
let queued: Array<{ events: DomainEvent[]; keys: string[][]; snapshotOfState: State | null }> = [];
/** Settles when the current session's replica is open and restored (reads wait for it). */
let opened: Promise<void> = Promise.resolve();
/** The session's paged snapshots (`snapshotStore.ts`). */
let snapshots: { store: SnapshotStore; writer: SnapshotWriter; reader: SnapshotReader } | null = null;
const inflight = new Set<string>();

let connection: Connection = { status: 'signed-out', since: Date.now(), replicaSeq: 0, hubSeq: 0, fetchedSinceLoad: 0 };
let touched = emptyTouched();
let reset = false;
let sources: FeedHealth[] | undefined;
let presence: Presence['users'] | undefined;
let outboxDirty = false;
/** The live batches folded since the last update: last seq, epoch ms received (`UpdateTiming`; at most ARRIVALS_KEPT). */
let arrivals: UpdateTiming['batches'] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;
/** When the pending flush runs, and when the last one ran (performance.now()). */
let flushAt = 0;
let lastFlushAt = -Infinity;
/** The top bar's counters, from the alerts each update touched. */
const unack = new UnackCounter();
/** A follower's read of what the leader stored is under way (see `followStored`). */
let following: Promise<void> | null = null;
let storedHead = 0;
/** When the last replica write started (performance.now()). */
let lastWriteAt = -Infinity;
/** The seq of the last snapshot taken (see `store`). */
let catchUpSnapshotAt = 0;

const post = (m: FromWorker): void => self.postMessage(m);
const broadcast = (m: BetweenWindows): void => channel?.postMessage(m);

function hubUrl(): string {
  return hub.url || origin;
}

function hubKey(): string {
  return hubUrl().replace(/[^A-Za-z0-9]+/g, '_');
}

function setConnection(status: ConnectionStatus, problem?: string): void {
  const changed = connection.status !== status;
  if (changed) connection = { ...connection, status, since: Date.now() };
  connection = { ...connection, problem: status === 'live' || status === 'syncing' ? undefined : problem ?? connection.problem };
  if (leader) broadcast({ type: 'connection', connection });
  scheduleFlush(changed ? FLUSH_MS : undefined);
}

/**
 * An update to the UI thread at least `spacing` ms after the last one (at
 * most ~10 a second, fewer while syncing the backlog): at once when the last
 * one is that old, else when it will be. A trailing delay instead held every
 * change for a whole `FLUSH_MS` after the quiet that came before it (the
 * first live batch after an update waited 100 ms even when nothing had been
 * posted for seconds).
 */
function scheduleFlush(spacing = connection.status === 'syncing' ? SYNC_FLUSH_MS : FLUSH_MS): void {
  const now = performance.now();
  const at = Math.max(now, lastFlushAt + spacing);
  if (flushTimer !== null) {
    if (at >= flushAt) return;
    clearTimeout(flushTimer);
  }
  flushAt = at;
  flushTimer = setTimeout(() => void flush(), at - now);
}

async function flush(): Promise<void> {
  flushTimer = null;
  lastFlushAt = performance.now();
  // The outbox is read first: from here to `post` nothing awaits, so updates
  // reach the UI thread in the order they were taken against `shown` (a patch
  // is only good on top of the update before it).
  const outbox = outboxDirty && replica ? await replica.recentCommands() : undefined;
  outboxDirty = false;
  let delta: WireDelta | null = null;
  if (reset) delta = encodeReset(state.alerts.values(), state.incidents.values());
  else if (touched.alerts.size > 0 || touched.incidents.size > 0) delta = encodeDelta(touched, shown, state);
  if (delta && isEmptyWire(delta)) delta = null;
  const unacknowledgedNow = unack.update(state, reset ? null : touched.alerts);
  reset = false;
  touched = emptyTouched();
  shown = state;
  // A large delta goes in parts: the UI thread reads each message in a task
  // of its own instead of one long task. The whole state (first load,
  // reload) is one; so is a live burst the worker folded while its timer
  // waited on a busy thread.
  if (delta && delta.alerts.whole.length > PART) {
    const all = delta.alerts.whole;
    const lastAt = Math.floor((all.length - 1) / PART) * PART;
    const none = { whole: [], patch: [], remove: [] };
    for (let i = 0; i < lastAt; i += PART) {
      post({ type: 'update', delta: { alerts: { ...none, whole: all.slice(i, i + PART) }, incidents: none, reset: delta.reset && i === 0 }, connection, unacknowledged: unacknowledgedNow, more: true });
    }
    delta = { alerts: { ...delta.alerts, whole: all.slice(lastAt) }, incidents: delta.incidents, reset: false };
  }
  const timing: UpdateTiming = { postedAt: Date.now(), batches: arrivals };
  arrivals = [];
  post({ type: 'update', delta, connection, unacknowledged: unacknowledgedNow, sources, presence, outbox, timing });
}

/** Folds the events the state does not have yet (a follower: they are stored already). */
function foldNew(events: DomainEvent[]): void {
  const f = new Folding(state);
  for (const e of events) {
    if (e.seq <= f.current.seq) continue;
    collectTouched(e, f.current, touched);
    f.apply(e);
  }
  state = f.finish();
  connection = { ...connection, replicaSeq: state.seq };
}

/**
 * A follower hears that the leader stored events up to `last`, and reads
 * what it has not folded from the replica (one read at a time; notices that
 * come meanwhile are taken by the next read).
 */
function followStored(last: number): void {
  storedHead = Math.max(storedHead, last);
  if (following) return;
  const from = replica;
  following = (async () => {
    try {
      while (from && replica === from && !leader && storedHead > state.seq) {
        const before = state.seq;
        const events = await from.eventsAfter(before);
        if (replica !== from || leader) break; // signed out, or took over the hub connection meanwhile
        foldNew(events);
        scheduleFlush();
        if (state.seq === before) break; // (nothing new readable: the next notice tries again)
      }
    } catch (e) {
      console.warn('longwatch: could not read what the main window stored', e);
    } finally {
      following = null;
    }
  })();
}

/**
 * The leader's path for a batch from the hub: validate, fold (with each
 * event's replica keys) and publish at once, then store in the background,
 * in order, and only then tell the other windows (they may read the replica
 * for what they missed). The UI does not wait for IndexedDB: that keeps a
 * slow disk out of the feed-to-board latency. An event this build cannot
 * read or fold is kept apart in the replica and shown (`foldBatch.ts`).
 */
function applyBatch(batch: EventsBatch): void {
  const into = replica;
  if (!into) return;
  if (batch.live && batch.events.length > 0 && arrivals.length < ARRIVALS_KEPT) arrivals.push([batch.events[batch.events.length - 1]!.seq, Date.now()]);
  const { state: next, fresh, keys, unreadable } = foldBatch(state, batch.events, batch.head, touched);
  state = next;
  connection = { ...connection, hubSeq: batch.head, fetchedSinceLoad: connection.fetchedSinceLoad + fresh.length };
  setConnection(batch.live ? 'live' : 'syncing');
  if (fresh.length > 0) store(into, fresh, keys, batch.live);
  if (unreadable.length > 0) keepUnreadable(into, unreadable);
}

/** Keeps events this build could not read in the replica, and tells every window how many there are. */
function keepUnreadable(into: Replica, events: UnreadableEvent[]): void {
  const first = events[0]!;
  console.error(`longwatch: kept ${events.length} event(s) from the hub this workstation cannot read; the first (seq ${first.seq ?? '?'}): ${first.problem}`);
  into
    .keepUnreadable(events)
    .then(() => into.unreadableSummary())
    .then(
      (summary) => {
        if (replica !== into || !summary) return;
        connection = { ...connection, unreadable: summary };
        scheduleFlush();
      },
      (e: unknown) => {
        console.error('longwatch: could not keep unreadable events in the replica', e);
        connection = { ...connection, problem: `events the workstation cannot read could not be kept (${e instanceof Error ? e.message : String(e)})` };
        scheduleFlush();
      },
    );
}

/**
 * Queues a batch for IndexedDB, and a snapshot when one is due. Batches that
 * arrive while a write is in flight are stored together as one chunk in the
 * next transaction (group commit): IndexedDB's cost is per transaction and
 * row far more than per byte, so the replica keeps up with any batch size.
 */
function store(into: Replica, events: DomainEvent[], keys: string[][], live: boolean): void {
  // A paged snapshot writes only the pages that changed, but finding them
  // walks the whole state: `takeDue` spaces them by the alerts held too.
  // While the hub is still sending the backlog, at most one per
  // CATCH_UP_SNAPSHOT_EVERY events: writing the pages cost about as much as
  // storing the events (bulkPut 1.6 s against 1.4 s for the chunks in the
  // worker's profile of a 32k-event sync), so the backlog goes first and the
  // state is snapshotted with the first live batch.
  const due = live || state.seq - catchUpSnapshotAt >= CATCH_UP_SNAPSHOT_EVERY;
  const snapshotOfState = due && snapshots?.writer.takeDue(state) ? state : null;
  if (snapshotOfState) catchUpSnapshotAt = state.seq;
  queued.push({ events, keys, snapshotOfState });
  if (queued.length === 1) writing = writing.then(() => writeQueued(into));
}

/** Writes everything queued so far as one chunk, then what queued meanwhile, until nothing is left. */
async function writeQueued(into: Replica): Promise<void> {
  while (queued.length > 0 && replica === into) {
    // Live, at most one transaction per STORE_GAP_MS: the hub's live batches
    // are small, and a transaction costs far more than its rows (the backlog
    // comes in batches of a thousand).
    const wait = connection.status === 'live' ? lastWriteAt + STORE_GAP_MS - performance.now() : 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (replica !== into) return;
    lastWriteAt = performance.now();
    const group = queued.slice();
    const events = group.flatMap((g) => g.events);
    const keys = group.flatMap((g) => g.keys);
    for (let attempt = 1; replica === into; attempt++) {
      try {
        await into.append(events, keys);
        break;
      } catch (e) {
        // IndexedDB refused (quota, a closed database): shown, and retried in order; nothing is skipped.
        console.error('longwatch: could not store a batch in the replica', e);
        connection = { ...connection, problem: `the local replica could not be written (${e instanceof Error ? e.message : String(e)}); retrying` };
        scheduleFlush();
        await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * attempt)));
      }
    }
    if (replica !== into) return; // signed out meanwhile
    queued.splice(0, group.length);
    connection = { ...connection, replicaSeq: events[events.length - 1]!.seq, problem: connection.status === 'offline' ? connection.problem : undefined };
    scheduleFlush();
    // Only the head: a follower reads the events from the replica. Sending
    // the events themselves cost a structured clone of every batch (~28 µs
    // per event of a sync), other windows or not.
    broadcast({ type: 'stored', last: events[events.length - 1]!.seq });
    for (const g of group) if (g.snapshotOfState) await storeSnapshot(into, g.snapshotOfState);
  }
}

async function storeSnapshot(into: Replica, of: State): Promise<void> {
  try {
    if (snapshots && replica === into) await snapshots.writer.write(of);
  } catch (e) {
    // Only a slower reload: the next one folds a longer tail.
    console.warn('longwatch: could not store a state snapshot', e);
  }
}

/**
 * The state from the replica: the newest snapshot plus the events after it.
 * A replica written by schema version 1 has no keys yet: it is folded whole
 * once, and its chunks are rewritten with their keys.
 */
async function restore(from: Replica): Promise<State> {
  if (await from.needsReindex()) {
    const chunks = await from.chunks.orderBy('first').toArray();
    let s = initialState;
    let count = 0;
    const rewritten: Chunk[] = [];
    for (const c of chunks) {
      const keys: string[][] = [];
      for (const e of c.events) {
        const before = s;
        s = reduce(before, e);
        keys.push(keysOf(e, before, s));
      }
      count += c.events.length;
      rewritten.push(chunkOf(c.events, keys));
    }
    await from.reindexed(rewritten, count);
    return s;
  }
  const paged = await snapshots?.reader.newest().catch((e: unknown) => console.warn('longwatch: paged snapshot unreadable; trying the older ones', e));
  if (paged && snapshots) {
    snapshots.writer.restoredFrom(paged);
    return fold(await from.eventsAfter(paged.state.seq), paged.state);
  }
  const snapshot = await from.newestSnapshot();
  let base = initialState;
  if (snapshot) {
    const restored = stateFromSnapshot(snapshot.snapshot);
    if (restored.ok) base = restored.state;
    else console.warn(`longwatch: folding the whole replica: ${restored.reason}`);
  }
  return fold(await from.eventsAfter(base.seq), base);
}

function connectHub(): void {
  if (!session) return;
  setConnection('connecting');
  const s = io(hubUrl(), {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL, token: session.token },
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
  });
  socket = s;
  s.on('connect', () => {
    setConnection('syncing');
    // Only the tail the replica does not have yet.
    s.emit('sync', { after: state.seq });
    void sendPending();
  });
  s.on('connect_error', (err) => {
    if (/^unauthorized/.test(err.message)) {
      void endSession(`the hub no longer accepts this sign-in (${err.message}); sign in again`);
      return;
    }
    setConnection('offline', err.message);
  });
  s.on('disconnect', (reason) => setConnection('offline', reason));
  s.on('events', (batch: EventsBatch) => applyBatch(batch));
  s.on('sources', (m: Sources) => {
    sources = m.feeds;
    broadcast({ type: 'sources', feeds: m.feeds });
    scheduleFlush();
  });
  s.on('presence', (m: Presence) => {
    presence = m.users;
    broadcast({ type: 'presence', users: m.users });
    scheduleFlush();
  });
}

/** Sends every pending command, oldest first, with its original id (the hub answers a retry with the first result). */
async function sendPending(): Promise<void> {
  if (!leader || !replica || !socket?.connected) return;
  for (const entry of await replica.pendingCommands()) {
    if (inflight.has(entry.id) || !socket?.connected) continue;
    inflight.add(entry.id);
    const sent: OutboxEntry = { ...entry, status: 'sent', attempts: entry.attempts + 1 };
    await replica.outbox.put(sent);
    outboxDirty = true;
    scheduleFlush();
    socket
      .timeout(COMMAND_TIMEOUT_MS)
      .emitWithAck('command', { id: entry.id, type: entry.type, body: entry.body })
      .then(
        (result: CommandResult) => finishCommand(sent, result),
        async () => {
          // No answer in time (or the socket dropped): still pending, retried on reconnect.
          await replica?.outbox.put({ ...sent, status: 'pending' });
          outboxDirty = true;
          scheduleFlush();
        },
      )
      .finally(() => inflight.delete(entry.id));
  }
}

async function finishCommand(entry: OutboxEntry, result: CommandResult): Promise<void> {
  await replica?.outbox.put({ ...entry, status: result.ok ? 'done' : 'refused', result });
  outboxDirty = true;
  post({ type: 'commandResult', id: entry.id, result });
  broadcast({ type: 'commandResult', id: entry.id, result });
  scheduleFlush();
}

async function queueCommand(id: string, type: CommandType, body: unknown): Promise<void> {
  if (!replica) {
    post({ type: 'commandResult', id, result: { ok: false, code: 'unavailable', message: 'not signed in' } });
    return;
  }
  await replica.outbox.put({ id, type, body, status: 'pending', createdAt: Date.now(), attempts: 0 });
  outboxDirty = true;
  scheduleFlush();
  if (leader) await sendPending();
  else broadcast({ type: 'outboxChanged' });
}

/** Feed administration goes straight to the hub: a change to the hub's configuration is not replayed later from an outbox. */
async function feedAdmin(request: FeedAdminRequestInput): Promise<FeedAdminResult> {
  if (!socket?.connected) return { ok: false, code: 'unavailable', message: leader ? 'not connected to the hub' : 'another window holds the hub connection; use the main window' };
  try {
    return (await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(FEED_ADMIN_EVENT, request)) as FeedAdminResult;
  } catch {
    return { ok: false, code: 'unavailable', message: `the hub did not answer within ${COMMAND_TIMEOUT_MS / 1000} s` };
  }
}

async function onWindowMessage(m: BetweenWindows): Promise<void> {
  switch (m.type) {
    case 'stored':
      if (!leader) followStored(m.last);
      return;
    case 'connection':
      if (!leader) connection = { ...m.connection, replicaSeq: state.seq, fetchedSinceLoad: connection.fetchedSinceLoad };
      scheduleFlush();
      return;
    case 'sources':
      sources = m.feeds;
      scheduleFlush();
      return;
    case 'presence':
      presence = m.users;
      scheduleFlush();
      return;
    case 'outboxChanged':
      outboxDirty = true;
      scheduleFlush();
      if (leader) await sendPending();
      return;
    case 'commandResult':
      outboxDirty = true;
      post({ type: 'commandResult', id: m.id, result: m.result });
      scheduleFlush();
      return;
  }
}

async function openSession(s: Session): Promise<void> {
  session = s;
  const name = Replica.nameFor(hubKey(), s.user.name);
  const r = new Replica(name);
  replica = r;
  let done = (): void => {};
  opened = new Promise<void>((resolve) => (done = resolve));
  try {
    await r.open();
    const pagedStore = new SnapshotStore(r.name);
    snapshots = { store: pagedStore, writer: new SnapshotWriter(pagedStore), reader: new SnapshotReader(pagedStore) };
    // Restore from IndexedDB first: the board is back before the hub answers.
    state = await restore(r);
  } finally {
    done();
  }
  if (replica !== r) return;
  const unreadable = await r.unreadableSummary().catch(() => undefined);
  if (replica !== r) return;
  connection = { status: 'connecting', since: Date.now(), replicaSeq: state.seq, hubSeq: state.seq, fetchedSinceLoad: 0, ...(unreadable ? { unreadable } : {}) };
  reset = true;
  outboxDirty = true;
  scheduleFlush();
  channel = new BroadcastChannel(name);
  channel.onmessage = (e: MessageEvent<BetweenWindows>) => void onWindowMessage(e.data);
  void navigator.locks.request(`${name}:ingest`, async () => {
    if (session !== s) return;
    leader = true;
    // What the previous leader stored that this window has not read yet: the hub sends only what comes after.
    await following;
    try {
      foldNew(await r.eventsAfter(state.seq));
      scheduleFlush();
    } catch (e) {
      console.warn('longwatch: could not read the replica before taking over the hub connection', e);
    }
    if (session !== s) return;
    connectHub();
    await new Promise<void>((resolve) => (releaseLock = resolve));
  });
}

async function endSession(problem?: string): Promise<void> {
  socket?.close();
  socket = null;
  releaseLock?.();
  releaseLock = null;
  leader = false;
  channel?.close();
  channel = null;
  replica?.close();
  replica = null;
  snapshots?.store.close();
  snapshots = null;
  session = null;
  state = initialState;
  storedHead = 0;
  catchUpSnapshotAt = 0;
  queued = [];
  arrivals = [];
  sources = undefined;
  presence = undefined;
  reset = true;
  connection = { status: 'signed-out', since: Date.now(), replicaSeq: 0, hubSeq: 0, fetchedSinceLoad: 0, ...(problem ? { problem } : {}) };
  post({ type: 'session', session: null, ...(problem ? { problem } : {}) });
  scheduleFlush();
}

async function signIn(user: string, password: string, desk?: string): Promise<void> {
  if (hub.mode === 'none') {
    post({ type: 'session', session: null, problem: hub.problem ?? 'no hub is configured' });
    return;
  }
  const s = io(`${hubUrl()}/login`, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 10_000 });
  try {
    const r = (await s.timeout(15_000).emitWithAck('login', { protocol: PROTOCOL, user, password, ...(desk ? { desk } : {}) })) as LoginResponse;
    if (!r.ok) {
      post({ type: 'session', session: null, problem: r.message });
      return;
    }
    const next = { token: r.token, user: r.user, ...(r.sla ? { sla: r.sla } : {}), ...(r.directory ? { directory: r.directory } : {}) };
    post({ type: 'session', session: next });
    await openSession(next);
  } catch (e) {
    post({ type: 'session', session: null, problem: `the hub cannot be reached (${e instanceof Error ? e.message : String(e)})` });
  } finally {
    s.close();
  }
}

async function answerRead(request: ReplicaRequest): Promise<unknown> {
  await opened;
  const from = replica;
  if (!from) return request.op === 'events' ? [] : undefined;
  switch (request.op) {
    case 'eventAt':
      return from.eventAt(request.seq);
    case 'events':
      return from.events(request.query);
    case 'extent':
      return from.extent();
    case 'snapshotBefore':
      return from.snapshotBefore(request.seq);
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'start':
      hub = m.hub;
      origin = m.origin;
      if (m.session) void openSession(m.session);
      else scheduleFlush();
      return;
    case 'signIn':
      void signIn(m.user, m.password, m.desk);
      return;
    case 'signOut':
      void endSession();
      return;
    case 'command':
      void queueCommand(m.id, m.commandType, m.body);
      return;
    case 'feeds':
      void feedAdmin(m.request).then((result) => post({ type: 'feedsResult', id: m.id, result }));
      return;
    case 'replica':
      answerRead(m.request).then(
        (value) => post({ type: 'replicaResult', id: m.id, value }),
        (err: unknown) => post({ type: 'replicaResult', id: m.id, error: err instanceof Error ? err.message : String(err) }),
      );
      return;
  }
};
