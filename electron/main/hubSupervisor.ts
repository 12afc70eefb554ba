/**
 * The embedded hub (DESIGN §1): the main process runs `hub.js demo` in a
 * utility process, tells the renderer where it is, and starts it again with
 * backoff if it dies. The port is chosen before the window opens, so the
 * page's CSP can name the hub's origin from the first load.
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import { hubInfoSchema, type HubInfo } from '@shared/ipc';
import { restartDelay } from './resilience';

/** A free loopback port (there is a small race until the hub binds it; a clash shows as a failed start and a retry). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}



export class HubSupervisor {
  private child: UtilityProcess | null = null;
  private info: HubInfo | null = null;
  private waiting: Array<(info: HubInfo) => void> = [];
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly port: number,
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  /** The hub's origin, for the CSP. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    if (this.stopped) return;
    const child = utilityProcess.fork(join(import.meta.dirname, 'hub.js'), ['demo', '--port', String(this.port), '--data', this.dataDir], {
      serviceName: 'Longwatch hub',
      stdio: 'pipe',
      env: { ...process.env, LONGWATCH_LOG_JSON: '1' },
    });
    this.child = child;
    if (child.stdout) {
      createInterface({ input: child.stdout }).once('line', (line) => {
        try {
          const ready = (JSON.parse(line) as { ready: { demo: HubInfo['demo'] } }).ready;
          this.settle(hubInfoSchema.parse({ url: this.origin, mode: 'demo', demo: ready.demo }));
          this.failures = 0;
        } catch (e) {
          this.log.error({ line: line.slice(0, 200), error: String(e) }, 'the hub printed an unexpected first line');
        }
      });
    }
    if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => this.log.warn({ hub: line.slice(0, 2000) }, 'hub'));
    child.once('exit', (code) => {
      this.child = null;
      this.info = null;
      if (this.stopped) return;
      this.failures++;
      const delay = restartDelay(this.failures);
      this.log.error({ code, failures: this.failures, delay }, 'the hub exited; starting it again after a delay');
      if (this.failures >= 3) this.settle({ url: this.origin, mode: 'none', problem: `the embedded hub keeps stopping (exit code ${code}); see the log` });
      setTimeout(() => this.start(), delay);
    });
  }

  private settle(info: HubInfo): void {
    this.info = info;
    for (const w of this.waiting.splice(0)) w(info);
  }

  /** Resolves once the hub is ready (or has failed repeatedly). */
  hubInfo(): Promise<HubInfo> {
    return this.info ? Promise.resolve(this.info) : new Promise((resolve) => this.waiting.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.child?.kill();
  }
}
