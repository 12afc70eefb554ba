/**
 * TEST SUPPORT ONLY: fast-check arbitraries for CAP messages.
 *
 * Imports fast-check (a devDependency), so application code must not import
 * this file; it is deliberately not exported from `index.ts`.
 *
 * `capMessageArbitrary` yields valid CAP 1.2 messages in canonical form, i.e.
 * exactly what `parseCap` would return for their serialization: strings are
 * trimmed of XML whitespace, optional values are absent rather than empty,
 * numbers are finite and never -0. So `parseCap(serializeCap(m)).value` must
 * deep-equal `m`. Text deliberately mixes CJK, emoji, `<`, `&`, quotes, `]]>`,
 * `<!DOCTYPE`, CR and U+3000.
 */

import fc from 'fast-check';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from './types';
import type { CapArea, CapCircle, CapInfo, CapMessage, CapPoint, CapPolygon, CapReference, CapResource, CapValuePair } from './types';
import { xmlTrim } from './xml';

const charFrom = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((c) => String.fromCodePoint(c));

const specialPiece = fc.constantFrom(
  '<',
  '>',
  '&',
  '"',
  "'",
  ']]>',
  '&amp;',
  '&#13;',
  '<!--',
  '<!DOCTYPE x>',
  '<![CDATA[',
  '\n',
  '\t',
  '\r',
  ' ',
  '\u3000',
  '\u00a0',
  '中',
  '警报',
  '龙江',
  '🚨',
  'é',
  'ß',
);

const textPiece = fc.oneof(
  { weight: 3, arbitrary: charFrom(0x20, 0x7e) },
  { weight: 2, arbitrary: charFrom(0x4e00, 0x9fa5) },
  { weight: 2, arbitrary: specialPiece },
);

/** Non-empty free text, trimmed of XML whitespace. */
export const capTextArbitrary: fc.Arbitrary<string> = fc
  .array(textPiece, { minLength: 1, maxLength: 24 })
  .map((pieces) => xmlTrim(pieces.join('')))
  .filter((s) => s !== '');

/** Text that may legitimately be empty (required CAP text elements, `value`). */
const maybeEmptyText = fc.oneof({ weight: 5, arbitrary: capTextArbitrary }, { weight: 1, arbitrary: fc.constant('') });

/** identifier / sender: CAP forbids spaces, commas, `<` and `&`. */
const idChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') },
  { weight: 1, arbitrary: fc.constantFrom('.', '-', '_', '@', ':', '/') },
  { weight: 1, arbitrary: charFrom(0x4e00, 0x9fa5) },
);
export const capIdArbitrary: fc.Arbitrary<string> = fc.array(idChar, { minLength: 1, maxLength: 20 }).map((a) => a.join(''));

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** CAP 1.2 dateTime: whole seconds, explicit offset (including -00:00 and ±14:00). */
export const capDateTimeArbitrary: fc.Arbitrary<string> = fc
  .record({
    y: fc.integer({ min: 1970, max: 2099 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    off: fc.constantFrom('+00:00', '-00:00', '-07:00', '+08:00', '+05:30', '+14:00', '-12:00', '+09:45'),
  })
  .map(({ y, mo, d, h, mi, s, off }) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${off}`);

const noNegZero = (n: number): number => (n === 0 ? 0 : n);

const lat = fc.oneof(
  fc.integer({ min: -900000, max: 900000 }).map((n) => noNegZero(n / 10000)),
  fc.constantFrom(-90, 90, 0, 1e-7, -0.000123),
  fc.double({ min: -90, max: 90, noNaN: true }).map(noNegZero),
);
const lon = fc.oneof(
  fc.integer({ min: -1800000, max: 1800000 }).map((n) => noNegZero(n / 10000)),
  fc.constantFrom(-180, 180, 0, 179.99999999),
  fc.double({ min: -180, max: 180, noNaN: true }).map(noNegZero),
);
const pointArb: fc.Arbitrary<CapPoint> = fc.tuple(lat, lon).map(([a, b]): CapPoint => [a, b]);

const polygonArb: fc.Arbitrary<CapPolygon> = fc
  .array(pointArb, { minLength: 3, maxLength: 8 })
  .map((pts): CapPolygon => [...pts, [pts[0]![0], pts[0]![1]]]);

const circleArb: fc.Arbitrary<CapCircle> = fc.record({
  center: pointArb,
  radiusKm: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 200000 }).map((n) => n / 100),
    fc.double({ min: 0, max: 20000, noNaN: true }).map(noNegZero),
  ),
});

const pairArb: fc.Arbitrary<CapValuePair> = fc.record({
  valueName: fc.oneof(fc.constantFrom('SAME', 'FIPS6', 'UGC', 'profile:CAP-CP:Location:0.3', 'VTEC'), capTextArbitrary),
  value: maybeEmptyText,
});

const feet = fc.integer({ min: -2000000, max: 6000000 }).map((n) => noNegZero(n / 10));

const areaArb: fc.Arbitrary<CapArea> = fc.record(
  {
    areaDesc: maybeEmptyText,
    polygon: fc.array(polygonArb, { maxLength: 2 }),
    circle: fc.array(circleArb, { maxLength: 2 }),
    geocode: fc.array(pairArb, { maxLength: 3 }),
    altitude: feet,
    ceiling: feet,
  },
  { requiredKeys: ['areaDesc', 'polygon', 'circle', 'geocode'] },
);

const urlArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('https://alerts.example.org', 'http://www.weather.gov', 'https://例子.测试'),
    fc.array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { maxLength: 3 }),
    fc.option(fc.stringMatching(/^[a-z]{1,5}=[a-z0-9]{1,5}$/), { nil: undefined }),
  )
  .map(([host, segs, q]) => `${host}/${segs.join('/')}${q ? `?${q}&x=1` : ''}`);

const resourceArb: fc.Arbitrary<CapResource> = fc.record(
  {
    resourceDesc: maybeEmptyText,
    mimeType: fc.constantFrom('image/gif', 'audio/x-ipaws-audio-mp3', 'application/json', 'text/html'),
    size: fc.nat({ max: 100_000_000 }),
    uri: urlArb,
    derefUri: fc.stringMatching(/^[A-Za-z0-9+/]{4,40}={0,2}$/),
    digest: fc.stringMatching(/^[0-9a-f]{40}$/),
  },
  { requiredKeys: ['resourceDesc', 'mimeType'] },
);

const infoArb: fc.Arbitrary<CapInfo> = fc.record(
  {
    language: fc.constantFrom('en-US', 'fr-CA', 'zh-CN', 'zh-Hant-TW', 'es-US', 'ja'),
    category: fc.array(fc.constantFrom(...CAP_CATEGORIES), { minLength: 1, maxLength: 3 }),
    event: maybeEmptyText,
    responseType: fc.array(fc.constantFrom(...CAP_RESPONSE_TYPES), { maxLength: 3 }),
    urgency: fc.constantFrom(...CAP_URGENCIES),
    severity: fc.constantFrom(...CAP_SEVERITIES),
    certainty: fc.constantFrom(...CAP_CERTAINTIES),
    audience: capTextArbitrary,
    eventCode: fc.array(pairArb, { maxLength: 3 }),
    effective: capDateTimeArbitrary,
    onset: capDateTimeArbitrary,
    expires: capDateTimeArbitrary,
    senderName: capTextArbitrary,
    headline: capTextArbitrary,
    description: capTextArbitrary,
    instruction: capTextArbitrary,
    web: urlArb,
    contact: capTextArbitrary,
    parameter: fc.array(pairArb, { maxLength: 3 }),
    resource: fc.array(resourceArb, { maxLength: 2 }),
    area: fc.array(areaArb, { maxLength: 3 }),
  },
  {
    requiredKeys: [
      'language',
      'category',
      'event',
      'responseType',
      'urgency',
      'severity',
      'certainty',
      'eventCode',
      'parameter',
      'resource',
      'area',
    ],
  },
);

const referenceArb: fc.Arbitrary<CapReference> = fc.record({
  sender: capIdArbitrary,
  identifier: capIdArbitrary,
  sent: capDateTimeArbitrary,
});

/** Incident names: may contain single inner spaces (serialized in quotes), never quotes. */
const incidentArb: fc.Arbitrary<string> = fc
  .array(fc.oneof(idChar, fc.constant(' ')), { minLength: 1, maxLength: 12 })
  .map((a) => xmlTrim(a.join('')).replace(/ +/g, ' '))
  .filter((s) => s !== '');

/** Valid, canonical CAP 1.2 messages (see file comment). */
export const capMessageArbitrary: fc.Arbitrary<CapMessage> = fc
  .record(
    {
      identifier: capIdArbitrary,
      sender: capIdArbitrary,
      sent: capDateTimeArbitrary,
      status: fc.constantFrom(...CAP_STATUSES),
      msgType: fc.constantFrom(...CAP_MSG_TYPES),
      source: capTextArbitrary,
      scope: fc.constantFrom(...CAP_SCOPES),
      restriction: capTextArbitrary,
      addresses: capTextArbitrary,
      code: fc.array(capTextArbitrary, { maxLength: 3 }),
      note: capTextArbitrary,
      references: fc.array(referenceArb, { maxLength: 3 }),
      incidents: fc.array(incidentArb, { maxLength: 3 }),
      info: fc.array(infoArb, { maxLength: 3 }),
    },
    {
      requiredKeys: ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'code', 'references', 'incidents', 'info'],
    },
  )
  .map((m): CapMessage => ({ version: '1.2', ...m }));
