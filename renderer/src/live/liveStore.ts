/**
 * The UI thread's side of the live store: starts the ingest worker, keeps
 * the current alerts and incidents from its deltas, and publishes a snapshot
 * per worker update (the worker sends at most ten a second). The sign-in is
 * remembered in localStorage, so a reload resumes without asking again.
 */
import { DEFAULT_SLA } from '@shared/domain/sla';
import { DOMAINS, type Domain } from '@shared/domain/agencies';
import type { CommandType } from '@shared/domain/roles';
import type { HubInfo } from '@shared/ipc';
import type { CommandResult } from '@shared/protocol/commands';
import { createStoreCore } from './storeCore';
import type { FromWorker, ReplicaRequest, Session, ToWorker } from './messages';
import type { LiveDelta, LiveSnapshot, LiveStore, ReplicaReader } from './types';

const zeroCounts = (): Record<Domain, number> => Object.fromEntries(DOMAINS.map((d) => [d, 0])) as Record<Domain, number>;

function sessionKey(hub: HubInfo): string {
  return `longwatch.session.${hub.url || location.origin}`;
}

function readSession(hub: HubInfo): Session | null {
  try {
    const raw = localStorage.getItem(sessionKey(hub));
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** `b` applied after `a`, as one delta (used for the parts of a whole-state delta, which only add). */
function concatDeltas(a: LiveDelta, b: LiveDelta): LiveDelta {
  return {
    alerts: { upsert: a.alerts.upsert.concat(b.alerts.upsert), remove: a.alerts.remove.concat(b.alerts.remove) },
    incidents: { upsert: a.incidents.upsert.concat(b.incidents.upsert), remove: a.incidents.remove.concat(b.incidents.remove) },
    reset: a.reset || b.reset,
  };
}

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
    outbox: [],
  };
  const pendingCommands = new Map<string, (r: CommandResult) => void>();
  const replicaReads = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextRead = 1;
  let partial: LiveDelta | null = null;
  let signInWaiter: ((r: { ok: true } | { ok: false; message: string }) => void) | null = null;

  const send = (m: ToWorker): void => worker.postMessage(m);
  const publish = (patch: Partial<LiveSnapshot>): void => {
    snapshot = { ...snapshot, ...patch, version: snapshot.version + 1 };
    core.notify();
  };

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    switch (m.type) {
      case 'session':
        if (m.session) localStorage.setItem(sessionKey(hub), JSON.stringify(m.session));
        else localStorage.removeItem(sessionKey(hub));
        publish({ user: m.session?.user ?? null, sla: m.session?.sla ?? DEFAULT_SLA, ...(m.problem ? { connection: { ...snapshot.connection, problem: m.problem } } : {}) });
        signInWaiter?.(m.session ? { ok: true } : { ok: false, message: m.problem ?? 'sign-in failed' });
        signInWaiter = null;
        return;
      case 'update': {
        if (m.delta) core.apply(m.delta);
        if (m.more) {
          // Parts of a whole-state delta: listeners get them as one, with the last part.
          if (m.delta) partial = partial ? concatDeltas(partial, m.delta) : m.delta;
          return;
        }
        if (partial) {
          m.delta = m.delta ? concatDeltas(partial, m.delta) : partial;
          partial = null;
        }
        publish({
          connection: m.connection,
          unacknowledged: m.unacknowledged,
          ...(m.sources ? { sources: m.sources } : {}),
          ...(m.presence ? { presence: m.presence } : {}),
          ...(m.outbox ? { outbox: m.outbox } : {}),
        });
        if (m.delta) core.emitDelta(m.delta, snapshot);
        return;
      }
      case 'commandResult':
        pendingCommands.get(m.id)?.(m.result);
        pendingCommands.delete(m.id);
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

  const session = readSession(hub);
  if (session) publish({ user: session.user, sla: session.sla ?? DEFAULT_SLA });
  send({ type: 'start', hub, origin: location.origin, session });

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
    command(type: CommandType, body: unknown) {
      const id = crypto.randomUUID();
      return new Promise<CommandResult>((resolve) => {
        pendingCommands.set(id, resolve);
        send({ type: 'command', id, commandType: type, body });
      });
    },
  };
}
