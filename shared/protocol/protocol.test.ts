import { describe, expect, it } from 'vitest';
import { decodeJsonAlert, type AlertInput } from './alertInput';
import { commandSchema } from './commands';
import { feedBatchSchema, feedItemEnvelopeSchema, heartbeatSchema } from './feed';
import { checkProtocol, PROTOCOL } from './version';
import { eventsBatchSchema } from './workstation';
import { idSchema, isIdText } from '../domain/model';

const good: AlertInput = {
  id: 'TR-20261126-0042',
  domain: 'traffic',
  category: ['Transport'],
  event: '道路结冰',
  headline: 'G10绥满高速大庆段路面结冰',
  severity: 'Moderate',
  urgency: 'Expected',
  certainty: 'Likely',
  status: 'Actual',
  point: { lon: 125.1, lat: 46.59 },
  region: '230600',
  sent: '2026-11-26T14:03:00+08:00',
  attributes: { road: 'G10', direction: '哈尔滨方向' },
};

describe('decodeJsonAlert', () => {
  it('normalises a good alert: epoch times, defaults, the feed', () => {
    const r = decodeJsonAlert(good, 'traffic', 'traffic');
    expect(r).toMatchObject({ ok: true, value: { feed: 'traffic', sourceId: 'TR-20261126-0042', version: 1, msgType: 'Alert', sent: Date.parse('2026-11-26T06:03:00Z'), classification: 'internal', format: 'json' } });
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['NaN coordinates', { ...good, point: { lon: NaN, lat: 46 } }, /point\.lon/],
    ['Infinity', { ...good, point: { lon: Infinity, lat: 46 } }, /point\.lon/],
    ['latitude out of range', { ...good, point: { lon: 125, lat: 91 } }, /point\.lat/],
    ['wrong type', { ...good, severity: 5 }, /severity/],
    ['unknown key', { ...good, extra: 1 }, /extra|Unrecognized/i],
    ['__proto__ attribute', JSON.parse('{"road":"G1","__proto__":{"polluted":true}}'), /attributes\.__proto__: reserved key/],
    ['constructor attribute', { ...good, attributes: { constructor: 'x' } }, /attributes\.constructor: reserved key/],
    ['oversize headline', { ...good, headline: '长'.repeat(201) }, /headline/],
    ['region outside Heilongjiang', { ...good, region: '110101' }, /region/],
    ['time without offset', { ...good, sent: '2026-11-26 14:03' }, /sent/],
    ['open polygon', { ...good, area: { polygons: [[[125, 46], [126, 46], [126, 47], [125, 47]]] } }, /not closed/],
    ['empty ring', { ...good, area: { polygons: [[]] } }, /area\.polygons\.0/],
    ['ring of nulls', { ...good, area: { polygons: [[null, null, null, null]] } }, /area\.polygons\.0\.0/],
    ['expires before sent', { ...good, expires: '2026-11-26T13:00:00+08:00' }, /expires/],
    ['NUL in text', { ...good, description: 'a\u0000b' }, /description/],
    ['another agency', { ...good, domain: 'ecology', category: ['Env'] }, /speaks for traffic/],
    ['not an object', 'hello', /./],
    ['null', null, /./],
  ];
  it.each(bad)('refuses %s with a reason', (_name, body, reason) => {
    const input = _name === '__proto__ attribute' ? { ...good, attributes: body } : body;
    const r = decodeJsonAlert(input, 'traffic', 'traffic');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('keeps HTML and script in text as plain text (rendering is the UI’s job)', () => {
    const r = decodeJsonAlert({ ...good, headline: '<script>alert(1)</script><b>路面</b>' }, 'traffic');
    expect(r.ok && r.value.headline).toBe('<script>alert(1)</script><b>路面</b>');
  });

  it('never lets __proto__ reach an object prototype', () => {
    const body = JSON.parse(`{"attributes":{"__proto__":{"polluted":true}}}`);
    decodeJsonAlert({ ...good, ...body }, 'traffic');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('protocol envelopes', () => {
  it('checks the protocol version with a clear message', () => {
    expect(checkProtocol(PROTOCOL)).toEqual({ ok: true });
    expect(checkProtocol('longwatch/2')).toEqual({ ok: false, message: 'incompatible protocol longwatch/2; this peer speaks longwatch/1' });
    expect(checkProtocol(undefined)).toMatchObject({ ok: false, message: expect.stringContaining('missing') });
  });

  it('bounds feed batches and validates item envelopes', () => {
    expect(feedBatchSchema.safeParse({ items: [] }).success).toBe(false);
    expect(feedBatchSchema.safeParse({ items: new Array(501).fill({}) }).success).toBe(false);
    expect(feedItemEnvelopeSchema.safeParse({ seq: 0, sent: 1, body: {} }).success).toBe(false);
    expect(feedItemEnvelopeSchema.safeParse({ seq: 1.5, sent: 1, body: {} }).success).toBe(false);
    expect(heartbeatSchema.parse({ seq: 3, at: 1 })).toEqual({ seq: 3, at: 1, interval: 5 });
  });

  it('validates commands by type', () => {
    expect(commandSchema.safeParse({ id: 'c1', type: 'alert.acknowledge', body: { alertId: 'traffic:A1' } }).success).toBe(true);
    expect(commandSchema.safeParse({ id: 'c1', type: 'alert.acknowledge', body: {} }).success).toBe(false);
    expect(commandSchema.safeParse({ id: 'c1', type: 'alert.explode', body: {} }).success).toBe(false);
    expect(commandSchema.safeParse({ id: 'c1', type: 'incident.addNote', body: { incidentId: 'INC-1', text: '   ' } }).success).toBe(false);
  });

  it('rejects an events batch with a malformed event', () => {
    expect(eventsBatchSchema.safeParse({ events: [{ seq: 1, type: 'alert.acknowledged' }], head: 1, live: true }).success).toBe(false);
  });
});

describe('ids', () => {
  it('take any printable text, including characters outside the BMP, and refuse control characters and a leading space', () => {
    for (const ok of ['traffic:A1', '交通:哈尔滨-001', 'ecology:𠮷野家', 'a b']) expect(isIdText(ok), ok).toBe(true);
    for (const bad of [' lead', '\tlead', 'a\u0000b', 'a\u001fb', 'a\nb']) expect(isIdText(bad), JSON.stringify(bad)).toBe(false);
    // The schema applies the same rule.
    expect(idSchema.safeParse('ecology:𠮷野家').success).toBe(true);
    expect(idSchema.safeParse('a\u0001b').success).toBe(false);
  });
});
