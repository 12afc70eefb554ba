/** Entry of `npm run web`: serves the built renderer and prints where. */
import { resolve } from 'node:path';
import { parseWebOptions } from './options';
import { startWebHost } from './server';

const parsed = parseWebOptions(process.argv.slice(2), process.env);
if (!parsed.ok) {
  console.error(`longwatch web: ${parsed.error}`);
  process.exit(2);
}

const rendererRoot = resolve(import.meta.dirname, '../renderer');
startWebHost({ rendererRoot, ...parsed.value }).then(
  (host) => {
    console.log(`Longwatch web mode: ${host.url}`);
    const stop = (): void => void host.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE' ? ' (port in use: pass --port N or set LONGWATCH_PORT)' : '';
    console.error(`longwatch web: cannot listen: ${e instanceof Error ? e.message : String(e)}${hint}`);
    process.exit(1);
  },
);
