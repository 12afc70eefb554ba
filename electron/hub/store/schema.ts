/**
 * The hub's tables. Plain SQL that runs on PGlite and PostgreSQL alike.
 *
 * `events.body` is TEXT, not JSONB: the hash chain covers the body exactly as
 * it was written (see shared/domain/chain.ts), and JSONB would reorder keys.
 * Query a body with `body::jsonb` where needed.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  seq BIGINT PRIMARY KEY,
  time BIGINT NOT NULL,
  actor TEXT NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  prev TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- Rows stay uncompressed up to a page (8160 bytes): past the default ~2 KB, Postgres compresses
-- each body with pglz on insert and decompresses it on every read, and ~40% of alert bodies
-- (1.8 KB on average, up to 3.6 KB) were past it. Measured (hub README "Numbers"): COPY
-- 27–36 µs a row instead of 39–47, reads 15–18 instead of 19–22; the table takes ~50% more
-- disk. A storage parameter: stored text, hashes and queries are the same; older rows keep theirs.
ALTER TABLE events SET (toast_tuple_target = 8160);
CREATE TABLE IF NOT EXISTS feed_cursors (
  feed TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  updated BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS commands (
  id TEXT PRIMARY KEY,
  user_name TEXT NOT NULL,
  result TEXT NOT NULL,
  time BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  agency TEXT,
  password_hash TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  created BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  desk TEXT,
  created BIGINT NOT NULL,
  expires BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS quarantine (
  id BIGINT PRIMARY KEY,
  time BIGINT NOT NULL,
  feed TEXT NOT NULL,
  feed_seq BIGINT,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  raw_bytes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quarantine_feed ON quarantine (feed, id);
CREATE TABLE IF NOT EXISTS feeds (
  id TEXT PRIMARY KEY,
  settings TEXT NOT NULL,
  token_sealed TEXT NOT NULL,
  updated BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
  seq BIGINT PRIMARY KEY,
  time BIGINT NOT NULL,
  state TEXT NOT NULL
);
`;
