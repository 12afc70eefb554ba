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
import { hubInfoSchema, type HubInfo } from '@shared/ipc';

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

const MAX_DELAY_MS = 30_000;

export class HubSupervisor {
  private child: UtilityProcess | null = null;
  private info: HubInfo | null = null;
  private waiting: Array<(info: HubInfo) => void> = [];
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly port: number,
    private readonly dataDir: string,
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
          console.error('longwatch: the hub printed an unexpected first line', line.slice(0, 200), e);
        }
      });
    }
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => {
      this.child = null;
      this.info = null;
      if (this.stopped) return;
      this.failures++;
      const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** Math.min(this.failures, 6));
      console.error(`longwatch: the hub exited (code ${code}); starting it again in ${delay} ms`);
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
