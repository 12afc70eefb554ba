/**
 * A Chromium page with no test framework attached: Chromium started by
 * hand with `--remote-debugging-pipe`, driven with three DevTools methods
 * (init scripts, navigate, evaluate) and nothing else enabled.
 *
 * Why: Playwright enables the DevTools `Network` domain in every page and
 * dedicated worker it attaches to, and Chromium then copies the payload of
 * every WebSocket frame into a DevTools event for Playwright to parse. For
 * the ingest worker's sync that is every byte the hub sends: 32 frames of
 * ~1 MB reached a worker in 4.7–5.6 s under Playwright against ~1 s in a
 * bare Chromium (the worker's CPU 30 against 9 µs per event, plus the
 * parsing in this process; load ~14). The app in Electron has no such
 * observer, so the apply rate is measured here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

interface Reply {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

export interface BarePage {
  /** Runs `source` (a function's text) with `arg` in every new document before its scripts, as Playwright's `addInitScript`. */
  addInitScript(source: string, arg?: unknown): Promise<void>;
  goto(url: string): Promise<void>;
  /** The value of `expression` (awaited when it is a promise), as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

export async function openBarePage(executablePath: string, args: readonly string[]): Promise<BarePage> {
  const profile = mkdtempSync(join(tmpdir(), 'longwatch-bare-'));
  const chromium: ChildProcess = spawn(executablePath, [...args, '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--window-size=1920,1080', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  // A bench that throws exits without `close`: the browser is killed with it (its temporary
  // profile may outlive it, as the browser is still writing there while this process exits).
  const cleanUp = (): void => {
    chromium.kill();
    rmSync(profile, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  const toChromium = chromium.stdio[3] as Writable;
  const fromChromium = chromium.stdio[4] as Readable;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  let pending = '';
  // Messages are JSON separated by NUL bytes.
  fromChromium.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
      const m = JSON.parse(pending.slice(0, end)) as Reply;
      pending = pending.slice(end + 1);
      if (m.id === undefined) continue;
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w?.reject(new Error(m.error.message));
      else w?.resolve(m.result);
    }
  });
  const send = <T>(method: string, params: object = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve: resolve as (r: unknown) => void, reject });
      toChromium.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
  // (Init scripts run only once the Page domain is on; it reports page lifecycle, not network traffic.)
  await send('Page.enable', {}, sessionId);
  return {
    async addInitScript(source, arg) {
      await send('Page.addScriptToEvaluateOnNewDocument', { source: `(${source})(${JSON.stringify(arg)})` }, sessionId);
    },
    async goto(url) {
      await send('Page.navigate', { url }, sessionId);
    },
    async evaluate<T>(expression: string) {
      const r = await send<{ result: { value?: unknown }; exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
      if (r.exceptionDetails) throw new Error(`bare page: ${r.exceptionDetails.text}`);
      return r.result.value as T;
    },
    async close() {
      await send('Browser.close').catch(() => undefined);
      await new Promise((r) => (chromium.exitCode !== null ? r(undefined) : chromium.once('exit', r)));
      process.off('exit', cleanUp);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
