/**
 * The feed registry on a real hub (PGlite store, engine, connectors) and a
 * socket.io test feed: tokens at rest, in the log and in the logs.
 */
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { User } from '@shared/domain/roles';
import type { FeedAdminResult } from '@shared/protocol/feedAdmin';
import { startHub, type Hub } from '../hub';
import { startTestFeed, type TestFeed } from '../testing/testFeed';
import { KEY_FILE } from './secretBox';

const TOKEN = 'agency-token-5f1e9c77-Kx2';
const ADMIN: User = { name: 'admin', displayName: '系统管理员', role: 'admin' };
const OPERATOR: User = { name: 'operator', displayName: '值班员', role: 'operator' };

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A logger at debug level whose every line the test can read. */
function capturingLog(): { log: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }), lines };
}

async function hubAt(dataDir: string, log: pino.Logger): Promise<Hub> {
  const hub = await startHub({ dataDir, port: 0 }, { log });
  let closed = false;
  cleanup.push(async () => {
    if (!closed) await hub.close();
  });
  const close = hub.close.bind(hub);
  hub.close = async () => {
    closed = true;
    await close();
  };
  return hub;
}

async function feed(token = TOKEN): Promise<TestFeed> {
  const f = await startTestFeed(token);
  cleanup.push(() => f.close());
  return f;
}

/** Every byte of every file under `dir`. */
function allBytes(dir: string): Buffer {
  const out: Buffer[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p));
    }
  };
  walk(dir);
  return Buffer.concat(out);
}

const settings = (url: string) => ({ id: 'river', name: { zh: '松花江水文站', en: 'Songhua gauges' }, domain: 'ecology' as const, url, maxRate: 100 });

// Each test starts one or two real hubs; PGlite's first start in a new folder takes tens of seconds on a loaded machine.
describe('FeedRegistry', { timeout: 240_000 }, () => {
  it('stores the token sealed, never in the table, the log, the data folder or the hub logs, and restores the feed on restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lw-feeds-'));
    const { log, lines } = capturingLog();
    const agency = await feed();
    let hub = await hubAt(dataDir, log);

    const added = await hub.feeds.handle(ADMIN, { op: 'add', feed: settings(agency.url), token: TOKEN });
    expect(added).toMatchObject({ ok: true });
    const view = (added as Extract<FeedAdminResult, { ok: true }>).feeds.find((f) => f.id === 'river');
    expect(view).toMatchObject({ origin: 'hub', token: { set: true, last4: TOKEN.slice(-4) }, updatedBy: 'admin' });
    expect(JSON.stringify(added)).not.toContain(TOKEN);

    // The connector started live with the token.
    await agency.waitForConnection();
    expect(agency.handshakes.at(-1)).toMatchObject({ token: TOKEN, after: 0 });

    const events = await hub.store.readEvents(0, 100);
    const configured = events.find((e) => e.type === 'source.configured');
    expect(configured).toMatchObject({ actor: 'user:admin', body: { feed: 'river', change: 'added', tokenChanged: true } });
    expect(JSON.stringify(events)).not.toContain(TOKEN);
    await hub.close();

    // At rest: the raw row, the key file, and every file of the data folder.
    const db = await PGlite.create(dataDir);
    const rows = (await db.query<Record<string, unknown>>('SELECT * FROM feeds')).rows;
    await db.close();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(TOKEN);
    expect(String(rows[0]!['token_sealed'])).toMatch(/^v1:/);
    const key = readFileSync(join(dataDir, KEY_FILE), 'utf8');
    expect(key).not.toContain(TOKEN);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
    const bytes = allBytes(dataDir);
    expect(bytes.includes(Buffer.from(TOKEN, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(TOKEN.slice(4, 20), 'utf8'))).toBe(false);
    expect(lines.join('')).not.toContain(TOKEN);

    // Restart: the feed comes back from the store and connects with the decrypted token.
    const before = agency.handshakes.length;
    hub = await hubAt(dataDir, log);
    expect(hub.feeds.list().map((f) => f.id)).toEqual(['river']);
    await agency.waitForConnection();
    await expect.poll(() => agency.handshakes.length).toBeGreaterThan(before);
    expect(agency.handshakes.at(-1)).toMatchObject({ token: TOKEN });
  });

  it('refuses non-admins, invalid input, duplicates and unknown feeds as values, appending nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lw-feeds-'));
    const hub = await hubAt(dataDir, capturingLog().log);
    const head = hub.engine.state.seq;
    expect(await hub.feeds.handle(OPERATOR, { op: 'list' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await hub.feeds.handle(OPERATOR, { op: 'add', feed: settings('http://127.0.0.1:9'), token: TOKEN })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await hub.feeds.handle(ADMIN, { op: 'add', feed: { ...settings('ftp://x'), id: 'River' }, token: TOKEN })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await hub.feeds.handle(ADMIN, { op: 'add', feed: settings('http://user:pw@127.0.0.1:9'), token: TOKEN })).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('no user name or password') });
    expect(await hub.feeds.handle(ADMIN, { op: 'add', feed: settings('http://127.0.0.1:9'), token: 'short' })).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('at least 8') });
    expect(await hub.feeds.handle(ADMIN, { op: 'remove', id: 'nothere' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await hub.feeds.handle(ADMIN, { op: 'edit', feed: settings('http://127.0.0.1:9') })).toMatchObject({ ok: false, code: 'not-found' });
    expect(hub.engine.state.seq).toBe(head);
    expect(await hub.feeds.handle(ADMIN, { op: 'add', feed: settings('http://127.0.0.1:9'), token: TOKEN })).toMatchObject({ ok: true });
    expect(await hub.feeds.handle(ADMIN, { op: 'add', feed: settings('http://127.0.0.1:9'), token: TOKEN })).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('keeps config-file feeds read-only and shows only a hint of their token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lw-feeds-'));
    const agency = await feed();
    const hub = await startHub(
      { dataDir, port: 0, feeds: [{ id: 'traffic', name: { zh: '交通', en: 'Traffic' }, domain: 'traffic', url: agency.url, token: TOKEN }] },
      { log: capturingLog().log },
    );
    cleanup.push(() => hub.close());
    expect(hub.feeds.list()).toEqual([expect.objectContaining({ id: 'traffic', origin: 'config', token: { set: true, last4: TOKEN.slice(-4) } })]);
    expect(await hub.feeds.handle(ADMIN, { op: 'remove', id: 'traffic' })).toMatchObject({ ok: false, code: 'read-only' });
    expect(await hub.feeds.handle(ADMIN, { op: 'edit', feed: { ...settings(agency.url), id: 'traffic' } })).toMatchObject({ ok: false, code: 'read-only' });
    expect(await hub.feeds.handle(ADMIN, { op: 'add', feed: { ...settings(agency.url), id: 'traffic' }, token: TOKEN })).toMatchObject({ ok: false, code: 'conflict' });
    // "Test" with the stored token: the hub uses it; the answer does not carry it.
    const tested = await hub.feeds.handle(ADMIN, { op: 'test', url: agency.url, id: 'traffic' });
    expect(tested).toMatchObject({ ok: true, test: { outcome: 'reachable' } });
    expect(JSON.stringify(tested)).not.toContain(TOKEN);
  });

  it('lists a feed whose token this hub cannot decrypt with the reason, and leaves it off', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lw-feeds-'));
    const agency = await feed();
    const first = await hubAt(dataDir, capturingLog().log);
    expect(await first.feeds.handle(ADMIN, { op: 'add', feed: settings(agency.url), token: TOKEN })).toMatchObject({ ok: true });
    await first.close();
    // Another hub's key file: the sealed token does not open.
    const { rmSync } = await import('node:fs');
    rmSync(join(dataDir, KEY_FILE));
    const hub = await hubAt(dataDir, capturingLog().log);
    expect(hub.feeds.list()).toEqual([expect.objectContaining({ id: 'river', token: { set: false }, problem: expect.stringContaining('enter the token again') })]);
    expect(hub.connectors.map((c) => c.feed.id)).toEqual([]);
    // Entering the token again brings it back.
    expect(await hub.feeds.handle(ADMIN, { op: 'edit', feed: settings(agency.url), token: TOKEN })).toMatchObject({ ok: true });
    expect(hub.connectors.map((c) => c.feed.id)).toEqual(['river']);
  });
});
