/** Messages between the UI thread (live store) and the ingest worker, and between windows. */
import type { Domain } from '@shared/domain/agencies';
import type { DomainEvent } from '@shared/domain/events';
import type { CommandType, User } from '@shared/domain/roles';
import type { HubInfo } from '@shared/ipc';
import type { CommandResult } from '@shared/protocol/commands';
import type { FeedHealth, Presence } from '@shared/protocol/workstation';
import type { Connection, LiveDelta, OutboxEntry } from './types';

export interface Session {
  token: string;
  user: User;
}

export type ToWorker =
  | { type: 'start'; hub: HubInfo; origin: string; session: Session | null }
  | { type: 'signIn'; user: string; password: string; desk?: string }
  | { type: 'signOut' }
  | { type: 'command'; id: string; commandType: CommandType; body: unknown };

export type FromWorker =
  | { type: 'session'; session: Session | null; problem?: string }
  | {
      type: 'update';
      delta: LiveDelta | null;
      connection: Connection;
      unacknowledged: Record<Domain, number>;
      sources?: FeedHealth[];
      presence?: Presence['users'];
      outbox?: OutboxEntry[];
    }
  | { type: 'commandResult'; id: string; result: CommandResult };

/** Between the workers of several windows on one replica (BroadcastChannel). */
export type BetweenWindows =
  | { type: 'events'; events: DomainEvent[] }
  | { type: 'sources'; feeds: FeedHealth[] }
  | { type: 'presence'; users: Presence['users'] }
  | { type: 'connection'; connection: Connection }
  | { type: 'outboxChanged' }
  | { type: 'commandResult'; id: string; result: CommandResult };
