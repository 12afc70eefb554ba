/**
 * The UI thread's side of the live store: starts the ingest worker, keeps
 * the current alerts and incidents from its deltas, and publishes one
 * snapshot and one net delta per animation frame, or 50 ms after an update
 * when no frame comes first (`frameBatch.ts`; the worker sends at most ten
 * updates a second, as changed fields of what this thread holds:
 * `wireDelta.ts`). The sign-in is
 * remembered (sessionVault.ts: safeStorage under Electron, localStorage on
 * the web), so a reload resumes without asking again.
 */
import { DEFAULT_SLA } from '@shared/domain/sla';
import { DOMAINS, type Domain } from '@shared/domain/agencies';
import type { CommandType, User } from '@shared/domain/roles';
import type { HubInfo } from '@shared/ipc';
import type { CommandResult } from '@shared/protocol/commands';
import type { FeedAdminResult } from '@shared/protocol/feedAdmin';
import { DeltaQueue, keepIfSame, onNextFrame } from './frameBatch';
import { createStoreCore } from './storeCore';
import type { FromWorker, ReplicaRequest, ToWorker } from './messages';
import { loadSession, saveSession } from './sessionVault';
import type { LiveSnapshot, LiveStore, ReplicaReader } from './types';
import { decodeDelta } from './wireDelta';

/** The directory before a sign-in, or from a hub that sends none: one array, so it is the same value on every publish. */
const NO_ACCOUNTS: readonly User[] = [];

const zeroCounts = (): Record<Domain, number> => Object.fromEntries(DOMAINS.map((d) => [d, 0])) as Record<Domain, number>;


export function createLiveStore(hub: HubInfo): LiveStore {
  const worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'longwatch-ingest' });
  const core = createStoreCore();
  const { alerts, incidents } = core;
  let snapshot: LiveSnapshot = {
    version: 0,
    user: null,
    sla: DEFAULT_SLA,
    connection: { status: 'signed-out', since: Date.now(), replicaSeq: 0, hubSeq: 0, fetchedSinceLoad: 0 },
    alerts,
    incidents,
    unacknowledged: zeroCounts(),
    sources: [],
    presence: [],
    directory: NO_ACCOUNTS,
    outbox: [],
  };
  const pendingCommands = new Map<string, (r: CommandResult) => void>();
  const pendingFeeds = new Map<number, (r: FeedAdminResult) => void>();
  const replicaReads = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextRead = 1;
  /** Deltas applied to the maps but not yet told to the listeners, and the snapshot fields that came with them. */
  const deltas = new DeltaQueue();
  let patch: Partial<LiveSnapshot> | null = null;
  /** Between the parts of a whole-state delta: nothing is told until the last part. */
  let assembling = false;
  let frameQueued = false;
  let signInWaiter: ((r: { ok: true } | { ok: false; message: string }) => void) | null = null;

  const send = (m: ToWorker): void => worker.postMessage(m);
  const publish = (patch: Partial<LiveSnapshot>): void => {
    snapshot = { ...snapshot, ...patch, version: snapshot.version + 1 };
    core.notify();
  };
  const publishFrame = (): void => {
    frameQueued = false;
    if (assembling) return; // the last part queues the frame again
    const delta = deltas.take();
    if (patch) publish(patch);
    patch = null;
    if (delta) core.emitDelta(delta, snapshot);
  };

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    switch (m.type) {
      case 'session':
        saveSession(hub, m.session);
        publish({ user: m.session?.user ?? null, sla: m.session?.sla ?? DEFAULT_SLA, directory: m.session?.directory ?? NO_ACCOUNTS, ...(m.problem ? { connection: { ...snapshot.connection, problem: m.problem } } : {}) });
        signInWaiter?.(m.session ? { ok: true } : { ok: false, message: m.problem ?? 'sign-in failed' });
        signInWaiter = null;
        return;
      case 'update': {
        if (m.delta) {
          const delta = decodeDelta(m.delta, alerts, incidents);
          core.apply(delta);
          deltas.push(delta);
        }
        // Parts of a large delta: listeners get them as one, with the last part.
        assembling = m.more === true;
        if (assembling) return;
        // Every update carries fresh copies of these; unchanged ones keep their identity (frameBatch.ts).
        patch = {
          ...patch,
          connection: m.connection,
          unacknowledged: keepIfSame(patch?.unacknowledged ?? snapshot.unacknowledged, m.unacknowledged),
          ...(m.sources ? { sources: keepIfSame(patch?.sources ?? snapshot.sources, m.sources) } : {}),
          ...(m.presence ? { presence: keepIfSame(patch?.presence ?? snapshot.presence, m.presence) } : {}),
          ...(m.outbox ? { outbox: keepIfSame(patch?.outbox ?? snapshot.outbox, m.outbox) } : {}),
        };
        if (!frameQueued) {
          frameQueued = true;
          onNextFrame(publishFrame);
        }
        return;
      }
      case 'commandResult':
        pendingCommands.get(m.id)?.(m.result);
        pendingCommands.delete(m.id);
        return;
      case 'feedsResult':
        pendingFeeds.get(m.id)?.(m.result);
        pendingFeeds.delete(m.id);
        return;
      case 'replicaResult': {
        const read = replicaReads.get(m.id);
        replicaReads.delete(m.id);
        if (m.error !== undefined) read?.reject(new Error(m.error));
        else read?.resolve(m.value);
        return;
      }
    }
  };

  /** Asks this window's worker; it reads IndexedDB whether or not it is the writer. */
  const read = <T>(request: ReplicaRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextRead++;
      replicaReads.set(id, { resolve: resolve as (v: unknown) => void, reject });
      send({ type: 'replica', id, request });
    });
  const replica: ReplicaReader = {
    eventAt: (seq) => read({ op: 'eventAt', seq }),
    events: (query) => read({ op: 'events', query }),
    extent: () => read({ op: 'extent' }),
    snapshotBefore: (seq) => read({ op: 'snapshotBefore', seq }),
  };

  // Electron reads the sign-in from safeStorage through the bridge (sessionVault.ts), hence after a tick.
  void loadSession(hub).then((session) => {
    if (session) publish({ user: session.user, sla: session.sla ?? DEFAULT_SLA, directory: session.directory ?? NO_ACCOUNTS });
    send({ type: 'start', hub, origin: location.origin, session });
  });

  return {
    replica,
    ...core.listenerMethods(() => snapshot),
    getSnapshot: () => snapshot,
    signIn(user, password, desk) {
      return new Promise((resolve) => {
        signInWaiter = resolve;
        send({ type: 'signIn', user, password, ...(desk ? { desk } : {}) });
      });
    },
    async signOut() {
      send({ type: 'signOut' });
    },
    feeds(request) {
      const id = nextRead++;
      return new Promise<FeedAdminResult>((resolve) => {
        pendingFeeds.set(id, resolve);
        send({ type: 'feeds', id, request });
      });
    },
    command(type: CommandType, body: unknown) {
      const id = crypto.randomUUID();
      return new Promise<CommandResult>((resolve) => {
        pendingCommands.set(id, resolve);
        send({ type: 'command', id, commandType: type, body });
      });
    },
  };
}
