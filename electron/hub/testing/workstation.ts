/**
 * A workstation client for hub tests: the real socket.io client and the
 * real protocol, without the UI.
 */
import { io, type Socket } from 'socket.io-client';
import type { DomainEvent } from '@shared/domain/events';
import type { CommandResult } from '@shared/protocol/commands';
import { PROTOCOL } from '@shared/protocol/version';
import type { EventsBatch, LoginResponse } from '@shared/protocol/workstation';

export async function login(url: string, user: string, password: string): Promise<LoginResponse> {
  const socket = io(`${url}/login`, { transports: ['websocket'], forceNew: true });
  try {
    return (await socket.timeout(10_000).emitWithAck('login', { protocol: PROTOCOL, user, password, desk: '测试席位' })) as LoginResponse;
  } finally {
    socket.close();
  }
}

export interface Workstation {
  socket: Socket;
  events: DomainEvent[];
  live: boolean;
  /** Resolves when the workstation has seen an event with seq ≥ `seq` and is live. */
  waitFor(predicate: (events: DomainEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  command(type: string, body: unknown, id?: string): Promise<CommandResult>;
  close(): void;
}

let counter = 0;

export function connectWorkstation(url: string, token: string, after = 0): Promise<Workstation> {
  const socket = io(url, { transports: ['websocket'], auth: { protocol: PROTOCOL, token }, forceNew: true, reconnection: false });
  const ws: Workstation = {
    socket,
    events: [],
    live: false,
    waitFor: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = (): void => {
          if (ws.live && predicate(ws.events)) return resolve();
          if (Date.now() - started > timeoutMs) return reject(new Error(`condition not met within ${timeoutMs} ms (${ws.events.length} events, live ${ws.live})`));
          setTimeout(tick, 20);
        };
        tick();
      }),
    command: (type, body, id = `cmd-${Date.now()}-${++counter}`) => socket.timeout(10_000).emitWithAck('command', { id, type, body }) as Promise<CommandResult>,
    close: () => socket.close(),
  };
  socket.on('events', (batch: EventsBatch) => {
    ws.events.push(...batch.events);
    if (batch.live) ws.live = true;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.emit('sync', { after });
      resolve(ws);
    });
    socket.once('connect_error', (e) => reject(e));
  });
}
