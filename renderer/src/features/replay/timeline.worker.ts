/// <reference lib="webworker" />
/**
 * Scans a replica's chunks for the replay timeline (histogram and
 * milestones) off the UI thread: a million events would otherwise cross to
 * the UI thread as messages only to be counted there. Opens the replica by
 * name (IndexedDB is open to every thread of the origin) and reads it only.
 */
import { Replica } from '../../live/replica';
import { TimelineScan } from './timeline';
import type { ReplayRange } from './replayStore';

declare const self: DedicatedWorkerGlobalScope;

export type TimelineWorkerRequest = { name: string; range: ReplayRange };
export type TimelineWorkerReply = { type: 'progress'; done: number; total: number } | { type: 'done'; parts: ReturnType<TimelineScan['parts']> } | { type: 'error'; message: string };

/** Chunks read per IndexedDB request. */
const PAGE = 64;

self.onmessage = async (e: MessageEvent<TimelineWorkerRequest>) => {
  const { name, range } = e.data;
  const post = (m: TimelineWorkerReply): void => self.postMessage(m);
  const replica = new Replica(name);
  try {
    await replica.open();
    const scan = new TimelineScan(range.from, range.to);
    const total = range.lastSeq - range.firstSeq + 1;
    let after = range.firstSeq - 1;
    for (;;) {
      const chunks = await replica.chunks.where('last').above(after).limit(PAGE).toArray();
      if (chunks.length === 0) break;
      for (const c of chunks) scan.add(c.events.filter((ev) => ev.seq > after && ev.seq <= range.lastSeq));
      after = chunks[chunks.length - 1]!.last;
      post({ type: 'progress', done: Math.min(total, after - range.firstSeq + 1), total });
      if (after >= range.lastSeq) break;
    }
    post({ type: 'done', parts: scan.parts() });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    replica.close();
  }
};
