/**
 * Where replay reads the replica directly rather than through the ingest
 * worker: the signed-in user's replica name (as the worker names it), and
 * its paged snapshot store, read on this thread (IndexedDB is open to every
 * thread of the origin). One snapshot reader per replica for the page's
 * life, so the pages it decoded serve every later replay too.
 */
import { platform } from '../../platform';
import { replicaNameFor, SnapshotReader, SnapshotStore } from '../../live/snapshotStore';
import type { LiveStore } from '../../live/types';
import type { SnapshotSource } from './replayCursor';

const readers = new Map<string, SnapshotReader>();

/** The name of `live`'s replica (undefined before a sign-in or without a hub). */
export function replicaNameOf(live: LiveStore): () => Promise<string | undefined> {
  let found: Promise<string | undefined> | undefined;
  return () =>
    (found ??= (async () => {
      const user = live.getSnapshot().user?.name;
      const hub = await platform.hubInfo();
      if (!user || !hub.ok || hub.value.mode === 'none') return undefined;
      return replicaNameFor(hub.value.url || location.origin, user);
    })());
}

/** The paged snapshot reader of `live`'s replica. */
export function pagedSnapshotsOf(live: LiveStore): () => Promise<SnapshotSource | undefined> {
  const nameOf = replicaNameOf(live);
  return async () => {
    const name = await nameOf();
    if (!name) return undefined;
    let reader = readers.get(name);
    if (!reader) readers.set(name, (reader = new SnapshotReader(new SnapshotStore(name))));
    return reader;
  };
}
