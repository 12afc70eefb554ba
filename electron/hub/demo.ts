/**
 * The embedded default (`npm run hub -- demo`, `npm start`): the hub plus the
 * five demo agencies on loopback, and one demo account per role (a duty
 * officer per agency). The agencies run as a child process: they are
 * separate servers in real life too, and the hub never imports their code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { z } from 'zod';
import { AGENCY_OF_DOMAIN } from '@shared/domain/agencies';
import { domainSchema } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import { hashPassword } from './auth/passwords';
import type { FeedConfig, HubConfigInput } from './config';
import { startHub, type Hub, type StartHubOptions } from './hub';
import type { Store } from './store/store';

/** The demo accounts' password. Demo data only: a center's hub has no default accounts. */
export const DEMO_PASSWORD = 'longwatch';

/**
 * A person's name only: the UI shows the role and agency beside it (top bar,
 * login list, "吴静（生态环境）" in timelines), so a title in the name showed twice.
 */
export const DEMO_USERS: readonly User[] = [
  { name: 'operator', displayName: '张伟', role: 'operator' },
  { name: 'commander', displayName: '王建国', role: 'commander' },
  { name: 'analyst', displayName: '李娜', role: 'analyst' },
  { name: 'admin', displayName: '赵敏', role: 'admin' },
  { name: 'traffic', displayName: '刘洋', role: 'dutyOfficer', agency: AGENCY_OF_DOMAIN.traffic },
  { name: 'safety', displayName: '陈刚', role: 'dutyOfficer', agency: AGENCY_OF_DOMAIN.safety },
  { name: 'market', displayName: '孙丽', role: 'dutyOfficer', agency: AGENCY_OF_DOMAIN.market },
  { name: 'security', displayName: '周强', role: 'dutyOfficer', agency: AGENCY_OF_DOMAIN.security },
  { name: 'ecology', displayName: '吴静', role: 'dutyOfficer', agency: AGENCY_OF_DOMAIN.ecology },
];

export async function ensureDemoUsers(store: Store): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    if (!(await store.getUser(user.name))) await store.putUser(user, hash);
  }
}

const readyLineSchema = z.object({
  ready: z.object({
    feeds: z.array(
      z.object({
        id: z.string(),
        domain: domainSchema,
        url: z.string(),
        token: z.string(),
        name: z.object({ zh: z.string(), en: z.string() }),
      }),
    ),
  }),
});

export interface DemoFeedsOptions {
  /** Background alerts per second across all agencies. */
  rate?: number;
  /** Scenario playback speed factor. */
  speed?: number;
  /** Comma-separated scenario ids, `all` or `none`. */
  scenarios?: string;
  /** Folder of scenario files, instead of resources/scenarios. */
  scenarioDir?: string;
  loop?: boolean;
  /** Where the agencies keep what the hub has not acknowledged. */
  dataDir?: string;
  /** How to run the agencies' entry point; defaults to the built `feeds.js` beside this file. */
  command?: readonly string[];
}

export interface DemoFeeds {
  feeds: FeedConfig[];
  child: ChildProcess;
  stop(): Promise<void>;
}

function defaultFeedsCommand(): string[] {
  // Built: feeds.js sits in out/main, beside the entry (this code may be in out/main/chunks).
  const built = [join(import.meta.dirname, 'feeds.js'), join(import.meta.dirname, '..', 'feeds.js')].find((p) => existsSync(p));
  if (built) return [process.execPath, built];
  // Running from sources (tests): load the TypeScript entry through tsx's loader, in one
  // process (tsx's CLI would put a wrapper process in between, which signals do not reach).
  const root = join(import.meta.dirname, '../..');
  return [process.execPath, '--import', 'tsx', join(root, 'electron/feeds/cli.ts')];
}

/** Starts the demo agencies and resolves once they print their ready line. */
export function startDemoFeeds(options: DemoFeedsOptions = {}): Promise<DemoFeeds> {
  const [cmd, ...base] = options.command ?? defaultFeedsCommand();
  const args = [...base];
  if (options.rate !== undefined) args.push('--rate', String(options.rate));
  if (options.speed !== undefined) args.push('--speed', String(options.speed));
  if (options.scenarios !== undefined) args.push('--scenarios', options.scenarios);
  if (options.scenarioDir !== undefined) args.push('--scenario-dir', options.scenarioDir);
  if (options.loop === false) args.push('--no-loop');
  if (options.dataDir !== undefined) args.push('--data', options.dataDir);
  const root = join(import.meta.dirname, '../..');
  const child = spawn(cmd!, args, { stdio: ['pipe', 'pipe', 'inherit'], cwd: root, env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.tools.json') } });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      void stop();
      reject(new Error('demo agencies did not start within 60 s'));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo agencies exited before they were ready (code ${code})`));
    });
    lines.once('line', (line) => {
      clearTimeout(timer);
      let parsed: z.infer<typeof readyLineSchema>;
      try {
        parsed = readyLineSchema.parse(JSON.parse(line));
      } catch (e) {
        void stop();
        return reject(new Error(`demo agencies printed an unexpected first line: ${line.slice(0, 200)} (${e instanceof Error ? e.message : String(e)})`));
      }
      child.removeAllListeners('exit');
      const feeds: FeedConfig[] = parsed.ready.feeds.map((f) => ({
        id: f.id,
        name: f.name,
        domain: f.domain,
        url: f.url,
        token: f.token,
        maxRate: 5000,
        fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230000' },
      }));
      resolve({ feeds, child, stop });
    });
  });
}

export interface Demo {
  hub: Hub;
  agencies: DemoFeeds;
  close(): Promise<void>;
}

/** The hub with the demo agencies and demo users. */
export async function startDemo(config: Omit<HubConfigInput, 'feeds'>, feeds: DemoFeedsOptions = {}, options: StartHubOptions = {}): Promise<Demo> {
  const agencies = await startDemoFeeds(feeds);
  let hub: Hub;
  try {
    hub = await startHub({ ...config, feeds: agencies.feeds }, options);
    await ensureDemoUsers(hub.store);
  } catch (e) {
    await agencies.stop();
    throw e;
  }
  return {
    hub,
    agencies,
    async close() {
      await hub.close();
      await agencies.stop();
    },
  };
}
