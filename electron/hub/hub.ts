/**
 * Starts a hub: the store, the engine, the workstation server and one
 * connector per feed, on an HTTP server of its own or on one it is given
 * (web mode attaches the hub to the page's own origin).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { draft } from '@shared/domain/events';
import { WIRE_LIMITS } from '@shared/protocol/version';
import { attachFeedAdmin } from './admin/feedAdminServer';
import { FeedRegistry } from './admin/feedRegistry';
import { SecretBox } from './admin/secretBox';
import { hubConfigSchema, type FeedConfig, type HubConfig, type HubConfigInput } from './config';
import { DecodePool } from './decode/decodePool';
import { HubEngine } from './engine';
import { FeedConnector, type FeedStatus } from './feeds/feedConnector';
import { createLogger, type Logger } from './log';
import { encodeBatchesAsText } from './server/eventsEncoding';
import { WorkstationServer } from './server/workstations';
import { SlaScheduler } from './sla/slaScheduler';
import type { Store } from './store/store';
import { openStore } from './store/threadStore';

export interface Hub {
  config: HubConfig;
  engine: HubEngine;
  store: Store;
  connectors: FeedConnector[];
  /** Decode workers the connectors hand batches to; null when this build has none. */
  decoder: DecodePool | null;
  /** The feeds of the config file and those admins added (electron/hub/admin/). */
  feeds: FeedRegistry<FeedConnector>;
  workstations: WorkstationServer;
  /** Appends SLA reminders and escalations as deadlines run out. */
  sla: SlaScheduler;
  /** Where workstations connect (`http://127.0.0.1:4781`). */
  url: string;
  log: Logger;
  close(): Promise<void>;
}

export interface StartHubOptions {
  /** Serve on this existing server (same origin as the page) instead of listening on config.port. */
  httpServer?: HttpServer;
  log?: Logger;
}

export async function startHub(input: HubConfigInput, options: StartHubOptions = {}): Promise<Hub> {
  const config = hubConfigSchema.parse(input);
  const log = options.log ?? createLogger('hub');
  const store = await openStore(config.dataDir, log);
  let engine: HubEngine;
  try {
    engine = await HubEngine.open(store, { correlation: config.correlation, snapshotEvery: config.snapshotEvery, log });
  } catch (e) {
    await store.close();
    throw e;
  }

  const http = options.httpServer ?? createServer((_req, res) => res.writeHead(404).end());
  const io = new Server(http, {
    maxHttpBufferSize: WIRE_LIMITS.maxMessageBytes,
    cors: { origin: config.allowedOrigins, credentials: false },
    // Browsers send an Origin with every WebSocket; other origins are refused.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      const sameHost = origin !== undefined && req.headers.host !== undefined && new URL(origin).host === req.headers.host;
      callback(null, origin === undefined || sameHost || config.allowedOrigins.includes(origin));
    },
  });

  // Events batches go out as the JSON text the hub builds from the sealed bodies (server/eventsEncoding.ts).
  encodeBatchesAsText(io.encoder);

  const connectors: FeedConnector[] = [];
  const decoder = DecodePool.create({ log });
  const onStatus = (feed: FeedConfig, status: FeedStatus, detail?: string): void => {
    log.info({ feed: feed.id, status, detail }, 'feed status');
    void engine.appendSystem([draft('source.statusChanged', Date.now(), 'system:hub', { feed: feed.id, status, ...(detail ? { detail: detail.slice(0, 1000) } : {}) })]).catch((e: unknown) =>
      log.error({ err: e }, 'could not record a feed status change'),
    );
  };
  const workstations = new WorkstationServer(io, engine, store, {
    sessionHours: config.sessionHours,
    sla: config.sla,
    log,
    sources: () => ({ feeds: connectors.map((c) => c.health()) }),
  });
  for (const feed of config.feeds) connectors.push(new FeedConnector(feed, engine, log, onStatus, decoder));
  const feeds = await FeedRegistry.open({
    store,
    engine,
    box: SecretBox.openOrCreate(config.dataDir),
    configFeeds: config.feeds,
    connectors,
    connectorOf: (feed) => new FeedConnector(feed, engine, log, onStatus, decoder),
    log,
  });
  const sla = new SlaScheduler(engine, config.sla, { intervalMs: config.slaCheckSeconds * 1000, log });

  if (!options.httpServer) {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  }
  const address = http.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${options.httpServer ? '127.0.0.1' : host}:${address.port}`;
  for (const c of connectors) c.start();
  feeds.markLive();
  attachFeedAdmin(io.of('/'), feeds, log);
  sla.start();
  log.info({ url, feeds: connectors.map((c) => c.feed.id), seq: engine.state.seq }, 'hub started');

  let closed = false;
  return {
    config,
    engine,
    store,
    connectors,
    decoder,
    feeds,
    workstations,
    sla,
    url,
    log,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(connectors.map((c) => c.stop()));
      await decoder?.close();
      await sla.stop();
      workstations.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await engine.close();
      await store.close();
      log.info('hub stopped');
    },
  };
}
