/**
 * Throughput of the hub's correlation path: `correlateAlert` + `sealEvents` +
 * `reduce` (or a `Folding`) + `IncidentIndex.apply`, per alert (or of
 * correlation proper, without `sealEvents`: `seal: false`), against a state pre-loaded with
 * open incidents and active alerts. Called by a benchmark runner; nothing runs
 * on import.
 *
 * Places follow where alerts come from: around prefecture seats (Harbin the
 * busiest), spread by tens of kilometres, so the index meets dense clusters
 * rather than a uniform sprinkle.
 */
import { DOMAINS, type Domain } from '../domain/agencies';
import { sealEvents, sha256Hex, type Sha256Hex } from '../domain/chain';
import { draft, type DomainEvent, type EventDraft } from '../domain/events';
import type { AlertContent } from '../domain/model';
import { Folding, reduce } from '../domain/reduce';
import { PREFECTURES } from '../domain/regions';
import { initialState, type State } from '../domain/state';
import type { CapSeverity } from '../domain/warningLevel';
import { DEFAULT_CORRELATION_CONFIG, type CorrelationConfig } from './config';
import { correlateAlert } from './correlate';
import { IncidentIndex } from './incidentIndex';

export interface BenchOptions {
  /** Open incidents pre-loaded. */
  incidents: number;
  /** Active alerts pre-loaded (three per incident are linked to it, the rest stand alone). */
  alerts: number;
  /** Wall-clock seconds of measured processing (generation of messages excluded). */
  seconds: number;
  config?: CorrelationConfig;
  /** PRNG seed, for repeatable runs. */
  seed?: number;
  /** Also time each stage (adds a clock read per stage per alert). */
  phases?: boolean;
  /**
   * The SHA-256 that seals, as the caller's hub would pass it (the hub passes
   * Node's native one); the pure-JS default otherwise.
   */
  digest?: Sha256Hex;
  /**
   * Milliseconds for the budget and the rates: wall clock by default; a
   * runner on a loaded machine can pass process CPU time instead.
   */
  clock?: () => number;
  /**
   * How the state follows the sealed events: `reduce` per event (the hub's
   * engine today), or one `Folding` per batch of messages (transient maps
   * edited in place; the hub's batch would use one per feed batch).
   */
  fold?: 'reduce' | 'batch';
  /**
   * Whether the events are sealed (body text + SHA-256, as the hub appends
   * them; the default). `false` measures correlation proper: the decision
   * and applying it to the state and index the next alert is correlated
   * against, with the drafts given seq numbers but no body text and no hash.
   */
  seal?: boolean;
}

export interface BenchResult {
  /** Alerts through correlate + seal (unless `seal: false`) + reduce or Folding + index.apply per second of processing. */
  alertsPerSec: number;
  /** Sealed events per second over the same time. */
  eventsPerSec: number;
  processed: number;
  events: number;
  quarantined: number;
  /** Building the pre-loaded state (folding its events) and the index, milliseconds. */
  setupMs: number;
  incidentsAfter: number;
  alertsAfter: number;
  rejected: number;
  /** Milliseconds per stage, when asked for. */
  phaseMs?: { correlate: number; seal: number; reduce: number; index: number };
}

/** A sub-millisecond clock where the platform has one (Node, browsers); ES2023 itself declares none. */
const wallClock: () => number = (globalThis as { performance?: { now(): number } }).performance?.now.bind((globalThis as { performance?: { now(): number } }).performance) ?? Date.now;

const T0 = Date.UTC(2024, 0, 15);
const LINKED_PER_INCIDENT = 3;
const BATCH = 5_000;

/** mulberry32: small, fast, good enough to scatter points. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Generator {
  private n = 0;
  readonly issued: AlertContent[] = [];
  constructor(private readonly rnd: () => number) {}

  private gauss(): number {
    // Irwin–Hall: sum of four uniforms, close enough to normal for scatter.
    return (this.rnd() + this.rnd() + this.rnd() + this.rnd() - 2) * 1.7;
  }

  place(): { lon: number; lat: number; region: string } {
    // Harbin holds a third of everything, the other prefectures share the rest.
    const p = this.rnd() < 0.33 ? PREFECTURES[0]! : PREFECTURES[1 + Math.floor(this.rnd() * (PREFECTURES.length - 1))]!;
    return { lon: p.center[0] + this.gauss() * 0.35, lat: p.center[1] + this.gauss() * 0.25, region: p.code };
  }

  severity(): CapSeverity {
    const r = this.rnd();
    return r < 0.03 ? 'Extreme' : r < 0.15 ? 'Severe' : r < 0.55 ? 'Moderate' : r < 0.95 ? 'Minor' : 'Unknown';
  }

  alert(time: number, at = this.place(), domain: Domain = DOMAINS[Math.floor(this.rnd() * DOMAINS.length)]!, severity = this.severity()): AlertContent {
    const sourceId = `B${++this.n}`;
    const content: AlertContent = {
      feed: domain,
      sourceId,
      version: 1,
      msgType: 'Alert',
      references: [],
      domain,
      category: ['Other'],
      event: 'benchmark event',
      headline: `${domain} report ${sourceId}`,
      description: 'Synthetic alert for the correlation benchmark, about as long as a real one-line description.',
      severity,
      urgency: this.rnd() < 0.3 ? 'Immediate' : 'Expected',
      certainty: 'Observed',
      capStatus: 'Actual',
      point: { lon: at.lon, lat: at.lat },
      region: at.region,
      sent: time,
      classification: 'public',
      attributes: { station: `S-${this.n % 977}`, reading: Math.round(this.rnd() * 1000) / 10 },
      format: 'json',
    };
    this.issued.push(content);
    return content;
  }

  /** The live message mix: mostly new alerts, some repeats, re-issues and cancels of earlier ones. */
  message(time: number): AlertContent {
    const r = this.rnd();
    const earlier = this.issued[Math.floor(this.rnd() * this.issued.length)]!;
    if (r < 0.8 || !earlier) return this.alert(time);
    if (r < 0.9) return earlier;
    if (r < 0.97) return { ...earlier, version: earlier.version + 1, severity: this.severity(), sent: time };
    return { ...earlier, sourceId: `X${++this.n}`, msgType: 'Cancel', references: [earlier.sourceId], sent: time };
  }
}

/** Drafts as events with their seq after `head` and no hash: what the fold needs of them, without sealing. */
function numberEvents(drafts: readonly EventDraft[], head: { seq: number }): DomainEvent[] {
  const out: DomainEvent[] = [];
  let seq = head.seq;
  // The same shape as `sealEvents` makes, so the fold sees the objects it sees in the hub.
  for (const d of drafts) out.push({ seq: ++seq, time: d.time, actor: d.actor, type: d.type, body: d.body, prev: '', hash: '' } as DomainEvent);
  return out;
}

function foldDrafts(state: State, drafts: readonly EventDraft[], digest: Sha256Hex): State {
  let s = state;
  for (const e of sealEvents(drafts, s, digest)) s = reduce(s, e);
  return s;
}

/** Builds the pre-loaded state by folding sealed events, as a hub replaying its log would. */
function preload(gen: Generator, incidents: number, alerts: number, digest: Sha256Hex): State {
  let state = initialState;
  let pending: EventDraft[] = [];
  const flush = () => {
    state = foldDrafts(state, pending, digest);
    pending = [];
  };
  for (let i = 0; i < incidents; i++) {
    const time = T0 + i;
    const centre = gen.place();
    const ids: string[] = [];
    for (let k = 0; k < LINKED_PER_INCIDENT && i * LINKED_PER_INCIDENT + k < alerts; k++) {
      const at = { lon: centre.lon + (gen.place().lon - centre.lon) * 0.02, lat: centre.lat + (gen.place().lat - centre.lat) * 0.02, region: centre.region };
      const c = gen.alert(time, at);
      ids.push(`${c.feed}:${c.sourceId}`);
      pending.push(draft('alert.received', time, `source:${c.feed}`, { alertId: ids[ids.length - 1]!, content: c }));
    }
    const first = gen.issued[gen.issued.length - 1]!;
    pending.push(
      draft('incident.opened', time, 'system:correlation', {
        incidentId: `INC-${i + 1}`, no: i + 1, title: first.headline, level: 3, alertIds: ids,
        location: first.point, region: first.region, classification: 'public', domains: [first.domain],
      }),
    );
    if (pending.length >= BATCH) flush();
  }
  for (let n = incidents * LINKED_PER_INCIDENT; n < alerts; n++) {
    const c = gen.alert(T0 + incidents);
    pending.push(draft('alert.received', T0 + incidents, `source:${c.feed}`, { alertId: `${c.feed}:${c.sourceId}`, content: c }));
    if (pending.length >= BATCH) flush();
  }
  flush();
  return state;
}

/** One pre-loaded state, its index and its message stream, processed a batch at a time. */
class Session {
  private readonly gen: Generator;
  state: State;
  readonly index: IncidentIndex;
  readonly setupMs: number;
  processed = 0;
  events = 0;
  quarantined = 0;
  busyMs = 0;
  readonly phases: { correlate: number; seal: number; reduce: number; index: number } | undefined;
  // Live traffic starts an hour after the pre-load, well inside the correlation window.
  private time = T0 + 3_600_000;

  constructor(
    options: BenchOptions,
    private readonly config: CorrelationConfig,
    private readonly digest: Sha256Hex,
    private readonly clock: () => number,
    private readonly fold: 'reduce' | 'batch',
    private readonly seal = true,
  ) {
    this.gen = new Generator(prng(options.seed ?? 1));
    const setupStart = clock();
    this.state = preload(this.gen, options.incidents, options.alerts, digest);
    this.index = IncidentIndex.fromState(this.state);
    this.setupMs = Math.round(clock() - setupStart);
    this.phases = options.phases ? { correlate: 0, seal: 0, reduce: 0, index: 0 } : undefined;
  }

  /** Generates a batch of messages (not timed), then correlates, seals and folds it (timed). */
  batch(): void {
    const { config, digest, clock, index, phases } = this;
    const batch: AlertContent[] = [];
    for (let i = 0; i < BATCH; i++) batch.push(this.gen.message(this.time + i));
    let state = this.state;
    let time = this.time;
    const start = clock();
    // One folding per batch, or none: `reduce` per event.
    const folding = this.fold === 'batch' ? new Folding(state) : null;
    if (phases) {
      for (const content of batch) {
        time++;
        if (folding) state = folding.current;
        let t = clock();
        const r = correlateAlert(state, content, { time, actor: `source:${content.feed}` }, config, index);
        phases.correlate += clock() - t;
        this.processed++;
        if (!r.ok) {
          this.quarantined++;
          continue;
        }
        t = clock();
        const sealed = this.seal ? sealEvents(r.events, state, digest) : numberEvents(r.events, state);
        phases.seal += clock() - t;
        for (const e of sealed) {
          t = clock();
          state = folding ? folding.apply(e) : reduce(state, e);
          const t2 = clock();
          index.apply(e, state);
          phases.index += clock() - t2;
          phases.reduce += t2 - t;
          this.events++;
        }
      }
    } else {
      for (const content of batch) {
        time++;
        if (folding) state = folding.current;
        const r = correlateAlert(state, content, { time, actor: `source:${content.feed}` }, config, index);
        this.processed++;
        if (!r.ok) {
          this.quarantined++;
          continue;
        }
        for (const e of this.seal ? sealEvents(r.events, state, digest) : numberEvents(r.events, state)) {
          state = folding ? folding.apply(e) : reduce(state, e);
          index.apply(e, state);
          this.events++;
        }
      }
    }
    if (folding) state = folding.finish();
    this.busyMs += clock() - start;
    this.state = state;
    this.time = time;
  }

  result(): BenchResult {
    const secs = Math.max(this.busyMs, 1) / 1000;
    const { phases, state } = this;
    return {
      alertsPerSec: Math.round(this.processed / secs),
      eventsPerSec: Math.round(this.events / secs),
      processed: this.processed,
      events: this.events,
      quarantined: this.quarantined,
      setupMs: this.setupMs,
      incidentsAfter: state.incidents.size,
      alertsAfter: state.alerts.size,
      rejected: state.rejected,
      ...(phases && { phaseMs: { correlate: Math.round(phases.correlate), seal: Math.round(phases.seal), reduce: Math.round(phases.reduce), index: Math.round(phases.index) } }),
    };
  }
}

/** Runs the benchmark (seconds of CPU on one core, plus the setup). */
export function benchCorrelation(options: BenchOptions): BenchResult {
  const session = new Session(options, options.config ?? DEFAULT_CORRELATION_CONFIG, options.digest ?? sha256Hex, options.clock ?? wallClock, options.fold ?? 'reduce', options.seal ?? true);
  while (session.busyMs < options.seconds * 1000) session.batch();
  return session.result();
}

/** One contender of `compareCorrelation`. */
export interface Contender {
  fold: 'reduce' | 'batch';
  digest?: Sha256Hex;
  /** See `BenchOptions.seal`; sealed by default. */
  seal?: boolean;
}

/**
 * Several ways of running the same path, each on its own copy of the same
 * pre-loaded state and message stream, their batches interleaved (A, B, A,
 * B, …) so that all see the same load on a shared machine: ratios between
 * them hold where absolute rates do not. Each gets `seconds` of measured time.
 */
export function compareCorrelation(options: Omit<BenchOptions, 'fold' | 'digest' | 'phases' | 'seal'>, contenders: readonly Contender[]): BenchResult[] {
  const config = options.config ?? DEFAULT_CORRELATION_CONFIG;
  const clock = options.clock ?? wallClock;
  const sessions = contenders.map((c) => new Session(options, config, c.digest ?? sha256Hex, clock, c.fold, c.seal ?? true));
  while (sessions.some((s) => s.busyMs < options.seconds * 1000)) for (const s of sessions) s.batch();
  return sessions.map((s) => s.result());
}
