/**
 * Where a hub `worker_threads` worker's code is: the built file beside the
 * running bundle (an electron-vite `main` input, e.g. `out/main/decodeWorker.js`,
 * this code being in `out/main/` or `out/main/chunks/`) or, run from source
 * (tsx, vitest), the TypeScript file under tsx, with the project's `@shared`
 * path. Null when neither is there (the caller then does the work on the
 * main thread).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** How to start a worker: a built file, or code that loads the TypeScript source under tsx. */
export type WorkerEntry = { file: string } | { evalCode: string };

/**
 * @param callerUrl `import.meta.url` of the module asking (its folder is where the
 *   source file is looked for, and the bundle's folder when built)
 * @param bundled the built file's name, e.g. `decodeWorker.js`
 * @param source the source file's name beside the caller, e.g. `decodeWorker.ts`
 */
export function workerEntry(callerUrl: string, bundled: string, source: string): WorkerEntry | null {
  const here = dirname(fileURLToPath(callerUrl));
  for (const dir of [here, dirname(here)]) {
    const file = join(dir, bundled);
    if (existsSync(file)) return { file };
  }
  const sourceFile = join(here, source);
  if (!existsSync(sourceFile)) return null;
  let tsxApi: string;
  try {
    // The package's ESM build of its API (its CommonJS one cannot find its own ESM parts).
    tsxApi = pathToFileURL(join(dirname(createRequire(callerUrl).resolve('tsx/esm/api')), 'index.mjs')).href;
  } catch {
    return null;
  }
  // The project's tsconfig for tsx: this file is electron/hub/workerEntry.ts.
  const options = { parentURL: pathToFileURL(sourceFile).href, tsconfig: join(dirname(fileURLToPath(import.meta.url)), '../../tsconfig.node.json') };
  return { evalCode: `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(pathToFileURL(sourceFile).href)}, ${JSON.stringify(options)}));` };
}

export function startWorker(entry: WorkerEntry): Worker {
  return 'file' in entry ? new Worker(entry.file) : new Worker(entry.evalCode, { eval: true });
}
