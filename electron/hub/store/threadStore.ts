/**
 * The hub's store on a thread of its own: the PGlite store (`pgliteStore.ts`)
 * runs in a `worker_threads` worker (`storeWorker.ts`), and this is the
 * `Store` the engine and the servers hold on the main thread.
 *
 * Why: under the client bench's live load (2,000 alerts/s) PGlite (its
 * WebAssembly and the JavaScript around it, the COPY text) was about a
 * quarter of the hub's main-thread CPU, and the main thread was busy ~87%
 * of the time, so every feed batch, ping and broadcast queued behind
 * transactions. Here the main thread only turns events into records (their
 * body text, which the engine already has) and posts them; the transaction
 * runs while the main thread decodes, correlates and broadcasts.
 *
 * The engine still waits for each write before it announces (nothing is
 * announced that is not persisted). A call the thread cannot answer (it
 * stopped) is rejected with the reason, as a failed write is in-process; the
 * thread is not restarted (the hub's log says so, and the data folder's lock
 * is held until the process ends).
 */
import type { Worker } from 'node:worker_threads';
import type { ChainHead } from '@shared/domain/chain';
import type { DomainEvent } from '@shared/domain/events';
import type { User } from '@shared/domain/roles';
import type { CommandResult } from '@shared/protocol/commands';
import type { Logger } from '../log';
import { startWorker, workerEntry } from '../workerEntry';
import { eventOfRecord, eventRecords, eventsWithText, PgliteStore, type EventRecord } from './pgliteStore';
import type { CommandWrite, IngestWrite, QuarantineRow, Session, Store, StoredFeedRow, StoredUser } from './store';
import type { StoreRequest, StoreResponse, ThreadMethod } from './storeWorker';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The store for a data folder: on its own thread where this build has the
 * worker's code (and `LONGWATCH_STORE_THREAD` is not `0`), else in-process.
 */
export async function openStore(dataDir: string, log: Logger): Promise<Store> {
  const entry = process.env['LONGWATCH_STORE_THREAD'] === '0' ? null : workerEntry(import.meta.url, 'storeWorker.js', 'storeWorker.ts');
  if (!entry) {
    if (process.env['LONGWATCH_STORE_THREAD'] !== '0') log.warn('no store worker in this build; the database runs on the main thread');
    return PgliteStore.open(dataDir);
  }
  try {
    return await ThreadStore.open(startWorker(entry), dataDir, log);
  } catch (e) {
    // The thread itself did not start (its code failed to load): the store still can, here.
    if (!(e instanceof StoreThreadStopped)) throw e;
    log.error({ err: e }, 'the store thread did not start; the database runs on the main thread');
    return PgliteStore.open(dataDir);
  }
}

/** The thread ended (or never started): no call can be answered. */
export class StoreThreadStopped extends Error {}

export class ThreadStore implements Store {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Why the thread can no longer answer, once it cannot. */
  private stopped: Error | null = null;
  private opened = false;

  private constructor(
    private readonly worker: Worker,
    private readonly log: Logger,
  ) {
    worker.unref();
    worker.on('message', (response: StoreResponse) => {
      const p = this.pending.get(response.id);
      if (!p) return;
      this.pending.delete(response.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in response) p.reject(new Error(response.error));
      else p.resolve(response.value);
    });
    worker.on('error', (e) => this.stop(new StoreThreadStopped(`the store's thread failed: ${e.message}`)));
    worker.on('exit', (code) => this.stop(new StoreThreadStopped(`the store's thread exited (code ${code})`)));
  }

  /** Starts the store on `worker`; rejects with the store's own message when it cannot open (the thread is then ended). */
  static async open(worker: Worker, dataDir: string, log: Logger): Promise<ThreadStore> {
    const store = new ThreadStore(worker, log);
    try {
      await store.send({ id: 0, open: dataDir });
      store.opened = true;
    } catch (e) {
      store.stopped = new Error('the store is closed');
      await worker.terminate();
      throw e;
    }
    return store;
  }

  head(): Promise<ChainHead> {
    return this.call('head');
  }

  appendIngest(write: IngestWrite): Promise<void> {
    return this.call('appendIngestRecords', eventRecords(write.events, write.bodies), write.quarantine, write.cursors);
  }

  appendCommand(write: CommandWrite): Promise<void> {
    return this.call('appendCommandRecords', eventRecords(write.events), write.id, write.userName, write.result);
  }

  appendEvents(events: DomainEvent[]): Promise<void> {
    return this.call('appendEventRecords', eventRecords(events));
  }

  async readEvents(after: number, limit: number): Promise<DomainEvent[]> {
    return (await this.call<EventRecord[]>('readEventRecords', after, limit)).map(eventOfRecord);
  }

  async readEventsWithText(after: number, limit: number): Promise<{ events: DomainEvent[]; bodies: string[] }> {
    return eventsWithText(await this.call<EventRecord[]>('readEventRecords', after, limit));
  }

  feedCursors(): Promise<Map<string, number>> {
    return this.call('feedCursors');
  }

  commandResult(id: string): Promise<{ userName: string; result: CommandResult } | null> {
    return this.call('commandResult', id);
  }

  maxQuarantineId(): Promise<number> {
    return this.call('maxQuarantineId');
  }

  listQuarantine(limit: number, feed?: string): Promise<QuarantineRow[]> {
    return this.call('listQuarantine', limit, feed);
  }

  getUser(name: string): Promise<StoredUser | null> {
    return this.call('getUser', name);
  }

  listUsers(): Promise<StoredUser[]> {
    return this.call('listUsers');
  }

  putUser(user: User, passwordHash: string): Promise<void> {
    return this.call('putUser', user, passwordHash);
  }

  setPassword(name: string, passwordHash: string): Promise<boolean> {
    return this.call('setPassword', name, passwordHash);
  }

  createSession(tokenHash: string, userName: string, desk: string | undefined, expires: number): Promise<void> {
    return this.call('createSession', tokenHash, userName, desk, expires);
  }

  sessionOf(tokenHash: string, now: number): Promise<Session | null> {
    return this.call('sessionOf', tokenHash, now);
  }

  listFeeds(): Promise<StoredFeedRow[]> {
    return this.call('listFeeds');
  }

  putFeed(row: StoredFeedRow): Promise<void> {
    return this.call('putFeed', row);
  }

  deleteFeed(id: string): Promise<boolean> {
    return this.call('deleteFeed', id);
  }

  latestSnapshot(): Promise<{ seq: number; state: string } | null> {
    return this.call('latestSnapshot');
  }

  saveSnapshot(seq: number, time: number, state: string): Promise<void> {
    return this.call('saveSnapshot', seq, time, state);
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.call('close');
    } finally {
      this.stopped = new Error('the store is closed');
      await this.worker.terminate();
    }
  }

  private call<T>(method: ThreadMethod, ...args: unknown[]): Promise<T> {
    return this.send({ id: ++this.nextId, method, args }) as Promise<T>;
  }

  private send(request: StoreRequest): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      // Referenced while a call is out, so the process waits for its writes.
      if (this.pending.size === 1) this.worker.ref();
      try {
        this.worker.postMessage(request);
      } catch (e) {
        this.pending.delete(request.id);
        if (this.pending.size === 0) this.worker.unref();
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  private stop(reason: StoreThreadStopped): void {
    if (this.stopped) return;
    this.stopped = reason;
    if (this.opened) this.log.error({ err: reason }, "the store's thread stopped: nothing more can be written or read");
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
  }
}
