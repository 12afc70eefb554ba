/**
 * The store's thread (`worker_threads`): opens the PGlite store and runs
 * what `threadStore.ts` asks of it, one call at a time in arrival order
 * (PGlite runs one query at a time anyway), answering each with its value
 * or its error's message.
 */
import { parentPort } from 'node:worker_threads';
import { PgliteStore } from './pgliteStore';

/** What the main thread may call: the store's methods that take and give plain data (events as records). */
export const THREAD_METHODS = [
  'head',
  'appendIngestRecords',
  'appendCommandRecords',
  'appendEventRecords',
  'readEventRecords',
  'feedCursors',
  'commandResult',
  'maxQuarantineId',
  'listQuarantine',
  'getUser',
  'listUsers',
  'putUser',
  'setPassword',
  'createSession',
  'sessionOf',
  'listFeeds',
  'putFeed',
  'deleteFeed',
  'latestSnapshot',
  'saveSnapshot',
  'close',
] as const satisfies ReadonlyArray<keyof PgliteStore>;
export type ThreadMethod = (typeof THREAD_METHODS)[number];

export type StoreRequest = { id: number; open: string } | { id: number; method: ThreadMethod; args: unknown[] };
export type StoreResponse = { id: number; value: unknown } | { id: number; error: string };

let store: PgliteStore | null = null;
let queue: Promise<unknown> = Promise.resolve();
const allowed = new Set<string>(THREAD_METHODS);

async function run(request: StoreRequest): Promise<unknown> {
  if ('open' in request) {
    if (store) throw new Error('the store is already open');
    store = await PgliteStore.open(request.open);
    return null;
  }
  if (!store) throw new Error('the store is not open');
  if (!allowed.has(request.method)) throw new Error(`no store method ${request.method}`);
  const method = store[request.method] as (...args: unknown[]) => Promise<unknown>;
  return method.apply(store, request.args);
}

parentPort?.on('message', (request: StoreRequest) => {
  queue = queue.then(async () => {
    let response: StoreResponse;
    try {
      response = { id: request.id, value: await run(request) };
    } catch (e) {
      response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort!.postMessage(response);
  });
});
