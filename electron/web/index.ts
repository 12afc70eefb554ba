/**
 * Entry of `npm run web` (and of `npm start` without Electron): serves the
 * built renderer and, unless `--no-hub`, the embedded demo hub with the five
 * demo agencies on the same origin.
 */
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS, startDemo, type Demo } from '../hub/demo';
import { createLogger } from '../hub/log';
import { defaultDataRoot } from '../hub/paths';
import { checkSecondsFor, slaForDemo } from '../hub/sla/slaFile';
import { parseWebOptions } from './options';
import { startWebHost } from './server';

const parsed = parseWebOptions(process.argv.slice(2), process.env);
if (!parsed.ok) {
  console.error(`longwatch web: ${parsed.error}`);
  process.exit(2);
}
const options = parsed.value;
const log = createLogger('web');
// A bad SLA file stops the host before it serves anything, with the file and field named.
const sla = options.hub === 'demo' ? slaForDemo(options.slaFile) : ({ ok: true, value: undefined } as const);
if (!sla.ok) {
  console.error(`longwatch web: ${sla.error}`);
  process.exit(2);
}
const slaConfig = sla.value;

async function main(): Promise<void> {
  const host = await startWebHost({ rendererRoot: resolve(import.meta.dirname, '../renderer'), host: options.host, port: options.port });
  let demo: Demo | undefined;
  if (options.hub === 'demo') {
    const dataDir = options.dataDir ?? join(defaultDataRoot(), 'web-demo');
    try {
      demo = await startDemo(
        { dataDir, port: 0, allowedOrigins: [], ...(slaConfig ? { sla: slaConfig, slaCheckSeconds: checkSecondsFor(slaConfig) } : {}) },
        { rate: options.rate, speed: options.speed, scenarios: options.scenarios, scenarioDir: options.scenarioDir, dataDir: join(dataDir, 'agencies') },
        { httpServer: host.server, log },
      );
      host.setHubInfo({
        url: '',
        mode: 'demo',
        demo: { password: DEMO_PASSWORD, accounts: DEMO_USERS.map((u) => ({ name: u.name, displayName: u.displayName, role: u.role, ...(u.agency ? { agency: u.agency } : {}) })) },
      });
    } catch (e) {
      const problem = e instanceof Error ? e.message : String(e);
      log.error({ err: e }, 'the embedded hub did not start');
      host.setHubInfo({ url: '', mode: 'none', problem });
    }
  } else {
    host.setHubInfo({ url: '', mode: 'none', problem: 'started with --no-hub' });
  }
  console.log(`Longwatch web mode: ${host.url}`);
  const stop = (): void => {
    void (async () => {
      await demo?.close();
      await host.close().catch(() => undefined);
      process.exit(0);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  const hint = code === 'EADDRINUSE' ? ' (port in use: pass --port N or set LONGWATCH_PORT)' : '';
  console.error(`longwatch web: cannot start: ${e instanceof Error ? e.message : String(e)}${hint}`);
  process.exit(1);
});
