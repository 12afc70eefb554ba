/**
 * Workstation ↔ hub (DESIGN §4). The workstation is the socket.io client.
 *
 * - handshake `auth: WorkstationAuth` — unauthenticated sockets are refused;
 * - workstation → hub `sync: Sync` — the hub streams ordered `events`
 *   batches after `after`, then live ones, each filtered for the user;
 * - workstation → hub `command` (see commands.ts) with an ack;
 * - hub → workstation `sources` (feed health) and `presence`.
 *
 * Login (user name + password → session token) happens before the socket,
 * over HTTP on the hub, with the same schemas.
 */
import { z } from 'zod';
import { domainEventSchema } from '../domain/events';
import { userSchema } from '../domain/roles';
import { slaConfigSchema } from '../domain/sla';
import { protocolSchema, WIRE_LIMITS } from './version';

export const loginRequestSchema = z.object({
  protocol: protocolSchema,
  user: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  /** Which desk the user signs in at (shown in presence), e.g. "席位 3". */
  desk: z.string().max(64).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.union([
  z.object({
    ok: z.literal(true),
    token: z.string().min(1).max(WIRE_LIMITS.tokenLength),
    user: userSchema,
    /** The hub's SLA deadlines, so workstations count the same timers the hub escalates on. */
    sla: slaConfigSchema.optional(),
    /**
     * Every account the hub knows, disabled ones too (they acted in the log):
     * who `user:wangwu` is when that person is not signed in — in the
     * incident view, a replay, an after-action report.
     */
    directory: z.array(userSchema).max(WIRE_LIMITS.directory).optional(),
  }),
  z.object({ ok: z.literal(false), code: z.enum(['invalid-credentials', 'incompatible', 'invalid', 'unavailable']), message: z.string() }),
]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const workstationAuthSchema = z.object({
  protocol: protocolSchema,
  token: z.string().min(1).max(WIRE_LIMITS.tokenLength),
});
export type WorkstationAuth = z.infer<typeof workstationAuthSchema>;

export const syncSchema = z.object({
  /** Last seq the workstation's replica holds; 0 for an empty replica. */
  after: z.number().int().min(0),
});
export type Sync = z.infer<typeof syncSchema>;

export const eventsBatchSchema = z.object({
  events: z.array(domainEventSchema).max(WIRE_LIMITS.eventsBatch),
  /** The hub's head seq when the batch was sent: `live` once the workstation has caught up to it. */
  head: z.number().int().min(0),
  live: z.boolean(),
});
export type EventsBatch = z.infer<typeof eventsBatchSchema>;

export const feedHealthSchema = z.object({
  feed: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  status: z.enum(['connected', 'late', 'down']),
  /** Epoch ms of the last heartbeat, if any. */
  lastHeartbeat: z.number().optional(),
  /** Alerts received in the last minute. */
  perMinute: z.number().nonnegative(),
  /** Feed emit → hub persist, ms, recent median. */
  lagMs: z.number().nonnegative().optional(),
  /** Last feed seq persisted. */
  lastSeq: z.number().int().nonnegative(),
  quarantined: z.number().int().nonnegative(),
});
export const sourcesSchema = z.object({ feeds: z.array(feedHealthSchema).max(100) });
export type FeedHealth = z.infer<typeof feedHealthSchema>;
export type Sources = z.infer<typeof sourcesSchema>;

export const presenceSchema = z.object({
  users: z
    .array(
      z.object({
        name: z.string(),
        displayName: z.string(),
        role: userSchema.shape.role,
        agency: userSchema.shape.agency,
        desk: z.string().optional(),
        /** Epoch ms the session connected. */
        since: z.number(),
      }),
    )
    .max(1000),
});
export type Presence = z.infer<typeof presenceSchema>;

/** Socket.io event names of the workstation protocol. */
export const WORKSTATION_EVENTS = { sync: 'sync', events: 'events', command: 'command', sources: 'sources', presence: 'presence' } as const;
