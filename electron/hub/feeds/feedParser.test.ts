import { Encoder, PacketType, type Packet } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { FeedBatchText, feedSocketParser } from './feedParser';

/** What the client's decoder makes of what a feed's socket.io server encodes. */
function received(packet: Packet): Packet[] {
  const out: Packet[] = [];
  const decoder = new feedSocketParser.Decoder();
  decoder.on('decoded', (p: Packet) => out.push(p));
  for (const part of new Encoder().encode(packet)) decoder.add(part);
  return out;
}

describe('the feed connection parser', () => {
  it('keeps an alerts batch as its JSON text, which parses to what socket.io would have given', () => {
    const batch = { items: [{ seq: 1, sent: 2, body: { id: 'A', headline: '道路结冰 "引号" \\ \n' } }, { seq: 2, sent: 3, body: '<alert/>' }] };
    const [p] = received({ type: PacketType.EVENT, nsp: '/', data: ['alerts', batch] });
    expect(p!.type).toBe(PacketType.EVENT);
    expect(p!.nsp).toBe('/');
    const [name, text] = p!.data as [string, FeedBatchText];
    expect(name).toBe('alerts');
    expect(text).toBeInstanceOf(FeedBatchText);
    expect(JSON.parse(text.json)).toEqual(['alerts', batch]);
  });

  it('parses every other packet as socket.io does', () => {
    const heartbeat = { type: PacketType.EVENT, nsp: '/', data: ['heartbeat', { seq: 5, at: 1, interval: 5 }] };
    expect(received(heartbeat)).toEqual([heartbeat]);
    const otherNamespace = { type: PacketType.EVENT, nsp: '/feed', data: ['alerts', { items: [] }] };
    expect(received(otherNamespace)).toEqual([otherNamespace]);
    const withAck = { type: PacketType.EVENT, nsp: '/', id: 7, data: ['alerts', { items: [] }] };
    expect(received(withAck)).toEqual([withAck]);
    const connect = { type: PacketType.CONNECT, nsp: '/', data: { sid: 'x' } };
    expect(received(connect)).toEqual([connect]);
  });
});
