/**
 * The whole-log timeline scan in a worker of its own (`timeline.worker.ts`):
 * the UI thread receives the histogram and milestones, not the events.
 */
import { TimelineScan } from './timeline';
import type { TimelineWorkerReply, TimelineWorkerRequest } from './timeline.worker';
import type { ReplayRange } from './replayStore';

export function scanTimelineOffThread(name: string, range: ReplayRange, opts: { onProgress?: (done: number, total: number) => void; signal?: { readonly aborted: boolean } } = {}): Promise<TimelineScan> {
  const worker = new Worker(new URL('./timeline.worker.ts', import.meta.url), { type: 'module', name: 'longwatch-timeline' });
  return new Promise<TimelineScan>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<TimelineWorkerReply>) => {
      const m = e.data;
      if (opts.signal?.aborted) {
        worker.terminate();
        reject(new Error('timeline scan superseded'));
      } else if (m.type === 'progress') opts.onProgress?.(m.done, m.total);
      else {
        worker.terminate();
        if (m.type === 'done') resolve(TimelineScan.fromParts(m.parts));
        else reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage({ name, range } satisfies TimelineWorkerRequest);
  });
}
