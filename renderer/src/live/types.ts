/**
 * The live store: what the UI reads (DESIGN §5, STYLE §5). Streaming data
 * stays out of React: the ingest worker folds events and posts compact
 * deltas; the store keeps the current alerts and incidents and hands React
 * a new snapshot at most ~10 times a second (`useSyncExternalStore`). The
 * map listens to raw deltas and updates its sources on an animation frame.
 */
import type { Domain } from '@shared/domain/agencies';
import type { DomainEvent } from '@shared/domain/events';
import type { Alert, Incident } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import type { SlaConfig } from '@shared/domain/sla';
import type { CommandType } from '@shared/domain/roles';
import type { CommandResult } from '@shared/protocol/commands';
import type { FeedAdminRequestInput, FeedAdminResult } from '@shared/protocol/feedAdmin';
import type { FeedHealth, Presence } from '@shared/protocol/workstation';

export type ConnectionStatus =
  /** Nobody signed in. */
  | 'signed-out'
  /** Opening the socket / signing in. */
  | 'connecting'
  /** Receiving the log after the replica's last seq. */
  | 'syncing'
  /** Caught up; events arrive as they are appended. */
  | 'live'
  /** The hub cannot be reached; the replica is shown as it was, commands queue. */
  | 'offline';

export interface Connection {
  status: ConnectionStatus;
  /** Epoch ms the status began (for "offline since …"). */
  since: number;
  /** Seq of the last event in the local replica. */
  replicaSeq: number;
  /** The hub's head seq as last heard. */
  hubSeq: number;
  /** Events fetched from the hub since this page loaded (a reload fetches only the tail). */
  fetchedSinceLoad: number;
  /** Why the last connection attempt failed, as the hub or the network said it. */
  problem?: string;
  /**
   * Events from the hub this workstation could not read or fold, kept in the
   * replica as they arrived (`foldBatch.ts`); absent when there are none.
   */
  unreadable?: UnreadableSummary;
}

/** What the UI says of the events kept unread: how many, and the first one's seq and reason. */
export interface UnreadableSummary {
  count: number;
  firstSeq?: number;
  problem: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'done' | 'refused';

/** A command on its way to the hub: persisted, retried with the same id until answered. */
export interface OutboxEntry {
  id: string;
  type: CommandType;
  body: unknown;
  status: OutboxStatus;
  createdAt: number;
  attempts: number;
  result?: CommandResult;
}

/** What changed in one applied batch; the map applies these with `updateData`. */
export interface LiveDelta {
  alerts: { upsert: Alert[]; remove: string[] };
  incidents: { upsert: Incident[]; remove: string[] };
  /** True when the whole set was replaced (first load, user switch): redraw from scratch. */
  reset: boolean;
}

export interface LiveSnapshot {
  /** Increases with every published snapshot. */
  version: number;
  user: User | null;
  /** SLA deadlines for the timers shown: the hub's, sent at sign-in (`DEFAULT_SLA` until then). */
  sla: SlaConfig;
  connection: Connection;
  alerts: ReadonlyMap<string, Alert>;
  incidents: ReadonlyMap<string, Incident>;
  /** Unacknowledged (status new) alerts per domain, for the top bar. */
  unacknowledged: Readonly<Record<Domain, number>>;
  sources: readonly FeedHealth[];
  presence: Presence['users'];
  /** Every account the hub knew at sign-in (empty before, or from an older hub): names people who are not present. */
  directory: readonly User[];
  outbox: readonly OutboxEntry[];
}

export interface ReplicaQuery {
  /** Events about this incident: its own events, SLA events for it, and the lifecycle events of alerts while linked to it (incl. incident.opened listing them). */
  incidentId?: string;
  /** Events about this alert (received, updated, repeated, acknowledged, dismissed, cancelled, expired, superseded, linked/unlinked). */
  alertId?: string;
  /** Inclusive seq bounds. */
  fromSeq?: number;
  toSeq?: number;
  /** Inclusive time bounds (epoch ms, event time). */
  fromTime?: number;
  toTime?: number;
  /** At most this many, oldest first. */
  limit?: number;
}
export interface ReplicaExtent { firstSeq: number; lastSeq: number; firstTime: number; lastTime: number; count: number }
export interface ReplicaReader {
  /** One event of the local replica by seq (undefined when not replicated). */
  eventAt(seq: number): Promise<DomainEvent | undefined>;
  /** Events of the local replica matching the query, in seq order. */
  events(query: ReplicaQuery): Promise<DomainEvent[]>;
  extent(): Promise<ReplicaExtent | undefined>;
  /** The stored state snapshot (text of shared/domain/snapshot.ts `snapshotOf`) nearest at or before `seq`. */
  snapshotBefore(seq: number): Promise<{ seq: number; snapshot: string } | undefined>;
}

export interface LiveStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): LiveSnapshot;
  /** Every applied delta, unthrottled (for the map). Called with `reset` once on subscribe. */
  onDidApplyDelta(listener: (delta: LiveDelta, snapshot: LiveSnapshot) => void): () => void;
  signIn(user: string, password: string, desk?: string): Promise<{ ok: true } | { ok: false; message: string }>;
  signOut(): Promise<void>;
  /**
   * Queues a command in the outbox and resolves with the hub's answer. While
   * the hub is unreachable it stays pending (and survives a reload).
   */
  command(type: CommandType, body: unknown): Promise<CommandResult>;
  /**
   * Feed administration at the hub (admins; issue 9): answered now, refused
   * as a value when offline. Only the live store has it (not replay or previews).
   */
  feeds?(request: FeedAdminRequestInput): Promise<FeedAdminResult>;
  /**
   * Reads the signed-in user's local replica (answered by this window's
   * ingest worker from IndexedDB, leader or not). Before a sign-in the
   * replica is empty: `undefined` / `[]`.
   */
  readonly replica: ReplicaReader;
}
