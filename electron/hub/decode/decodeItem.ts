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
import { feedBatchSchema, feedItemEnvelopeSchema } from '@shared/protocol/feed';
import { WIRE_LIMITS } from '@shared/protocol/version';
import type { FeedConfig } from '../config';

/**
 * A body's outcome; `text` is `JSON.stringify(value)`, made where it was decoded (a decode
 * worker), so the hub seals an alert's event without stringifying its content again.
 */
export type Decoded = { ok: true; value: AlertContent; text: string } | { ok: false; reason: string };

/** What decoding needs of a feed (also what crosses to a worker). */
export type DecodeFeed = Pick<FeedConfig, 'id' | 'domain' | 'fallback'>;

/** One item, decoded: its envelope was unreadable, or its seq and time with the body's outcome. */
export type DecodedItem = { envelope: false; reason: string } | { envelope: true; seq: number; sent: number; body: Decoded };

/** A feed item's body: a CAP XML string or a Longwatch JSON object. */
export function decodeBody(feed: DecodeFeed, body: unknown): Decoded {
  if (typeof body === 'string') {
    if (body.length > WIRE_LIMITS.alertBodyBytes) return { ok: false, reason: `body: CAP document of ${body.length} characters is over the ${WIRE_LIMITS.alertBodyBytes} limit` };
    const r = decodeCapAlert(body, { feed: feed.id, domain: feed.domain, fallback: feed.fallback });
    return r.ok ? { ok: true, value: r.value, text: JSON.stringify(r.value) } : { ok: false, reason: `${r.error.path}: ${r.error.reason}` };
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const r = decodeJsonAlert(body, feed.id, feed.domain);
    return r.ok ? { ok: true, value: r.value, text: JSON.stringify(r.value) } : r;
  }
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

/** A feed `alerts` message's items, or why it is not a batch (it is then quarantined whole). */
export function batchItemsOf(raw: unknown): { ok: true; items: unknown[] } | { ok: false; reason: string } {
  const batch = feedBatchSchema.safeParse(raw);
  if (batch.success) return { ok: true, items: batch.data.items };
  const issue = batch.error.issues[0];
  return { ok: false, reason: `alerts: not a batch (${issue ? `${issue.path.join('.') || '(message)'}: ${issue.message}` : 'malformed'})` };
}

/**
 * A feed batch that came as text, decoded: its items one by one (`decoded`), or
 * why it is not a batch, or `notJson` when the text does not parse (socket.io
 * closes the connection on such a packet, "parse error").
 */
export type DecodedBatch = { kind: 'items'; decoded: DecodedItem[] } | { kind: 'notBatch'; reason: string } | { kind: 'notJson' };

/**
 * The message of an `alerts` packet kept as text (`FeedBatchText.json`, the
 * packet's JSON `["alerts",{items:[…]}]`): parsed, checked and decoded exactly
 * as socket.io's parser, the connector and `decodeItem` do it on the object,
 * so it can run in a decode worker.
 */
export function decodeBatchText(feed: DecodeFeed, json: string): DecodedBatch {
  const raw = feedMessageOfText(json);
  if (raw === NOT_JSON) return { kind: 'notJson' };
  const batch = batchItemsOf(raw);
  if (!batch.ok) return { kind: 'notBatch', reason: batch.reason };
  return { kind: 'items', decoded: batch.items.map((item) => decodeItem(feed, item)) };
}

const NOT_JSON: unique symbol = Symbol('not JSON');

/** The message (the event's first argument) of an `alerts` packet's JSON text, or NOT_JSON. */
function feedMessageOfText(json: string): unknown {
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return NOT_JSON;
  }
  // socket.io's parser takes an event packet whose data is an array named by its first element;
  // the prefix `FeedBatchText` is cut by makes this one `["alerts", …]`.
  return Array.isArray(payload) ? (payload as unknown[])[1] : NOT_JSON;
}

/** The items of a batch text already decoded as a batch (`decodeBatchText` said `items`): for the raw content of a quarantined item. */
export function batchItemsOfText(json: string): unknown[] {
  const batch = batchItemsOf(feedMessageOfText(json));
  if (!batch.ok) throw new Error('batchItemsOfText: not a batch');
  return batch.items;
}

/** The message of a batch text that is not a batch (`decodeBatchText` said `notBatch`), to quarantine whole. */
export function feedMessageOf(json: string): unknown {
  const raw = feedMessageOfText(json);
  return raw === NOT_JSON ? json : raw;
}
