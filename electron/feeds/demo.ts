/**
 * The embedded demo: five agency feeds on loopback (traffic, market and
 * security speak Longwatch JSON; safety and ecology speak CAP 1.2, as a
 * real agency's warning system would), the routine generator and the
 * scenario player. Every alert they produce is an exercise (status `Exercise`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENCIES, AGENCY_OF_DOMAIN, type Domain } from '@shared/domain/agencies';
import type { FeedIdentity } from './alertBody';
import { FeedServer, type FeedFormat, type FeedStats } from './feedServer';
import { AlertGenerator, type FeedSink } from './generator';
import { newBootTag } from './ids';
import { silentLogger, type FeedLogger } from './log';
import { ScenarioPlayer } from './player';
import { loadScenarios, type Scenario } from './scenario';

/** The five demo feeds, in port order (basePort + index). */
export const DEMO_FEEDS: readonly { id: Domain; format: FeedFormat }[] = [
  { id: 'traffic', format: 'json' },
  { id: 'safety', format: 'cap' },
  { id: 'market', format: 'json' },
  { id: 'security', format: 'json' },
  { id: 'ecology', format: 'cap' },
];

/** Options of {@link startDemoFeeds}; every one has a default. */
export interface DemoFeedsOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Port of the first feed, the others follow; 0 (default): each picks a free port. */
  basePort?: number;
  /** Token per feed; a feed without one gets a random token for this start. */
  tokens?: Partial<Record<Domain, string>>;
  /** Routine alerts per second across all feeds; default 3, 0 for none. */
  rate?: number;
  /** Scenario seconds per real second; default 10. */
  speed?: number;
  /** Scenarios to play by id, or `'all'` (default); `[]` for none. */
  scenarios?: readonly string[] | 'all';
  /** Replay scenarios after they end; default true. */
  loop?: boolean;
  /** Persist outboxes here so a restarted feed keeps unacknowledged items and its seq counter. */
  dataDir?: string;
  /** Where the scenario files are; default `resources/scenarios` of the project. */
  scenarioDir?: string;
  /** Seconds between heartbeats; default 5. */
  heartbeatSeconds?: number;
  /** Real seconds between scenario starts; default 20. */
  staggerSeconds?: number;
  /** Seed of the routine generator; default from the clock. */
  seed?: number;
  logger?: FeedLogger;
}

/** What the hub needs to connect to one feed. */
export interface DemoFeed {
  id: string;
  domain: Domain;
  format: FeedFormat;
  /** socket.io URL, e.g. `http://127.0.0.1:4791`. */
  url: string;
  token: string;
  /** The agency's name. */
  name: { zh: string; en: string };
}

/** The running demo. */
export interface DemoFeeds {
  feeds: DemoFeed[];
  /** Counters per feed id. */
  stats(): Record<string, FeedStats>;
  /** Stops the generator, the player and every feed. */
  stop(): Promise<void>;
}

/** `resources/scenarios` next to this module's project (source or `out/main` build), else under the working directory. */
export function defaultScenarioDir(): string {
  const candidates = [process.env.LONGWATCH_SCENARIOS, fileURLToPath(new URL('../../resources/scenarios', import.meta.url)), join(process.cwd(), 'resources', 'scenarios')];
  return candidates.find((c): c is string => c !== undefined && existsSync(c)) ?? join(process.cwd(), 'resources', 'scenarios');
}

/** Loads the requested scenarios; a named one that is missing or invalid is an error, an invalid one under `'all'` is logged and skipped. */
export function selectScenarios(dir: string, wanted: readonly string[] | 'all', log: FeedLogger): Scenario[] {
  if (wanted !== 'all' && wanted.length === 0) return [];
  const loaded = loadScenarios(dir);
  if (wanted === 'all') {
    for (const l of loaded) if (!l.ok) log.error('scenario skipped', { error: l.error });
    return loaded.flatMap((l) => (l.ok ? [l.scenario] : []));
  }
  return wanted.map((id) => {
    const l = loaded.find((x) => (x.ok ? x.scenario.id : x.file.replace(/\.json$/, '')) === id);
    if (!l) throw new Error(`unknown scenario ${id}; available: ${loaded.map((x) => x.file.replace(/\.json$/, '')).join(', ')}`);
    if (!l.ok) throw new Error(`scenario ${id} is invalid: ${l.error}`);
    return l.scenario;
  });
}

/** Starts the five demo feeds with the generator and the player. */
export async function startDemoFeeds(opts: DemoFeedsOptions = {}): Promise<DemoFeeds> {
  const log = opts.logger ?? silentLogger;
  const scenarios = selectScenarios(opts.scenarioDir ?? defaultScenarioDir(), opts.scenarios ?? 'all', log);
  const bootTag = newBootTag();
  const servers: FeedServer[] = [];
  const feeds: DemoFeed[] = [];
  const sinks: FeedSink[] = [];
  try {
    for (const [i, def] of DEMO_FEEDS.entries()) {
      const agency = AGENCIES[AGENCY_OF_DOMAIN[def.id]];
      const token = opts.tokens?.[def.id] ?? randomBytes(24).toString('base64url');
      const server = new FeedServer({
        id: def.id,
        domain: def.id,
        format: def.format,
        token,
        host: opts.host ?? '127.0.0.1',
        port: opts.basePort ? opts.basePort + i : 0,
        heartbeatSeconds: opts.heartbeatSeconds,
        dataDir: opts.dataDir,
        logger: log,
      });
      servers.push(server);
      const { url } = await server.start();
      feeds.push({ id: def.id, domain: def.id, format: def.format, url, token, name: { ...agency.name } });
      const identity: FeedIdentity & { id: string } = { id: def.id, domain: def.id, format: def.format, sender: `${agency.id}@longwatch.demo`, senderName: agency.name.zh };
      sinks.push({ feed: identity, produce: (body) => server.produce(body), get full() { return server.full; } });
    }
  } catch (e) {
    await Promise.all(servers.map((s) => s.stop()));
    throw e;
  }
  const generator = new AlertGenerator({ sinks, rate: opts.rate ?? 3, seed: opts.seed, bootTag, logger: log });
  const player = new ScenarioPlayer({ scenarios, sinks, speed: opts.speed, loop: opts.loop, staggerSeconds: opts.staggerSeconds, bootTag, logger: log });
  generator.start();
  player.start();
  log.info('demo feeds ready', { feeds: feeds.map((f) => `${f.id} ${f.url}`), scenarios: scenarios.map((s) => s.id), rate: opts.rate ?? 3 });
  let stopping: Promise<void> | undefined;
  return {
    feeds,
    stats: () => Object.fromEntries(servers.map((s) => [s.config.id, s.stats()])),
    stop: () => {
      stopping ??= (async () => {
        generator.stop();
        player.stop();
        await Promise.all(servers.map((s) => s.stop()));
      })();
      return stopping;
    },
  };
}
