/**
 * Issue 4 acceptance: `kill -9` of the hub process during ingest, then a
 * restart: the hash chain verifies, and every alert the hub had acknowledged
 * is in the log.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PgliteStore } from '../electron/hub/store/pgliteStore';
import { feedConfigOf, produce, startAgency, tempDir, until } from './harness';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'electron/hub/cli.ts');
// One process, with tsx as a loader: tsx's own CLI would run the hub in a child
// process, and SIGKILL would hit the wrapper while the hub lived on.
const node = (args: string[]) => [process.execPath, ['--import', 'tsx', cli, ...args]] as const;
const env = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.tools.json') };

function hubProcess(config: string): ChildProcess {
  const [cmd, args] = node(['serve', '--config', config]);
  return spawn(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...env, LONGWATCH_LOG: 'info', LONGWATCH_LOG_JSON: '1' } });
}

function waitForLog(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in the hub's log within ${timeoutMs} ms:\n${seen.slice(-2000)}`)), timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

describe('hub crash', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('loses nothing it acknowledged when killed with SIGKILL mid-ingest', async () => {
    const agency = await startAgency('traffic', 'json', tempDir('crash-feed'));
    cleanup.push(() => agency.server.stop());
    const dataDir = tempDir('crash-hub');
    const config = join(dataDir, '..', `${dataDir.split('/').pop()}.json`);
    writeFileSync(config, JSON.stringify({ dataDir, port: 0, feeds: [feedConfigOf(agency)] }));

    let hub = hubProcess(config);
    cleanup.push(() => void hub.kill('SIGKILL'));
    await waitForLog(hub, /hub started/, 60_000);

    // Keep producing while the hub ingests, and kill it in the middle.
    let producing = true;
    const producer = (async () => {
      while (producing) {
        produce(agency, 200);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await until(() => agency.server.stats().acked >= 3000, 60_000, 'the hub to acknowledge 3000 alerts');
    hub.kill('SIGKILL');
    await new Promise((r) => hub.once('exit', r));
    const ackedAtKill = agency.server.stats().acked;
    producing = false;
    await producer;
    expect(ackedAtKill).toBeGreaterThanOrEqual(3000);
    expect(agency.produced.length).toBeGreaterThan(ackedAtKill);

    // Restart: it recovers its database and resumes the feed after what it persisted.
    hub = hubProcess(config);
    await waitForLog(hub, /hub started/, 60_000);
    await until(() => agency.server.stats().acked === agency.produced.length, 60_000, 'the restarted hub to catch up');
    hub.kill('SIGTERM');
    await new Promise((r) => hub.once('exit', r));

    const [cmd, args] = node(['verify', '--data', dataDir]);
    const verify = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...env, LONGWATCH_LOG: 'silent' } });
    expect(verify.stdout).toMatch(/^chain ok: \d+ events/);
    expect(verify.status).toBe(0);

    const store = await PgliteStore.open(dataDir);
    cleanup.push(() => store.close());
    const received: string[] = [];
    for (let after = 0; ; ) {
      const page = await store.readEvents(after, 5000);
      if (page.length === 0) break;
      after = page[page.length - 1]!.seq;
      for (const e of page) if (e.type === 'alert.received') received.push(e.body.content.sourceId);
    }
    // Everything acknowledged before the kill is there, and nothing twice.
    expect(received.slice(0, ackedAtKill)).toEqual(agency.produced.slice(0, ackedAtKill));
    expect(received).toEqual(agency.produced);
  }, 240_000);
});
