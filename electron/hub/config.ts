/**
 * Hub configuration (`npm run hub -- serve --config FILE`). Feed tokens are
 * secrets: the file should be readable by the hub's account only.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { correlationConfigSchema, DEFAULT_CORRELATION_CONFIG, type CorrelationConfig } from '@shared/correlation';
import { domainSchema, pointSchema, regionCodeSchema } from '@shared/domain/model';
import { DEFAULT_SLA, slaConfigSchema, type SlaConfig } from '@shared/domain/sla';

export const feedConfigSchema = z.object({
  /** Short id used in alert ids and logs (`traffic`). */
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  name: z.object({ zh: z.string(), en: z.string() }),
  domain: domainSchema,
  /** The agency's socket.io server, e.g. `http://10.1.2.3:7001`. */
  url: z.string().url(),
  token: z.string().min(1),
  /** Sustained alerts per second this feed may send before it is throttled. */
  maxRate: z.number().positive().default(5000),
  /** Where to place an alert that carries no location (the agency's area). */
  fallback: z.object({ point: pointSchema, region: regionCodeSchema }).default({ point: { lon: 126.535, lat: 45.803 }, region: '230000' }),
});
export type FeedConfig = z.infer<typeof feedConfigSchema>;

export const hubConfigSchema = z.object({
  /** Folder of the embedded database (PGlite). */
  dataDir: z.string().min(1),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(4781),
  /** Origins allowed to open workstation sockets (the Electron app, web-mode hosts). */
  allowedOrigins: z.array(z.string()).default(['app://longwatch']),
  feeds: z.array(feedConfigSchema).default([]),
  correlation: correlationConfigSchema.default(DEFAULT_CORRELATION_CONFIG),
  sla: slaConfigSchema.default(DEFAULT_SLA),
  /** How often the hub looks for SLA deadlines that ran out, in seconds. */
  slaCheckSeconds: z.number().positive().max(3600).default(5),
  /** A state snapshot every this many events, for fast start. */
  snapshotEvery: z.number().int().positive().default(100_000),
  /** Session lifetime in hours. */
  sessionHours: z.number().positive().default(12),
});
export type HubConfig = z.infer<typeof hubConfigSchema>;
export type HubConfigInput = z.input<typeof hubConfigSchema>;

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

/** Reads and validates a config file; relative `dataDir` is resolved against the file's folder. */
export function loadHubConfig(file: string): Loaded<HubConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { ok: false, error: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = hubConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  return { ok: true, value: { ...parsed.data, dataDir: resolve(dirname(file), parsed.data.dataDir) } };
}

export type { CorrelationConfig, SlaConfig };
