/**
 * Replay is another `LiveStore` (issue 7 §1–3): the map, the board and the
 * detail panel read it through `LiveStoreContext` exactly as they read the
 * live store, and so show the workspace as it was at moment T.
 *
 * - The snapshot is the state folded up to T (all alerts and incidents, or in
 *   focus only one incident and its alerts), with the live user, the live
 *   connection, feed health and presence (live ingest carries on meanwhile).
 * - `onDidApplyDelta` sends what differs from the state shown on a seek
 *   (`seekDelta`) and compact deltas while stepping or playing forward.
 * - `command()` refuses every command with `unavailable`: the past cannot
 *   be changed.
 */
import i18next from 'i18next';
import { DOMAINS, type Domain } from '@shared/domain/agencies';
import type { DomainEvent } from '@shared/domain/events';
import type { Alert, Incident } from '@shared/domain/model';
import { Folding, reduce } from '@shared/domain/reduce';
import { PMap } from '@shared/domain/pmap';
import { initialState, type State } from '@shared/domain/state';
import type { CommandResult } from '@shared/protocol/commands';
import { replaceAll } from '../../live/delta';
import type { LiveDelta, LiveSnapshot, LiveStore, ReplicaExtent, ReplicaReader } from '../../live/types';
import { yieldToLoop } from '../../live/snapshotStore';
import { createStoreListeners } from '../../live/storeCore';
import { smallStore, type SmallStore } from '../workspace/smallStore';
import { directChunkReader, directReplicaReader } from './directReader';
import { diffViews, focusView, isEmptyDelta, type FocusView } from './focus';
import { ShownMap } from './shownMaps';
import { ReplayCursor, SLICE_MS, type IndexProgress, type SeekProgress, type SnapshotSource } from './replayCursor';

export const REPLAY_SPEEDS = [1, 10, 60, 600, 3600] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** Playback advances this often (ms); the live store publishes at the same pace. */
const TICK_MS = 100;
/** A seek shows its progress once it has taken this long (ms). */
const SEEK_PROGRESS_AFTER_MS = 400;
/** At most this many events folded per playback tick (then T waits for the fold). */
const TICK_EVENTS = 20_000;
/** Events taken from the playback feed at a time (then the fold may yield). */
const TICK_READ = 1000;

export interface ReplayRange {
  /** Epoch ms and seqs the slider spans. */
  from: number;
  to: number;
  firstSeq: number;
  lastSeq: number;
}

export interface ReplayFocus {
  incidentId: string;
  title: string;
}

export interface ReplayStatus {
  /** The moment shown (epoch ms). */
  at: number;
  /** Seq of the last event folded in (0 before the first). */
  seq: number;
  range: ReplayRange | null;
  playing: boolean;
  speed: ReplaySpeed;
  /** While a seek folds: how far it is. */
  loading: SeekProgress | null;
  focus: ReplayFocus | null;
  /** Why the last seek or step failed, as text. */
  problem: string | null;
  /** How long the last seek took, from asking to showing (ms; diagnostics and e2e). */
  lastSeekMs: number | null;
  /** The background index pass (`ReplayCursor.index`): events folded of how many; null once done. */
  indexing: SeekProgress | null;
  /** How long the index pass took (ms), once done. */
  indexedMs: number | null;
}

/** The replay snapshot is a live snapshot marked as replay, with the moment it shows. */
export interface ReplaySnapshot extends LiveSnapshot {
  mode: 'replay';
  replayAt: number;
}

export interface ReplayStore extends LiveStore {
  getSnapshot(): ReplaySnapshot;
  /** Position, range, playback and loading, for the replay bar. */
  readonly status: SmallStore<ReplayStatus>;
  /** Shows the moment `time` (epoch ms): every event at or before it. */
  seekTime(time: number): Promise<void>;
  /** Shows the state right after event `seq`. */
  seekSeq(seq: number): Promise<void>;
  step(direction: 1 | -1): Promise<void>;
  play(): void;
  pause(): void;
  setSpeed(speed: ReplaySpeed): void;
  /** Resolves when every seek and step asked for so far is done. */
  whenIdle(): Promise<void>;
  /** Stops playback and every listener on the live store. */
  dispose(): void;
  /** The replica's IndexedDB name when it can be read directly (the timeline scans it in a worker). */
  replicaName(): Promise<string | undefined>;
}

export interface ReplayOptions {
  /** Replay one incident from its first alert to its closure. */
  incidentId?: string;
  /** Where to start (epoch ms); default: the start of the focus, or the latest event. */
  at?: number;
  /** Paged snapshots of the replica (`pagedSnapshots.ts`); without them, the replica's text snapshots. */
  snapshots?: () => Promise<SnapshotSource | undefined>;
  /** The replica's IndexedDB name, for reading it off the UI thread (`pagedSnapshots.ts`). */
  replicaName?: () => Promise<string | undefined>;
}

/**
 * The delta from the shown state to a sought one: the entities that differ
 * by reference, found by a structural diff of the two states' tries
 * (`PMap.diff`): every state a seek shows comes from one fold (the index's
 * states, the checkpoints and the folds on top of them), so the two share
 * every trie node their events did not touch and those are skipped unwalked
 * — a seek near the shown moment costs what changed, not the ~100k alerts a
 * 1M-event day holds (a walk of the sought state with a lookup per alert in
 * the shown maps cost 40–130 ms a seek there). Never a reset, even when most
 * differ: every listener does no more for a delta than for a reset of the
 * whole state and usually less — the maps of this store and the map's
 * sources touch only what changed (a reset empties and refills them), the
 * board rebuilds its list like a reset once more than a 32nd of the
 * alerts change (`boardModel.ts`).
 * `onAlert` sees each changed alert's two versions (the store's counters).
 */
export function seekDelta(from: State, to: State, onAlert?: (before: Alert | undefined, after: Alert | undefined) => void): LiveDelta {
  const part = <V>(a: PMap<V>, b: PMap<V>, each?: (before: V | undefined, after: V | undefined) => void): { upsert: V[]; remove: string[] } => {
    const upsert: V[] = [];
    const remove: string[] = [];
    PMap.diff(a, b, (id, before, after) => {
      if (after === undefined) remove.push(id);
      else upsert.push(after);
      each?.(before, after);
    });
    return { upsert, remove };
  };
  return { alerts: part(from.alerts, to.alerts, onAlert), incidents: part(from.incidents, to.incidents), reset: false };
}

/** Playback's source of events: `take` hands out the events after a seq up to a time. */
export interface PlaybackFeed {
  /** Events after `seq` with a time at or before `untilTime`, at most `limit`, in seq order. */
  take(seq: number, untilTime: number, limit: number): Promise<DomainEvent[]>;
}

/**
 * Playback reads the replica a chunk at a time (`directChunkReader`: one
 * short deserialising task each), keeps the events of a chunk past a tick's
 * end for the next tick instead of reading the chunk again, and asks for the
 * next chunk as soon as it starts on one, so IndexedDB fetches it while this
 * thread folds. A `take` after a seq the feed did not hand out last (a seek,
 * a step) starts over from that seq.
 */
export function playbackFeed(readChunk: (after: number) => Promise<readonly DomainEvent[]>): PlaybackFeed {
  let position = -1;
  let buffer: readonly DomainEvent[] = [];
  let pos = 0;
  let ahead: { after: number; events: Promise<readonly DomainEvent[]> } | null = null;
  const next = (after: number): Promise<readonly DomainEvent[]> => {
    const events = ahead?.after === after ? ahead.events : readChunk(after);
    ahead = null;
    return events;
  };
  return {
    async take(seq, untilTime, limit) {
      if (seq !== position) {
        position = seq;
        buffer = [];
        pos = 0;
        ahead = null;
      }
      const until = Math.floor(untilTime);
      const out: DomainEvent[] = [];
      while (out.length < limit) {
        if (pos >= buffer.length) {
          const after = position;
          const chunk = (await next(after)).filter((e) => e.seq > after);
          if (position !== after) return out; // another take started over meanwhile
          if (chunk.length === 0) return out;
          buffer = chunk;
          pos = 0;
          const last = chunk[chunk.length - 1]!.seq;
          ahead = { after: last, events: readChunk(last) };
        }
        const e = buffer[pos]!;
        if (e.time > until) return out;
        out.push(e);
        pos++;
        position = e.seq;
      }
      return out;
    },
  };
}

function zeroCounts(): Record<Domain, number> {
  return Object.fromEntries(DOMAINS.map((d) => [d, 0])) as Record<Domain, number>;
}

export function createReplayStore(live: LiveStore, options: ReplayOptions = {}): ReplayStore {
  // Seq and time ranges read straight from IndexedDB when the replica's name is known (`directReader.ts`).
  const ranges = options.replicaName ? options.replicaName().then((name) => (name ? directReplicaReader(name, live.replica) : live.replica), () => live.replica) : Promise.resolve(live.replica);
  const reader: ReplicaReader = {
    eventAt: (seq) => live.replica.eventAt(seq),
    extent: () => live.replica.extent(),
    snapshotBefore: (seq) => live.replica.snapshotBefore(seq),
    events: async (q) => (await ranges).events(q),
  };
  const cursor = new ReplayCursor(reader, options.snapshots);
  let chunks: Promise<((after: number) => Promise<DomainEvent[]>) | undefined> | undefined;
  const feed = playbackFeed(async (after) => {
    chunks ??= options.replicaName ? options.replicaName().then((name) => (name ? directChunkReader(name, live.replica) : undefined), () => undefined) : Promise.resolve(undefined);
    const read = await chunks;
    return read ? read(after) : live.replica.events({ fromSeq: after + 1, limit: TICK_READ });
  });
  // What is shown: the state's own maps, or in focus the view's (`shownMaps.ts`).
  const alerts = new ShownMap<Alert>(initialState.alerts);
  const incidents = new ShownMap<Incident>(initialState.incidents);
  const core = createStoreListeners(alerts, incidents);
  let state: State = initialState;
  const focusId = options.incidentId;
  // Alerts the focused incident owns by the end: shown from the moment they arrive.
  const focusAlerts = new Set<string>(focusId ? (live.getSnapshot().incidents.get(focusId)?.alerts ?? []) : []);
  const focusTitle = focusId ? (live.getSnapshot().incidents.get(focusId)?.title ?? focusId) : '';
  let shown: FocusView = { alerts: new Map(), incidents: new Map() };
  let disposed = false;
  let focusClosed = false;
  let extentTimer: ReturnType<typeof setInterval> | null = null;

  const status = smallStore<ReplayStatus>({
    at: options.at ?? Date.now(),
    seq: 0,
    range: null,
    playing: false,
    speed: 60,
    loading: null,
    focus: focusId ? { incidentId: focusId, title: focusTitle } : null,
    problem: null,
    lastSeekMs: null,
    indexing: null,
    indexedMs: null,
  });
  const patch = (p: Partial<ReplayStatus>): void => status.set((s) => ({ ...s, ...p }));

  const fromLive = (s: LiveSnapshot) => ({ user: s.user, sla: s.sla, connection: s.connection, sources: s.sources, presence: s.presence, directory: s.directory });
  let snapshot: ReplaySnapshot = {
    ...fromLive(live.getSnapshot()),
    version: 0,
    alerts,
    incidents,
    unacknowledged: zeroCounts(),
    outbox: [],
    mode: 'replay',
    replayAt: status.get().at,
  };
  const publish = (p: Partial<ReplaySnapshot>): void => {
    snapshot = { ...snapshot, ...p, version: snapshot.version + 1 };
    core.notify();
  };

  let unacknowledged = zeroCounts();
  const countUnacknowledged = (a: Alert | undefined, by: 1 | -1): void => {
    if (a?.status === 'new') unacknowledged[a.domain] += by;
  };

  function unacknowledgedOf(): Record<Domain, number> {
    const counts = zeroCounts();
    for (const a of alerts.values()) if (a.status === 'new') counts[a.domain]++;
    return counts;
  }

  /** Moves the shown maps to `next` and tells every listener; `counted`: the counters follow `next` already. */
  function show(next: State, at: number, delta: LiveDelta, counted = false): void {
    const applied = moveTo(next, delta, counted);
    patch({ at, seq: next.seq });
    publish({ unacknowledged: { ...unacknowledged }, replayAt: at });
    if (!isEmptyDelta(applied)) core.emitDelta(applied, snapshot);
  }

  /**
   * `show` for playback, in two tasks: the delta listeners (the board merges
   * the change into its lists and renders them; the map queues it for its
   * next frame), then the snapshot for React. One task doing both held the UI
   * thread past 50 ms on a loaded machine at 3600×.
   */
  async function showInTwoTasks(next: State, at: number, delta: LiveDelta, counted = false): Promise<void> {
    const applied = moveTo(next, delta, counted);
    // The listeners read the maps, which hold `next` already.
    if (!isEmptyDelta(applied)) core.emitDelta(applied, snapshot);
    await yieldToLoop();
    patch({ at, seq: next.seq });
    publish({ unacknowledged: { ...unacknowledged }, replayAt: at });
  }

  /** The counters follow a delta (a playback tick must not walk every alert); `was` finds an alert's shown version. */
  function count(delta: LiveDelta, was: (id: string) => Alert | undefined): void {
    for (const id of delta.alerts.remove) countUnacknowledged(was(id), -1);
    for (const a of delta.alerts.upsert) {
      countUnacknowledged(was(a.id), -1);
      countUnacknowledged(a, 1);
    }
  }

  const NO_CHANGE: LiveDelta = { alerts: { upsert: [], remove: [] }, incidents: { upsert: [], remove: [] }, reset: false };

  /**
   * What differs from the state shown (`seekDelta`: the two tries diffed,
   * the subtrees they share skipped), with the counters following it on the
   * way (no lookup per changed alert): for a seek, a step and a playback
   * tick alike. Walking the tick's events instead (`collectTouched`, a trie
   * lookup per event, then one per touched id for the delta and one for the
   * counters) also sent every incident whose alert was only repeated.
   * In focus, `moveTo` narrows the state to the incident and diffs the two
   * views itself, so there is nothing to compute here.
   */
  function deltaTo(next: State): LiveDelta {
    if (focusId) return NO_CHANGE;
    return seekDelta(state, next, (before, after) => {
      countUnacknowledged(before, -1);
      countUnacknowledged(after, 1);
    });
  }

  /**
   * The shown maps and counters become `next`'s (in focus, its view); returns
   * the delta applied. `counted`: the counters follow `next` already (a seek
   * counts while it diffs).
   */
  function moveTo(next: State, delta: LiveDelta, counted = false): LiveDelta {
    const before = state;
    state = next;
    if (focusId) {
      const view = focusView(next, focusId, focusAlerts);
      delta = delta.reset ? replaceAll(view.alerts.values(), view.incidents.values()) : diffViews(shown, view);
      const was = shown.alerts;
      if (!delta.reset) count(delta, (id) => was.get(id));
      shown = view;
      alerts.showMap(view.alerts);
      incidents.showMap(view.incidents);
    } else {
      if (!delta.reset && !counted) count(delta, (id) => before.alerts.get(id));
      alerts.showTrie(next.alerts);
      incidents.showTrie(next.incidents);
    }
    if (delta.reset) unacknowledged = unacknowledgedOf();
    return delta;
  }

  // Operations run one at a time. A newer seek or step supersedes older ones:
  // those still queued are skipped (dragging the slider asks for many) and a
  // fold still running stops. Playback ticks supersede nothing.
  let chain: Promise<void> = Promise.resolve();
  let generation = 0;
  const enqueue = (op: (gen: number) => Promise<void>, supersedes = true): Promise<void> => {
    const gen = supersedes ? ++generation : generation;
    chain = chain
      .then(() => (gen === generation ? op(gen) : undefined))
      .catch((e: unknown) => patch({ problem: e instanceof Error ? e.message : String(e), loading: null }));
    return chain;
  };

  async function foldTo(seq: number, at: number, gen: number): Promise<void> {
    const signal = { get aborted() { return gen !== generation; } };
    let shownProgress = false;
    const asked = performance.now();
    const result = await cursor.seek(seq, state, {
      signal,
      onProgress: (p) => {
        // Progress only for a seek that takes long: the bar's progress row, shown and hidden within one
        // short seek, flashed and changed the map's height twice (a MapLibre canvas resize each).
        if (p.done < p.total && (shownProgress || performance.now() - asked > SEEK_PROGRESS_AFTER_MS)) {
          shownProgress = true;
          patch({ loading: p });
        }
      },
    });
    if (signal.aborted) return;
    const showStart = performance.now();
    if (shownProgress) patch({ loading: null });
    patch({ problem: null });
    show(result.state, at, deltaTo(result.state), true);
    performance.measure('longwatch replay: show', { start: showStart, end: performance.now() });
  }

  /** Folds events forward one by one (a step). */
  function foldEvents(events: readonly DomainEvent[], at: number): void {
    let next = state;
    for (const e of events) next = reduce(next, e);
    show(next, at, deltaTo(next), true);
  }

  /**
   * Playback's fold: events read in parts and folded in slices that yield to
   * the event loop, so a tick at 3600× never holds the UI thread for long;
   * shown once at the end. Returns the events folded (fewer when superseded).
   */
  async function playForward(untilTime: number, lastSeq: number): Promise<{ folded: number; complete: boolean }> {
    // One `Folding` per tick (transient maps, changed in place) instead of `reduce` per event, which
    // copied the state and the trie's path for every event: most of playback's garbage.
    const folding = new Folding(state);
    let folded = 0;
    let lastTime: number | undefined;
    let complete = false;
    let stopped = false;
    let sliceStart = performance.now();
    while (!stopped && !complete && folded < TICK_EVENTS) {
      const events = await feed.take(folding.current.seq, untilTime, TICK_READ);
      for (const e of events) {
        if (e.seq > lastSeq) {
          complete = true;
          break;
        }
        folding.apply(e);
        lastTime = e.time;
        folded++;
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToLoop();
          sliceStart = performance.now();
          if ((stopped = disposed || !status.get().playing)) break;
        }
      }
      if (events.length < TICK_READ) complete = true;
    }
    const next = folding.finish();
    // Stopped or more than a tick can fold: T waits at the last event folded.
    if (folded > 0 && !disposed) {
      const delta = deltaTo(next);
      // The diff in a task of its own: with the listeners' work after it, it made the tick's longest task longer.
      await yieldToLoop();
      if (!disposed) await showInTwoTasks(next, complete ? untilTime : lastTime!, delta, true);
    }
    return { folded, complete };
  }

  const clampToRange = (t: number): number => {
    const r = status.get().range;
    return r ? Math.min(Math.max(t, r.from), r.to) : t;
  };

  async function seekTimeOp(time: number, gen: number, asked = performance.now()): Promise<void> {
    const at = clampToRange(time);
    const seq = await cursor.seqAtTime(at);
    performance.measure('longwatch replay: seq at time', { start: asked, end: performance.now() });
    const r = status.get().range;
    await foldTo(r ? Math.min(seq, r.lastSeq) : seq, at, gen);
    if (gen === generation) patch({ lastSeekMs: Math.round(performance.now() - asked) });
  }

  // ---- playback --------------------------------------------------------
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastTick = 0;
  const stopTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const tick = (): void => {
    timer = null;
    const now = performance.now();
    const elapsed = now - lastTick;
    lastTick = now;
    void enqueue(async () => {
      const s = status.get();
      if (!s.playing) return;
      const end = s.range?.to ?? Infinity;
      const target = Math.min(end, s.at + elapsed * s.speed);
      const played = await playForward(target, s.range?.lastSeq ?? Infinity);
      if (played.folded === 0) show(state, target, NO_CHANGE);
      if (played.complete && target >= end) patch({ playing: false });
    }, false).then(() => {
      if (status.get().playing && !timer && !disposed) timer = setTimeout(tick, TICK_MS);
    });
  };

  // ---- range -------------------------------------------------------------
  async function focusRange(extent: ReplicaExtent): Promise<ReplayRange> {
    if (!focusId) return { from: extent.firstTime, to: extent.lastTime, firstSeq: extent.firstSeq, lastSeq: extent.lastSeq };
    const own = await live.replica.events({ incidentId: focusId });
    let firstSeq = own[0]?.seq ?? extent.lastSeq;
    for (const id of focusAlerts) {
      const a = live.getSnapshot().alerts.get(id);
      if (a && a.receivedSeq < firstSeq) firstSeq = a.receivedSeq;
    }
    const first = await live.replica.eventAt(firstSeq);
    const closed = own.findLast((e) => e.type === 'incident.closed');
    focusClosed = !!closed;
    return {
      from: first?.time ?? own[0]?.time ?? extent.firstTime,
      to: closed?.time ?? extent.lastTime,
      firstSeq,
      lastSeq: closed?.seq ?? extent.lastSeq,
    };
  }

  /** The whole replica grows while live ingest carries on; a closed focus does not. */
  async function refreshRange(): Promise<ReplayRange | null> {
    const extent = await live.replica.extent();
    if (!extent || disposed) return null;
    const current = status.get().range;
    if (focusClosed && current) return current;
    const range = await focusRange(extent);
    patch({ range });
    return range;
  }

  /**
   * The background index pass (`ReplayCursor.index`), outside the queue of
   * seeks: they use what it has indexed so far. Progress at most every
   * 200 ms; later calls index what live ingest added since.
   */
  const disposedSignal = { get aborted() { return disposed; } };
  // When the first pass began: the 5 s timer may call again before it ends, and
  // those calls join the same pass (`ReplayCursor.index`), so they must not restart the clock.
  let firstIndexStart: number | null = null;
  function indexInBackground(): void {
    const first = status.get().indexedMs === null;
    const start = first ? (firstIndexStart ??= performance.now()) : performance.now();
    let shownAt = 0;
    const onProgress = (p: IndexProgress): void => {
      if (!first || performance.now() - shownAt < 200 || p.seq >= p.lastSeq) return;
      shownAt = performance.now();
      patch({ indexing: { done: p.seq, total: p.lastSeq } });
    };
    void cursor.index(onProgress, disposedSignal).then(
      () => {
        if (first && !disposed && status.get().indexedMs === null) patch({ indexing: null, indexedMs: Math.round(performance.now() - start) });
      },
      (e: unknown) => patch({ indexing: null, problem: e instanceof Error ? e.message : String(e) }),
    );
  }

  const stopLive = live.subscribe(() => {
    const s = live.getSnapshot();
    if (s.user !== snapshot.user || s.sla !== snapshot.sla || s.connection !== snapshot.connection || s.sources !== snapshot.sources || s.presence !== snapshot.presence || s.directory !== snapshot.directory) {
      publish(fromLive(s));
    }
  });

  const store: ReplayStore = {
    ...core.listenerMethods(() => snapshot),
    getSnapshot: () => snapshot,
    signIn: (user, password, desk) => live.signIn(user, password, desk),
    signOut: () => live.signOut(),
    command(): Promise<CommandResult> {
      return Promise.resolve({ ok: false, code: 'unavailable', message: i18next.t('replay.commandRefused') });
    },
    replica: live.replica,
    status,
    seekTime(time) {
      const asked = performance.now();
      return enqueue((gen) => seekTimeOp(time, gen, asked));
    },
    seekSeq: (seq) =>
      enqueue(async (gen) => {
        const r = status.get().range;
        const target = r ? Math.min(Math.max(seq, r.firstSeq), r.lastSeq) : seq;
        const event = target > 0 ? await live.replica.eventAt(target) : undefined;
        await foldTo(target, event?.time ?? r?.from ?? status.get().at, gen);
      }),
    step(direction) {
      store.pause();
      return enqueue(async (gen) => {
        const r = status.get().range;
        if (direction === 1) {
          const next = await cursor.nextEvent(state.seq);
          if (!next || (r && next.seq > r.lastSeq)) return;
          foldEvents([next], next.time);
          return;
        }
        const previous = await cursor.previousEvent(state.seq);
        if (!previous || (r && previous.seq < r.firstSeq)) return;
        await foldTo(previous.seq, previous.time, gen);
      });
    },
    play() {
      const s = status.get();
      if (s.playing) return;
      // At the end, play starts over from the beginning of the range.
      if (s.range && s.at >= s.range.to) void store.seekTime(s.range.from);
      patch({ playing: true });
      lastTick = performance.now();
      timer ??= setTimeout(tick, TICK_MS);
    },
    pause() {
      patch({ playing: false });
      stopTimer();
    },
    setSpeed(speed) {
      patch({ speed });
    },
    whenIdle: () => chain,
    replicaName: () => options.replicaName?.() ?? Promise.resolve(undefined),
    dispose() {
      disposed = true;
      generation++;
      stopTimer();
      stopLive();
      if (extentTimer) clearInterval(extentTimer);
      core.clearListeners();
    },
  };

  // Start: find the range, then fold to the starting moment while the index builds.
  void enqueue(async (gen) => {
    const range = await refreshRange();
    indexInBackground();
    // A focus starts right after its first alert (others may share that millisecond).
    if (focusId && options.at === undefined && range) return foldTo(range.firstSeq, range.from, gen);
    await seekTimeOp(options.at ?? range?.to ?? Date.now(), gen);
  });
  extentTimer = setInterval(() => void refreshRange().then((r) => r && r.lastSeq > cursor.indexedSeq && !focusClosed && indexInBackground()), 5000);
  return store;
}
