/**
 * Workstation → hub administration of the agency feeds (issue 9 §4): on the
 * workstation socket, `feeds` with a `FeedAdminRequest` and an ack that
 * answers a `FeedAdminResult`. Admins only (`authorizeAdmin` in
 * shared/domain/roles.ts). A feed's token goes to the hub and never comes
 * back: answers carry only whether one is set and, for long tokens, its last
 * four characters.
 */
import { z } from 'zod';
import { domainSchema, LIMITS } from '../domain/model';
import type { AdminCommandType } from '../domain/roles';
import { WIRE_LIMITS } from './version';

/** Socket.io event of feed administration (the ack carries the result). */
export const FEED_ADMIN_EVENT = 'feeds';

/** Same rule as the hub config file's feed id: it names the feed in alert ids and logs. */
export const feedIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'feed id: a lower-case letter, then up to 31 letters, digits or "-"');

/**
 * The agency's socket.io server. No user name or password in the URL:
 * secrets belong in the token, which is kept encrypted; the URL is logged.
 */
export const feedUrlSchema = z
  .string()
  .trim()
  .max(LIMITS.title)
  .url('feed URL: not a URL')
  .refine((u) => /^(https?|wss?):\/\//i.test(u), 'feed URL: must start with http://, https://, ws:// or wss://')
  // An "@" in the authority is a user name (and maybe a password): shared/ has no URL class to ask.
  .refine((u) => !/^[a-z]+:\/\/[^/?#]*@/i.test(u), 'feed URL: no user name or password in the URL; put the secret in the token');

export const feedTokenSchema = z.string().min(8, 'token: at least 8 characters').max(WIRE_LIMITS.tokenLength).refine((t) => t.trim() === t, 'token: no spaces at either end');

/** What an admin sets for a feed, apart from its token. */
export const feedSettingsSchema = z.object({
  id: feedIdSchema,
  name: z.object({ zh: z.string().trim().min(1, 'name: required').max(64), en: z.string().trim().min(1, 'name: required').max(64) }),
  domain: domainSchema,
  url: feedUrlSchema,
  /** Sustained alerts per second before the feed is throttled. */
  maxRate: z.number().positive().max(100_000).default(5000),
});
export type FeedSettings = z.infer<typeof feedSettingsSchema>;
export type FeedSettingsInput = z.input<typeof feedSettingsSchema>;

export const feedAdminRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('list') }),
  z.object({ op: z.literal('add'), feed: feedSettingsSchema, token: feedTokenSchema }),
  /** `token` absent: keep the stored one. The id cannot change (it keys the feed's cursor and alert ids). */
  z.object({ op: z.literal('edit'), feed: feedSettingsSchema, token: feedTokenSchema.optional() }),
  z.object({ op: z.literal('remove'), id: feedIdSchema }),
  /** Opens one connection to `url` with `token`, or, without one, with the stored token of feed `id`. */
  z.object({ op: z.literal('test'), url: feedUrlSchema, token: feedTokenSchema.optional(), id: feedIdSchema.optional() }),
]);
export type FeedAdminRequest = z.infer<typeof feedAdminRequestSchema>;
export type FeedAdminRequestInput = z.input<typeof feedAdminRequestSchema>;

/** The permission each request needs. */
export function adminCommandOf(op: FeedAdminRequest['op']): AdminCommandType {
  return `feeds.${op}`;
}

export const feedViewSchema = feedSettingsSchema.extend({
  /** `config`: from the hub's config file, read-only here; `hub`: added by an admin, stored at the hub. */
  origin: z.enum(['config', 'hub']),
  token: z.object({
    set: z.boolean(),
    /** Last four characters, only for tokens of 12 or more (a shorter one would give too much away). */
    last4: z.string().max(4).optional(),
  }),
  /** Why the hub cannot use this feed (e.g. its token cannot be decrypted with this hub's key). */
  problem: z.string().optional(),
  updatedAt: z.number().optional(),
  updatedBy: z.string().optional(),
});
export type FeedView = z.infer<typeof feedViewSchema>;

export const FEED_TEST_OUTCOMES = ['reachable', 'refused', 'unreachable', 'timeout'] as const;
export const feedTestResultSchema = z.object({
  /** reachable: the feed accepted the handshake; refused: it answered and refused it (token, protocol); unreachable: no connection; timeout: no answer in time. */
  outcome: z.enum(FEED_TEST_OUTCOMES),
  /** From opening the connection to the answer (or to giving up), ms. */
  latencyMs: z.number().nonnegative(),
  /** The feed's or the network's reason, as given. */
  message: z.string().max(1000).optional(),
});
export type FeedTestResult = z.infer<typeof feedTestResultSchema>;

export const FEED_ADMIN_REFUSALS = ['forbidden', 'invalid', 'not-found', 'conflict', 'read-only', 'unavailable'] as const;
export type FeedAdminRefusal = (typeof FEED_ADMIN_REFUSALS)[number];

export const feedAdminResultSchema = z.union([
  z.object({ ok: z.literal(true), feeds: z.array(feedViewSchema).max(200), test: feedTestResultSchema.optional() }),
  z.object({ ok: z.literal(false), code: z.enum(FEED_ADMIN_REFUSALS), message: z.string().max(2000) }),
]);
export type FeedAdminResult = z.infer<typeof feedAdminResultSchema>;

/** What may be shown of a token. */
export function tokenHint(token: string): FeedView['token'] {
  return token.length >= 12 ? { set: true, last4: token.slice(-4) } : { set: true };
}
