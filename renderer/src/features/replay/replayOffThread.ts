/**
 * The replay engine in a worker of its own (`replay.worker.ts`): the fold,
 * the index and the reads leave the UI thread, which receives deltas. When
 * the worker cannot open the replica, `fallback` (the engine on this
 * thread) serves instead.
 */
import type { ReplayWorkerInit } from './replay.worker';
import { engineClient, type EngineClient, type EngineFocus, type EngineReply } from './replayEngine';

/**
 * Alerts per message of a large delta: each message is deserialised in a
 * task of its own on the UI thread (a far seek at 1M events sends 60–90k).
 */
export const PART_SIZE = 2000;

export function engineOffThread(name: string, focus: EngineFocus | undefined, fallback: () => EngineClient): Promise<EngineClient> {
  const worker = new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module', name: 'longwatch-replay' });
  const { client, receive } = engineClient((r) => worker.postMessage(r), {
    // The worker's User Timing, recorded here for DevTools and the bench (ending now).
    onMeasures: (measures) => {
      const now = performance.now();
      for (const m of measures) performance.measure(m.name, { start: now - m.duration, end: now });
    },
  });
  return new Promise<EngineClient>((resolve) => {
    const failed = (why: string): void => {
      console.warn(`longwatch replay: the replay worker failed (${why}); folding on this thread`);
      worker.terminate();
      resolve(fallback());
    };
    worker.onmessage = (e: MessageEvent<{ type: 'ready' } | { type: 'failed'; message: string }>) => {
      if (e.data.type === 'failed') return failed(e.data.message);
      worker.onmessage = (m: MessageEvent<EngineReply>) => {
        const start = performance.now();
        const reply = m.data; // deserialised here
        if (reply.type === 'done' && reply.delta && reply.delta.alerts.upsert.length + reply.delta.alerts.patch.length > 1000) performance.measure('longwatch replay: receive', { start, end: performance.now() });
        receive(reply);
      };
      // Past this point a worker error ends every request waiting with it.
      worker.onerror = (err) => {
        console.warn(`longwatch replay: the replay worker failed (${err.message})`);
        client.dispose();
      };
      resolve({
        ...client,
        dispose() {
          client.dispose();
          worker.terminate();
        },
      });
    };
    worker.onerror = (err) => failed(err.message);
    worker.postMessage({ name, focus, partSize: PART_SIZE } satisfies ReplayWorkerInit);
  });
}
