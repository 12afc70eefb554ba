import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents } from '@shared/domain/chain';
import { draft } from '@shared/domain/events';
import { nativeSha256 } from '../engine';
import { decodeBatch, encodeBatch, encodeBatchesAsText, eventJson } from './eventsEncoding';

const tricky = ['tab\there', 'line\nbreak', 'back\\slash', '"quotes" and 中文 🚒', '\u0000 nul \u2028 sep', '</script><script>alert(1)</script>'];

function sealed() {
  const bodies: string[] = [];
  const events = sealEvents(
    tricky.map((reason, i) => draft('alert.quarantined', 1_700_000_000_000 + i, 'system:hub', { feed: 'traffic', quarantineId: i + 1, reason })),
    EMPTY_HEAD,
    nativeSha256,
    bodies,
  );
  return { events, bodies };
}

describe('events batches encoded from the bodies as sealed', () => {
  it('writes each event exactly as JSON.stringify would', () => {
    const { events, bodies } = sealed();
    events.forEach((e, i) => expect(eventJson(e, bodies[i]!)).toBe(JSON.stringify(e)));
    const batch = encodeBatch(events.map((e, i) => eventJson(e, bodies[i]!)), 42, true);
    expect(batch.json).toBe(JSON.stringify({ events, head: 42, live: true }));
    expect(decodeBatch(encodeBatch([], 7, false))).toEqual({ events: [], head: 7, live: false });
  });

  it('reaches a socket.io client as the batch object, on the main and on another namespace, and leaves other packets alone', async () => {
    const http = createServer();
    const io = new Server(http);
    encodeBatchesAsText(io.encoder);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const { events, bodies } = sealed();
    const batch = encodeBatch(events.map((e, i) => eventJson(e, bodies[i]!)), 9, false);
    io.on('connection', (s) => {
      s.emit('events', batch);
      s.emit('other', { n: 1, buf: Buffer.from([1, 2]) });
      s.on('ask', (x: number, ack: (y: number) => void) => ack(x + 1));
    });
    io.of('/side').on('connection', (s) => s.emit('events', batch));
    const main = connect(url, { transports: ['websocket'] });
    const side = connect(`${url}/side`, { transports: ['websocket'] });
    try {
      const [got, other, sideGot, answer] = await Promise.all([
        new Promise((r) => main.once('events', r)),
        new Promise<{ n: number; buf: Buffer }>((r) => main.once('other', r)),
        new Promise((r) => side.once('events', r)),
        main.emitWithAck('ask', 1) as Promise<number>,
      ]);
      expect(got).toEqual({ events, head: 9, live: false });
      expect(sideGot).toEqual(got);
      expect(other.n).toBe(1);
      expect([...other.buf]).toEqual([1, 2]);
      expect(answer).toBe(2);
    } finally {
      main.close();
      side.close();
      await io.close();
    }
  });
});
