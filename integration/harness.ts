/** Shared set-up for integration tests: five real feed servers and a real hub on loopback. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Domain } from '@shared/domain/agencies';
import { buildBody, type FeedIdentity } from '../electron/feeds/alertBody';
import { draftAlert } from '../electron/feeds/catalog';
import { FeedServer, type FeedFormat } from '../electron/feeds/feedServer';
import { seededRng } from '../electron/feeds/random';
import type { FeedConfig } from '../electron/hub/config';

export const FEEDS: ReadonlyArray<{ domain: Domain; format: FeedFormat }> = [
  { domain: 'traffic', format: 'json' },
  { domain: 'safety', format: 'cap' },
  { domain: 'market', format: 'json' },
  { domain: 'security', format: 'json' },
  { domain: 'ecology', format: 'cap' },
];

const made: string[] = [];

/**
 * A fresh directory under the system temp dir, removed when the process
 * exits (a hub bench leaves 0.4–1 GB of PGlite data per run; they filled
 * this machine's disk before). `LONGWATCH_KEEP_TEMP=1` keeps them to look at.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `lw-${prefix}-`));
  if (made.length === 0 && process.env['LONGWATCH_KEEP_TEMP'] !== '1') {
    process.once('exit', () => {
      for (const d of made) {
        try {
          rmSync(d, { recursive: true, force: true });
        } catch {
          // Still in use or gone: the system's temp cleaning has it.
        }
      }
    });
  }
  made.push(dir);
  return dir;
}

export interface Agency {
  domain: Domain;
  format: FeedFormat;
  server: FeedServer;
  port: number;
  url: string;
  token: string;
  produced: string[];
  restart(): Promise<void>;
}

/** A feed server that can be restarted on the same port and data folder (its outbox survives). */
export async function startAgency(domain: Domain, format: FeedFormat, dataDir: string): Promise<Agency> {
  const token = `token-${domain}`;
  const make = (port: number): FeedServer => new FeedServer({ id: domain, domain, format, token, port, dataDir, heartbeatSeconds: 1 });
  let server = make(0);
  const { url } = await server.start();
  const port = Number(new URL(url).port);
  const agency: Agency = {
    domain,
    format,
    server,
    port,
    url,
    token,
    produced: [],
    async restart() {
      await server.stop();
      server = make(port);
      agency.server = server;
      await server.start();
    },
  };
  return agency;
}

export function feedConfigOf(a: Agency): FeedConfig {
  return { id: a.domain, name: { zh: a.domain, en: a.domain }, domain: a.domain, url: a.url, token: a.token, maxRate: 50_000, fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230000' } };
}

const identity = (a: Agency): FeedIdentity => ({ domain: a.domain, format: a.format, sender: `${a.domain}@hlj.example`, senderName: a.domain });

/** Produces `n` new alerts with ids `<DOMAIN>-<k>`; returns their ids in order. */
export function produce(a: Agency, n: number, seed = 1): string[] {
  const rng = seededRng(seed + a.produced.length);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${a.domain.toUpperCase()}-${a.produced.length + 1}`;
    const body = buildBody(identity(a), draftAlert(a.domain, rng), { id, version: 1, msgType: 'Alert', references: [], sentMs: Date.now() });
    a.server.produce(body);
    a.produced.push(id);
    ids.push(id);
  }
  return ids;
}

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
