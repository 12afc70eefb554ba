/**
 * Test double for an agency's feed server (a boundary we do not own): a real
 * socket.io server on loopback that speaks just enough of the feed side of
 * longwatch/1 for a test to send exactly what it wants, hostile input included,
 * and to see the hub's handshakes and acks.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';

export interface TestFeed {
  url: string;
  token: string;
  /** Handshake `auth` of every hub connection, in order. */
  handshakes: Array<Record<string, unknown>>;
  /** Every `ack.upTo` received. */
  acks: number[];
  connected(): Socket | undefined;
  waitForConnection(): Promise<Socket>;
  /** Emits an `alerts` message as is (the test decides whether it is valid). */
  send(message: unknown): void;
  waitForAck(upTo: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestFeed(token = 'test-token'): Promise<TestFeed> {
  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: 8 * 1024 * 1024 });
  const handshakes: Array<Record<string, unknown>> = [];
  const acks: number[] = [];
  let current: Socket | undefined;
  const waiters: Array<(s: Socket) => void> = [];
  const ackWaiters: Array<() => void> = [];
  io.use((socket, next) => {
    const auth = socket.handshake.auth as Record<string, unknown>;
    handshakes.push(auth);
    if (auth['token'] !== token) return next(new Error('bad token'));
    next();
  });
  io.on('connection', (socket) => {
    current = socket;
    socket.on('ack', (a: { upTo: number }) => {
      acks.push(a.upTo);
      ackWaiters.splice(0).forEach((w) => w());
    });
    socket.on('disconnect', () => {
      if (current === socket) current = undefined;
    });
    waiters.splice(0).forEach((w) => w(socket));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    handshakes,
    acks,
    connected: () => current,
    waitForConnection: () => (current ? Promise.resolve(current) : new Promise((r) => waiters.push(r))),
    send: (message) => current?.emit('alerts', message),
    waitForAck: (upTo, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (acks.some((a) => a >= upTo)) {
            clearTimeout(timer);
            resolve();
          } else ackWaiters.push(check);
        };
        const timer = setTimeout(() => reject(new Error(`no ack up to ${upTo} within ${timeoutMs} ms (acks: ${acks.slice(-5).join(', ')})`)), timeoutMs);
        check();
      }),
    close: () => new Promise((r) => io.close(() => r())),
  };
}
