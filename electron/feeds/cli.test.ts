import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromArgs } from './cliOptions';
import { connectHub } from './testing/hub';

const ROOT = resolve(import.meta.dirname, '../..');
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Ready {
  ready: { feeds: { id: string; domain: string; format: string; url: string; token: string; name: { zh: string; en: string } }[] };
}

/** Starts the CLI from source; resolves with the child, its stdout so far and the parsed ready line. */
function startCli(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; stdout: () => string; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/feeds/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.tools.json', LONGWATCH_LOG: 'warn' },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${err}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl !== -1 && timer) {
        clearTimeout(timer);
        resolvePromise({ child, stdout: () => out, ready: JSON.parse(out.slice(0, nl)) as Ready });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready; stderr: ${err}`)));
  });
}

const exitOf = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

describe('feeds CLI', () => {
  it('prints one ready line, serves the feeds with the tokens given, and exits when stdin closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'longwatch-cli-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ ecology: 'eco-token' }));
    const { child, stdout, ready } = await startCli(['--rate', '200', '--scenarios', 'none', '--data', join(dir, 'data'), '--tokens-file', join(dir, 'tokens.json')]);
    expect(ready.ready.feeds.map((f) => f.id)).toEqual(['traffic', 'safety', 'market', 'security', 'ecology']);
    const ecology = ready.ready.feeds.find((f) => f.id === 'ecology')!;
    expect(ecology).toMatchObject({ format: 'cap', token: 'eco-token', name: { zh: '黑龙江省生态环境厅' } });
    const hub = await connectHub(ecology.url, { token: 'eco-token', autoAck: true });
    await hub.waitForItems(3);
    expect(typeof hub.items[0]!.body).toBe('string');
    hub.close();
    child.stdin.end();
    expect(await exitOf(child)).toBe(0);
    expect(stdout().trim().split('\n')).toHaveLength(1);
    expect(readdirSync(join(dir, 'data')).sort()).toContain('ecology.outbox.jsonl');
  });

  it('stops cleanly on SIGTERM', async () => {
    const { child } = await startCli(['--rate', '0', '--scenarios', 'none']);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('rejects bad flags with the usage', async () => {
    expect(() => optionsFromArgs(['--rate', 'fast'])).toThrow('--rate must be a number from 0 to 1000000, not fast');
    expect(() => optionsFromArgs(['--bogus'])).toThrow(/bogus/);
    expect(optionsFromArgs(['--scenarios', 'a, b', '--no-loop', '--base-port', '4791'])).toMatchObject({ scenarios: ['a', 'b'], loop: false, basePort: 4791 });
    expect(optionsFromArgs(['--scenarios', 'none']).scenarios).toEqual([]);
    expect(optionsFromArgs([]).scenarios).toBe('all');
  });
});
