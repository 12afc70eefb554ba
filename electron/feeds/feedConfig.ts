/**
 * Configuration and observable state of a `FeedServer`: what an agency
 * sets when it runs a feed, and what it can watch.
 */
import type { Domain } from '@shared/domain/agencies';
import type { FeedLogger } from './log';

/** Body format of a feed: Longwatch JSON objects or CAP 1.2 XML strings. */
export type FeedFormat = 'json' | 'cap';

/** How one feed runs. Times in the units their names say; counts are items. */
export interface FeedServerConfig {
  /** Feed id, e.g. `traffic`; names the outbox file too. */
  id: string;
  domain: Domain;
  format: FeedFormat;
  /** Shared secret the hub presents in `auth.token`. */
  token: string;
  /** Interface to listen on; default `127.0.0.1` (loopback only). */
  host?: string;
  /** TCP port; 0 (default) lets the OS pick. */
  port?: number;
  /** Seconds between heartbeats; default 5. */
  heartbeatSeconds?: number;
  /** Items per `alerts` batch, at most `WIRE_LIMITS.feedBatch` (default). */
  batchMax?: number;
  /** Milliseconds live items wait to be batched; default 0: sent once the turn that produced them ends. */
  flushMs?: number;
  /** Directory for the persisted outbox; in memory only when absent. */
  dataDir?: string;
  /** Most unacknowledged items held before `produce` throws; default 1,000,000. */
  maxPending?: number;
  /** Most items sent to one hub beyond the last acknowledgement; default `WIRE_LIMITS.feedWindow` (25,000). */
  maxInFlight?: number;
  logger?: FeedLogger;
}

/** Counters for status lines and tests. */
export interface FeedStats {
  /** Highest seq produced (survives restarts with a data dir). */
  produced: number;
  /** Highest seq acknowledged. */
  acked: number;
  /** Items held, waiting for an acknowledgement. */
  pending: number;
  /** Hubs connected now. */
  hubs: number;
}

/** Passed to `onDidConnect` listeners. */
export interface HubConnection {
  /** socket.io id of the hub's connection. */
  socketId: string;
  /** `after` from its handshake. */
  after: number;
  /** Seq the feed resumes after for this hub (differs from `after` when the hub is ahead or behind). */
  resumeAfter: number;
}
