/**
 * The feed side of the `longwatch/1` handshake (DESIGN §4): the hub's
 * socket.io `auth` must name this protocol and carry the feed's token. A
 * refusal is a sentence the hub shows its operator as the `connect_error`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { feedAuthSchema, type FeedAuth } from '@shared/protocol/feed';
import { checkProtocol } from '@shared/protocol/version';

/** Constant-time comparison that does not leak the length either: both sides are hashed first. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The accepted auth, or why it is refused: incompatible protocol, malformed auth, or a bad token. */
export function checkFeedAuth(auth: unknown, feed: string, token: string): { ok: true; auth: FeedAuth } | { ok: false; message: string } {
  // The protocol first: a hub of another major version may send a different auth shape altogether.
  const protocol = checkProtocol((auth as { protocol?: unknown } | null | undefined)?.protocol);
  if (!protocol.ok) return protocol;
  const parsed = feedAuthSchema.safeParse(auth);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `malformed auth: ${issue ? `${issue.path.join('.') || '(auth)'}: ${issue.message}` : 'invalid'}` };
  }
  if (!sameSecret(parsed.data.token, token)) return { ok: false, message: `bad token for feed ${feed}` };
  return { ok: true, auth: parsed.data };
}
