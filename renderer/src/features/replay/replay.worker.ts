/// <reference lib="webworker" />
/**
 * The replay fold off the UI thread (`replayEngine.ts`): this worker opens
 * the replica by name (IndexedDB is open to every thread of the origin),
 * holds the cursor, its index and the state shown, reads and folds; the UI
 * thread gets only deltas. The first message is `ReplayWorkerInit`; it
 * answers `{type: 'ready'}` or `{type: 'failed'}` (the store then folds on
 * its own thread), then serves `EngineRequest`s.
 */
import { Replica } from '../../live/replica';
import { SnapshotReader, SnapshotStore } from '../../live/snapshotStore';
import { directChunkReader, directReplicaReader } from './directReader';
import { ReplayEngine, serveEngine, type EngineFocus, type EngineMeasure, type EngineRequest } from './replayEngine';

declare const self: DedicatedWorkerGlobalScope;

export interface ReplayWorkerInit {
  name: string;
  focus?: EngineFocus;
  /** Alerts per message of a large delta. */
  partSize: number;
}

let serve: ((r: EngineRequest) => void) | null = null;
const queued: EngineRequest[] = [];

/** This worker's User Timing measures since the last reply (the store records them on its thread). */
function takeMeasures(): EngineMeasure[] {
  const out = performance
    .getEntriesByType('measure')
    .filter((m) => m.name.startsWith('longwatch replay'))
    .map((m) => ({ name: m.name, duration: m.duration }));
  performance.clearMeasures();
  return out;
}

async function start(init: ReplayWorkerInit): Promise<void> {
  const replica = new Replica(init.name);
  try {
    await replica.open();
  } catch (e) {
    self.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  let snapshots: SnapshotReader | undefined;
  const engine = new ReplayEngine(directReplicaReader(init.name, replica), {
    snapshots: () => Promise.resolve((snapshots ??= new SnapshotReader(new SnapshotStore(init.name)))),
    readChunk: directChunkReader(init.name, replica),
    focus: init.focus,
  });
  serve = serveEngine(engine, (reply) => self.postMessage(reply), { partSize: init.partSize, measures: takeMeasures });
  self.postMessage({ type: 'ready' });
  for (const r of queued.splice(0)) serve(r);
}

self.onmessage = (e: MessageEvent<ReplayWorkerInit | EngineRequest>) => {
  const m = e.data;
  if ('name' in m) void start(m);
  else if (serve) serve(m);
  else queued.push(m);
};
