/**
 * The hub's list of agency feeds and their live connectors (issue 9 §4).
 *
 * Two kinds of feed: those of the config file (read-only here: the file is
 * the center's deployment and wins on an id clash) and those admins add at
 * run time, stored in the hub's `feeds` table with the token sealed by
 * `SecretBox`. Each change is applied live — the feed's connector is
 * stopped, replaced or started without restarting the hub — and logged as a
 * `source.configured` / `source.removed` event by the admin (never the
 * token), so replay and audit show who changed which feed when.
 *
 * Changes run one at a time. Order per change: stop the old connector (its
 * in-flight batch still persists), write the row, append the event (queued
 * behind any batch being ingested, so the cursor is final), then start the
 * new connector, which resumes after that cursor. If the event cannot be
 * appended, the row and the old connector are put back. A feed id keeps its
 * cursor: a removed feed added again resumes where it stopped.
 */
import { draft } from '@shared/domain/events';
import { actorOf, authorizeAdmin, ADMIN_COMMAND_TYPES, type User } from '@shared/domain/roles';
import {
  adminCommandOf,
  feedAdminRequestSchema,
  feedSettingsSchema,
  tokenHint,
  type FeedAdminResult,
  type FeedSettings,
  type FeedTestResult,
  type FeedView,
} from '@shared/protocol/feedAdmin';
import { feedConfigSchema, type FeedConfig } from '../config';
import type { HubEngine } from '../engine';
import type { Logger } from '../log';
import type { Store, StoredFeedRow } from '../store/store';
import { testFeedConnection } from './feedTest';
import type { SecretBox } from './secretBox';

/** What the registry needs of a feed connector (electron/hub/feeds/feedConnector.ts). */
export interface LiveConnector {
  readonly feed: FeedConfig;
  start(): void;
  stop(): Promise<void>;
}

export interface FeedRegistryDeps<C extends LiveConnector = LiveConnector> {
  store: Store;
  engine: HubEngine;
  box: SecretBox;
  /** The config file's feeds (their connectors are already in `connectors`). */
  configFeeds: readonly FeedConfig[];
  /** The hub's live connector list (the `sources` stream reads it); edited in place. */
  connectors: C[];
  connectorOf: (feed: FeedConfig) => C;
  log: Logger;
  /** How long "test" waits for a feed, ms. */
  testTimeoutMs?: number;
  now?: () => number;
}

interface StoredFeed {
  settings: FeedSettings;
  /** Decrypted, in memory only; null when it cannot be opened. */
  token: string | null;
  problem?: string;
  updated: number;
  updatedBy: string;
}

type Failure = Extract<FeedAdminResult, { ok: false }>;
const refuse = (code: Failure['code'], message: string): Failure => ({ ok: false, code, message });

export class FeedRegistry<C extends LiveConnector = LiveConnector> {
  private readonly stored = new Map<string, StoredFeed>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Set once the hub has started its connectors: from then on changes start them here. */
  private live = false;
  private readonly now: () => number;

  private constructor(private readonly deps: FeedRegistryDeps<C>) {
    this.now = deps.now ?? Date.now;
  }

  /** Loads the stored feeds and adds a connector (not started) for each usable one. */
  static async open<C extends LiveConnector>(deps: FeedRegistryDeps<C>): Promise<FeedRegistry<C>> {
    const registry = new FeedRegistry<C>(deps);
    for (const row of await deps.store.listFeeds()) {
      const feed = registry.load(row);
      if (!feed) continue;
      if (deps.configFeeds.some((f) => f.id === row.id)) {
        deps.log.warn({ feed: row.id }, 'a stored feed has the id of a config-file feed; the config file wins');
        continue;
      }
      registry.stored.set(row.id, feed);
      if (feed.token !== null) deps.connectors.push(deps.connectorOf(registry.configOf(feed.settings, feed.token)));
    }
    return registry;
  }

  /** The hub has started every connector so far; later changes start their own. */
  markLive(): void {
    this.live = true;
  }

  private load(row: StoredFeedRow): StoredFeed | null {
    let settings: FeedSettings;
    try {
      settings = feedSettingsSchema.parse(JSON.parse(row.settings));
    } catch (e) {
      this.deps.log.error({ feed: row.id, err: e }, 'a stored feed is unreadable; skipped');
      return null;
    }
    const opened = this.deps.box.open(row.tokenSealed, row.id);
    if (!opened.ok) this.deps.log.error({ feed: row.id, reason: opened.error }, 'a stored feed token cannot be decrypted; the feed stays off until its token is entered again');
    return { settings, token: opened.ok ? opened.value : null, ...(opened.ok ? {} : { problem: opened.error }), updated: row.updated, updatedBy: row.updatedBy };
  }

  private configOf(settings: FeedSettings, token: string): FeedConfig {
    return feedConfigSchema.parse({ ...settings, token });
  }

  /** Every feed, config file first, without tokens. */
  list(): FeedView[] {
    const fromConfig = this.deps.configFeeds.map(
      (f): FeedView => ({ id: f.id, name: f.name, domain: f.domain, url: f.url, maxRate: f.maxRate, origin: 'config', token: tokenHint(f.token) }),
    );
    const fromHub = [...this.stored.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([, f]): FeedView => ({
          ...f.settings,
          origin: 'hub',
          token: f.token === null ? { set: false } : tokenHint(f.token),
          ...(f.problem ? { problem: f.problem } : {}),
          updatedAt: f.updated,
          updatedBy: f.updatedBy,
        }),
      );
    return [...fromConfig, ...fromHub];
  }

  /** One admin request from a workstation: checked by role, validated, applied. Never throws. */
  handle(user: User, raw: unknown): Promise<FeedAdminResult> {
    // A role without any admin command learns nothing more than that, whatever it sent.
    if (!ADMIN_COMMAND_TYPES.some((c) => authorizeAdmin(user, c))) return Promise.resolve(refuse('forbidden', 'only an administrator may manage the agency feeds'));
    const parsed = feedAdminRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Promise.resolve(refuse('invalid', issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'malformed request'));
    }
    const request = parsed.data;
    if (!authorizeAdmin(user, adminCommandOf(request.op))) return Promise.resolve(refuse('forbidden', 'only an administrator may manage the agency feeds'));
    const run = async (): Promise<FeedAdminResult> => {
      try {
        switch (request.op) {
          case 'list':
            return { ok: true, feeds: this.list() };
          case 'test':
            return await this.test(request.url, request.token, request.id);
          case 'add':
            return await this.add(user, request.feed, request.token);
          case 'edit':
            return await this.edit(user, request.feed, request.token);
          case 'remove':
            return await this.remove(user, request.id);
        }
      } catch (e) {
        this.deps.log.error({ err: e, op: request.op, user: user.name }, 'feed administration failed');
        return refuse('unavailable', `the hub could not apply the change (${e instanceof Error ? e.message : String(e)}); nothing was changed — try again`);
      }
    };
    // Tests and lists need no turn; changes run one at a time.
    if (request.op === 'list' || request.op === 'test') return run();
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async test(url: string, token: string | undefined, id: string | undefined): Promise<FeedAdminResult> {
    let secret = token;
    if (secret === undefined) {
      if (id === undefined) return refuse('invalid', 'token: enter the token to test with');
      const known = this.stored.get(id)?.token ?? this.deps.configFeeds.find((f) => f.id === id)?.token ?? null;
      if (known === null) return refuse('not-found', `feed ${id} has no usable stored token; enter it`);
      secret = known;
    }
    const test: FeedTestResult = await testFeedConnection(url, secret, {
      timeoutMs: this.deps.testTimeoutMs ?? 5000,
      ...(id !== undefined ? { after: this.deps.engine.cursor(id) } : {}),
    });
    this.deps.log.info({ url, outcome: test.outcome, latencyMs: test.latencyMs }, 'feed connection tested');
    return { ok: true, feeds: this.list(), test };
  }

  private async add(user: User, settings: FeedSettings, token: string): Promise<FeedAdminResult> {
    if (this.deps.configFeeds.some((f) => f.id === settings.id) || this.stored.has(settings.id)) {
      return refuse('conflict', `a feed with id ${settings.id} exists already`);
    }
    const feed = this.configOf(settings, token);
    const row = this.rowOf(settings, token, user);
    await this.deps.store.putFeed(row);
    try {
      await this.deps.engine.appendSystem([
        draft('source.configured', row.updated, actorOf(user), { feed: settings.id, change: 'added', name: settings.name, domain: settings.domain, url: settings.url, maxRate: settings.maxRate, tokenChanged: true }),
      ]);
    } catch (e) {
      await this.deps.store.deleteFeed(settings.id).catch(() => undefined);
      throw e;
    }
    this.stored.set(settings.id, { settings, token, updated: row.updated, updatedBy: user.name });
    this.startConnector(feed);
    this.deps.log.info({ feed: settings.id, url: settings.url, user: user.name }, 'feed added');
    return { ok: true, feeds: this.list() };
  }

  private async edit(user: User, settings: FeedSettings, newToken: string | undefined): Promise<FeedAdminResult> {
    if (this.deps.configFeeds.some((f) => f.id === settings.id)) return refuse('read-only', `feed ${settings.id} comes from the hub's config file; change it there`);
    const before = this.stored.get(settings.id);
    if (!before) return refuse('not-found', `no feed ${settings.id}`);
    const token = newToken ?? before.token;
    if (token === null) return refuse('invalid', `token: the stored token of ${settings.id} cannot be used; enter it again`);
    const feed = this.configOf(settings, token);
    const oldRow = await this.deps.store.listFeeds().then((rows) => rows.find((r) => r.id === settings.id));
    const oldConnector = await this.stopConnector(settings.id);
    const row = this.rowOf(settings, token, user);
    try {
      await this.deps.store.putFeed(row);
      await this.deps.engine.appendSystem([
        draft('source.configured', row.updated, actorOf(user), {
          feed: settings.id,
          change: 'edited',
          name: settings.name,
          domain: settings.domain,
          url: settings.url,
          maxRate: settings.maxRate,
          tokenChanged: newToken !== undefined && newToken !== before.token,
        }),
      ]);
    } catch (e) {
      if (oldRow) await this.deps.store.putFeed(oldRow).catch(() => undefined);
      if (oldConnector) this.startConnector(oldConnector.feed);
      throw e;
    }
    this.stored.set(settings.id, { settings, token, updated: row.updated, updatedBy: user.name });
    this.startConnector(feed);
    this.deps.log.info({ feed: settings.id, url: settings.url, user: user.name, tokenChanged: newToken !== undefined }, 'feed changed');
    return { ok: true, feeds: this.list() };
  }

  private async remove(user: User, id: string): Promise<FeedAdminResult> {
    if (this.deps.configFeeds.some((f) => f.id === id)) return refuse('read-only', `feed ${id} comes from the hub's config file; remove it there`);
    const before = this.stored.get(id);
    if (!before) return refuse('not-found', `no feed ${id}`);
    const oldRow = (await this.deps.store.listFeeds()).find((r) => r.id === id);
    const oldConnector = await this.stopConnector(id);
    try {
      await this.deps.store.deleteFeed(id);
      await this.deps.engine.appendSystem([draft('source.removed', this.now(), actorOf(user), { feed: id })]);
    } catch (e) {
      if (oldRow) await this.deps.store.putFeed(oldRow).catch(() => undefined);
      if (oldConnector) this.startConnector(oldConnector.feed);
      throw e;
    }
    this.stored.delete(id);
    this.deps.log.info({ feed: id, user: user.name }, 'feed removed');
    return { ok: true, feeds: this.list() };
  }

  private rowOf(settings: FeedSettings, token: string, user: User): StoredFeedRow {
    return { id: settings.id, settings: JSON.stringify(settings), tokenSealed: this.deps.box.seal(token, settings.id), updated: this.now(), updatedBy: user.name };
  }

  private startConnector(feed: FeedConfig): void {
    const connector = this.deps.connectorOf(feed);
    this.deps.connectors.push(connector);
    if (this.live) connector.start();
  }

  private async stopConnector(id: string): Promise<C | null> {
    const i = this.deps.connectors.findIndex((c) => c.feed.id === id);
    if (i < 0) return null;
    const [connector] = this.deps.connectors.splice(i, 1);
    await connector!.stop();
    return connector!;
  }
}
