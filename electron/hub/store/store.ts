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
  quarantine: QuarantineRow[];
  /** The feed's last persisted seq after this batch. */
  cursor: { feed: string; lastSeq: number };
}

export interface CommandWrite {
  id: string;
  userName: string;
  result: CommandResult;
  events: DomainEvent[];
}

export interface Store {
  /** Seq and hash of the last event. */
  head(): Promise<ChainHead>;
  /** Feed events, quarantine rows and the feed cursor, in one transaction. */
  appendIngest(write: IngestWrite): Promise<void>;
  /** A command's events and its result, in one transaction (the result makes retries idempotent). */
  appendCommand(write: CommandWrite): Promise<void>;
  /** Events the hub itself decides (feed status, SLA). */
  appendEvents(events: DomainEvent[]): Promise<void>;
  /** Up to `limit` events with seq > `after`, in order. */
  readEvents(after: number, limit: number): Promise<DomainEvent[]>;
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

  latestSnapshot(): Promise<{ seq: number; state: string } | null>;
  saveSnapshot(seq: number, time: number, state: string): Promise<void>;

  close(): Promise<void>;
}
