/**
 * Decoding one feed item, the same on the hub's main thread and in a decode
 * worker: the envelope (`{seq, sent, body}`), then the body (CAP 1.2 XML or
 * Longwatch JSON) into normalised alert content. Pure apart from the CPU it
 * takes (~60 µs for a JSON alert, several hundred for a CAP one on the
 * 2-core machine), which is why the hub runs it in workers (`decodePool.ts`).
 */
import { decodeCapAlert } from '@shared/cap';
import type { AlertContent } from '@shared/domain/model';
import { decodeJsonAlert } from '@shared/protocol/alertInput';
import { feedItemEnvelopeSchema } from '@shared/protocol/feed';
import { WIRE_LIMITS } from '@shared/protocol/version';
import type { FeedConfig } from '../config';

export type Decoded = { ok: true; value: AlertContent } | { ok: false; reason: string };

/** What decoding needs of a feed (also what crosses to a worker). */
export type DecodeFeed = Pick<FeedConfig, 'id' | 'domain' | 'fallback'>;

/** One item, decoded: its envelope was unreadable, or its seq and time with the body's outcome. */
export type DecodedItem = { envelope: false; reason: string } | { envelope: true; seq: number; sent: number; body: Decoded };

/** A feed item's body: a CAP XML string or a Longwatch JSON object. */
export function decodeBody(feed: DecodeFeed, body: unknown): Decoded {
  if (typeof body === 'string') {
    if (body.length > WIRE_LIMITS.alertBodyBytes) return { ok: false, reason: `body: CAP document of ${body.length} characters is over the ${WIRE_LIMITS.alertBodyBytes} limit` };
    const r = decodeCapAlert(body, { feed: feed.id, domain: feed.domain, fallback: feed.fallback });
    return r.ok ? { ok: true, value: r.value } : { ok: false, reason: `${r.error.path}: ${r.error.reason}` };
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return decodeJsonAlert(body, feed.id, feed.domain);
  return { ok: false, reason: 'body: must be a Longwatch JSON object or a CAP 1.2 XML string' };
}

export function decodeItem(feed: DecodeFeed, item: unknown): DecodedItem {
  const env = feedItemEnvelopeSchema.safeParse(item);
  if (!env.success) {
    const issue = env.error.issues[0];
    return { envelope: false, reason: `envelope: ${issue ? `${issue.path.join('.') || '(item)'}: ${issue.message}` : 'malformed'}` };
  }
  const { seq, sent, body } = env.data;
  return { envelope: true, seq, sent, body: decodeBody(feed, body) };
}
