/**
 * Replay's reads of seq and time ranges straight from the replica's
 * IndexedDB on this thread, reading only the chunks a query needs. Through
 * the ingest worker, `Replica.events` reads chunks in pages of 32 (32,000
 * events at the bench's batch size) even for `limit: 1`, and the answer
 * crosses as a message: a seek's "which seq is at T" and its fold paid for
 * tens of megabytes they never used. Key queries (an incident's events),
 * `eventAt`, the extent and text snapshots still go through `live.replica`.
 */
import type { DomainEvent } from '@shared/domain/events';
import { Replica } from '../../live/replica';
import type { ReplicaQuery, ReplicaReader } from '../../live/types';

/** Chunks read per IndexedDB request. */
const CHUNKS_PER_READ = 4;

/** One connection per replica for the page's life (replays come and go). */
const connections = new Map<string, { db: Replica; opened: Promise<boolean> }>();

function connectionTo(name: string): { db: Replica; opened: Promise<boolean> } {
  let connection = connections.get(name);
  if (!connection) {
    const replica = new Replica(name);
    connection = { db: replica, opened: replica.open().then(() => true, () => false) };
    connections.set(name, connection);
  }
  return connection;
}

export function directReplicaReader(name: string, through: ReplicaReader): ReplicaReader {
  const { db, opened } = connectionTo(name);
  return {
    eventAt: (seq) => through.eventAt(seq),
    extent: () => through.extent(),
    snapshotBefore: (seq) => through.snapshotBefore(seq),
    async events(q: ReplicaQuery): Promise<DomainEvent[]> {
      if (q.incidentId || q.alertId || !(await opened) || !db.isOpen()) return through.events(q);
      return rangeOf(db, q);
    },
  };
}

/** Events of a seq or time range, in order, reading only the chunks it needs (semantics of `Replica.events`). */
async function rangeOf(db: Replica, q: ReplicaQuery): Promise<DomainEvent[]> {
  const limit = q.limit ?? Infinity;
  const toSeq = q.toSeq ?? Infinity;
  const fromTime = q.fromTime ?? -Infinity;
  const toTime = q.toTime ?? Infinity;
  let after = (q.fromSeq ?? 1) - 1;
  if (q.fromTime !== undefined && q.fromSeq === undefined) {
    const at = await db.chunks.where('t1').aboveOrEqual(fromTime).first();
    if (!at) return [];
    after = at.first - 1;
  }
  const out: DomainEvent[] = [];
  while (out.length < limit) {
    const chunks = await db.chunks.where('last').above(after).limit(CHUNKS_PER_READ).toArray();
    if (chunks.length === 0) return out;
    for (const c of chunks) {
      if (c.first > toSeq || c.t0 > toTime) return out;
      for (const e of c.events) {
        if (e.seq <= after || e.seq > toSeq || e.time < fromTime) continue;
        // Times follow seqs (the hub stamps them as it appends).
        if (e.time > toTime) return out;
        out.push(e);
        if (out.length >= limit) return out;
      }
    }
    after = chunks[chunks.length - 1]!.last;
  }
  return out;
}

/**
 * Playback's reads (`playbackFeed` in `replayStore.ts`): the events after
 * `after` in the first chunk that holds any, one chunk per IndexedDB request.
 * A request's result is deserialised in one task on this thread (~12 ms per
 * chunk of 1,000 events on a quiet machine), so four chunks at once made one
 * task of ~50 ms; one at a time keeps each task short. Falls back to
 * `through` when the replica cannot be opened here.
 */
export function directChunkReader(name: string, through: ReplicaReader, fallbackLimit = 1000): (after: number) => Promise<DomainEvent[]> {
  const { db, opened } = connectionTo(name);
  return async (after) => {
    if (!(await opened) || !db.isOpen()) return through.events({ fromSeq: after + 1, limit: fallbackLimit });
    const chunk = await db.chunks.where('last').above(after).first();
    if (!chunk) return [];
    return chunk.first > after ? chunk.events : chunk.events.filter((e) => e.seq > after);
  };
}
