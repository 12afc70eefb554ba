import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { DecodePool } from './decodePool';
import { batchItemsOfText, decodeBatchText, decodeItem, feedMessageOf, type DecodeFeed } from './decodeItem';

const log = createLogger('test', { level: 'silent', pretty: false });
const feed: DecodeFeed = { id: 'safety', domain: 'safety', fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230000' } };
const capDir = join(import.meta.dirname, '../../../shared/cap/fixtures');
const cap = (kind: 'valid' | 'invalid'): string[] =>
  readdirSync(join(capDir, kind)).filter((f) => f.endsWith('.cap')).map((f) => readFileSync(join(capDir, kind, f), 'utf8'));

const pools: DecodePool[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('decode workers', () => {
  it('decode a batch in a worker exactly as the main thread does, in order, bad items included', async () => {
    const pool = DecodePool.create({ size: 2, log });
    expect(pool).not.toBeNull();
    pools.push(pool!);
    const bodies: unknown[] = [
      ...cap('valid'),
      ...cap('invalid'),
      { id: 'J-1', domain: 'safety', category: ['Safety'], event: '气体浓度超限', headline: '七台河矿区瓦斯浓度超限', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', status: 'Exercise', point: { lon: 131.0, lat: 45.77 }, region: '230900', sent: new Date(0).toISOString() },
      JSON.parse('{"id":"P","__proto__":{"polluted":1}}'),
      { id: 'NaN', point: { lon: Number.NaN, lat: 45 } },
      ['not', 'an', 'alert'],
    ];
    const items: unknown[] = bodies.map((body, i) => ({ seq: i + 1, sent: 1000 + i, body }));
    items.push('not even an item', { seq: -1, sent: 0, body: {} });
    const inWorker = await pool!.decode(feed, items);
    expect(inWorker).toEqual(items.map((item) => decodeItem(feed, item)));
    expect(inWorker.filter((d) => d.envelope && d.body.ok).length).toBeGreaterThan(1);
    expect(inWorker.filter((d) => !d.envelope || !d.body.ok).length).toBeGreaterThan(3);
  });

  it('parse and decode a batch text in a worker as socket.io, the batch check and decodeItem do on the object', async () => {
    const pool = DecodePool.create({ size: 1, log })!;
    pools.push(pool);
    const items: unknown[] = [
      ...cap('valid').slice(0, 2),
      { id: 'J-2', domain: 'safety', category: ['Safety'], event: '气体浓度超限', headline: '引号 " 反斜杠 \\ 换行 \n', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', status: 'Exercise', point: { lon: 131.0, lat: 45.77 }, region: '230900', sent: new Date(0).toISOString() },
      { id: 'bad' },
    ].map((body, i) => ({ seq: i + 1, sent: 5, body }));
    items.push('not an item');
    const json = JSON.stringify(['alerts', { items }]);
    const batch = await pool.decodeText(feed, json);
    expect(batch).toEqual({ kind: 'items', decoded: items.map((item) => decodeItem(feed, item)) });
    expect(batch).toEqual(decodeBatchText(feed, json));
    expect(batchItemsOfText(json)).toEqual(items);

    const notBatch = JSON.stringify(['alerts', { items: [] }]);
    expect(await pool.decodeText(feed, notBatch)).toEqual({ kind: 'notBatch', reason: expect.stringMatching(/^alerts: not a batch \(items: /) });
    expect(feedMessageOf(notBatch)).toEqual({ items: [] });
    expect(await pool.decodeText(feed, '["alerts",{"items":[}]')).toEqual({ kind: 'notJson' });
  });

  it('answer concurrent batches each with its own items', async () => {
    const pool = DecodePool.create({ size: 2, log })!;
    pools.push(pool);
    const valid = cap('valid');
    const batches = Array.from({ length: 6 }, (_, b) => valid.map((body, i) => ({ seq: b * 100 + i + 1, sent: b, body })));
    const answers = await Promise.all(batches.map((items) => pool.decode(feed, items)));
    answers.forEach((decoded, b) => expect(decoded.map((d) => (d.envelope ? d.seq : null))).toEqual(batches[b]!.map((i) => i.seq)));
  });

  it('refuse (so the engine decodes itself) when no worker runs', async () => {
    const pool = DecodePool.create({ size: 1, log })!;
    await pool.close();
    await expect(pool.decode(feed, [{ seq: 1, sent: 0, body: {} }])).rejects.toThrow(/no decode worker/);
  });
});
