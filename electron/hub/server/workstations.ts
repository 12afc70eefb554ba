/**
 * The workstation side of the hub (DESIGN §4):
 * - namespace `/login`: `login {protocol, user, password, desk}` → a session token;
 * - namespace `/`: only sockets with a valid session token; `sync {after}`
 *   streams the log after `after` in ordered batches, then live events, each
 *   projected for what the user may see; `command` runs through the engine;
 *   `presence` and `sources` are broadcast.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import type { DomainEvent } from '@shared/domain/events';
import type { User } from '@shared/domain/roles';
import { projectEvent } from '@shared/domain/visibility';
import type { State } from '@shared/domain/state';
import { checkProtocol, WIRE_LIMITS } from '@shared/protocol/version';
import { loginRequestSchema, syncSchema, WORKSTATION_EVENTS, workstationAuthSchema, type LoginResponse, type Presence, type Sources } from '@shared/protocol/workstation';
import type { CommandResult } from '@shared/protocol/commands';
import type { HubEngine } from '../engine';
import type { Logger } from '../log';
import { newSessionToken, tokenHash, verifyPassword } from '../auth/passwords';
import type { SlaConfig } from '@shared/domain/sla';
import type { Store } from '../store/store';
import { encodeBatch, eventJson } from './eventsEncoding';

interface SocketData {
  user: User;
  desk?: string;
  since: number;
  /** Set once the backlog is sent: live events after `cursor` go out as they are appended. */
  live: boolean;
  cursor: number;
}

const dataOf = (socket: Socket): SocketData => socket.data as SocketData;

/** What engine.io and ws hold of a socket's output (not public API: read defensively). */
interface Outgoing {
  writeBuffer?: unknown[];
  transport?: { socket?: { bufferedAmount?: number } };
}

/** Bytes (about) emitted to `socket` that have not reached the kernel yet. */
function queuedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as Outgoing;
  let n = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const p of conn.writeBuffer ?? []) {
    const data = (p as { data?: unknown }).data;
    n += typeof data === 'string' ? data.length : 1024;
  }
  return n;
}

/** Turns the event loop once, then waits while more than SYNC_QUEUED_BYTES wait for the socket (or it closed). */
async function roomToSend(socket: Socket): Promise<void> {
  await new Promise((r) => setImmediate(r));
  while (socket.connected && queuedBytes(socket) > SYNC_QUEUED_BYTES) await new Promise((r) => setTimeout(r, SYNC_ROOM_POLL_MS));
}

/** Users who see the same projection of the log: `canSee` reads the role and the agency only. */
const visibilityClass = (user: User): string => `${user.role}|${user.agency ?? ''}`;

const SYNC_PAGE = 1000;
/**
 * A sync reads the next page while no more than this many bytes of earlier
 * pages wait in the hub's process for the socket (engine.io's buffer and
 * the WebSocket's): the kernel's and the browser's buffers hold the pages in
 * flight, so the workstation folds page k while the hub reads and encodes
 * k+1, and a slow workstation does not make the hub read the whole log
 * into memory ahead of it.
 */
const SYNC_QUEUED_BYTES = 2 * 1024 * 1024;
/** How often a sync waiting for room looks again (ms). */
const SYNC_ROOM_POLL_MS = 4;
/** Failed logins per user name before a short lock-out (guessing a password over the wire). */
const MAX_FAILED_LOGINS = 10;
const LOCKOUT_MS = 60_000;

export interface WorkstationServerOptions {
  sessionHours: number;
  log: Logger;
  sources: () => Sources;
  /** Sent with every sign-in: workstations count SLA timers with the hub's deadlines. */
  sla: SlaConfig;
}

/**
 * Events read or appended together, as the sockets are sent them: their
 * bodies' sealed text (`bodies[i]`, when known), each event's JSON once made
 * (`texts[i]`, shared by every visibility class that sees it unchanged), and
 * the state they are projected against.
 */
interface Append {
  readonly events: readonly DomainEvent[];
  readonly bodies: readonly string[] | undefined;
  readonly texts: Array<string | undefined>;
  readonly state: State;
}

export class WorkstationServer {
  private readonly main: Namespace;
  private readonly failures = new Map<string, { count: number; until: number }>();
  private sourcesTimer: NodeJS.Timeout;

  constructor(
    io: Server,
    private readonly engine: HubEngine,
    private readonly store: Store,
    private readonly options: WorkstationServerOptions,
  ) {
    io.of('/login').on('connection', (socket) => {
      socket.on('login', (raw: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        void this.login(raw).then((r) => (ack as (r: LoginResponse) => void)(r));
      });
    });

    this.main = io.of('/');
    this.main.use((socket, next) => {
      const auth = workstationAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return next(new Error('unauthorized: send {protocol, token} in the handshake'));
      const compat = checkProtocol(auth.data.protocol);
      if (!compat.ok) return next(new Error(compat.message));
      this.store.sessionOf(tokenHash(auth.data.token), Date.now()).then(
        (session) => {
          if (!session) return next(new Error('unauthorized: session unknown or expired; sign in again'));
          Object.assign(socket.data, { user: session.user, desk: session.desk, since: Date.now(), live: false, cursor: 0 });
          next();
        },
        (e: unknown) => next(new Error(`unavailable: ${e instanceof Error ? e.message : String(e)}`)),
      );
    });
    this.main.on('connection', (socket) => this.onConnection(socket));
    engine.onDidAppend((events, state, bodies) => this.broadcast(events, state, bodies));
    this.sourcesTimer = setInterval(() => this.main.emit(WORKSTATION_EVENTS.sources, this.options.sources()), 2000);
  }

  private async login(raw: unknown): Promise<LoginResponse> {
    const req = loginRequestSchema.safeParse(raw);
    if (!req.success) return { ok: false, code: 'invalid', message: 'login needs {protocol, user, password}' };
    const compat = checkProtocol(req.data.protocol);
    if (!compat.ok) return { ok: false, code: 'incompatible', message: compat.message };
    const name = req.data.user.trim().toLowerCase();
    const f = this.failures.get(name);
    if (f && f.until > Date.now()) return { ok: false, code: 'invalid-credentials', message: 'too many failed sign-ins; wait a minute' };
    const stored = await this.store.getUser(name);
    const valid = stored !== null && !stored.disabled && (await verifyPassword(req.data.password, stored.passwordHash));
    if (!valid || !stored) {
      const count = (f?.count ?? 0) + 1;
      this.failures.set(name, { count, until: count >= MAX_FAILED_LOGINS ? Date.now() + LOCKOUT_MS : 0 });
      this.options.log.warn({ user: name }, 'failed sign-in');
      return { ok: false, code: 'invalid-credentials', message: 'user name or password is wrong' };
    }
    this.failures.delete(name);
    const { token, hash } = newSessionToken();
    await this.store.createSession(hash, stored.name, req.data.desk, Date.now() + this.options.sessionHours * 3_600_000);
    const { passwordHash: _h, disabled: _d, ...user } = stored;
    this.options.log.info({ user: user.name, role: user.role, desk: req.data.desk }, 'signed in');
    return { ok: true, token, user, sla: this.options.sla, directory: await this.directory() };
  }

  /** Every account, without its password hash (the login response's `directory`). */
  private async directory(): Promise<User[]> {
    const users = await this.store.listUsers();
    if (users.length > WIRE_LIMITS.directory) this.options.log.warn({ users: users.length, sent: WIRE_LIMITS.directory }, 'more accounts than a directory holds: the rest show by login name');
    return users.slice(0, WIRE_LIMITS.directory).map(({ passwordHash: _h, disabled: _d, ...u }) => u);
  }

  private onConnection(socket: Socket): void {
    this.broadcastPresence();
    socket.emit(WORKSTATION_EVENTS.sources, this.options.sources());
    socket.on(WORKSTATION_EVENTS.sync, ((raw: unknown) => {
      const sync = syncSchema.safeParse(raw);
      if (!sync.success) return;
      void this.sync(socket, sync.data.after).catch((e: unknown) => {
        this.options.log.error({ err: e, user: dataOf(socket).user.name }, 'sync failed');
        socket.disconnect();
      });
    }));
    socket.on(WORKSTATION_EVENTS.command, ((raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (r: CommandResult) => void;
      this.engine.runCommand(dataOf(socket).user, raw).then(reply, (e: unknown) => {
        this.options.log.error({ err: e }, 'command failed to persist');
        reply({ ok: false, code: 'unavailable', message: 'the hub could not store the command; it was not applied — try again' });
      });
    }));
    socket.on('disconnect', () => this.broadcastPresence());
  }

  /** Streams the log after `after`, then switches the socket to live events. */
  private async sync(socket: Socket, after: number): Promise<void> {
    dataOf(socket).live = false;
    let cursor = after;
    for (;;) {
      const head = this.engine.state.seq;
      if (cursor >= head) break;
      const { events: page, bodies } = await this.store.readEventsWithText(cursor, SYNC_PAGE);
      if (page.length === 0) break;
      cursor = page[page.length - 1]!.seq;
      const texts = this.projectAsText(dataOf(socket).user, { events: page, bodies, texts: [], state: this.engine.state }, 0, page.length);
      socket.emit(WORKSTATION_EVENTS.events, encodeBatch(texts, this.engine.state.seq, false));
      // Let the event loop write what was emitted before reading on: PGlite
      // answers within microtasks, so without this the whole log was read and
      // encoded in one task before the first byte left (the workstation idle
      // meanwhile, then the hub idle while it caught up).
      await roomToSend(socket);
      if (!socket.connected) return;
    }
    // Single-threaded from here to the flag: nothing can be appended in between.
    dataOf(socket).cursor = Math.max(cursor, this.engine.state.seq);
    dataOf(socket).live = true;
    socket.emit(WORKSTATION_EVENTS.events, { events: [], head: this.engine.state.seq, live: true });
  }

  /**
   * The JSON of each event of `append.events[from, to)` that `user` may see,
   * as projected: an event the projection leaves as it is is written from its
   * body's text (`bodies[i]`) and kept in `texts[i]` for the next visibility
   * class; a changed one is stringified.
   */
  private projectAsText(user: User, append: Append, from: number, to: number): string[] {
    const { events, bodies, texts, state } = append;
    const out: string[] = [];
    for (let i = from; i < to; i++) {
      const e = events[i]!;
      const p = projectEvent(user, e, state);
      if (!p) continue;
      if (p !== e) {
        out.push(JSON.stringify(p));
        continue;
      }
      const body = bodies?.[i];
      out.push((texts[i] ??= body !== undefined ? eventJson(e, body) : JSON.stringify(e)));
    }
    return out;
  }

  /**
   * Live events to every live socket, projected and encoded once per
   * visibility class: what a user may see depends on the role and the agency
   * only (`canSee`), so sockets of one class get the same batches, sent as one
   * socket.io broadcast (the adapter encodes a packet once for all its
   * sockets). A socket whose cursor is inside this append (it went live
   * during it) gets its own tail.
   */
  private broadcast(events: DomainEvent[], state: State, bodies?: readonly string[]): void {
    if (events.length === 0) return;
    // Each event's JSON, built once for every class that sees it unchanged.
    const append: Append = { events, bodies, texts: [], state };
    const first = events[0]!.seq;
    const last = events[events.length - 1]!.seq;
    const classes = new Map<string, { user: User; ids: string[] }>();
    for (const socket of this.main.sockets.values()) {
      const data = dataOf(socket);
      if (!data.live || data.cursor >= last) continue;
      if (data.cursor >= first) {
        this.emitLive([socket.id], data.user, append, data.cursor - first + 1);
      } else {
        const key = visibilityClass(data.user);
        const c = classes.get(key);
        if (c) c.ids.push(socket.id);
        else classes.set(key, { user: data.user, ids: [socket.id] });
      }
      data.cursor = last;
    }
    for (const { user, ids } of classes.values()) this.emitLive(ids, user, append, 0);
  }

  /** The append's events from index `from` on, in batches of at most `WIRE_LIMITS.eventsBatch`. */
  private emitLive(socketIds: string[], user: User, append: Append, from: number): void {
    const { events } = append;
    for (let i = from; i < events.length; i += WIRE_LIMITS.eventsBatch) {
      const visible = this.projectAsText(user, append, i, Math.min(i + WIRE_LIMITS.eventsBatch, events.length));
      if (visible.length === 0) continue;
      const batch = encodeBatch(visible, append.state.seq, true);
      if (socketIds.length === 1) this.main.sockets.get(socketIds[0]!)?.emit(WORKSTATION_EVENTS.events, batch);
      else this.main.to(socketIds).emit(WORKSTATION_EVENTS.events, batch);
    }
  }

  presence(): Presence {
    const users = [...this.main.sockets.values()].map((s) => {
      const d = dataOf(s);
      return { name: d.user.name, displayName: d.user.displayName, role: d.user.role, agency: d.user.agency, desk: d.desk, since: d.since };
    });
    return { users };
  }

  private broadcastPresence(): void {
    // After the current tick, so a disconnecting socket is gone from the list.
    setImmediate(() => this.main.emit(WORKSTATION_EVENTS.presence, this.presence()));
  }

  close(): void {
    clearInterval(this.sourcesTimer);
  }
}
