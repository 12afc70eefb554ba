import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capMessageArbitrary } from './arbitraries';
import { parseCap, serializeCap } from './index';
import type { CapMessage } from './index';
import { formatDecimal } from './serialize';

function decode(xml: string): CapMessage {
  const r = parseCap(xml);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.reason}\n${xml}`);
  return r.value;
}

const base: CapMessage = {
  version: '1.2',
  identifier: 'LW-2024-0001',
  sender: 'duty@longwatch.example',
  sent: '2024-05-01T10:00:00+08:00',
  status: 'Exercise',
  msgType: 'Update',
  source: 'Longwatch',
  scope: 'Restricted',
  restriction: 'Agencies only',
  addresses: 'fire police "water board"',
  code: ['IPAWSv1.0', 'profile:CAP-CP:0.4'],
  note: 'Drill 7',
  references: [{ sender: 'duty@longwatch.example', identifier: 'LW-2024-0000', sent: '2024-05-01T09:00:00+08:00' }],
  incidents: ['INC-1', 'Big Fire'],
  info: [
    {
      language: 'zh-CN',
      category: ['Met', 'Safety'],
      event: '台风',
      responseType: ['Prepare', 'Monitor'],
      urgency: 'Expected',
      severity: 'Severe',
      certainty: 'Likely',
      audience: 'Public',
      eventCode: [{ valueName: 'SAME', value: 'HUW' }],
      effective: '2024-05-01T10:00:00+08:00',
      onset: '2024-05-01T18:00:00+08:00',
      expires: '2024-05-02T10:00:00+08:00',
      senderName: '龙江联合指挥中心',
      headline: '台风 "海燕" <预警> & 提示',
      description: '\u3000\u3000第一段。\n第二段 ]]> 结束',
      instruction: 'Stay indoors',
      web: 'https://alerts.example.org/a?b=1&c=2',
      contact: '12345',
      parameter: [{ valueName: 'VTEC', value: '' }],
      resource: [
        { resourceDesc: 'map', mimeType: 'image/png', size: 2048, uri: 'https://x.example/m.png', derefUri: 'QUJD', digest: 'abc' },
      ],
      area: [
        {
          areaDesc: 'Harbour',
          polygon: [
            [
              [22.5, 114.1],
              [22.6, 114.2],
              [22.55, 114.3],
              [22.5, 114.1],
            ],
          ],
          circle: [{ center: [22.5, 114.1], radiusKm: 12.5 }],
          geocode: [{ valueName: 'ISO3166-2', value: 'CN-GD' }],
          altitude: 0.5,
          ceiling: 1000,
        },
      ],
    },
  ],
};

const ALERT_ORDER = ['identifier', 'sender', 'sent', 'status', 'msgType', 'source', 'scope', 'restriction', 'addresses', 'code', 'note', 'references', 'incidents', 'info'];
const INFO_ORDER = [
  'language', 'category', 'event', 'responseType', 'urgency', 'severity', 'certainty', 'audience', 'eventCode', 'effective', 'onset', 'expires',
  'senderName', 'headline', 'description', 'instruction', 'web', 'contact', 'parameter', 'resource', 'area',
];

/** Names of the direct children of the first <tag> element, in document order. */
function childNames(xml: string, tag: string): string[] {
  const start = xml.indexOf(`<${tag}`);
  const end = xml.indexOf(`</${tag}>`, start);
  const inner = xml.slice(xml.indexOf('>', start) + 1, end);
  const names: string[] = [];
  let depth = 0;
  for (const m of inner.matchAll(/<(\/?)([A-Za-z]+)[^>]*>/g)) {
    if (m[1] === '/') depth--;
    else {
      if (depth === 0) names.push(m[2]!);
      depth++;
    }
  }
  return names;
}

describe('serializeCap', () => {
  it('writes the CAP 1.2 namespace and the schema sequence order', () => {
    const xml = serializeCap(base);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\n')).toBe(true);
    const alertChildren = [...new Set(childNames(xml, 'alert'))];
    expect(alertChildren).toEqual(ALERT_ORDER);
    expect([...new Set(childNames(xml, 'info'))]).toEqual(INFO_ORDER);
    expect(childNames(xml, 'resource')).toEqual(['resourceDesc', 'mimeType', 'size', 'uri', 'derefUri', 'digest']);
    expect(childNames(xml, 'area')).toEqual(['areaDesc', 'polygon', 'circle', 'geocode', 'altitude', 'ceiling']);
  });

  it('escapes text and round-trips it exactly', () => {
    const xml = serializeCap(base);
    expect(xml).toContain('<headline>台风 "海燕" &lt;预警&gt; &amp; 提示</headline>');
    expect(xml).toContain('<description>\u3000\u3000第一段。\n第二段 ]]&gt; 结束</description>');
    expect(xml).toContain('<web>https://alerts.example.org/a?b=1&amp;c=2</web>');
    expect(decode(xml)).toEqual(base);
  });

  it('writes geometry as CAP strings, lat first', () => {
    const xml = serializeCap(base);
    expect(xml).toContain('<polygon>22.5,114.1 22.6,114.2 22.55,114.3 22.5,114.1</polygon>');
    expect(xml).toContain('<circle>22.5,114.1 12.5</circle>');
    expect(xml).toContain('<altitude>0.5</altitude>');
  });

  it('writes references as sender,identifier,sent and quotes multi-word incidents', () => {
    const xml = serializeCap(base);
    expect(xml).toContain('<references>duty@longwatch.example,LW-2024-0000,2024-05-01T09:00:00+08:00</references>');
    expect(xml).toContain('<incidents>INC-1 "Big Fire"</incidents>');
  });

  it('omits empty optional values and defaults an empty language to en-US', () => {
    const m: CapMessage = {
      ...base,
      source: ' ',
      note: '',
      code: ['', 'X'],
      incidents: [],
      references: [],
      info: [{ ...base.info[0]!, language: '', audience: '\n', web: undefined }],
    };
    const xml = serializeCap(m);
    expect(xml).not.toMatch(/<source>|<note>|<incidents>|<references>|<audience>|<web>/);
    expect(xml).toContain('<code>X</code>');
    expect(xml).toContain('<language>en-US</language>');
  });

  it('brings older-version values to CAP 1.2: Z -> +00:00, fractional seconds dropped', () => {
    const m: CapMessage = {
      ...base,
      version: '1.1',
      sent: '2011-09-06T17:15:38.586Z',
      references: [{ sender: 'a', identifier: 'b', sent: '2011-09-06T17:00:00Z' }],
      info: [{ ...base.info[0]!, expires: '2011-09-13T17:15:38-07:00', onset: '2011-09-06T01:33:57.60+00:00' }],
    };
    const xml = serializeCap(m);
    expect(xml).toContain('<sent>2011-09-06T17:15:38+00:00</sent>');
    expect(xml).toContain('<references>a,b,2011-09-06T17:00:00+00:00</references>');
    expect(xml).toContain('<onset>2011-09-06T01:33:57+00:00</onset>');
    expect(decode(xml).version).toBe('1.2');
  });

  it('replaces characters XML cannot carry and keeps CR', () => {
    const m: CapMessage = { ...base, note: 'a\u0000b\uFFFEc\r\nd' };
    const xml = serializeCap(m);
    expect(xml).toContain('<note>a\uFFFDb\uFFFDc&#13;\nd</note>');
    expect(decode(xml).note).toBe('a\uFFFDb\uFFFDc\r\nd');
  });

  it('a 1.1 document serializes to 1.2 with a fixpoint', () => {
    const xml11 = `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"><identifier>x</identifier><sender>y</sender>
      <sent>2010-08-31T00:09:25Z</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope></alert>`;
    const once = serializeCap(decode(xml11));
    expect(once).toContain('<sent>2010-08-31T00:09:25+00:00</sent>');
    expect(serializeCap(decode(once))).toBe(once);
  });
});

describe('formatDecimal', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [38.47, '38.47'],
    [-120.14, '-120.14'],
    [1e-7, '0.0000001'],
    [-1.5e-10, '-0.00000000015'],
    [1e21, '1000000000000000000000'],
    [1.25e22, '12500000000000000000000'],
  ])('%s -> %s', (n, s) => {
    expect(formatDecimal(n)).toBe(s);
  });

  it('never uses exponent notation and reads back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const s = formatDecimal(n);
        expect(s).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(s)).toBe(n === 0 ? 0 : n);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('properties', () => {
  it('parseCap(serializeCap(m)) deep-equals m for canonical messages', () => {
    fc.assert(
      fc.property(capMessageArbitrary, (m) => {
        expect(decode(serializeCap(m))).toEqual(m);
      }),
      { numRuns: 200 },
    );
  });

  it('serializeCap is a fixpoint of parse∘serialize even for messy messages (untrimmed text, Z times, empty optionals)', () => {
    const messy = fc
      .tuple(capMessageArbitrary, fc.constantFrom(' ', '\n\t', '', '\r\n'), fc.boolean())
      .map(([m, ws, z]): CapMessage => ({
        ...m,
        version: z ? '1.1' : '1.2',
        sent: z ? m.sent.replace(/[+-]\d\d:\d\d$/, '.123Z') : m.sent,
        note: m.note === undefined ? ws : `${ws}${m.note}${ws}`,
        incidents: [...m.incidents, ws],
        info: m.info.map((i) => ({ ...i, event: `${ws}${i.event}`, headline: ws, language: ws })),
      }));
    fc.assert(
      fc.property(messy, (m) => {
        const once = serializeCap(m);
        expect(serializeCap(decode(once))).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});
