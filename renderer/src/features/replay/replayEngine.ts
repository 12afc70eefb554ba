/**
 * The replay fold behind `createReplayStore`, kept away from the store so it
 * can run in a worker (`replay.worker.ts`): the `ReplayCursor` and its index
 * (~250 kept states, ~1 GB of heap at 1M events), the state shown, the reads
 * of the replica and the fold of every event live here. The store on the UI
 * thread receives only deltas: a seek's difference from the state shown, a
 * step's or a playback tick's changed alerts and incidents (in focus,
 * narrowed to the incident's view).
 *
 * `ReplayEngine` does the work; `serveEngine` answers the store's requests
 * (`EngineRequest`) with replies (`EngineReply`): progress, a large delta's
 * alerts in parts of `partSize` (each part is its own message, so the UI
 * thread deserialises a big seek in several short tasks, not one long one),
 * then `done`. `engineClient` is the store's side: promises over the
 * requests. In the worker the two talk through `postMessage`; in process
 * (unit tests, no replica name to open) directly.
 */
import type { DomainEvent } from '@shared/domain/events';
import type { Alert, Incident } from '@shared/domain/model';
import type { PMap } from '@shared/domain/pmap';
import { Folding, reduce } from '@shared/domain/reduce';
import { initialState, type State } from '@shared/domain/state';
import { collectTouched, deltaOf, emptyTouched, replaceAll } from '../../live/delta';
import type { LiveDelta, ReplicaReader } from '../../live/types';
import { yieldToLoop } from '../../live/snapshotStore';
import { diffViews, focusView, type FocusView } from './focus';
import { ReplayCursor, SLICE_MS, type SeekProgress, type SnapshotSource } from './replayCursor';

/** At most this many events folded per playback tick (then T waits for the fold). */
const TICK_EVENTS = 20_000;
/** Events taken from the playback feed at a time (then the fold may yield). */
export const TICK_READ = 1000;

/** What `seekDelta` reads of the shown state: a `State`'s maps or plain `Map`s. */
interface ShownMap<V> {
  readonly size: number;
  get(id: string): V | undefined;
  forEach(fn: (value: V, id: string) => void): void;
}
interface Shown {
  alerts: ShownMap<Alert>;
  incidents: ShownMap<Incident>;
}

/**
 * The delta from the shown state to a sought one: the entities that differ
 * (states share their unchanged entities, so most compare equal by
 * reference; the index's states all come from one fold). Never a reset,
 * even when most differ: every listener does no more for a delta than for a
 * reset of the whole state and usually less — the maps of the store and the
 * map's sources touch only what changed (a reset empties and refills them:
 * ~100k entries at 1M events), the board rebuilds its lists like a reset once
 * more than an eighth of the alerts change (`boardModel.ts`).
 */
export function seekDelta(from: Shown, to: State): LiveDelta {
  const part = <V>(a: ShownMap<V>, b: PMap<V>): { upsert: V[]; remove: string[] } => {
    const upsert: V[] = [];
    const remove: string[] = [];
    let added = 0;
    b.forEach((v, id) => {
      const was = a.get(id);
      if (was === v) return;
      if (was === undefined) added++;
      upsert.push(v);
    });
    // Only when the sizes say some are gone: look for them.
    if (a.size + added !== b.size) a.forEach((_, id) => !b.has(id) && remove.push(id));
    return { upsert, remove };
  };
  return { alerts: part(from.alerts, to.alerts), incidents: part(from.incidents, to.incidents), reset: false };
}

/** Playback's source of events: `take` hands out the events after a seq up to a time. */
export interface PlaybackFeed {
  /** Events after `seq` with a time at or before `untilTime`, at most `limit`, in seq order. */
  take(seq: number, untilTime: number, limit: number): Promise<DomainEvent[]>;
}

/**
 * Playback reads the replica a chunk at a time (`directChunkReader`), keeps
 * the events of a chunk past a tick's end for the next tick instead of
 * reading the chunk again, and asks for the next chunk as soon as it starts
 * on one, so IndexedDB fetches it while the fold runs. A `take` after a seq
 * the feed did not hand out last (a seek, a step) starts over from that seq.
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

/**
 * A changed alert the store shows already, as the fields that differ from
 * the one it shows (by reference: the reducer shares what it did not
 * change). A repeat changes `duplicates` and `lastDuplicateAt`, not the
 * title, text and geometry, so a far seek (60–90k alerts changed at 1M
 * events) crosses as a few megabytes instead of the whole alerts.
 */
export interface AlertPatch {
  id: string;
  set: Partial<Alert>;
  /** Fields the alert no longer has. */
  unset?: string[];
}

/** A `LiveDelta` as it crosses to the store: alerts it shows already as patches. */
export interface WireDelta {
  alerts: { upsert: Alert[]; patch: AlertPatch[]; remove: string[] };
  incidents: LiveDelta['incidents'];
  reset: boolean;
}

/**
 * `delta` for a store that shows `before`: alerts in `before` as the fields
 * that differ; those equal field by field are left out (the store keeps its
 * equal copy). A reset goes whole.
 */
export function encodeDelta(delta: LiveDelta, before: ShownMap<Alert>): WireDelta {
  if (delta.reset) return { alerts: { upsert: delta.alerts.upsert, patch: [], remove: delta.alerts.remove }, incidents: delta.incidents, reset: true };
  const upsert: Alert[] = [];
  const patch: AlertPatch[] = [];
  for (const a of delta.alerts.upsert) {
    const was = before.get(a.id) as Record<string, unknown> | undefined;
    if (!was) {
      upsert.push(a);
      continue;
    }
    const now = a as unknown as Record<string, unknown>;
    const set: Record<string, unknown> = {};
    let changed = false;
    let unset: string[] | undefined;
    for (const k in now) {
      if (now[k] !== was[k]) {
        set[k] = now[k];
        changed = true;
      }
    }
    for (const k in was) if (!(k in now)) (unset ??= []).push(k);
    if (changed || unset) patch.push(unset ? { id: a.id, set: set as Partial<Alert>, unset } : { id: a.id, set: set as Partial<Alert> });
  }
  return { alerts: { upsert, patch, remove: delta.alerts.remove }, incidents: delta.incidents, reset: false };
}

/** The `LiveDelta` for a store whose alerts `current` gives (the state `encodeDelta` was given). */
export function decodeDelta(wire: WireDelta, current: (id: string) => Alert | undefined): LiveDelta {
  const upsert = wire.alerts.upsert;
  for (const p of wire.alerts.patch) {
    const was = current(p.id);
    if (!was) throw new Error(`replay: a change to an alert not shown (${p.id})`);
    const a = { ...was, ...p.set } as Record<string, unknown>;
    if (p.unset) for (const k of p.unset) delete a[k];
    upsert.push(a as unknown as Alert);
  }
  return { alerts: { upsert, remove: wire.alerts.remove }, incidents: wire.incidents, reset: wire.reset };
}

export interface Signal {
  readonly aborted: boolean;
}

export interface EngineFocus {
  incidentId: string;
  /** Alerts the incident owns by the end: shown from the moment they arrive. */
  alerts: readonly string[];
}

export interface EngineOptions {
  snapshots?: () => Promise<SnapshotSource | undefined>;
  /** Playback's reads: the events after a seq in the next chunk (default: a ranged read of `TICK_READ`). */
  readChunk?: (after: number) => Promise<readonly DomainEvent[]>;
  focus?: EngineFocus;
}

export interface PlayResult {
  folded: number;
  complete: boolean;
  /** Time of the last event folded. */
  lastTime: number | null;
  seq: number;
}

/** The fold and the state shown, wherever it runs. */
export class ReplayEngine {
  readonly cursor: ReplayCursor;
  private state: State = initialState;
  private shown: FocusView = { alerts: new Map(), incidents: new Map() };
  private readonly feed: PlaybackFeed;
  private readonly focusAlerts: ReadonlySet<string>;

  constructor(
    reader: ReplicaReader,
    private readonly options: EngineOptions = {},
  ) {
    this.cursor = new ReplayCursor(reader, options.snapshots);
    this.feed = playbackFeed(options.readChunk ?? ((after) => reader.events({ fromSeq: after + 1, limit: TICK_READ })));
    this.focusAlerts = new Set(options.focus?.alerts ?? []);
  }

  /** Seq of the state shown. */
  get seq(): number {
    return this.state.seq;
  }

  /** The state becomes `next`; returns the delta the store applies (in focus, of the incident's view), encoded for the store. */
  private moveTo(next: State, delta: LiveDelta): WireDelta {
    // What the store shows before this delta.
    const before: ShownMap<Alert> = this.options.focus ? this.shown.alerts : this.state.alerts;
    this.state = next;
    const focus = this.options.focus;
    if (focus) {
      const view = focusView(next, focus.incidentId, this.focusAlerts);
      delta = delta.reset ? replaceAll(view.alerts.values(), view.incidents.values()) : diffViews(this.shown, view);
      this.shown = view;
    }
    return encodeDelta(delta, before);
  }

  /** The state after `seq`, as a delta from the one shown (in focus, a reset of the view); undefined when superseded. */
  async seek(seq: number, signal: Signal, onProgress?: (p: SeekProgress) => void): Promise<WireDelta | undefined> {
    const result = await this.cursor.seek(seq, this.state, { signal, onProgress });
    if (signal.aborted) return undefined;
    const start = performance.now();
    const delta = this.moveTo(result.state, this.options.focus ? replaceAll([], []) : seekDelta(this.state, result.state));
    performance.measure('longwatch replay: delta', { start, end: performance.now() });
    return delta;
  }

  /** One event forward (none past `lastSeq`). */
  async stepForward(lastSeq: number): Promise<{ delta: WireDelta; time: number } | undefined> {
    const next = await this.cursor.nextEvent(this.state.seq);
    if (!next || next.seq > lastSeq) return undefined;
    const touched = emptyTouched();
    collectTouched(next, this.state, touched);
    const state = reduce(this.state, next);
    return { delta: this.moveTo(state, deltaOf(touched, state)), time: next.time };
  }

  /** The event before the one shown. */
  async previousEvent(): Promise<{ seq: number; time: number } | undefined> {
    const e = await this.cursor.previousEvent(this.state.seq);
    return e && { seq: e.seq, time: e.time };
  }

  /**
   * A playback tick: the events up to `untilTime` (none past `lastSeq`, at
   * most `TICK_EVENTS`) folded with one `Folding` (transient maps changed in
   * place, not a copy of the state per event), in slices that yield so a
   * newer request can stop it. Returns what changed.
   */
  async play(untilTime: number, lastSeq: number, signal: Signal): Promise<PlayResult & { delta: WireDelta | null }> {
    const touched = emptyTouched();
    const folding = new Folding(this.state);
    let folded = 0;
    let lastTime: number | null = null;
    let complete = false;
    let stopped = false;
    let sliceStart = performance.now();
    while (!stopped && !complete && folded < TICK_EVENTS) {
      const events = await this.feed.take(folding.current.seq, untilTime, TICK_READ);
      for (const e of events) {
        if (e.seq > lastSeq) {
          complete = true;
          break;
        }
        collectTouched(e, folding.current, touched);
        folding.apply(e);
        lastTime = e.time;
        folded++;
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToLoop();
          sliceStart = performance.now();
          if ((stopped = signal.aborted)) break;
        }
      }
      if (events.length < TICK_READ) complete = true;
    }
    const next = folding.finish();
    const delta = folded > 0 ? this.moveTo(next, deltaOf(touched, next)) : null;
    return { folded, complete, lastTime, seq: this.state.seq, delta };
  }
}

// ---- the protocol between the store and the engine ---------------------------------

export type EngineRequest =
  | { op: 'index'; id: number }
  | { op: 'seqAtTime'; id: number; time: number }
  | { op: 'seek'; id: number; seq: number; gen: number }
  | { op: 'step'; id: number; lastSeq: number }
  | { op: 'previous'; id: number }
  | { op: 'play'; id: number; untilTime: number; lastSeq: number }
  /** No reply: seeks of an older generation stop; playback stops while not playing. */
  | { op: 'generation'; gen: number }
  | { op: 'playing'; playing: boolean }
  | { op: 'dispose' };

/** A measure taken where the engine runs (User Timing), for the store's thread to record. */
export interface EngineMeasure {
  name: string;
  duration: number;
}

export type EngineReply =
  | { id: number; type: 'progress'; done: number; total: number }
  /** Alerts, patches and incidents of the delta of the coming `done`, in order. */
  | { id: number; type: 'alerts'; alerts: Alert[]; patches: AlertPatch[]; incidents: Incident[] }
  | { id: number; type: 'done'; value: unknown; delta?: WireDelta | null; measures?: EngineMeasure[] }
  | { id: number; type: 'error'; message: string };

/**
 * Answers requests with `engine`; `post` sends a reply. A delta with more
 * than `partSize` alerts goes as parts of `partSize` (`alerts` replies), the
 * rest with `done`. `measures` collects what the engine measured since the
 * last reply (in a worker, its own User Timing).
 */
export function serveEngine(engine: ReplayEngine, post: (reply: EngineReply) => void, opts: { partSize?: number; measures?: () => EngineMeasure[] } = {}): (request: EngineRequest) => void {
  const partSize = opts.partSize ?? Infinity;
  let generation = 0;
  let playing = false;
  let disposed = false;
  const disposedSignal: Signal = { get aborted() { return disposed; } };
  const done = (id: number, value: unknown, delta?: WireDelta | null): void => {
    // Whole alerts `partSize` to a message; patches (a few fields each) four times as many; incidents
    // (their timelines and participations: larger than an alert) a tenth as many.
    const incidentPart = Math.max(1, Math.floor(partSize / 10));
    if (delta && (delta.alerts.upsert.length > partSize || delta.alerts.patch.length > 4 * partSize || delta.incidents.upsert.length > incidentPart)) {
      const { upsert, patch } = delta.alerts;
      const incidents = delta.incidents.upsert;
      let i = 0;
      let j = 0;
      let k = 0;
      while (upsert.length - i > partSize || patch.length - j > 4 * partSize || incidents.length - k > incidentPart) {
        post({ id, type: 'alerts', alerts: upsert.slice(i, i + partSize), patches: patch.slice(j, j + 4 * partSize), incidents: incidents.slice(k, k + incidentPart) });
        i = Math.min(upsert.length, i + partSize);
        j = Math.min(patch.length, j + 4 * partSize);
        k = Math.min(incidents.length, k + incidentPart);
      }
      delta = { ...delta, alerts: { upsert: upsert.slice(i), patch: patch.slice(j), remove: delta.alerts.remove }, incidents: { upsert: incidents.slice(k), remove: delta.incidents.remove } };
    }
    post({ id, type: 'done', value, delta, measures: opts.measures?.() });
  };
  const run = async (r: EngineRequest): Promise<void> => {
    switch (r.op) {
      case 'generation':
        generation = r.gen;
        return;
      case 'playing':
        playing = r.playing;
        return;
      case 'dispose':
        disposed = true;
        return;
      case 'index': {
        await engine.cursor.index((p) => post({ id: r.id, type: 'progress', done: p.seq, total: p.lastSeq }), disposedSignal);
        return done(r.id, engine.cursor.indexedSeq);
      }
      case 'seqAtTime':
        return done(r.id, await engine.cursor.seqAtTime(r.time));
      case 'seek': {
        const signal: Signal = { get aborted() { return disposed || r.gen !== generation; } };
        const delta = await engine.seek(r.seq, signal, (p) => post({ id: r.id, type: 'progress', done: p.done, total: p.total }));
        return done(r.id, delta ? engine.seq : null, delta);
      }
      case 'step': {
        const stepped = await engine.stepForward(r.lastSeq);
        return done(r.id, stepped ? { seq: engine.seq, time: stepped.time } : null, stepped?.delta);
      }
      case 'previous':
        return done(r.id, (await engine.previousEvent()) ?? null);
      case 'play': {
        const { delta, ...result } = await engine.play(r.untilTime, r.lastSeq, { get aborted() { return disposed || !playing; } });
        return done(r.id, result, delta);
      }
    }
  };
  return (r) => {
    run(r).catch((e: unknown) => 'id' in r && post({ id: r.id, type: 'error', message: e instanceof Error ? e.message : String(e) }));
  };
}

/** The store's side: each request a promise of its `done` (the delta's parts put back together). */
export interface EngineClient {
  index(onProgress?: (p: SeekProgress) => void): Promise<number>;
  seqAtTime(time: number): Promise<number>;
  /** The delta to the state after `seq` and that seq; null when a newer generation superseded it. */
  seek(seq: number, gen: number, onProgress?: (p: SeekProgress) => void): Promise<{ seq: number; delta: WireDelta } | null>;
  step(lastSeq: number): Promise<{ seq: number; time: number; delta: WireDelta } | null>;
  previous(): Promise<{ seq: number; time: number } | null>;
  play(untilTime: number, lastSeq: number): Promise<PlayResult & { delta: WireDelta | null }>;
  setGeneration(gen: number): void;
  setPlaying(playing: boolean): void;
  dispose(): void;
}

/** `send` delivers a request to `serveEngine`; the returned `receive` takes its replies. */
export function engineClient(send: (request: EngineRequest) => void, opts: { onMeasures?: (m: EngineMeasure[]) => void } = {}): { client: EngineClient; receive: (reply: EngineReply) => void } {
  let nextId = 1;
  type Parts = { alerts: Alert[][]; patches: AlertPatch[][]; incidents: Incident[][] };
  const pending = new Map<number, { resolve: (r: { value: unknown; delta: WireDelta | null }) => void; reject: (e: Error) => void; parts: Parts; onProgress?: (p: SeekProgress) => void }>();
  const ask = <T>(make: (id: number) => EngineRequest, onProgress?: (p: SeekProgress) => void): Promise<{ value: T; delta: WireDelta | null }> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (r: { value: unknown; delta: WireDelta | null }) => void, reject, parts: { alerts: [], patches: [], incidents: [] }, onProgress });
      send(make(id));
    });
  };
  const receive = (reply: EngineReply): void => {
    const p = pending.get(reply.id);
    if (!p) return;
    switch (reply.type) {
      case 'progress':
        p.onProgress?.({ done: reply.done, total: reply.total });
        return;
      case 'alerts':
        p.parts.alerts.push(reply.alerts);
        p.parts.patches.push(reply.patches);
        p.parts.incidents.push(reply.incidents);
        return;
      case 'error':
        pending.delete(reply.id);
        p.reject(new Error(reply.message));
        return;
      case 'done': {
        pending.delete(reply.id);
        if (reply.measures?.length) opts.onMeasures?.(reply.measures);
        let delta = reply.delta ?? null;
        if (delta && p.parts.alerts.length > 0) {
          const { upsert, patch, remove } = delta.alerts;
          delta = {
            ...delta,
            alerts: { upsert: [...p.parts.alerts.flat(), ...upsert], patch: [...p.parts.patches.flat(), ...patch], remove },
            incidents: { upsert: [...p.parts.incidents.flat(), ...delta.incidents.upsert], remove: delta.incidents.remove },
          };
        }
        p.resolve({ value: reply.value, delta });
      }
    }
  };
  const client: EngineClient = {
    index: async (onProgress) => (await ask<number>((id) => ({ op: 'index', id }), onProgress)).value,
    seqAtTime: async (time) => (await ask<number>((id) => ({ op: 'seqAtTime', id, time }))).value,
    async seek(seq, gen, onProgress) {
      const { value, delta } = await ask<number | null>((id) => ({ op: 'seek', id, seq, gen }), onProgress);
      return value === null || !delta ? null : { seq: value, delta };
    },
    async step(lastSeq) {
      const { value, delta } = await ask<{ seq: number; time: number } | null>((id) => ({ op: 'step', id, lastSeq }));
      return value && delta ? { ...value, delta } : null;
    },
    previous: async () => (await ask<{ seq: number; time: number } | null>((id) => ({ op: 'previous', id }))).value,
    async play(untilTime, lastSeq) {
      const { value, delta } = await ask<PlayResult>((id) => ({ op: 'play', id, untilTime, lastSeq }));
      return { ...value, delta };
    },
    setGeneration: (gen) => send({ op: 'generation', gen }),
    setPlaying: (playing) => send({ op: 'playing', playing }),
    dispose() {
      send({ op: 'dispose' });
      for (const p of pending.values()) p.reject(new Error('replay closed'));
      pending.clear();
    },
  };
  return { client, receive };
}

/** The engine in this thread (unit tests; no replica to open by name): requests and replies pass as they are, a task apart. */
export function engineInProcess(reader: ReplicaReader, options: EngineOptions): EngineClient {
  let receive: (reply: EngineReply) => void = () => {};
  const serve = serveEngine(new ReplayEngine(reader, options), (reply) => setTimeout(() => receive(reply), 0));
  const made = engineClient((request) => serve(request));
  receive = made.receive;
  return made.client;
}

/** A client that forwards to the one `ready` resolves to, in the order asked (requests made before it resolves wait). */
export function deferredClient(ready: Promise<EngineClient>): EngineClient {
  const later = (fn: (c: EngineClient) => void): void => void ready.then(fn);
  return {
    index: (onProgress) => ready.then((c) => c.index(onProgress)),
    seqAtTime: (time) => ready.then((c) => c.seqAtTime(time)),
    seek: (seq, gen, onProgress) => ready.then((c) => c.seek(seq, gen, onProgress)),
    step: (lastSeq) => ready.then((c) => c.step(lastSeq)),
    previous: () => ready.then((c) => c.previous()),
    play: (untilTime, lastSeq) => ready.then((c) => c.play(untilTime, lastSeq)),
    setGeneration: (gen) => later((c) => c.setGeneration(gen)),
    setPlaying: (playing) => later((c) => c.setPlaying(playing)),
    dispose: () => later((c) => c.dispose()),
  };
}
