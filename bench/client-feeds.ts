/**
 * The five agency feeds of `npm run bench -- client`, in a child process of
 * their own: producing 2,000 alerts/s (drafting, CAP XML, outbox, sockets)
 * in the process that also runs the hub left the hub a share of one core,
 * and the bench offered only ~220 alerts/s. Driven over the IPC channel of
 * `fork` (see {@link startFeedsProcess}); every request gets one answer.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FeedConfig } from '../electron/hub/config';
import { buildBody, type FeedIdentity } from '../electron/feeds/alertBody';
import { draftAlert } from '../electron/feeds/catalog';
import { seededRng } from '../electron/feeds/random';
import { FEEDS, feedConfigOf, produce, startAgency, tempDir, type Agency } from '../integration/harness';

/** A steady load: `rate` alerts/s for `seconds`, one in `probeEvery` with `probeWord<n>` in its headline. */
export interface LoadRequest {
  rate: number;
  seconds: number;
  probeEvery: number;
  probeWord: string;
}

export interface LoadResult {
  /** `<domain>:<alert id>` of each probe → epoch ms it was produced. */
  probes: Array<[string, number]>;
  /** Alerts produced. */
  produced: number;
  /** From the first tick to the end of the last one. */
  elapsedMs: number;
  /** Process CPU time (user + system) the producing took. */
  cpuMs: number;
}

type Ask = { op: 'start' } | { op: 'backlog'; count: number } | ({ op: 'load' } & LoadRequest) | { op: 'stop' };
type Request = { id: number } & Ask;

export interface FeedsProcess {
  /** The feeds as the hub's configuration names them. */
  feeds: FeedConfig[];
  /** Produces `count` alerts spread over the five feeds (before the hub connects: its backlog); resolves with how many. */
  backlog(count: number): Promise<number>;
  load(request: LoadRequest): Promise<LoadResult>;
  stop(): Promise<void>;
}

/** Forks this file as the feeds' process and starts the five feeds in it. */
export async function startFeedsProcess(): Promise<FeedsProcess> {
  const root = join(import.meta.dirname, '..');
  const child: ChildProcess = fork(join(import.meta.dirname, 'client-feeds.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.tools.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(`bench feeds: ${m.error}`));
    else w?.resolve(m.value);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`bench feeds: the process exited (${code})`));
    waiting.clear();
  });
  const ask = <T>(request: Ask): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...request, id });
    });
  const feeds = await ask<FeedConfig[]>({ op: 'start' });
  return {
    feeds,
    backlog: (count) => ask<number>({ op: 'backlog', count }),
    load: (request) => ask<LoadResult>({ op: 'load', ...request }),
    async stop() {
      await ask({ op: 'stop' }).catch(() => undefined);
      child.disconnect();
    },
  };
}

// --- the child's side ----------------------------------------------------------------------------
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const identity = (a: Agency): FeedIdentity => ({ domain: a.domain, format: a.format, sender: `${a.domain}@hlj.example`, senderName: a.domain });

async function loadOf(agencies: Agency[], { rate, seconds, probeEvery, probeWord }: LoadRequest): Promise<LoadResult> {
  const probes: Array<[string, number]> = [];
  const rng = seededRng(7);
  const perTick = rate / 20;
  const cpu = process.cpuUsage();
  const start = Date.now();
  const end = start + seconds * 1000;
  let n = 0;
  // Paced by what should have been produced by now, so a late tick catches up.
  while (Date.now() < end) {
    const tick = Date.now();
    const due = Math.min(rate * seconds, Math.floor(((tick - start) / 1000) * rate) + perTick);
    while (n < due) {
      const a = agencies[n % agencies.length]!;
      const id = `${a.domain.toUpperCase()}-L${++n}`;
      const d = draftAlert(a.domain, rng);
      const probe = n % probeEvery === 0;
      if (probe) d.headline = `${d.headline} ${probeWord}${n}`;
      a.server.produce(buildBody(identity(a), d, { id, version: 1, msgType: 'Alert', references: [], sentMs: Date.now() }));
      if (probe) probes.push([`${a.domain}:${id}`, Date.now()]);
    }
    await sleep(Math.max(0, 50 - (Date.now() - tick)));
  }
  const used = process.cpuUsage(cpu);
  return { probes, produced: n, elapsedMs: Date.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

if (process.send && process.argv[1] && import.meta.filename === process.argv[1]) {
  const agencies: Agency[] = [];
  const answer = (id: number, work: () => Promise<unknown> | unknown): void => {
    Promise.resolve()
      .then(work)
      .then(
        (value) => process.send!({ id, value }),
        (e: unknown) => process.send!({ id, error: e instanceof Error ? e.message : String(e) }),
      );
  };
  process.on('message', (m: Request) => {
    switch (m.op) {
      case 'start':
        return answer(m.id, async () => {
          const dir = tempDir('bench-client-feeds');
          for (const f of FEEDS) agencies.push(await startAgency(f.domain, f.format, dir));
          return agencies.map(feedConfigOf);
        });
      case 'backlog':
        return answer(m.id, () => {
          for (const a of agencies) produce(a, Math.floor(m.count / agencies.length));
          return agencies.reduce((n, a) => n + a.produced.length, 0);
        });
      case 'load':
        return answer(m.id, () => loadOf(agencies, m));
      case 'stop':
        return answer(m.id, async () => {
          await Promise.all(agencies.map((a) => a.server.stop()));
          setImmediate(() => process.exit(0));
        });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
