/**
 * A stand-in for the hub's feed connector in tests: a socket.io client that
 * records batches and heartbeats and can acknowledge. Test support only.
 */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL } from '@shared/protocol/version';
import type { Heartbeat } from '@shared/protocol/feed';
import type { OutboxItem } from '../outbox';

/** A connected stand-in hub and what it has received. */
export interface TestHub {
  socket: Socket;
  items: OutboxItem[];
  /** Size of every `alerts` batch received, in order. */
  batchSizes: number[];
  heartbeats: (Heartbeat & { receivedAt: number })[];
  /** Sends `ack {upTo}`. */
  ack(upTo: number): void;
  /** Resolves once at least `n` items have arrived. */
  waitForItems(n: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** How the stand-in hub connects. */
export interface TestHubOptions {
  token: string;
  after?: number;
  protocol?: string;
  /** Acknowledge every batch as it arrives (like a hub that persisted it). */
  autoAck?: boolean;
  /** Raw auth object, overriding the above. */
  auth?: unknown;
}

/** Connects; resolves when connected, rejects with the `connect_error` message. */
export function connectHub(url: string, opts: TestHubOptions): Promise<TestHub> {
  const auth = (opts.auth ?? { protocol: opts.protocol ?? PROTOCOL, token: opts.token, after: opts.after ?? 0 }) as Record<string, unknown>;
  const socket = io(url, { auth, reconnection: false, transports: ['websocket'], forceNew: true });
  const items: OutboxItem[] = [];
  const batchSizes: number[] = [];
  const heartbeats: TestHub['heartbeats'] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  socket.on('alerts', (batch: { items: OutboxItem[] }) => {
    items.push(...batch.items);
    batchSizes.push(batch.items.length);
    if (opts.autoAck) socket.emit('ack', { upTo: batch.items[batch.items.length - 1]!.seq });
    for (const w of [...waiters]) {
      if (items.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  socket.on('heartbeat', (hb: Heartbeat) => heartbeats.push({ ...hb, receivedAt: Date.now() }));
  const hub: TestHub = {
    socket,
    items,
    batchSizes,
    heartbeats,
    ack: (upTo) => void socket.emit('ack', { upTo }),
    waitForItems: (n, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (items.length >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${n} items (have ${items.length})`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      }),
    close: () => void socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(hub));
    socket.once('connect_error', (err: Error) => {
      socket.close();
      reject(err);
    });
  });
}
