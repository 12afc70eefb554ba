/** Messages between the UI thread (live store) and the ingest worker, and between windows. */
import type { Domain } from '@shared/domain/agencies';
import type { CommandType, User } from '@shared/domain/roles';
import type { SlaConfig } from '@shared/domain/sla';
import type { HubInfo } from '@shared/ipc';
import type { CommandResult } from '@shared/protocol/commands';
import type { FeedAdminRequestInput, FeedAdminResult } from '@shared/protocol/feedAdmin';
import type { FeedHealth, Presence } from '@shared/protocol/workstation';
import type { Connection, OutboxEntry, ReplicaQuery } from './types';
import type { WireDelta } from './wireDelta';

export interface Session {
  token: string;
  user: User;
  /** The hub's SLA deadlines as of sign-in (absent from sessions stored by older versions). */
  sla?: SlaConfig;
  /** Every account the hub knew at sign-in, for naming people in the log (absent from older sessions and hubs). */
  directory?: User[];
}

export type ToWorker =
  | { type: 'start'; hub: HubInfo; origin: string; session: Session | null }
  | { type: 'signIn'; user: string; password: string; desk?: string }
  | { type: 'signOut' }
  | { type: 'command'; id: string; commandType: CommandType; body: unknown }
  /** Feed administration (admins): sent now on the hub connection, never queued; answered by `feedsResult`. */
  | { type: 'feeds'; id: number; request: FeedAdminRequestInput }
  | { type: 'replica'; id: number; request: ReplicaRequest };

/** A read of the local replica (`ReplicaReader`), answered by `replicaResult` with the same id. */
export type ReplicaRequest =
  | { op: 'eventAt'; seq: number }
  | { op: 'events'; query: ReplicaQuery }
  | { op: 'extent' }
  | { op: 'snapshotBefore'; seq: number };

export type FromWorker =
  | { type: 'session'; session: Session | null; problem?: string }
  | {
      type: 'update';
      /** What changed since the previous update, as changed fields of what the UI thread holds (`wireDelta.ts`). */
      delta: WireDelta | null;
      connection: Connection;
      unacknowledged: Record<Domain, number>;
      sources?: FeedHealth[];
      presence?: Presence['users'];
      outbox?: OutboxEntry[];
      /** A part of a large delta (see `flush` in the worker); the store publishes once the last part (without `more`) has come. */
      more?: boolean;
      /** When this update was posted and when the live batches it carries reached the worker (diagnosis, the client bench); on the last part. */
      timing?: UpdateTiming;
    }
  | { type: 'commandResult'; id: string; result: CommandResult }
  | { type: 'feedsResult'; id: number; result: FeedAdminResult }
  /** The answer to a `replica` request: its value, or why the replica could not be read. */
  | { type: 'replicaResult'; id: number; value?: unknown; error?: string };

/** Epoch ms (`Date.now()`, comparable with the hub's and the feeds' clocks on one machine). */
export interface UpdateTiming {
  postedAt: number;
  /** The live hub batches folded into this update, in order: each one's last seq and when it reached the worker. */
  batches: Array<[head: number, receivedAt: number]>;
}

/** Between the workers of several windows on one replica (BroadcastChannel). */
export type BetweenWindows =
  /** The leader stored every event up to `last` in the replica (followers read them from there). */
  | { type: 'stored'; last: number }
  | { type: 'sources'; feeds: FeedHealth[] }
  | { type: 'presence'; users: Presence['users'] }
  | { type: 'connection'; connection: Connection }
  | { type: 'outboxChanged' }
  | { type: 'commandResult'; id: string; result: CommandResult };
