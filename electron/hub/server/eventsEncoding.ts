/**
 * Events batches to workstations, encoded from the text the hub already has.
 *
 * Every event body is `JSON.stringify`'d when it is sealed (the hash covers
 * that text) and stored verbatim (`events.body` is TEXT). socket.io's encoder
 * stringified each batch again, body by body, after walking the whole object
 * tree for binary parts (`hasBinary`): under the client bench's live load
 * that was ~5% of the hub's main thread, and most of the hub's CPU of a sync
 * after reading the rows. An {@link EncodedBatch} carries the batch's JSON
 * text, built from the bodies' text, and the hub's encoder (see
 * {@link encodeBatchesAsText}) puts it into the packet as it is. The wire is unchanged: the same JSON a workstation parsed
 * before (an event's keys in the order they were sealed or stored).
 */
import type { Encoder, Packet } from 'socket.io-parser';
import type { DomainEvent } from '@shared/domain/events';
import type { EventsBatch } from '@shared/protocol/workstation';

/** An events batch as its JSON text (`{"events":[…],"head":…,"live":…}`). */
export class EncodedBatch {
  constructor(readonly json: string) {}
}

/**
 * An event's JSON with its body's text given: exactly `JSON.stringify(e)` of
 * a sealed or stored event when `bodyText` is `JSON.stringify(e.body)`.
 */
export function eventJson(e: DomainEvent, bodyText: string): string {
  return `{"seq":${e.seq},"time":${e.time},"actor":${JSON.stringify(e.actor)},"type":${JSON.stringify(e.type)},"body":${bodyText},"prev":${JSON.stringify(e.prev)},"hash":${JSON.stringify(e.hash)}}`;
}

/** A batch's JSON from its events' JSON texts. */
export function encodeBatch(eventTexts: readonly string[], head: number, live: boolean): EncodedBatch {
  return new EncodedBatch(`{"events":[${eventTexts.join(',')}],"head":${head},"live":${live}}`);
}

/** What `encodeBatch` stands for, parsed (tests). */
export function decodeBatch(b: EncodedBatch): EventsBatch {
  return JSON.parse(b.json) as EventsBatch;
}

/** socket.io-parser's packet type of an event without binary parts. */
const EVENT = 2;

/**
 * Makes the hub's socket.io encoder (`io.encoder`, used for every socket and
 * broadcast of the server) write an event whose only argument is an
 * {@link EncodedBatch} (no ack) with that text as its data, as socket.io's
 * string encoding would: `2[<nsp>,]["<event>",<data>]`. Everything else goes
 * through socket.io's own encoding unchanged.
 */
export function encodeBatchesAsText(encoder: Pick<Encoder, 'encode'>): void {
  const encode = encoder.encode.bind(encoder);
  encoder.encode = (obj: Packet) => {
    const data: unknown = obj.data;
    if (obj.type === EVENT && obj.id == null && Array.isArray(data) && data.length === 2 && typeof data[0] === 'string' && data[1] instanceof EncodedBatch) {
      const nsp = obj.nsp && obj.nsp !== '/' ? `${obj.nsp},` : '';
      return [`${EVENT}${nsp}[${JSON.stringify(data[0])},${data[1].json}]`];
    }
    return encode(obj);
  };
}
