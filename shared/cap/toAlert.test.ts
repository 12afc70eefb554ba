/**
 * CAP -> Longwatch alert content: the corpus maps, specific rules hold, and
 * nothing the codec accepts makes the mapping throw.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, alertContentSchema } from '../domain/model';
import type { AlertContent } from '../domain/model';
import { capDateTimeToEpochMs, capToAlertContent, decodeCapAlert, parseCap, selectInfoIndex } from './index';
import type { CapMessage, CapResult } from './index';
import { capMessageArbitrary } from './arbitraries';
import type { CapToAlertContext } from './toAlert';
import { attributeKeyOf, nearestPrefectureCode, ringCentroid, truncateText } from './toAlert';
import { loadFixtures } from './testing/fixtures';

const CTX: Omit<CapToAlertContext, 'capXml'> = {
  feed: 'ecology',
  domain: 'ecology',
  fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230100' },
};

const corpus = [...loadFixtures('valid'), ...loadFixtures('older-versions')];
const byName = (name: string) => corpus.find((f) => f.name === name)!;

function parsed(xml: string): CapMessage {
  const r = parseCap(xml);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.reason}`);
  return r.value;
}

function mapped(xml: string): { value: AlertContent; warnings: { path: string; reason: string }[] } {
  const r = capToAlertContent(parsed(xml), CTX);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.reason}`);
  return r;
}

/** A small CAP 1.2 document; `infos` are raw <info> bodies. */
function capDoc(opts: { identifier?: string; msgType?: string; scope?: string; extra?: string; infos: string[] }): string {
  const scope = opts.scope ?? 'Public';
  const scopeExtra = scope === 'Private' ? '<addresses>hlj-ecology</addresses>' : scope === 'Restricted' ? '<restriction>agencies</restriction>' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${opts.identifier ?? 'HLJ-ECO-2026-0001'}</identifier>
  <sender>eco@hlj.gov.cn</sender>
  <sent>2026-11-26T14:00:00+08:00</sent>
  <status>Actual</status>
  <msgType>${opts.msgType ?? 'Alert'}</msgType>
  <scope>${scope}</scope>${scopeExtra}${opts.extra ?? ''}
  ${opts.infos.map((b) => `<info>${b}</info>`).join('\n  ')}
</alert>`;
}

function info(opts: { language?: string; headline?: string; event?: string; params?: [string, string][]; area?: string; extra?: string }): string {
  return `${opts.language !== undefined ? `<language>${opts.language}</language>` : ''}
    <category>Env</category>
    <event>${opts.event ?? '大气污染'}</event>
    <urgency>Expected</urgency>
    <severity>Moderate</severity>
    <certainty>Likely</certainty>${opts.extra ?? ''}
    ${opts.headline !== undefined ? `<headline>${opts.headline}</headline>` : ''}
    ${(opts.params ?? []).map(([n, v]) => `<parameter><valueName>${n}</valueName><value>${v}</value></parameter>`).join('')}
    ${opts.area ?? ''}`;
}

const BILINGUAL = capDoc({
  infos: [
    info({ language: 'en-US', event: 'Air pollution', headline: 'Heavy smog in Harbin', area: '<area><areaDesc>Harbin</areaDesc><geocode><valueName>GB/T 2260</valueName><value>230100</value></geocode></area>' }),
    info({
      language: 'zh-CN',
      headline: '哈尔滨市重污染天气黄色预警',
      area: '<area><areaDesc>齐齐哈尔市</areaDesc><geocode><valueName>SAME</valueName><value>006109</value></geocode><geocode><valueName>gbt2260</valueName><value>230200</value></geocode></area>',
    }),
    info({ language: 'fr-CA', event: 'Pollution', headline: 'Smog' }),
  ],
});

describe('capToAlertContent on the corpus', () => {
  const mappable = corpus.filter((f) => {
    const r = parseCap(f.xml);
    return r.ok && ['Alert', 'Update', 'Cancel'].includes(r.value.msgType);
  });

  it('every Alert/Update/Cancel with an info block (or a Cancel) maps to content that passes alertContentSchema', () => {
    expect(mappable.length).toBe(corpus.length); // the corpus has no Ack/Error
    const failures: string[] = [];
    let checked = 0;
    for (const f of mappable) {
      const msg = parsed(f.xml);
      if (msg.info.length === 0 && msg.msgType !== 'Cancel') continue; // refused by rule, see below
      const r = capToAlertContent(msg, CTX);
      if (!r.ok) {
        failures.push(`${f.name}: ${r.error.path}: ${r.error.reason}`);
        continue;
      }
      checked++;
      const again = alertContentSchema.safeParse(r.value);
      if (!again.success) failures.push(`${f.name}: ${again.error.message}`);
      expect(r.value.format).toBe('cap');
      expect(r.value.sourceId).toBe(msg.identifier);
      expect(r.value.version).toBe(1);
      expect(r.value.domain).toBe('ecology');
      expect(r.value.feed).toBe('ecology');
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(mappable.length - 1);
  });

  it('the one Alert without any info block (google-no_optional_fields.cap) is refused', () => {
    const r = capToAlertContent(parsed(byName('google-no_optional_fields.cap').xml), CTX);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.path).toBe('alert/info');
      expect(r.error.reason).toMatch(/without an <info> block/);
    }
  });

  it('decodeCapAlert keeps the raw XML and refuses documents over LIMITS.capXml', () => {
    const f = byName('google-thunderstorm.cap');
    const r = decodeCapAlert(f.xml, CTX);
    expect(r.ok && r.value.capXml).toBe(f.xml);
    // 459 kB of embedded base64 audio is a real alert: kept whole.
    const big = byName('oasis-ipaws-5ea321f39fc226a7b44b6874.xml');
    const kept = decodeCapAlert(big.xml, CTX);
    expect(kept.ok && kept.value.capXml?.length).toBe(big.xml.length);
    const huge = f.xml.replace('</alert>', `<note>${'x'.repeat(LIMITS.capXml)}</note></alert>`);
    const refused = decodeCapAlert(huge, CTX);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.reason).toMatch(/limit|large|size/i);
    // A parse failure is passed through with the codec's path.
    const bad = decodeCapAlert('<alert/>', CTX);
    expect(bad.ok).toBe(false);
  });

  it('polygons become GeoJSON rings [lon, lat]; the point is the area-weighted centroid; US alerts fall back to the feed region', () => {
    // thunderstorm: <polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon>
    const { value, warnings } = mapped(byName('google-thunderstorm.cap').xml);
    const ring = value.area!.polygons[0]!;
    expect(ring[0]).toEqual([-120.14, 38.47]);
    expect(ring[1]).toEqual([-119.95, 38.34]);
    expect(ring[ring.length - 1]).toEqual(ring[0]);
    expect(value.point.lon).toBeGreaterThan(-120.14);
    expect(value.point.lon).toBeLessThan(-119.74);
    expect(value.point.lat).toBeGreaterThan(38.34);
    expect(value.point.lat).toBeLessThan(38.62);
    expect(value.point).toEqual(ringCentroid(ring));
    expect(value.region).toBe('230100');
    expect(warnings.some((w) => /fallback region/.test(w.reason))).toBe(true);
    expect(value.area!.desc).toBe(parsed(byName('google-thunderstorm.cap').xml).info[0]!.area.map((a) => a.areaDesc).join('；'));
    expect(value.severity).toBe('Severe');
    expect(value.capStatus).toBe('Actual');
    expect(value.classification).toBe('public');
    expect(value.effective).toBe(value.sent);
    expect(value.sent).toBe(Date.parse('2003-06-17T14:57:00-07:00'));
    expect(value.expires).toBe(Date.parse('2003-06-17T16:00:00-07:00'));
    expect(value.eventCode).toBe('SVR');
  });

  it('circles keep their radius; the point is the first circle\'s centre', () => {
    const msg = parsed(byName('google-australia.cap').xml);
    const circle = msg.info[0]!.area[0]!.circle[0]!;
    const { value } = mapped(byName('google-australia.cap').xml);
    if (circle.radiusKm > 0) expect(value.area!.circles[0]).toEqual({ center: [circle.center[1], circle.center[0]], radiusKm: circle.radiusKm });
    expect(value.point).toEqual({ lon: circle.center[1], lat: circle.center[0] });
    const quake = mapped(byName('oasis-v1dot2_appendix_adot3.xml').xml).value;
    const qc = parsed(byName('oasis-v1dot2_appendix_adot3.xml').xml).info[0]!.area[0]!.circle[0]!;
    expect(quake.point).toEqual({ lon: qc.center[1], lat: qc.center[0] });
  });

  it('Update references become the referenced identifiers, deduplicated, in order', () => {
    const { value } = mapped(byName('google-canada.cap').xml);
    expect(value.msgType).toBe('Update');
    expect(value.references).toEqual(['2.49.0.1.124.a3f342a4.2012', '2.49.0.1.124.60f31a3a.2012']);
    const dup = capDoc({
      msgType: 'Update',
      extra: '<references>a@x,ID-1,2026-01-01T00:00:00+08:00 b@y,ID-1,2026-01-01T00:00:00+08:00 a@x,ID-2,2026-01-02T00:00:00+08:00</references>',
      infos: [info({ language: 'zh-CN' })],
    });
    expect(mapped(dup).value.references).toEqual(['ID-1', 'ID-2']);
  });

  it('a Cancel without info maps with identifier-based text and the note as description', () => {
    const f = byName('oasis-ipaws-5e6dd9de023f1930ef6548d9.xml');
    const msg = parsed(f.xml);
    const { value, warnings } = mapped(f.xml);
    expect(value.msgType).toBe('Cancel');
    expect(value.headline).toBe(`Cancel ${msg.identifier}`);
    expect(value.event).toBe('Cancel');
    expect(value.references).toEqual(['AS-NV-e18921c7-1b35-4a81-9705-42d25c265ddd']);
    expect(value.severity).toBe('Unknown');
    expect(value.point).toEqual(CTX.fallback.point);
    expect(value.region).toBe(CTX.fallback.region);
    expect(warnings.some((w) => /fallback point/.test(w.reason))).toBe(true);
  });

  it('parameter names are sanitised: colons become "_", "EAS-ORG" stays, repeated names are joined', () => {
    const canada = mapped(byName('google-canada.cap').xml).value;
    expect(canada.attributes['layer_EC-MSC-SMC_1.0_Alert_Type']).toBe('watch');
    const ipaws = mapped(byName('oasis-ipaws-5e7e0fc5023f1930efcf3deb.xml').xml).value;
    expect(ipaws.attributes['EAS-ORG']).toBeDefined();
    expect(String(ipaws.attributes['BLOCKCHANNEL'])).toContain('; ');
  });
});

describe('capToAlertContent rules', () => {
  it('prefers zh-CN over en-US over others, and reads a Heilongjiang GB/T 2260 geocode', () => {
    const msg = parsed(BILINGUAL);
    expect(selectInfoIndex(msg.info)).toBe(1);
    const { value } = mapped(BILINGUAL);
    expect(value.headline).toBe('哈尔滨市重污染天气黄色预警');
    expect(value.event).toBe('大气污染');
    expect(value.region).toBe('230200'); // from the zh-CN block's geocode, valueName "gbt2260"
    expect(value.point).toEqual({ lon: 123.918, lat: 47.354 }); // Qiqihar's centre
    expect(value.area).toEqual({ desc: '齐齐哈尔市', polygons: [], circles: [] });
  });

  it('without Chinese, English wins; without either, the first block', () => {
    const enFr = capDoc({ infos: [info({ language: 'fr-CA', headline: 'fr' }), info({ language: 'EN-gb', headline: 'en' })] });
    expect(mapped(enFr).value.headline).toBe('en');
    const frEs = capDoc({ infos: [info({ language: 'fr-CA', headline: 'fr' }), info({ language: 'es-US', headline: 'es' })] });
    expect(mapped(frEs).value.headline).toBe('fr');
    const zhTw = capDoc({ infos: [info({ language: 'en-US', headline: 'en' }), info({ language: 'zh-TW', headline: '繁' }), info({ language: 'ZH', headline: '简' })] });
    expect(mapped(zhTw).value.headline).toBe('简');
    // "zha" (Zhuang) is not Chinese.
    const zha = capDoc({ infos: [info({ language: 'zha', headline: 'zha' }), info({ language: 'en-US', headline: 'en' })] });
    expect(mapped(zha).value.headline).toBe('en');
  });

  it('GB/T 2260 valueName variants; a geocode outside Heilongjiang is ignored with a warning', () => {
    for (const name of ['GB/T 2260', 'GBT2260', 'gb/t2260', 'adcode', 'ADCODE']) {
      const doc = capDoc({ infos: [info({ language: 'zh-CN', area: `<area><areaDesc>鸡西</areaDesc><geocode><valueName>${name}</valueName><value>230302</value></geocode></area>` })] });
      const { value } = mapped(doc);
      expect(value.region, name).toBe('230302');
      expect(value.point, name).toEqual({ lon: 130.969, lat: 45.295 });
    }
    const beijing = capDoc({ infos: [info({ language: 'zh-CN', area: '<area><areaDesc>北京</areaDesc><geocode><valueName>GB/T 2260</valueName><value>110000</value></geocode></area>' })] });
    const r = mapped(beijing);
    expect(r.value.region).toBe('230100');
    expect(r.warnings.some((w) => /not a division of Heilongjiang/.test(w.reason))).toBe(true);
  });

  it('an alert placed by the fallback point also takes the fallback region (not the prefecture nearest to it)', () => {
    const r = capToAlertContent(parsed(capDoc({ infos: [info({})] })), { ...CTX, fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230000' } });
    expect(r.ok && r.value.region).toBe('230000');
    expect(r.ok && r.warnings.map((w) => w.reason)).toEqual(["no circle, polygon or Heilongjiang GB/T 2260 geocode to place the alert: using the feed's fallback point and region"]);
  });

  it('effective/expires outside the accepted years are dropped with a warning; sent defaults effective', () => {
    const { value, warnings } = mapped(capDoc({ infos: [info({ extra: '<effective>1970-01-01T00:00:00+00:00</effective><expires>2999-01-01T00:00:00+08:00</expires>' })] }));
    expect(value.effective).toBe(value.sent);
    expect(value.expires).toBeUndefined();
    expect(warnings.filter((w) => /outside the years/.test(w.reason)).map((w) => w.path)).toEqual(['alert/info[0]/effective', 'alert/info[0]/expires']);
  });

  it('a point inside Heilongjiang without a geocode gets the nearest prefecture', () => {
    const doc = capDoc({ infos: [info({ language: 'zh-CN', area: '<area><areaDesc>牡丹江附近</areaDesc><circle>44.6,129.7 10</circle></area>' })] });
    const { value, warnings } = mapped(doc);
    expect(value.region).toBe('231000');
    expect(value.point).toEqual({ lon: 129.7, lat: 44.6 });
    expect(value.area!.circles).toEqual([{ center: [129.7, 44.6], radiusKm: 10 }]);
    expect(warnings).toEqual([]);
    expect(nearestPrefectureCode({ lon: 126.6, lat: 45.7 })).toBe('230100');
  });

  it('classification: Public -> public, Restricted -> internal, Private -> sensitive; a classification parameter overrides', () => {
    expect(mapped(capDoc({ scope: 'Public', infos: [info({})] })).value.classification).toBe('public');
    expect(mapped(capDoc({ scope: 'Restricted', infos: [info({})] })).value.classification).toBe('internal');
    expect(mapped(capDoc({ scope: 'Private', infos: [info({})] })).value.classification).toBe('sensitive');
    const raised = mapped(capDoc({ scope: 'Public', infos: [info({ params: [['classification', 'Sensitive']] })] }));
    expect(raised.value.classification).toBe('sensitive');
    expect(raised.value.attributes).not.toHaveProperty('classification');
    const lowered = mapped(capDoc({ scope: 'Private', infos: [info({ params: [['classification', 'public']] })] }));
    expect(lowered.value.classification).toBe('public');
    expect(lowered.warnings.some((w) => /less strict/.test(w.reason))).toBe(true);
    const junk = mapped(capDoc({ scope: 'Restricted', infos: [info({ params: [['classification', 'secret']] })] }));
    expect(junk.value.classification).toBe('internal');
  });

  it('Ack and Error are refused as not alerts; an Alert without info is refused', () => {
    for (const t of ['Ack', 'Error']) {
      const r = capToAlertContent(parsed(capDoc({ msgType: t, extra: '<references>a@x,ID-1,2026-01-01T00:00:00+08:00</references>', infos: [] })), CTX);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.path).toBe('alert/msgType');
        expect(r.error.reason).toMatch(/not an alert/);
      }
    }
    const r = capToAlertContent(parsed(capDoc({ infos: [] })), CTX);
    expect(r.ok).toBe(false);
  });

  it('__proto__, constructor and prototype parameters never become keys; unusable names are dropped with a warning', () => {
    const doc = capDoc({
      infos: [
        info({
          params: [
            ['__proto__', 'polluted'],
            ['constructor', 'x'],
            ['prototype', 'y'],
            ['road name', 'G1'],
            ['EAS-ORG', 'WXR'],
            ['道路', '京哈'],
            ['1st', 'z'],
            ['toString', 'fine'],
          ],
        }),
      ],
    });
    const { value, warnings } = mapped(doc);
    expect(Object.getPrototypeOf(value.attributes)).toBe(Object.prototype);
    expect(Object.keys(value.attributes).sort()).toEqual(['EAS-ORG', 'road_name', 'toString']);
    expect(Object.prototype.hasOwnProperty.call(value.attributes, '__proto__')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(value.attributes, 'constructor')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(warnings.filter((w) => /parameter .* dropped/.test(w.reason))).toHaveLength(5);
    expect(attributeKeyOf('__proto__').ok).toBe(false);
    expect(attributeKeyOf(' prototype ').ok).toBe(false);
  });

  it('a <script> in the headline is kept as plain text', () => {
    const doc = capDoc({ infos: [info({ headline: '&lt;script&gt;alert(1)&lt;/script&gt; 预警 &amp; more' })] });
    const { value } = mapped(doc);
    expect(value.headline).toBe('<script>alert(1)</script> 预警 & more');
    const cdata = capDoc({ infos: [info({ headline: '<![CDATA[<script>x</script>]]>' })] });
    expect(mapped(cdata).value.headline).toBe('<script>x</script>');
  });

  it('text over the limits is truncated with a warning, never silently', () => {
    const long = '长'.repeat(LIMITS.headline + 50);
    const doc = capDoc({ infos: [info({ headline: long, event: 'e'.repeat(300), extra: `<description>${'d'.repeat(5000)}</description><instruction>${'i'.repeat(3000)}</instruction>` })] });
    const { value, warnings } = mapped(doc);
    expect(value.headline).toHaveLength(LIMITS.headline);
    expect(value.headline.endsWith('…')).toBe(true);
    expect(value.event).toHaveLength(LIMITS.event);
    expect(value.description).toHaveLength(LIMITS.description);
    expect(value.instruction).toHaveLength(LIMITS.instruction);
    expect(warnings.filter((w) => /truncated/.test(w.reason)).map((w) => w.path.split('/').pop())).toEqual(['event', 'headline', 'description', 'instruction']);
    expect(truncateText('ab😀', 3)).toBe('ab…'); // never splits a surrogate pair
    expect(truncateText('a😀b', 3)).toBe('a…');
  });

  it('a missing headline is the event; a missing event is the headline', () => {
    expect(mapped(capDoc({ infos: [info({ event: '森林火险' })] })).value.headline).toBe('森林火险');
    const r = mapped(capDoc({ infos: [info({ event: '', headline: '只有标题' })] }));
    expect(r.value.event).toBe('只有标题');
    expect(r.warnings.some((w) => /empty event/.test(w.reason))).toBe(true);
  });

  it('geometry over the limits is dropped with a warning, not refused', () => {
    const ring = (i: number) => `${45 + i / 100},126 ${45 + i / 100},126.1 ${45.1 + i / 100},126.1 ${45 + i / 100},126`;
    const polys = Array.from({ length: LIMITS.polygons + 3 }, (_, i) => `<polygon>${ring(i)}</polygon>`).join('');
    const circles = Array.from({ length: LIMITS.circles + 2 }, (_, i) => `<circle>46,${127 + i / 100} 5</circle>`).join('');
    const big = Array.from({ length: LIMITS.polygonPoints + 1 }, (_, i) => `${45 + Math.sin(i) / 10},${126 + Math.cos(i) / 10}`);
    big.push(big[0]!);
    const doc = capDoc({
      infos: [
        info({
          area: `<area><areaDesc>甲</areaDesc><polygon>${big.join(' ')}</polygon>${polys}${circles}<circle>46,127 0</circle><circle>46,127 5000</circle></area><area><areaDesc>乙</areaDesc></area>`,
        }),
      ],
    });
    const { value, warnings } = mapped(doc);
    expect(value.area!.polygons).toHaveLength(LIMITS.polygons);
    expect(value.area!.circles).toHaveLength(LIMITS.circles);
    expect(value.area!.desc).toBe('甲；乙');
    const reasons = warnings.map((w) => w.reason).join('\n');
    expect(reasons).toMatch(/3 polygon\(s\) over the limit/);
    expect(reasons).toMatch(/2 circle\(s\) over the limit/);
    expect(reasons).toMatch(/2002 points/);
    expect(reasons).toMatch(/denotes a point/);
    expect(reasons).toMatch(/5000 km is over the limit/);
    // the point is the first circle's centre even though polygons come first in the document
    expect(value.point).toEqual({ lon: 127, lat: 46 });
  });

  it('more attributes than the limit are dropped with a warning; long values truncated', () => {
    const params = Array.from({ length: LIMITS.attributes + 4 }, (_, i): [string, string] => [`p${i}`, String(i)]);
    params.push(['p0', 'x'.repeat(300)]);
    const { value, warnings } = mapped(capDoc({ infos: [info({ params })] }));
    expect(Object.keys(value.attributes)).toHaveLength(LIMITS.attributes);
    expect(String(value.attributes['p0'])).toHaveLength(LIMITS.attributeValue);
    expect(warnings.some((w) => /4 parameter\(s\) over the limit/.test(w.reason))).toBe(true);
    expect(warnings.some((w) => /attribute p0 .* truncated/.test(w.reason))).toBe(true);
  });

  it('onset is kept as an attribute; effective and expires are epoch ms', () => {
    const doc = capDoc({
      infos: [info({ extra: '<effective>2026-11-26T15:00:00+08:00</effective><onset>2026-11-26T16:00:00+08:00</onset><expires>2026-11-27T00:00:00+08:00</expires>' })],
    });
    const { value } = mapped(doc);
    expect(value.effective).toBe(Date.parse('2026-11-26T07:00:00Z'));
    expect(value.expires).toBe(Date.parse('2026-11-26T16:00:00Z'));
    expect(value.attributes['onset']).toBe('2026-11-26T16:00:00+08:00');
  });

  it('capDateTimeToEpochMs handles offsets, -00:00, Z and fractions (1.0/1.1)', () => {
    expect(capDateTimeToEpochMs('2003-06-17T14:57:00-07:00')).toBe(Date.parse('2003-06-17T21:57:00Z'));
    expect(capDateTimeToEpochMs('2012-05-02T23:21:04-00:00')).toBe(Date.parse('2012-05-02T23:21:04Z'));
    expect(capDateTimeToEpochMs('2010-08-31T05:09:25.496Z')).toBe(Date.parse('2010-08-31T05:09:25Z'));
    expect(capDateTimeToEpochMs('2026-02-30T00:00:00+08:00')).toBeUndefined();
    expect(new Date(capDateTimeToEpochMs('0099-01-01T00:00:00+00:00')!).getUTCFullYear()).toBe(99);
  });

  it('a sent time outside the schema window is an error with the zod path', () => {
    const doc = capDoc({ infos: [info({})] }).replace('2026-11-26T14:00:00+08:00', '1970-01-01T00:00:00+00:00');
    const r = capToAlertContent(parsed(doc), CTX);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.path).toBe('sent');
  });

  it('degenerate rings fall back to the vertex mean', () => {
    expect(ringCentroid([[0, 0], [1, 1], [2, 2], [0, 0]])).toEqual({ lon: 1, lat: 1 });
    const c = ringCentroid([[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]);
    expect(c.lon).toBeCloseTo(2, 12);
    expect(c.lat).toBeCloseTo(1, 12);
    // area-weighted, not vertex mean: many vertices on one side do not pull the centroid
    const skew = ringCentroid([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [4, 4], [0, 4], [0, 0]]);
    expect(skew.lon).toBeCloseTo(2, 12);
    expect(skew.lat).toBeCloseTo(2, 12);
  });
});

describe('capToAlertContent never throws', () => {
  const small = corpus.filter((f) => f.xml.length < 30_000);
  const token = fc.constantFrom(
    '<info>', '</info>', '<area>', '</area>', '<polygon>1,2 3,4 5,6 1,2</polygon>', '<circle>45,126 0</circle>', '<circle>45,126 99999</circle>',
    '<geocode><valueName>GB/T 2260</valueName><value>230100</value></geocode>', '<parameter><valueName>__proto__</valueName><value>x</value></parameter>',
    '<parameter><valueName>classification</valueName><value>public</value></parameter>', '<language>zh-CN</language>', '<msgType>Ack</msgType>',
    '<msgType>Cancel</msgType>', '<sent>1970-01-01T00:00:00+00:00</sent>', '<expires>2999-01-01T00:00:00+08:00</expires>', '<headline></headline>',
    '<event></event>', '&lt;script&gt;', '\u0001', '中', ' ', '>', '<', '"',
  );
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(token, fc.string({ maxLength: 8 })) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 300 }) }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;
  const apply = (xml: string, m: Mutation): string => {
    const at = m.at % (xml.length + 1);
    if (m.kind === 'delete') return xml.slice(0, at) + xml.slice(at + m.len);
    if (m.kind === 'insert') return xml.slice(0, at) + m.text + xml.slice(at);
    return xml.slice(0, at + m.len) + xml.slice(at, at + m.len) + xml.slice(at + m.len);
  };

  it('on every message the codec accepts from mutated fixtures (200 runs)', () => {
    let accepted = 0;
    let mappedOk = 0;
    fc.assert(
      fc.property(fc.constantFrom(...small), fc.array(mutation, { minLength: 1, maxLength: 3 }), (f, ms) => {
        const parsedR = parseCap(ms.reduce(apply, f.xml));
        if (!parsedR.ok) return;
        accepted++;
        let r: CapResult<AlertContent> | undefined;
        expect(() => {
          r = capToAlertContent(parsedR.value, CTX);
        }).not.toThrow();
        if (r!.ok) {
          mappedOk++;
          expect(alertContentSchema.safeParse(r!.value).success).toBe(true);
        } else {
          expect(r!.error.reason).not.toMatch(/internal error/);
          expect(r!.error.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
    // ~20% of mutants parse (mean ~38 of 200); these floors only guard against a vacuous run.
    expect(accepted).toBeGreaterThan(10);
    expect(mappedOk).toBeGreaterThan(5);
  });

  it('on random canonical CAP messages (capMessageArbitrary, 200 runs)', () => {
    fc.assert(
      fc.property(capMessageArbitrary, (msg) => {
        const r = capToAlertContent(msg, CTX);
        if (r.ok) {
          expect(alertContentSchema.safeParse(r.value).success).toBe(true);
          for (const k of Object.keys(r.value.attributes)) expect(['__proto__', 'constructor', 'prototype']).not.toContain(k);
        } else {
          expect(r.error.reason).not.toMatch(/internal error/);
          if (msg.msgType === 'Alert' || msg.msgType === 'Update' || msg.msgType === 'Cancel') {
            // the arbitrary's years start in 1970, before Longwatch's window; everything else must map
            if (msg.info.length > 0 || msg.msgType === 'Cancel') expect(r.error.path === 'sent' || r.error.path === 'sourceId', `${r.error.path}: ${r.error.reason}`).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
