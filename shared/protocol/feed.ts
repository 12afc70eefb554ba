/**
 * Feed ↔ hub (DESIGN §4). The hub is the socket.io client; the agency feed
 * is the server.
 *
 * - handshake `auth: FeedAuth` — resume after the last seq the hub persisted;
 * - feed → hub `alerts: FeedBatch` and `heartbeat: Heartbeat`;
 * - hub → feed `ack: Ack` once the batch is persisted. A feed keeps every
 *   unacknowledged item and replays it after a resume.
 *
 * The batch envelope is checked first; each item's body is decoded on its
 * own, so one bad alert is quarantined and the rest of the batch goes on.
 */
import { z } from 'zod';
import { protocolSchema, WIRE_LIMITS } from './version';

const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const feedAuthSchema = z.object({
  protocol: protocolSchema,
  token: z.string().min(1).max(WIRE_LIMITS.tokenLength),
  /** Last feed seq the hub has persisted; the feed sends everything after it. */
  after: seqSchema,
});
export type FeedAuth = z.infer<typeof feedAuthSchema>;

export const feedItemEnvelopeSchema = z.object({
  /** The feed's own sequence number, strictly increasing per feed, from 1. */
  seq: seqSchema.min(1),
  /** When the feed emitted it (epoch ms), for lag and latency. */
  sent: z.number().int().nonnegative(),
  /** Longwatch JSON alert (an object) or a CAP 1.2 XML document (a string). Decoded separately. */
  body: z.unknown(),
});
export type FeedItem = z.infer<typeof feedItemEnvelopeSchema>;

export const feedBatchSchema = z.object({
  items: z.array(z.unknown()).min(1).max(WIRE_LIMITS.feedBatch),
});

export const heartbeatSchema = z.object({
  /** Highest seq the feed has produced so far (lets the hub see what it is missing). */
  seq: seqSchema,
  /** Feed clock, epoch ms. */
  at: z.number().int().nonnegative(),
  /** Seconds until the next heartbeat; the hub calls the feed late after twice that. */
  interval: z.number().positive().max(3600).default(5),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export const ackSchema = z.object({ upTo: seqSchema });
export type Ack = z.infer<typeof ackSchema>;

/** Socket.io event names of the feed protocol. */
export const FEED_EVENTS = { alerts: 'alerts', heartbeat: 'heartbeat', ack: 'ack' } as const;
