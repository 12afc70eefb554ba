/**
 * Replay is another `LiveStore` (issue 7 §1–3): the map, the board and the
 * detail panel read it through `LiveStoreContext` exactly as they read the
 * live store, and so show the workspace as it was at moment T.
 *
 * - The snapshot is the state folded up to T (all alerts and incidents, or in
 *   focus only one incident and its alerts), with the live user, the live
 *   connection, feed health and presence (live ingest carries on meanwhile).
 * - `onDidApplyDelta` sends what differs from the state shown on a seek (in
 *   focus, a reset of the incident's view) and compact deltas while
 *   stepping or playing forward, like the ingest worker does. The fold
 *   itself runs in a worker (`replayEngine.ts`, `replay.worker.ts`); this
 *   store applies the deltas it posts.
 * - `command()` refuses every command with `unavailable`: the past cannot
 *   be changed.
 */
import i18next from 'i18next';
import { DOMAINS, type Domain } from '@shared/domain/agencies';
import type { DomainEvent } from '@shared/domain/events';
import type { Alert } from '@shared/domain/model';
import type { CommandResult } from '@shared/protocol/commands';
import type { LiveDelta, LiveSnapshot, LiveStore, ReplicaExtent, ReplicaReader } from '../../live/types';
import { yieldToLoop } from '../../live/snapshotStore';
import { createStoreCore } from '../../live/storeCore';
import { smallStore, type SmallStore } from '../workspace/smallStore';
import { directChunkReader, directReplicaReader } from './directReader';
import { isEmptyDelta } from './focus';
import type { SeekProgress, SnapshotSource } from './replayCursor';
import { decodeDelta, deferredClient, engineInProcess, type EngineClient, type EngineFocus, type WireDelta } from './replayEngine';
import { engineOffThread } from './replayOffThread';

export { playbackFeed, seekDelta, type PlaybackFeed } from './replayEngine';

export const REPLAY_SPEEDS = [1, 10, 60, 600, 3600] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** Playback advances this often (ms); the live store publishes at the same pace. */
const TICK_MS = 100;
/** A seek shows its progress once it has taken this long (ms). */
const SEEK_PROGRESS_AFTER_MS = 400;
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

function zeroCounts(): Record<Domain, number> {
  return Object.fromEntries(DOMAINS.map((d) => [d, 0])) as Record<Domain, number>;
}

export function createReplayStore(live: LiveStore, options: ReplayOptions = {}): ReplayStore {
  const core = createStoreCore();
  const { alerts, incidents } = core;
  /** Seq of the state shown. */
  let shownSeq = 0;
  const focusId = options.incidentId;
  // Alerts the focused incident owns by the end: shown from the moment they arrive.
  const focusAlerts = new Set<string>(focusId ? (live.getSnapshot().incidents.get(focusId)?.alerts ?? []) : []);
  const focusTitle = focusId ? (live.getSnapshot().incidents.get(focusId)?.title ?? focusId) : '';
  const engine = replayEngineFor(live, options, focusId ? { incidentId: focusId, alerts: [...focusAlerts] } : undefined);
  /** Seq the engine's index has folded up to. */
  let indexedSeq = 0;
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
  /** Playback in the engine stops (mid-tick) as soon as it is not playing. */
  const setPlaying = (playing: boolean): void => {
    patch({ playing });
    engine.setPlaying(playing);
  };

  const fromLive = (s: LiveSnapshot) => ({ user: s.user, sla: s.sla, connection: s.connection, sources: s.sources, presence: s.presence });
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

  /** Moves the shown maps by `delta` (the engine's: in focus, of the incident's view) to seq `seq` and tells every listener. */
  function show(seq: number, at: number, wire: WireDelta): void {
    const delta = moveTo(seq, wire);
    patch({ at, seq });
    publish({ unacknowledged: { ...unacknowledged }, replayAt: at });
    if (!isEmptyDelta(delta)) core.emitDelta(delta, snapshot);
  }

  /**
   * `show` for playback, in two tasks: the delta listeners (the board merges
   * the change into its lists and renders them; the map queues it for its
   * next frame), then the snapshot for React. One task doing both held the UI
   * thread past 50 ms on a loaded machine at 3600×.
   */
  async function showInTwoTasks(seq: number, at: number, wire: WireDelta): Promise<void> {
    const delta = moveTo(seq, wire);
    // The listeners read the maps, which hold the new state already.
    if (!isEmptyDelta(delta)) core.emitDelta(delta, snapshot);
    await yieldToLoop();
    patch({ at, seq });
    publish({ unacknowledged: { ...unacknowledged }, replayAt: at });
  }

  /** The shown maps and counters take `wire` (the engine's delta: alerts shown already as the fields that changed). */
  function moveTo(seq: number, wire: WireDelta): LiveDelta {
    const delta = decodeDelta(wire, (id) => alerts.get(id));
    shownSeq = seq;
    // The counters follow the delta (a playback tick must not walk every alert).
    if (!delta.reset) {
      for (const id of delta.alerts.remove) countUnacknowledged(alerts.get(id), -1);
      for (const a of delta.alerts.upsert) {
        countUnacknowledged(alerts.get(a.id), -1);
        countUnacknowledged(a, 1);
      }
    }
    core.apply(delta);
    if (delta.reset) unacknowledged = unacknowledgedOf();
    return delta;
  }

  // Operations run one at a time. A newer seek or step supersedes older ones:
  // those still queued are skipped (dragging the slider asks for many) and a
  // fold still running stops. Playback ticks supersede nothing.
  let chain: Promise<void> = Promise.resolve();
  let generation = 0;
  const supersede = (): number => {
    engine.setGeneration(++generation);
    return generation;
  };
  const enqueue = (op: (gen: number) => Promise<void>, supersedes = true): Promise<void> => {
    const gen = supersedes ? supersede() : generation;
    chain = chain
      .then(() => (gen === generation ? op(gen) : undefined))
      .catch((e: unknown) => patch({ problem: e instanceof Error ? e.message : String(e), loading: null }));
    return chain;
  };

  async function foldTo(seq: number, at: number, gen: number): Promise<void> {
    let shownProgress = false;
    const asked = performance.now();
    // Progress only for a seek that takes long: the bar's progress row, shown and hidden again within
    // one seek, changes the map's height twice (each a MapLibre `_resizeCanvas`: 29.7 s of 50 seeks'
    // profile at load 20 with the progress shown for every seek, 1.5 s before).
    const result = await engine.seek(seq, gen, (p) => {
      if (p.done < p.total && gen === generation && (shownProgress || performance.now() - asked > SEEK_PROGRESS_AFTER_MS)) {
        shownProgress = true;
        patch({ loading: p });
      }
    });
    if (shownProgress) patch({ loading: null });
    // Superseded: the engine kept the state shown.
    if (!result) return;
    // The engine's state is the result now, so the store shows it even if a newer seek is waiting.
    const showStart = performance.now();
    if (gen === generation) patch({ problem: null });
    show(result.seq, at, result.delta);
    performance.measure('longwatch replay: show', { start: showStart, end: performance.now() });
  }

  /** One playback tick's fold (in the engine) up to `untilTime`, shown in two tasks. */
  async function playForward(untilTime: number, lastSeq: number): Promise<{ folded: number; complete: boolean }> {
    const played = await engine.play(untilTime, lastSeq);
    // Stopped or more than a tick can fold: T waits at the last event folded.
    if (played.delta && !disposed) await showInTwoTasks(played.seq, played.complete ? untilTime : played.lastTime!, played.delta);
    return played;
  }

  const clampToRange = (t: number): number => {
    const r = status.get().range;
    return r ? Math.min(Math.max(t, r.from), r.to) : t;
  };

  async function seekTimeOp(time: number, gen: number, asked = performance.now()): Promise<void> {
    const at = clampToRange(time);
    const seq = await engine.seqAtTime(at);
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
      if (played.folded === 0) show(shownSeq, target, { alerts: { upsert: [], patch: [], remove: [] }, incidents: { upsert: [], remove: [] }, reset: false });
      if (played.complete && target >= end) setPlaying(false);
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
  // When the first pass began: the 5 s timer may call again before it ends, and
  // those calls join the same pass (`ReplayCursor.index`), so they must not restart the clock.
  let firstIndexStart: number | null = null;
  function indexInBackground(): void {
    const first = status.get().indexedMs === null;
    const start = first ? (firstIndexStart ??= performance.now()) : performance.now();
    let shownAt = 0;
    const onProgress = (p: SeekProgress): void => {
      indexedSeq = p.done;
      if (!first || performance.now() - shownAt < 200 || p.done >= p.total) return;
      shownAt = performance.now();
      patch({ indexing: p });
    };
    void engine.index(onProgress).then(
      (seq) => {
        indexedSeq = seq;
        if (first && !disposed && status.get().indexedMs === null) patch({ indexing: null, indexedMs: Math.round(performance.now() - start) });
      },
      (e: unknown) => patch({ indexing: null, problem: e instanceof Error ? e.message : String(e) }),
    );
  }

  const stopLive = live.subscribe(() => {
    const s = live.getSnapshot();
    if (s.user !== snapshot.user || s.sla !== snapshot.sla || s.connection !== snapshot.connection || s.sources !== snapshot.sources || s.presence !== snapshot.presence) {
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
          const next = await engine.step(r?.lastSeq ?? Infinity);
          if (next) show(next.seq, next.time, next.delta);
          return;
        }
        const previous = await engine.previous();
        if (!previous || (r && previous.seq < r.firstSeq)) return;
        await foldTo(previous.seq, previous.time, gen);
      });
    },
    play() {
      const s = status.get();
      if (s.playing) return;
      // At the end, play starts over from the beginning of the range.
      if (s.range && s.at >= s.range.to) void store.seekTime(s.range.from);
      setPlaying(true);
      lastTick = performance.now();
      timer ??= setTimeout(tick, TICK_MS);
    },
    pause() {
      setPlaying(false);
      stopTimer();
    },
    setSpeed(speed) {
      patch({ speed });
    },
    whenIdle: () => chain,
    replicaName: () => options.replicaName?.() ?? Promise.resolve(undefined),
    dispose() {
      disposed = true;
      supersede();
      engine.setPlaying(false);
      engine.dispose();
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
  extentTimer = setInterval(() => void refreshRange().then((r) => r && r.lastSeq > indexedSeq && !focusClosed && indexInBackground()), 5000);
  return store;
}

/**
 * Where the fold runs: in a worker that opens the replica by name
 * (`replay.worker.ts`), so the index's states (~1 GB at 1M events) and the
 * fold's garbage stay off the UI thread; on this thread when the replica has
 * no name to open (unit tests, no hub) or the worker fails (then reading
 * ranges and chunks straight from IndexedDB, `directReader.ts`).
 */
function replayEngineFor(live: LiveStore, options: ReplayOptions, focus: EngineFocus | undefined): EngineClient {
  const here = (reader: ReplicaReader, readChunk?: (after: number) => Promise<readonly DomainEvent[]>): EngineClient =>
    engineInProcess(reader, { snapshots: options.snapshots, readChunk, focus });
  if (!options.replicaName) return here(live.replica);
  const nameOf = options.replicaName;
  return deferredClient(
    nameOf().then(
      (name) => {
        if (!name) return here(live.replica);
        const direct = (): EngineClient => here(directReplicaReader(name, live.replica), directChunkReader(name, live.replica));
        return typeof Worker === 'undefined' ? direct() : engineOffThread(name, focus, direct);
      },
      () => here(live.replica),
    ),
  );
}
