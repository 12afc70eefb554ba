/**
 * The embedded store: PGlite (Postgres compiled to WebAssembly) in a data
 * folder. One transaction per append. Events go in with `COPY … FROM` a
 * file in PGlite's in-memory file system (or PGlite's `/dev/blob`, its
 * stand-in for `COPY FROM STDIN`; same text format, see `insertEvents`):
 * measured with real 1.5 KB alert events, ~100 µs of CPU per row against
 * ~125–180 µs for one `json_to_recordset` statement (hub/README "Numbers").
 * The few other rows travel as one JSON parameter through `json_to_recordset`,
 * portable to PostgreSQL as it is.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { ChainHead } from '@shared/domain/chain';
import { EMPTY_HEAD } from '@shared/domain/chain';
import type { DomainEvent } from '@shared/domain/events';
import type { User } from '@shared/domain/roles';
import type { CommandResult } from '@shared/protocol/commands';
import { lockDataDir, type DataDirLock } from './dataDirLock';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema';
import type { CommandWrite, IngestWrite, QuarantineRow, Session, Store, StoredFeedRow, StoredUser } from './store';

type Db = PGlite | Transaction;

const copyEventsFrom = (path: string): string => `COPY events (seq, time, actor, type, body, prev, hash) FROM '${path}'`;

const INSERT_QUARANTINE = `INSERT INTO quarantine (id, time, feed, feed_seq, reason, raw, raw_bytes)
  SELECT id, time, feed, feed_seq, reason, raw, raw_bytes FROM json_to_recordset($1::json)
  AS x(id bigint, time bigint, feed text, feed_seq bigint, reason text, raw text, raw_bytes integer)`;

const UPSERT_CURSORS = `INSERT INTO feed_cursors (feed, last_seq, updated)
  SELECT feed, last_seq, updated FROM json_to_recordset($1::json) AS x(feed text, last_seq bigint, updated bigint)
  ON CONFLICT (feed) DO UPDATE SET last_seq = EXCLUDED.last_seq, updated = EXCLUDED.updated`;

const COPY_SPECIAL = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value in COPY's text format (PostgreSQL docs, COPY "Text Format"): backslash, newline, CR and tab escaped. */
function copyText(value: string): string {
  return value.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]!);
}

/**
 * `copyText` of `JSON.stringify`'s output: JSON text holds no raw newline,
 * CR or tab (they are escaped inside strings), so only backslashes are
 * doubled, and most bodies have none (a regex replace per body cost ~3% of
 * the hub's main thread under the client bench's live load).
 */
function copyJsonText(json: string): string {
  return json.indexOf('\\') < 0 ? json : json.replace(/\\/g, '\\\\');
}

/** A hash in the chain is 64 hex digits, which COPY takes as they are; anything else is escaped. */
const HEX = /^[0-9a-f]*$/;
const copyHash = (hash: string): string => (HEX.test(hash) ? hash : copyText(hash));

/**
 * An event as the events table holds it, its body as text: what crosses to
 * the store's thread (`threadStore.ts`) instead of the event's objects,
 * which a structured clone would copy field by field.
 */
export type EventRecord = readonly [seq: number, time: number, actor: string, type: string, body: string, prev: string, hash: string];

/**
 * Events as records; the body exactly as the chain hashed it
 * (`JSON.stringify`): `bodies[i]` when the caller kept that text, else
 * stringified here.
 */
export function eventRecords(events: readonly DomainEvent[], bodies?: readonly string[]): EventRecord[] {
  const records: EventRecord[] = new Array<EventRecord>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    records[i] = [e.seq, e.time, e.actor, e.type, bodies?.[i] ?? JSON.stringify(e.body), e.prev, e.hash];
  }
  return records;
}

/** The event of a record (its body parsed). */
export function eventOfRecord(r: EventRecord): DomainEvent {
  return { seq: r[0], time: r[1], actor: r[2], type: r[3], body: JSON.parse(r[4]), prev: r[5], hash: r[6] } as DomainEvent;
}

/** Events read back as records: the events, and each body's stored text index for index (`Store.readEventsWithText`). */
export function eventsWithText(records: readonly EventRecord[]): { events: DomainEvent[]; bodies: string[] } {
  return { events: records.map(eventOfRecord), bodies: records.map((r) => r[4]) };
}

/** Records as COPY text rows. */
export function eventCopyRows(records: readonly EventRecord[]): string {
  let text = '';
  for (const [seq, time, actor, type, body, prev, hash] of records) {
    text += `${seq}\t${time}\t${copyText(actor)}\t${copyText(type)}\t${copyJsonText(body)}\t${copyHash(prev)}\t${copyHash(hash)}\n`;
  }
  return text;
}

/** The part of PGlite's Emscripten file system the COPY file needs (`PGlite.Module.FS`). */
interface CopyFs {
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
}

/** Where the rows of one COPY wait in PGlite's in-memory file system (a transaction at a time: the engine is the one writer). */
const COPY_FILE = '/tmp/longwatch-events.copy';

/**
 * Events into the table by COPY. The rows go through a file in PGlite's
 * own (in-memory) file system when it exposes one: PGlite's `/dev/blob`
 * device copies what Postgres reads byte by byte in JavaScript, ~5% of the
 * hub's main thread under the client bench's live load; the file system
 * copies typed arrays whole (~10% less CPU per 1.2 KB row in the same
 * process, alternated). The file only carries the rows into the
 * transaction; it is removed whatever the COPY did.
 */
async function insertEvents(db: Db, records: readonly EventRecord[], fs: CopyFs | undefined): Promise<void> {
  if (records.length === 0) return;
  const rows = eventCopyRows(records);
  if (!fs) {
    await db.query(copyEventsFrom('/dev/blob'), [], { blob: new Blob([rows]) });
    return;
  }
  fs.writeFile(COPY_FILE, Buffer.from(rows, 'utf8'));
  try {
    await db.query(copyEventsFrom(COPY_FILE));
  } finally {
    fs.unlink(COPY_FILE);
  }
}

/** PGlite's Emscripten file system, if this build exposes one with a /tmp. */
function copyFsOf(db: PGlite): CopyFs | undefined {
  try {
    const fs = (db as unknown as { Module?: { FS?: CopyFs & { analyzePath(path: string): { exists: boolean } } } }).Module?.FS;
    return fs && typeof fs.writeFile === 'function' && typeof fs.unlink === 'function' && fs.analyzePath('/tmp').exists ? fs : undefined;
  } catch {
    return undefined;
  }
}

export class PgliteStore implements Store {
  private readonly copyFs: CopyFs | undefined;

  private constructor(
    private readonly db: PGlite,
    private readonly lock: DataDirLock,
  ) {
    this.copyFs = copyFsOf(db);
  }

  static async open(dataDir: string): Promise<PgliteStore> {
    mkdirSync(dataDir, { recursive: true });
    const lock = lockDataDir(dataDir);
    let db: PGlite;
    try {
      db = await PGlite.create(dataDir);
    } catch (e) {
      lock.release();
      throw new Error(`cannot open the database in ${dataDir}: ${e instanceof Error ? e.message : String(e)}`);
    }
    await db.exec(SCHEMA_SQL);
    const version = await db.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema'`);
    if (version.rows.length === 0) {
      await db.query(`INSERT INTO meta (key, value) VALUES ('schema', $1)`, [String(SCHEMA_VERSION)]);
    } else if (Number(version.rows[0]!.value) > SCHEMA_VERSION) {
      await db.close();
      lock.release();
      throw new Error(`${dataDir} holds schema ${version.rows[0]!.value}; this hub knows up to ${SCHEMA_VERSION}. Use a newer hub.`);
    }
    return new PgliteStore(db, lock);
  }

  async head(): Promise<ChainHead> {
    const r = await this.db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
    return r.rows[0] ? { seq: Number(r.rows[0].seq), hash: r.rows[0].hash } : EMPTY_HEAD;
  }

  async appendIngest(write: IngestWrite): Promise<void> {
    await this.appendIngestRecords(eventRecords(write.events, write.bodies), write.quarantine, write.cursors);
  }

  /** `appendIngest` with the events as records. */
  async appendIngestRecords(records: readonly EventRecord[], quarantine: readonly QuarantineRow[], cursors: IngestWrite['cursors']): Promise<void> {
    await this.db.transaction(async (tx) => {
      await insertEvents(tx, records, this.copyFs);
      if (quarantine.length > 0) {
        await tx.query(INSERT_QUARANTINE, [
          JSON.stringify(quarantine.map((q) => ({ id: q.id, time: q.time, feed: q.feed, feed_seq: q.feedSeq, reason: q.reason, raw: q.raw, raw_bytes: q.rawBytes }))),
        ]);
      }
      const updated = Date.now();
      await tx.query(UPSERT_CURSORS, [JSON.stringify(cursors.map((c) => ({ feed: c.feed, last_seq: c.lastSeq, updated })))]);
    });
  }

  async appendCommand(write: CommandWrite): Promise<void> {
    await this.appendCommandRecords(eventRecords(write.events), write.id, write.userName, write.result);
  }

  /** `appendCommand` with the events as records. */
  async appendCommandRecords(records: readonly EventRecord[], id: string, userName: string, result: CommandResult): Promise<void> {
    await this.db.transaction(async (tx) => {
      await insertEvents(tx, records, this.copyFs);
      await tx.query('INSERT INTO commands (id, user_name, result, time) VALUES ($1, $2, $3, $4)', [id, userName, JSON.stringify(result), Date.now()]);
    });
  }

  async appendEvents(events: DomainEvent[]): Promise<void> {
    await this.appendEventRecords(eventRecords(events));
  }

  /** `appendEvents` with the events as records. */
  async appendEventRecords(records: readonly EventRecord[]): Promise<void> {
    await insertEvents(this.db, records, this.copyFs);
  }

  async readEvents(after: number, limit: number): Promise<DomainEvent[]> {
    return (await this.readEventsWithText(after, limit)).events;
  }

  async readEventsWithText(after: number, limit: number): Promise<{ events: DomainEvent[]; bodies: string[] }> {
    return eventsWithText(await this.readEventRecords(after, limit));
  }

  /** Up to `limit` events with seq > `after`, in order, as records (bodies as stored). */
  async readEventRecords(after: number, limit: number): Promise<EventRecord[]> {
    const r = await this.db.query<{ seq: number; time: number; actor: string; type: string; body: string; prev: string; hash: string }>(
      'SELECT seq, time, actor, type, body, prev, hash FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, limit],
    );
    return r.rows.map((row) => [Number(row.seq), Number(row.time), row.actor, row.type, row.body, row.prev, row.hash] as const);
  }

  async feedCursors(): Promise<Map<string, number>> {
    const r = await this.db.query<{ feed: string; last_seq: number }>('SELECT feed, last_seq FROM feed_cursors');
    return new Map(r.rows.map((row) => [row.feed, Number(row.last_seq)]));
  }

  async commandResult(id: string): Promise<{ userName: string; result: CommandResult } | null> {
    const r = await this.db.query<{ user_name: string; result: string }>('SELECT user_name, result FROM commands WHERE id = $1', [id]);
    const row = r.rows[0];
    return row ? { userName: row.user_name, result: JSON.parse(row.result) as CommandResult } : null;
  }

  async maxQuarantineId(): Promise<number> {
    const r = await this.db.query<{ max: number | null }>('SELECT MAX(id) AS max FROM quarantine');
    return Number(r.rows[0]?.max ?? 0);
  }

  async listQuarantine(limit: number, feed?: string): Promise<QuarantineRow[]> {
    const r = await this.db.query<{ id: number; time: number; feed: string; feed_seq: number | null; reason: string; raw: string; raw_bytes: number }>(
      feed === undefined
        ? 'SELECT * FROM quarantine ORDER BY id DESC LIMIT $1'
        : 'SELECT * FROM quarantine WHERE feed = $2 ORDER BY id DESC LIMIT $1',
      feed === undefined ? [limit] : [limit, feed],
    );
    return r.rows.map((q) => ({ id: Number(q.id), time: Number(q.time), feed: q.feed, feedSeq: q.feed_seq === null ? null : Number(q.feed_seq), reason: q.reason, raw: q.raw, rawBytes: q.raw_bytes }));
  }

  private static userOf(row: { name: string; display_name: string; role: string; agency: string | null; password_hash: string; disabled: boolean }): StoredUser {
    return {
      name: row.name,
      displayName: row.display_name,
      role: row.role as User['role'],
      ...(row.agency ? { agency: row.agency as NonNullable<User['agency']> } : {}),
      passwordHash: row.password_hash,
      disabled: row.disabled,
    };
  }

  async getUser(name: string): Promise<StoredUser | null> {
    const r = await this.db.query<Parameters<typeof PgliteStore.userOf>[0]>('SELECT * FROM users WHERE name = $1', [name]);
    return r.rows[0] ? PgliteStore.userOf(r.rows[0]) : null;
  }

  async listUsers(): Promise<StoredUser[]> {
    const r = await this.db.query<Parameters<typeof PgliteStore.userOf>[0]>('SELECT * FROM users ORDER BY role, agency, name');
    return r.rows.map((row) => PgliteStore.userOf(row));
  }

  async putUser(user: User, passwordHash: string): Promise<void> {
    await this.db.query(
      `INSERT INTO users (name, display_name, role, agency, password_hash, created) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (name) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role, agency = EXCLUDED.agency, password_hash = EXCLUDED.password_hash`,
      [user.name, user.displayName, user.role, user.agency ?? null, passwordHash, Date.now()],
    );
  }

  async setPassword(name: string, passwordHash: string): Promise<boolean> {
    const r = await this.db.query('UPDATE users SET password_hash = $2 WHERE name = $1', [name, passwordHash]);
    if ((r.affectedRows ?? 0) > 0) await this.db.query('DELETE FROM sessions WHERE user_name = $1', [name]);
    return (r.affectedRows ?? 0) > 0;
  }

  async createSession(tokenHash: string, userName: string, desk: string | undefined, expires: number): Promise<void> {
    await this.db.query('INSERT INTO sessions (token_hash, user_name, desk, created, expires) VALUES ($1, $2, $3, $4, $5)', [tokenHash, userName, desk ?? null, Date.now(), expires]);
  }

  async sessionOf(tokenHash: string, now: number): Promise<Session | null> {
    const r = await this.db.query<Parameters<typeof PgliteStore.userOf>[0] & { desk: string | null; expires: number }>(
      `SELECT u.*, s.desk, s.expires FROM sessions s JOIN users u ON u.name = s.user_name
       WHERE s.token_hash = $1 AND s.expires > $2 AND NOT u.disabled`,
      [tokenHash, now],
    );
    const row = r.rows[0];
    if (!row) return null;
    const { passwordHash: _hash, disabled: _disabled, ...user } = PgliteStore.userOf(row);
    return { user, ...(row.desk ? { desk: row.desk } : {}), expires: Number(row.expires) };
  }

  async listFeeds(): Promise<StoredFeedRow[]> {
    const r = await this.db.query<{ id: string; settings: string; token_sealed: string; updated: number; updated_by: string }>('SELECT * FROM feeds ORDER BY id');
    return r.rows.map((row) => ({ id: row.id, settings: row.settings, tokenSealed: row.token_sealed, updated: Number(row.updated), updatedBy: row.updated_by }));
  }

  async putFeed(row: StoredFeedRow): Promise<void> {
    await this.db.query(
      `INSERT INTO feeds (id, settings, token_sealed, updated, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, token_sealed = EXCLUDED.token_sealed, updated = EXCLUDED.updated, updated_by = EXCLUDED.updated_by`,
      [row.id, row.settings, row.tokenSealed, row.updated, row.updatedBy],
    );
  }

  async deleteFeed(id: string): Promise<boolean> {
    const r = await this.db.query('DELETE FROM feeds WHERE id = $1', [id]);
    return (r.affectedRows ?? 0) > 0;
  }

  async latestSnapshot(): Promise<{ seq: number; state: string } | null> {
    const r = await this.db.query<{ seq: number; state: string }>('SELECT seq, state FROM snapshots ORDER BY seq DESC LIMIT 1');
    return r.rows[0] ? { seq: Number(r.rows[0].seq), state: r.rows[0].state } : null;
  }

  async saveSnapshot(seq: number, time: number, state: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO snapshots (seq, time, state) VALUES ($1, $2, $3) ON CONFLICT (seq) DO NOTHING', [seq, time, state]);
      // Two are enough: the newest, and one to fall back on.
      await tx.query('DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT 2)');
    });
  }

  async close(): Promise<void> {
    await this.db.close();
    this.lock.release();
  }
}
