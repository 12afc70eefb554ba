/**
 * The hub's persistence, behind one interface so the embedded PGlite can be
 * swapped for PostgreSQL (a later issue) without touching the rest. Every
 * write that goes with an append happens in the same transaction as it.
 */
import type { ChainHead } from '@shared/domain/chain';
import type { DomainEvent } from '@shared/domain/events';
import type { User } from '@shared/domain/roles';
import type { CommandResult } from '@shared/protocol/commands';

export interface QuarantineRow {
  id: number;
  /** Epoch ms. */
  time: number;
  feed: string;
  /** The item's feed seq when its envelope was readable. */
  feedSeq: number | null;
  reason: string;
  /** The raw item as received (JSON text or CAP XML), cut at QUARANTINE_RAW_CAP. */
  raw: string;
  /** Size of the raw item before cutting, bytes (UTF-16 units). */
  rawBytes: number;
}

/** Raw content kept per quarantined item: enough to diagnose, bounded against floods. */
export const QUARANTINE_RAW_CAP = 64 * 1024;

export interface StoredUser extends User {
  passwordHash: string;
  disabled: boolean;
}

export interface Session {
  user: User;
  desk?: string;
  expires: number;
}

export interface IngestWrite {
  events: DomainEvent[];
  /**
   * Each event's body as `JSON.stringify` wrote it when it was hashed, index
   * for index with `events`, so the store writes that text without
   * stringifying the body again; absent (or shorter) means stringify.
   */
  bodies?: readonly string[];
  quarantine: QuarantineRow[];
  /** Each feed's last persisted seq after the batches of this write (one entry per feed). */
  cursors: { feed: string; lastSeq: number }[];
}

export interface CommandWrite {
  id: string;
  userName: string;
  result: CommandResult;
  events: DomainEvent[];
}

/**
 * A feed an admin added at run time (issue 9; electron/hub/admin/). The
 * token is sealed with the hub's key (AES-256-GCM, key file beside the
 * database), never stored in clear.
 */
export interface StoredFeedRow {
  id: string;
  /** The feed's settings without the token, as JSON text. */
  settings: string;
  /** The token sealed by `SecretBox` (electron/hub/admin/secretBox.ts). */
  tokenSealed: string;
  /** Epoch ms. */
  updated: number;
  updatedBy: string;
}

export interface Store {
  /** Seq and hash of the last event. */
  head(): Promise<ChainHead>;
  /** Feed events, quarantine rows and the feeds' cursors, in one transaction. */
  appendIngest(write: IngestWrite): Promise<void>;
  /** A command's events and its result, in one transaction (the result makes retries idempotent). */
  appendCommand(write: CommandWrite): Promise<void>;
  /** Events the hub itself decides (feed status, SLA). */
  appendEvents(events: DomainEvent[]): Promise<void>;
  /** Up to `limit` events with seq > `after`, in order. */
  readEvents(after: number, limit: number): Promise<DomainEvent[]>;
  /** `readEvents` with each body's stored text too (`JSON.stringify(body)` as sealed), index for index. */
  readEventsWithText(after: number, limit: number): Promise<{ events: DomainEvent[]; bodies: string[] }>;
  feedCursors(): Promise<Map<string, number>>;
  commandResult(id: string): Promise<{ userName: string; result: CommandResult } | null>;
  maxQuarantineId(): Promise<number>;
  listQuarantine(limit: number, feed?: string): Promise<QuarantineRow[]>;

  getUser(name: string): Promise<StoredUser | null>;
  listUsers(): Promise<StoredUser[]>;
  putUser(user: User, passwordHash: string): Promise<void>;
  setPassword(name: string, passwordHash: string): Promise<boolean>;

  createSession(tokenHash: string, userName: string, desk: string | undefined, expires: number): Promise<void>;
  sessionOf(tokenHash: string, now: number): Promise<Session | null>;

  /** Feeds added by admins, in id order. */
  listFeeds(): Promise<StoredFeedRow[]>;
  /** Inserts or replaces the feed `row.id`. */
  putFeed(row: StoredFeedRow): Promise<void>;
  /** Whether there was such a feed. */
  deleteFeed(id: string): Promise<boolean>;

  latestSnapshot(): Promise<{ seq: number; state: string } | null>;
  saveSnapshot(seq: number, time: number, state: string): Promise<void>;

  close(): Promise<void>;
}
