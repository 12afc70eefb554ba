/**
 * Browser side of `npm run bench -- replay` (bundled by the bench with
 * esbuild and served on the app's own origin, so it writes the very
 * IndexedDB database the workstation opens): writes a replica the way the
 * ingest worker does — each hub batch validated by nothing (the bench made
 * it), folded with the real reducer, keyed, appended as one chunk, and a
 * paged snapshot whenever one is due — then measures same-run baselines.
 */
import { fold, reduce } from '@shared/domain/reduce';
import type { DomainEvent } from '@shared/domain/events';
import { snapshotOf, stateFromSnapshot } from '@shared/domain/snapshot';
import { initialState } from '@shared/domain/state';
import { Replica } from '../renderer/src/live/replica';
import { keysOf } from '../renderer/src/live/replicaKeys';
import { SnapshotReader, SnapshotStore, SnapshotWriter } from '../renderer/src/live/snapshotStore';

interface Written {
  seq: number;
  rejected: number;
  alerts: number;
  incidents: number;
  snapshots: number;
  ms: number;
}

async function writeReplica(name: string, groups: number): Promise<Written> {
  const replica = new Replica(name);
  await replica.open();
  const store = new SnapshotStore(name);
  await store.open();
  const writer = new SnapshotWriter(store);
  let state = initialState;
  let snapshots = 0;
  const t0 = performance.now();
  for (let g = 0; g < groups; g++) {
    const batches = (await (await fetch(`/__bench/events/${g}`)).json()) as DomainEvent[][];
    for (const events of batches) {
      const keys: string[][] = [];
      for (const e of events) {
        const before = state;
        state = reduce(before, e);
        keys.push(keysOf(e, before, state));
      }
      await replica.append(events, keys);
      if (writer.takeDue(state)) {
        await writer.write(state);
        snapshots++;
      }
    }
    if (g % 20 === 0) console.log(`bench writer: ${state.seq} events stored, ${snapshots} snapshots`);
  }
  const ms = performance.now() - t0;
  replica.close();
  store.close();
  return { seq: state.seq, rejected: state.rejected, alerts: state.alerts.size, incidents: state.incidents.size, snapshots, ms };
}

const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Baselines from the same page and run: a raw Dexie get of one chunk, a bare fold of as many events as a seek folds at most, the newest snapshot restored cold, and the same state as a format-1 text snapshot. */
async function baselines(name: string, foldEvents: number): Promise<Record<string, number>> {
  const replica = new Replica(name);
  await replica.open();
  const firsts = await replica.chunks.orderBy('first').primaryKeys();
  const gets: number[] = [];
  for (let i = 0; i < 30; i++) {
    const key = firsts[Math.floor(Math.random() * firsts.length)]!;
    const t = performance.now();
    await replica.chunks.get(key);
    gets.push(performance.now() - t);
  }
  const events = await replica.events({ fromSeq: Math.floor((firsts.at(-1) ?? 0) / 2), limit: foldEvents });
  const folds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fold(events, initialState);
    folds.push(performance.now() - t);
  }
  // The newest snapshot restored cold (a fresh reader: every page read and decoded), and the same state as a
  // format-1 text snapshot, as the worker stored it before (JSON).
  const snapshots = new SnapshotStore(name);
  let t = performance.now();
  const restored = await new SnapshotReader(snapshots).newest();
  const pagedColdMs = performance.now() - t;
  snapshots.close();
  if (!restored) throw new Error('no paged snapshot was stored');
  const state = restored.state;
  t = performance.now();
  const text = snapshotOf(state);
  const textWriteMs = performance.now() - t;
  t = performance.now();
  stateFromSnapshot(text);
  const textReadMs = performance.now() - t;
  replica.close();
  return { chunkGetMs: median(gets), bareFoldMs: median(folds), bareFoldEvents: events.length, pagedColdMs, textSnapshotMB: text.length / 1e6, textSnapshotAlerts: state.alerts.size, textWriteMs, textReadMs };
}

async function storageBytes(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
}

Object.assign(window, { writeReplica, baselines, storageBytes });
