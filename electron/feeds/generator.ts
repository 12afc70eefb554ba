/**
 * Routine background alerts of every domain at a steady rate, so the map and
 * the board are never empty. Cheap by design (thousands a second for load
 * tests): per alert it picks from tables, builds strings and, for CAP feeds,
 * serializes one `CapMessage`.
 *
 * About one in twelve messages amends a recent alert: an update (JSON: same
 * id, version + 1; CAP: a new identifier whose `references` name the chain)
 * or a cancel.
 */
import type { Domain } from '@shared/domain/agencies';
import type { CapReference } from '@shared/cap';
import { buildBody, referenceTo, type AlertDraft, type Emission, type FeedIdentity } from './alertBody';
import { draftAlert } from './catalog';
import { ID_PREFIX, newBootTag, routineId } from './ids';
import { silentLogger, type FeedLogger } from './log';
import { pick, seededRng, weighted, type Rng } from './random';

/** A feed the generator and the player write into: a `FeedServer` in the demo, a plain array in tests. */
export interface FeedSink {
  /** Feed id (`traffic` …) and how it speaks. */
  readonly feed: FeedIdentity & { id: string };
  /** Adds a body to the feed; throws when the feed's outbox is full. */
  produce(body: unknown): number;
  /** Whether `produce` would throw now. */
  readonly full: boolean;
}

/** A recent alert that may still be updated or cancelled. */
interface Live {
  original: AlertDraft;
  draft: AlertDraft;
  /** JSON: the id, kept across versions. CAP: the latest identifier. */
  id: string;
  version: number;
  sentMs: number;
  /** CAP: every earlier message of the chain, oldest first. */
  chain: CapReference[];
}

const RING = 256;
const FOLLOW_UPS = ['现场处置力量已增援，情况基本可控。', '影响范围未扩大，持续监测中。', '已完成初步核查，相关数据已复核。', '处置工作有序推进，预计2小时内恢复正常。'];
const LOWER: Readonly<Record<string, AlertDraft['severity']>> = { Severe: 'Moderate', Moderate: 'Minor', Minor: 'Minor', Extreme: 'Severe', Unknown: 'Unknown' };

/**
 * Builds routine message bodies per feed, remembering recent alerts to amend.
 * Deterministic for a given seed and clock.
 */
export class RoutineAlerts {
  private readonly serial = new Map<string, number>();
  private readonly live = new Map<string, Live[]>();

  constructor(
    private readonly rng: Rng,
    private readonly bootTag: string,
  ) {}

  /** The next message of `feed`, sent at `now` (epoch ms). */
  next(feed: FeedIdentity & { id: string }, now: number): { body: unknown; msgType: Emission['msgType'] } {
    const ring = this.live.get(feed.id) ?? [];
    this.live.set(feed.id, ring);
    const r = this.rng();
    if (ring.length > 0 && r < 0.085) return this.amend(feed, ring, now, r < 0.065 ? 'Update' : 'Cancel');
    const draft = draftAlert(feed.domain, this.rng);
    const id = this.nextId(feed, now);
    const body = buildBody(feed, draft, { id, version: 1, msgType: 'Alert', references: [], sentMs: now });
    const entry: Live = { original: draft, draft, id, version: 1, sentMs: now, chain: [] };
    if (ring.length < RING) ring.push(entry);
    else ring[Math.floor(this.rng() * RING)] = entry;
    return { body, msgType: 'Alert' };
  }

  private nextId(feed: FeedIdentity & { id: string }, now: number): string {
    const n = (this.serial.get(feed.id) ?? 0) + 1;
    this.serial.set(feed.id, n);
    return routineId(ID_PREFIX[feed.domain], now, this.bootTag, n);
  }

  private amend(feed: FeedIdentity & { id: string }, ring: Live[], now: number, msgType: 'Update' | 'Cancel'): { body: unknown; msgType: Emission['msgType'] } {
    const index = Math.floor(this.rng() * ring.length);
    const entry = ring[index]!;
    const o = entry.original;
    const draft: AlertDraft =
      msgType === 'Update'
        ? {
            ...entry.draft,
            headline: `【续报】${o.headline}`,
            description: `${o.description ?? ''}\n续报：${pick(this.rng, FOLLOW_UPS)}`,
            severity: this.rng() < 0.5 ? LOWER[entry.draft.severity]! : entry.draft.severity,
          }
        : { ...entry.draft, headline: `【解除】${o.headline}`, description: '现场处置完毕，已恢复正常，解除本条预警。', urgency: 'Past' };
    let emission: Emission;
    if (feed.format === 'cap') {
      // CAP identifies every message separately; the chain goes in `references`.
      entry.chain = [...entry.chain, referenceTo(feed, entry.id, entry.sentMs)].slice(-16);
      emission = { id: this.nextId(feed, now), version: 1, msgType, references: entry.chain, sentMs: now };
    } else {
      emission = { id: entry.id, version: entry.version + 1, msgType, references: [], sentMs: now };
    }
    entry.id = emission.id;
    entry.version = emission.version;
    entry.sentMs = now;
    entry.draft = draft;
    if (msgType === 'Cancel') ring.splice(index, 1);
    return { body: buildBody(feed, draft, emission), msgType };
  }
}

/** How the alert rate is shared among domains. */
const DOMAIN_SHARE: readonly (readonly [Domain, number])[] = [
  ['traffic', 30],
  ['security', 25],
  ['ecology', 20],
  ['market', 15],
  ['safety', 10],
];

/** Options of {@link AlertGenerator}. */
export interface GeneratorOptions {
  sinks: readonly FeedSink[];
  /** Alerts per second across all feeds; default 3. */
  rate?: number;
  /** Seed of the randomness; default from the clock. */
  seed?: number;
  /** Distinguishes this process's ids from a previous run's; default from the clock. */
  bootTag?: string;
  /** Milliseconds between production ticks; default 20. */
  tickMs?: number;
  /**
   * Most milliseconds of one tick spent producing; default 70 % of `tickMs`.
   * The rest of the event loop is the feeds' socket I/O: a generator that took
   * it all would produce alerts nobody can be sent.
   */
  budgetMs?: number;
  logger?: FeedLogger;
}

/** Drives {@link RoutineAlerts} at a steady rate into the feeds. */
export class AlertGenerator {
  private readonly routine: RoutineAlerts;
  private readonly rng: Rng;
  private readonly byDomain = new Map<Domain, FeedSink>();
  private readonly shares: (readonly [Domain, number])[];
  private readonly blocked = new Set<string>();
  private readonly log: FeedLogger;
  private rate: number;
  private timer: NodeJS.Timeout | undefined;
  private t0 = 0;
  private due = 0;
  private producedCount = 0;
  /** Consecutive ticks that ran out of budget; a warning after a second's worth. */
  private behindTicks = 0;

  constructor(private readonly opts: GeneratorOptions) {
    this.rng = seededRng(opts.seed ?? Date.now());
    this.routine = new RoutineAlerts(this.rng, opts.bootTag ?? newBootTag());
    for (const s of opts.sinks) this.byDomain.set(s.feed.domain, s);
    this.shares = DOMAIN_SHARE.filter(([d]) => this.byDomain.has(d));
    this.rate = Math.max(0, opts.rate ?? 3);
    this.log = opts.logger ?? silentLogger;
  }

  /** Messages produced into feeds since construction. */
  get produced(): number {
    return this.producedCount;
  }

  /** Starts producing; a no-op when running. */
  start(): void {
    if (this.timer || this.shares.length === 0) return;
    this.t0 = Date.now();
    this.due = 0;
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 20);
    this.log.info('generator started', { rate: this.rate, feeds: this.shares.map(([d]) => d) });
  }

  /** Stops producing; `start()` resumes at the same rate. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Changes the rate (alerts per second across all feeds) from now on. */
  setRate(rate: number): void {
    this.rate = Math.max(0, rate);
    this.t0 = Date.now();
    this.due = 0;
  }

  private tick(): void {
    const now = Date.now();
    const target = Math.floor((this.rate * (now - this.t0)) / 1000);
    let n = target - this.due;
    // After a stall (GC, a blocked event loop) do not burst more than half a second's worth.
    const cap = Math.max(1, Math.ceil(this.rate / 2));
    if (n > cap) n = cap;
    this.due = target;
    const budgetMs = this.opts.budgetMs ?? (this.opts.tickMs ?? 20) * 0.7;
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      if ((i & 15) === 15 && performance.now() - started > budgetMs) {
        if (++this.behindTicks === 50) this.log.warn('generator cannot keep its rate on this machine; producing what the CPU budget allows', { rate: this.rate });
        return;
      }
      const sink = this.byDomain.get(weighted(this.rng, this.shares))!;
      if (sink.full) {
        if (!this.blocked.has(sink.feed.id)) {
          this.blocked.add(sink.feed.id);
          this.log.warn('feed outbox full: generator stops producing into it until the hub acknowledges', { feed: sink.feed.id });
        }
        continue;
      }
      if (this.blocked.delete(sink.feed.id)) this.log.info('feed outbox drained: generator resumes', { feed: sink.feed.id });
      sink.produce(this.routine.next(sink.feed, now).body);
      this.producedCount++;
    }
    this.behindTicks = 0;
  }
}
