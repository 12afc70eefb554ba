/**
 * A decode worker (`worker_threads`): decodes one feed batch at a time off
 * the hub's main thread — its items, or its text as it came off the socket
 * (parsed here too) — and answers in order of the requests. It holds no
 * state; the pool (`decodePool.ts`) starts and replaces it.
 */
import { parentPort } from 'node:worker_threads';
import { decodeBatchText, decodeItem, type DecodedBatch, type DecodedItem, type DecodeFeed } from './decodeItem';

export type DecodeRequest = { id: number; feed: DecodeFeed; items: readonly unknown[] } | { id: number; feed: DecodeFeed; text: string };

export type DecodeResponse = { id: number; decoded: DecodedItem[] } | { id: number; batch: DecodedBatch } | { id: number; error: string } | { ready: true };

parentPort?.on('message', (request: DecodeRequest) => {
  let response: DecodeResponse;
  try {
    response = 'text' in request ? { id: request.id, batch: decodeBatchText(request.feed, request.text) } : { id: request.id, decoded: request.items.map((item) => decodeItem(request.feed, item)) };
  } catch (e) {
    // Decoders return errors as values; a throw is a bug. The hub then decodes the batch itself.
    response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(response);
});
parentPort?.postMessage({ ready: true } satisfies DecodeResponse);
