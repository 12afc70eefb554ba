/**
 * The socket.io parser of the hub's feed connections: socket.io's own, except
 * that an `alerts` packet is not parsed on the main thread. Its JSON text goes
 * to the connector as a `FeedBatchText`, and a decode worker parses, checks and
 * decodes it (`decodeBatchText`): the parse of a batch of ~1.2 KB alerts and the
 * clone of its objects to the worker were ~7% of the main thread under the
 * 2,000 alerts/s load (hub README "Numbers"). Every other packet (heartbeat,
 * connect, an `alerts` packet of another namespace or with an ack id) is
 * socket.io's as before.
 */
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import { FEED_EVENTS } from '@shared/protocol/feed';

/** An `alerts` message as it came: the packet's JSON data, `["alerts",{…}]`, not parsed yet. */
export class FeedBatchText {
  constructor(readonly json: string) {}
}

/** An EVENT packet (type 2) of the main namespace, no ack id, named `alerts`: what a feed's `emit('alerts', batch)` sends. */
const ALERTS_PACKET = `${PacketType.EVENT}${JSON.stringify([FEED_EVENTS.alerts])!.slice(0, -1)},`;

class FeedDecoder extends Decoder {
  override add(obj: unknown): void {
    // While a binary packet is being put together socket.io's decoder refuses text: let it.
    if (typeof obj === 'string' && obj.startsWith(ALERTS_PACKET) && !(this as unknown as { reconstructor: unknown }).reconstructor) {
      // The data is JSON (socket.io's parser would have parsed `obj.slice(1)` the same way): a
      // text that does not parse is found in the worker, and the connector then drops the
      // connection as socket.io does on a "parse error".
      this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: [FEED_EVENTS.alerts, new FeedBatchText(obj.slice(1))] });
      return;
    }
    super.add(obj);
  }
}

/** The `parser` option of the feed's socket.io client. */
export const feedSocketParser = { Encoder, Decoder: FeedDecoder };
