/**
 * Decode workers for the hub: CAP parsing and zod validation were about a
 * third of the hub's main-thread CPU per alert (hub/README "Numbers"), and
 * they need nothing of the engine's state, so a feed batch is decoded in a
 * `worker_threads` worker while the engine correlates and persists earlier
 * ones. The engine still owns every decision: it takes the decoded items in
 * the batch's order and decodes any batch itself when no answer came (no
 * worker entry in this build, a worker died, or a bug threw in one).
 *
 * The worker entry is `decodeWorker.js` beside the running bundle (the
 * electron-vite build's `decodeWorker` input) or, run from source (tsx,
 * vitest), `decodeWorker.ts` under tsx (`../workerEntry.ts`).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Logger } from '../log';
import { startWorker, workerEntry, type WorkerEntry } from '../workerEntry';
import type { DecodedBatch, DecodedItem, DecodeFeed } from './decodeItem';
import type { DecodeRequest, DecodeResponse } from './decodeWorker';

interface Pending {
  /** Its share of the worker's load: items, or characters / 1,000 of a batch text. */
  load: number;
  resolve: (answer: DecodedItem[] | DecodedBatch) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Items (or their text, see `Pending.load`) sent to this worker and not answered yet. */
  load: number;
  /** Whether it ever answered: one that fails before is not started again (a broken entry would loop). */
  answered: boolean;
  /** Resolves once its code is loaded (or it failed). */
  ready: Promise<void>;
  onReady: () => void;
}

/** Where the decode worker's code is, or null when this build has none (decoding then stays on the main thread). */
export function decodeWorkerEntry(): WorkerEntry | null {
  return workerEntry(import.meta.url, 'decodeWorker.js', 'decodeWorker.ts');
}

export interface DecodePoolOptions {
  /** Workers to start; default one per core beyond the main thread's, 1 to 4. */
  size?: number;
  log: Logger;
}

export class DecodePool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closed = false;

  private constructor(
    private readonly entry: NonNullable<ReturnType<typeof decodeWorkerEntry>>,
    private readonly log: Logger,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** A pool, or null when there is no worker entry (the engine decodes on the main thread). */
  static create(options: DecodePoolOptions): DecodePool | null {
    // LONGWATCH_DECODE_WORKERS=N sets the size; 0 decodes on the main thread (to compare).
    const fromEnv = process.env['LONGWATCH_DECODE_WORKERS'];
    const size = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : (options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1)));
    if (!(size >= 1)) return null;
    const entry = decodeWorkerEntry();
    if (!entry) {
      options.log.warn('no decode worker in this build; feed items are decoded on the main thread');
      return null;
    }
    return new DecodePool(entry, options.log, Math.min(16, Math.floor(size)));
  }

  /** Resolves once every worker has loaded its code (requests sent before wait in its queue). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Decodes a batch's items, in order; rejects if its worker fails (the caller then decodes them itself). */
  decode(feed: DecodeFeed, items: readonly unknown[]): Promise<DecodedItem[]> {
    return this.request(feed, { items }, items.length) as Promise<DecodedItem[]>;
  }

  /**
   * Parses and decodes a batch that came as text (`decodeBatchText`) in a worker, so the
   * main thread neither parses it nor clones its objects; rejects if its worker fails.
   */
  decodeText(feed: DecodeFeed, text: string): Promise<DecodedBatch> {
    // A JSON alert item is ~1.2k characters: the load counts a text about as its items.
    return this.request(feed, { text }, Math.ceil(text.length / 1000)) as Promise<DecodedBatch>;
  }

  private request(feed: DecodeFeed, what: { items: readonly unknown[] } | { text: string }, load: number): Promise<DecodedItem[] | DecodedBatch> {
    if (this.closed || this.slots.length === 0) return Promise.reject(new Error('no decode worker running'));
    const slot = this.slots.reduce((a, b) => (b.load < a.load ? b : a));
    const id = ++this.nextId;
    return new Promise<DecodedItem[] | DecodedBatch>((resolve, reject) => {
      slot.pending.set(id, { load, resolve, reject });
      slot.load += load;
      const request: DecodeRequest = { id, feed: { id: feed.id, domain: feed.domain, fallback: feed.fallback }, ...what };
      try {
        slot.worker.postMessage(request);
      } catch (e) {
        // Not cloneable (cannot come from socket.io's JSON, but a caller might): decode on the main thread.
        slot.pending.delete(id);
        slot.load -= load;
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = startWorker(this.entry);
    let onReady: () => void = () => undefined;
    const ready = new Promise<void>((r) => (onReady = r));
    const slot: Slot = { worker, pending: new Map(), load: 0, answered: false, ready, onReady };
    // An idle worker must not keep the process alive.
    worker.unref();
    worker.on('message', (response: DecodeResponse) => {
      if ('ready' in response) {
        slot.answered = true;
        slot.onReady();
        return;
      }
      const p = slot.pending.get(response.id);
      if (!p) return;
      slot.pending.delete(response.id);
      slot.load -= p.load;
      slot.answered = true;
      if ('error' in response) p.reject(new Error(`decode worker: ${response.error}`));
      else p.resolve('batch' in response ? response.batch : response.decoded);
    });
    const fail = (error: Error): void => {
      slot.onReady();
      const i = this.slots.indexOf(slot);
      if (i === -1) return;
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
      slot.load = 0;
      if (this.closed) return;
      if (!slot.answered) {
        this.slots.splice(i, 1);
        this.log.error({ err: error, left: this.slots.length }, 'a decode worker failed to start; its share is decoded elsewhere');
        return;
      }
      this.log.error({ err: error }, 'a decode worker failed; starting another');
      this.slots[i] = this.spawn();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`decode worker exited with code ${code}`)));
    return slot;
  }
}
