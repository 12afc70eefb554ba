import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '@shared/domain/chain';
import type { DomainEvent } from '@shared/domain/events';
import { hubConfigSchema, type FeedConfig } from './config';
import { decodeItem } from './decode/decodeItem';
import { HubEngine, nativeSha256 } from './engine';
import { createLogger } from './log';
import { PgliteStore } from './store/pgliteStore';

const log = createLogger('test', { level: 'silent', pretty: false });
const feed: FeedConfig = { id: 'safety', name: { zh: '安全', en: 'Safety' }, domain: 'safety', url: 'http://127.0.0.1:1', token: 't', maxRate: 1000, fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230000' } };
const capDir = join(import.meta.dirname, '../../shared/cap/fixtures/valid');
const caps = readdirSync(capDir).filter((f) => f.endsWith('.cap')).map((f) => readFileSync(join(capDir, f), 'utf8'));

const json = (id: string, over: Record<string, unknown> = {}) => ({
  id, domain: 'safety', category: ['Safety'], event: '气体浓度超限', headline: `七台河矿区瓦斯浓度超限 "${id}" \\ \n`, severity: 'Severe', urgency: 'Immediate',
  certainty: 'Observed', status: 'Exercise', point: { lon: 131.0, lat: 45.77 }, region: '230900', sent: '2026-11-27T08:00:00.000Z', ...over,
});

const stores: PgliteStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

describe('the engine sealing decoded alerts', () => {
  it('seals, stores and announces each body as JSON.stringify writes it, also where the content text came with the decoded item', async () => {
    const store = await PgliteStore.open(mkdtempSync(join(tmpdir(), 'lw-engine-')));
    stores.push(store);
    const engine = await HubEngine.open(store, { correlation: hubConfigSchema.parse({ dataDir: '.', feeds: [] }).correlation, snapshotEvery: 1e9, log });
    const announced: Array<{ events: DomainEvent[]; bodies: readonly string[] | undefined }> = [];
    engine.onDidAppend((events, _state, bodies) => announced.push({ events, bodies }));

    const bodies: unknown[] = [json('A'), ...caps, json('B', { severity: 'Extreme' }), json('A', { version: 2, headline: '更新' }), { id: 'bad' }];
    const items = bodies.map((body, i) => ({ seq: i + 1, sent: 1, body }));
    // Decoded as a worker does, then cloned, as they cross back to the main thread.
    const decoded = structuredClone(items.map((item) => decodeItem(feed, item)));
    await engine.ingestBatch(feed, items, decoded);

    const events = announced.flatMap((a) => a.events);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['alert.received', 'alert.updated', 'alert.quarantined']));
    expect(announced.every((a) => a.bodies !== undefined)).toBe(true);
    expect(announced.flatMap((a) => a.bodies!)).toEqual(events.map((e) => JSON.stringify(e.body)));
    const stored = await store.readEventsWithText(0, 1000);
    expect(stored.bodies).toEqual(events.map((e) => JSON.stringify(e.body)));
    expect(verifyChain(stored.events, undefined, nativeSha256)).toMatchObject({ ok: true, count: events.length });
  }, 120_000);
});
