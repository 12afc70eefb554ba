/**
 * Plays scenarios into the demo feeds. Scenario time runs `speed` times
 * faster than the clock; `sent` is the real time of emission, so a replayed
 * story is a new story. Every run gets fresh ids (the run number and the
 * process's boot tag are in them), scenarios start staggered, and with `loop`
 * each one starts again a pause after its last step.
 */
import type { CapReference } from '@shared/cap';
import type { Domain } from '@shared/domain/agencies';
import { buildBody, referenceTo, type Emission, type FeedIdentity } from './alertBody';
import type { FeedSink } from './generator';
import { newBootTag } from './ids';
import { silentLogger, type FeedLogger } from './log';
import type { Scenario, ScenarioStep } from './scenario';

/** Alerts without an expiry in their scenario expire this long after emission. */
const DEFAULT_EXPIRES_MINUTES = 360;

/** What one run remembers about an alert so later steps can amend it. */
interface Chain {
  id: string;
  version: number;
  sentMs: number;
  references: CapReference[];
}

/**
 * One run of one scenario: turns its steps into message bodies. Pure apart
 * from what it remembers between steps (for updates and cancels).
 */
export class ScenarioRun {
  private readonly chains = new Map<number, Chain>();

  constructor(
    readonly scenario: Scenario,
    /** Run number, from 1. */
    readonly run: number,
    private readonly bootTag: string,
  ) {}

  /** The body `feed` sends for `step` at `now` (epoch ms). */
  bodyOf(step: ScenarioStep, feed: FeedIdentity, now: number): unknown {
    const draft = { ...step.draft, expiresMinutes: step.draft.expiresMinutes ?? DEFAULT_EXPIRES_MINUTES };
    const ownId = `${this.scenario.id}-${this.bootTag.toLowerCase()}-r${this.run}-s${String(step.index).padStart(2, '0')}`;
    const chain = step.root === undefined ? undefined : this.chains.get(step.root);
    let emission: Emission;
    if (!chain) {
      emission = { id: ownId, version: 1, msgType: 'Alert', references: [], sentMs: now };
    } else if (feed.format === 'cap') {
      // CAP: a new identifier; `references` names every earlier message of the chain, the first one first.
      const references = [...chain.references, referenceTo(feed, chain.id, chain.sentMs)];
      emission = { id: ownId, version: 1, msgType: step.msgType, references, sentMs: now };
    } else {
      emission = { id: chain.id, version: chain.version + 1, msgType: step.msgType, references: [], sentMs: now };
    }
    this.chains.set(step.root ?? step.index, {
      id: emission.id,
      version: emission.version,
      sentMs: now,
      references: emission.references,
    });
    return buildBody(feed, draft, emission);
  }
}

/** Options of {@link ScenarioPlayer}. */
export interface PlayerOptions {
  scenarios: readonly Scenario[];
  /** The feeds, by domain; a step of a feed that is missing is skipped with a warning. */
  sinks: readonly FeedSink[];
  /** Scenario seconds per real second; default 10. */
  speed?: number;
  /** Start each scenario again after it ends; default true. */
  loop?: boolean;
  /** Real seconds between the starts of successive scenarios; default 20. */
  staggerSeconds?: number;
  /** Real seconds between the end of a run and the next; default 60. */
  pauseSeconds?: number;
  bootTag?: string;
  logger?: FeedLogger;
}

/** Passed to `onDidEmit` listeners. */
export interface StepEmitted {
  scenario: string;
  run: number;
  step: ScenarioStep;
  feed: string;
  seq: number;
}

/** Plays scenarios into feeds in real time (see the file comment). */
export class ScenarioPlayer {
  private readonly sinks = new Map<Domain, FeedSink>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners: ((e: StepEmitted) => void)[] = [];
  private readonly bootTag: string;
  private readonly log: FeedLogger;
  private readonly speed: number;
  private running = false;

  constructor(private readonly opts: PlayerOptions) {
    for (const s of opts.sinks) this.sinks.set(s.feed.domain, s);
    this.bootTag = opts.bootTag ?? newBootTag();
    this.log = opts.logger ?? silentLogger;
    this.speed = opts.speed !== undefined && opts.speed > 0 ? opts.speed : 10;
  }

  /** Registers a listener for every step produced into a feed; returns a function that removes it. */
  onDidEmit(listener: (e: StepEmitted) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i !== -1) this.listeners.splice(i, 1);
    };
  }

  /** Starts every scenario, staggered. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const stagger = (this.opts.staggerSeconds ?? 20) * 1000;
    this.opts.scenarios.forEach((scenario, i) => this.later(i * stagger, () => this.play(scenario, 1)));
  }

  /** Stops all scenarios; steps not yet played are dropped. */
  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.running) fn();
    }, ms);
    this.timers.add(t);
  }

  private play(scenario: Scenario, run: number): void {
    const r = new ScenarioRun(scenario, run, this.bootTag);
    const started = Date.now();
    this.log.info('scenario started', { scenario: scenario.id, run, speed: this.speed, steps: scenario.steps.length });
    const next = (i: number): void => {
      const step = scenario.steps[i];
      if (!step) {
        this.log.info('scenario finished', { scenario: scenario.id, run });
        if (this.opts.loop ?? true) this.later((this.opts.pauseSeconds ?? 60) * 1000, () => this.play(scenario, run + 1));
        return;
      }
      const wait = started + (step.at * 1000) / this.speed - Date.now();
      this.later(Math.max(0, wait), () => {
        this.emit(r, step);
        next(i + 1);
      });
    };
    next(0);
  }

  private emit(r: ScenarioRun, step: ScenarioStep): void {
    const sink = this.sinks.get(step.feed);
    if (!sink) {
      this.log.warn('scenario step skipped: no such feed', { scenario: r.scenario.id, step: step.index, feed: step.feed });
      return;
    }
    try {
      const seq = sink.produce(r.bodyOf(step, sink.feed, Date.now()));
      for (const l of this.listeners) l({ scenario: r.scenario.id, run: r.run, step, feed: sink.feed.id, seq });
    } catch (e) {
      this.log.error('scenario step not produced', { scenario: r.scenario.id, step: step.index, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
