/**
 * Longwatch -> CAP: alerts round-trip through CAP 1.2, and incidents become
 * bilingual public warnings that xmllint validates against the OASIS schema.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert, AlertContent } from '../domain/model';
import { alertToCap, capToAlertContent, formatCapDateTime, incidentToCap, parseCap, serializeCap } from './index';
import type { CapMessage } from './index';
import { capIdentifier, capSafeId } from './fromDomain';
import type { CapToAlertContext } from './toAlert';
import { T0, alertFrom, contentOf, incidentOf, incidentScenarioArbitrary } from './testing/domain';
import { loadFixtures, xmllintDocuments } from './testing/fixtures';

const CTX: Omit<CapToAlertContext, 'capXml'> = {
  feed: 'ecology',
  domain: 'ecology',
  fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230100' },
};
const OPTS = { sender: 'longwatch@hlj.gov.cn', now: T0 + 1234 };

function reparse(msg: CapMessage): CapMessage {
  const r = parseCap(serializeCap(msg));
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.reason}\n${serializeCap(msg)}`);
  return r.value;
}

function remap(msg: CapMessage, ctx = CTX): { value: AlertContent; warnings: { path: string; reason: string }[] } {
  const r = capToAlertContent(reparse(msg), ctx);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.reason}`);
  return r;
}

/** Identifier rule of CAP: no spaces, commas, '<' or '&'. */
const CAP_ID = /^[^\s,<&]+$/;

function explain(verdicts: { name: string; valid: boolean; messages: string[] }[]): string {
  return verdicts
    .filter((v) => !v.valid)
    .map((v) => `${v.name}:\n  ${v.messages.join('\n  ')}`)
    .join('\n');
}

describe('formatCapDateTime and identifiers', () => {
  it('writes Beijing time with an explicit +08:00 offset and whole seconds', () => {
    expect(formatCapDateTime(Date.parse('2026-11-26T06:00:00.987Z'))).toBe('2026-11-26T14:00:00+08:00');
    expect(formatCapDateTime(Date.parse('2026-12-31T16:30:05Z'))).toBe('2027-01-01T00:30:05+08:00');
    expect(formatCapDateTime(Date.parse('2026-12-31T16:30:05Z'), -420)).toBe('2026-12-31T09:30:05-07:00');
  });

  it('identifiers are CAP-valid and at most 128 characters', () => {
    expect(capSafeId('a b,c<d&e\tf')).toBe('a_b_c_d_e_f');
    expect(capIdentifier('longwatch-INC 1', 1_700_000_000_123)).toBe('longwatch-INC_1-1700000000123');
    const long = capIdentifier(`longwatch-${'事'.repeat(300)}`, 1_700_000_000_000);
    expect(long.length).toBeLessThanOrEqual(128);
    expect(long).toMatch(CAP_ID);
    expect(capIdentifier(`longwatch-${'事'.repeat(300)}a`, 1)).not.toBe(capIdentifier(`longwatch-${'事'.repeat(300)}b`, 1));
  });
});

describe('alertToCap', () => {
  const corpus = [...loadFixtures('valid'), ...loadFixtures('older-versions')];

  it('round trip: CAP fixture -> content -> Alert -> CAP -> XML -> CAP -> content keeps the essentials', () => {
    let n = 0;
    for (const f of corpus) {
      const parsedR = parseCap(f.xml);
      if (!parsedR.ok) continue;
      const first = capToAlertContent(parsedR.value, CTX);
      if (!first.ok) continue;
      const alert = alertFrom(first.value);
      const msg = alertToCap(alert, OPTS);
      expect(msg.identifier, f.name).toMatch(CAP_ID);
      expect(msg.info).toHaveLength(1);
      expect(msg.info[0]!.language).toBe('zh-CN');
      const { value } = remap(msg);
      const a = first.value;
      expect(value.headline, f.name).toBe(a.headline.trim());
      expect(value.event, f.name).toBe(a.event.trim());
      expect(value.severity, f.name).toBe(a.severity);
      expect(value.urgency, f.name).toBe(a.urgency);
      expect(value.certainty, f.name).toBe(a.certainty);
      expect(value.category, f.name).toEqual(a.category);
      expect(value.capStatus, f.name).toBe(a.capStatus);
      expect(value.classification, f.name).toBe(a.classification);
      expect(value.region, f.name).toBe(a.region);
      expect(Math.abs(value.point.lon - a.point.lon), f.name).toBeLessThan(1e-4);
      expect(Math.abs(value.point.lat - a.point.lat), f.name).toBeLessThan(1e-4);
      if (a.area && (a.area.polygons.length > 0 || a.area.circles.length > 0)) {
        expect(value.area!.polygons, f.name).toEqual(a.area.polygons);
        expect(value.area!.circles, f.name).toEqual(a.area.circles);
      } else {
        // no geometry: a 1 km circle around the point
        expect(value.area!.polygons).toEqual([]);
        expect(value.area!.circles).toEqual([{ center: [a.point.lon, a.point.lat], radiusKm: 1 }]);
      }
      if (a.area?.desc !== undefined) expect(value.area!.desc, f.name).toBe(a.area.desc);
      expect(value.sent).toBe(Math.floor(OPTS.now / 1000) * 1000);
      expect(value.effective, f.name).toBe(Math.floor(a.effective! / 1000) * 1000);
      if (a.expires !== undefined) expect(value.expires, f.name).toBe(Math.floor(a.expires / 1000) * 1000);
      expect(value.eventCode, f.name).toBe(a.eventCode);
      for (const [k, v] of Object.entries(a.attributes)) expect(String(value.attributes[k]), `${f.name} ${k}`).toBe(String(v).trim());
      n++;
    }
    expect(n).toBeGreaterThan(25);
  });

  it('scope follows classification; Private carries the agency as address', () => {
    const base = contentOf({ domain: 'security', feed: 'security', classification: 'public' });
    expect(alertToCap(alertFrom(base), OPTS).scope).toBe('Public');
    const internal = alertToCap(alertFrom({ ...base, classification: 'internal' }), OPTS);
    expect(internal.scope).toBe('Restricted');
    expect(internal.restriction).toBeTruthy();
    const sensitive = alertToCap(alertFrom({ ...base, classification: 'sensitive' }), OPTS);
    expect(sensitive.scope).toBe('Private');
    expect(sensitive.addresses).toBe('hlj-security');
    for (const c of ['public', 'internal', 'sensitive'] as const) {
      expect(remap(alertToCap(alertFrom({ ...base, classification: c }), OPTS)).value.classification).toBe(c);
    }
  });

  it('an attribute named classification is not written (it would override the scope on the way back)', () => {
    const alert = alertFrom(contentOf({ classification: 'sensitive', attributes: { classification: 'public', road: 'G1' } }));
    const msg = alertToCap(alert, OPTS);
    expect(msg.info[0]!.parameter.map((p) => p.valueName)).toEqual(['road']);
    expect(remap(msg).value.classification).toBe('sensitive');
  });

  it('geometry goes back to CAP order [lat, lon]; the region becomes a GB/T 2260 geocode', () => {
    const ring: [number, number][] = [[126.5, 45.7], [126.7, 45.7], [126.7, 45.9], [126.5, 45.7]];
    const alert = alertFrom(contentOf({ area: { desc: '道外区', polygons: [ring], circles: [{ center: [127, 46], radiusKm: 3 }] }, region: '230104' }));
    const msg = alertToCap(alert, OPTS);
    const area = msg.info[0]!.area[0]!;
    expect(area.polygon[0]![0]).toEqual([45.7, 126.5]);
    expect(area.circle[0]).toEqual({ center: [46, 127], radiusKm: 3 });
    expect(area.geocode).toEqual([{ valueName: 'GB/T 2260', value: '230104' }]);
    expect(area.areaDesc).toBe('道外区');
    expect(msg.sent).toBe('2026-11-26T14:00:01+08:00');
    const back = remap(msg).value;
    expect(back.region).toBe('230104');
    expect(back.point).toEqual({ lon: 127, lat: 46 });
  });

  it('the output validates against the CAP 1.2 schema', () => {
    const alerts: Alert[] = [
      alertFrom(contentOf()),
      alertFrom(contentOf({ classification: 'internal', description: undefined, eventCode: 'TRF-01', effective: T0, expires: T0 + 3_600_000 })),
      alertFrom(contentOf({ classification: 'sensitive', headline: '<script>alert(1)</script> & "quotes"', capStatus: 'Exercise' }), { incidentId: 'INC 7' }),
    ];
    const verdicts = xmllintDocuments(alerts.map((a, i) => ({ name: `alert-${i}`, xml: serializeCap(alertToCap(a, OPTS)) })));
    expect(explain(verdicts)).toBe('');
  });
});

describe('incidentToCap', () => {
  const harbinRing: [number, number][] = [[126.5, 45.7], [126.7, 45.7], [126.7, 45.9], [126.5, 45.7]];
  const alerts: Alert[] = [
    alertFrom(
      contentOf({
        feed: 'safety', sourceId: 'SF-1', domain: 'safety', category: ['Safety'], headline: '化工厂氯气泄漏',
        instruction: '周边居民请关闭门窗，听从现场指挥。', area: { desc: '道外区', polygons: [harbinRing], circles: [] }, classification: 'public',
      }),
    ),
    alertFrom(
      contentOf({
        feed: 'ecology', sourceId: 'EC-1', domain: 'ecology', category: ['Env'], headline: 'Chlorine reading high',
        instruction: 'Keep windows closed.', point: { lon: 126.62, lat: 45.76 }, classification: 'public', capStatus: 'Exercise',
      }),
    ),
    alertFrom(
      contentOf({
        feed: 'security', sourceId: 'SE-1', domain: 'security', category: ['Security'], headline: '涉密：嫌疑人位置',
        instruction: '秘密布控，勿外传', area: { polygons: [[[127.1, 46.1], [127.2, 46.1], [127.2, 46.2], [127.1, 46.1]]], circles: [] },
        classification: 'sensitive', capStatus: 'Exercise',
      }),
    ),
    alertFrom(contentOf({ feed: 'traffic', sourceId: 'TR-9', headline: '误报', classification: 'public', area: { polygons: [], circles: [{ center: [128, 47], radiusKm: 9 }] } }), {
      status: 'dismissed',
    }),
  ];
  const incident = incidentOf({
    id: 'INC-42',
    title: '哈尔滨道外区化工厂泄漏 <紧急> & 疏散',
    level: 1,
    lead: 'hlj-safety',
    agencies: {
      'hlj-safety': { agency: 'hlj-safety', status: 'on-scene', requestedAt: T0, requestedBy: 'x' },
      'hlj-ecology': { agency: 'hlj-ecology', status: 'acknowledged', requestedAt: T0, requestedBy: 'x' },
      'hlj-traffic': { agency: 'hlj-traffic', status: 'declined', requestedAt: T0, requestedBy: 'x' },
      'hlj-security': { agency: 'hlj-security', status: 'dispatched', requestedAt: T0, requestedBy: 'x' },
    },
    alerts: alerts.map((a) => a.id),
    domains: ['safety', 'ecology', 'security', 'traffic', 'market'],
    region: '230104',
  });

  it('builds the bilingual public warning', () => {
    const msg = incidentToCap(incident, [...alerts, alertFrom(contentOf({ sourceId: 'not-linked' }))], OPTS);
    expect(msg.identifier).toBe(`longwatch-INC-42-${OPTS.now}`);
    expect(msg.identifier).toMatch(CAP_ID);
    expect(msg.status).toBe('Actual'); // not every alert is an exercise
    expect(msg.msgType).toBe('Alert');
    expect(msg.scope).toBe('Public');
    expect(msg.sent).toBe('2026-11-26T14:00:01+08:00');
    expect(msg.info.map((i) => i.language)).toEqual(['zh-CN', 'en-US']);
    const [zh, en] = msg.info as [CapMessage['info'][number], CapMessage['info'][number]];
    expect(zh.category).toEqual(['Safety', 'Env', 'Security', 'Transport', 'Other']);
    expect(zh.event).toBe('突发事件（安全生产、生态环境、公安应急、交通运输、市场监管）');
    expect(en.event).toBe('Emergency incident (Safety, Ecology, Security, Transport, Market)');
    expect(zh.headline).toBe('【Ⅰ级】哈尔滨道外区化工厂泄漏 <紧急> & 疏散');
    expect(en.headline).toBe('[Level I] 哈尔滨道外区化工厂泄漏 <紧急> & 疏散');
    expect([zh.urgency, zh.severity, zh.certainty]).toEqual(['Immediate', 'Extreme', 'Observed']);
    expect(zh.senderName).toBe('龙江联合指挥中心');
    expect(en.senderName).toBe('Longwatch Joint Command Center');
    expect(zh.description).toContain('Ⅰ级（特别重大）');
    expect(zh.description).toContain('牵头单位：黑龙江省应急管理厅（安全生产）');
    expect(zh.description).toContain('参与单位：黑龙江省公安厅、黑龙江省生态环境厅'); // the declined traffic department is not listed
    expect(zh.description).not.toContain('交通运输厅');
    expect(zh.description).toContain('关联预警：4 条');
    expect(en.description).toContain('Lead agency: Heilongjiang Emergency Management Department (production safety).');
    expect(en.description).toContain('Linked alerts: 4.');
    // instructions: only from public alerts, Chinese in zh, English in en; the sensitive one never appears
    expect(zh.instruction).toBe('周边居民请关闭门窗，听从现场指挥。');
    expect(en.instruction).toBe('Keep windows closed.');
    expect(serializeCap(msg)).not.toContain('秘密布控');
    expect(serializeCap(msg)).not.toContain('涉密');
    expect(zh.parameter).toEqual([{ valueName: 'incidentId', value: 'INC-42' }, { valueName: 'level', value: '1' }]);
    // one area: the public polygon + a 2 km circle around the public alert without area; not the sensitive or the dismissed one
    expect(zh.area).toHaveLength(1);
    const area = zh.area[0]!;
    expect(area.polygon).toEqual([harbinRing.map(([lon, lat]) => [lat, lon])]);
    expect(area.circle).toEqual([{ center: [45.76, 126.62], radiusKm: 2 }]);
    expect(area.geocode).toEqual([{ valueName: 'GB/T 2260', value: '230104' }]);
    expect(area.areaDesc).toBe('黑龙江省哈尔滨');
    expect(en.area[0]!.areaDesc).toBe('Harbin, Heilongjiang');
  });

  it('is an Exercise when every linked alert is one; an Update when references are given', () => {
    const ex = alerts.map((a) => ({ ...a, capStatus: 'Exercise' as const }));
    const msg = incidentToCap(incident, ex, { ...OPTS, identifier: 'my id,1', references: [{ sender: 'longwatch@hlj.gov.cn', identifier: 'longwatch-INC-42-1', sent: '2026-11-26T13:00:00+08:00' }] });
    expect(msg.status).toBe('Exercise');
    expect(msg.note).toMatch(/演练/);
    expect(msg.msgType).toBe('Update');
    expect(msg.identifier).toBe('my_id_1');
    expect(msg.references).toHaveLength(1);
  });

  it('levels, urgency and Roman numerals', () => {
    const expected = { 1: ['Ⅰ', 'I', 'Extreme', 'Immediate'], 2: ['Ⅱ', 'II', 'Severe', 'Immediate'], 3: ['Ⅲ', 'III', 'Moderate', 'Expected'], 4: ['Ⅳ', 'IV', 'Minor', 'Expected'] } as const;
    for (const level of [1, 2, 3, 4] as const) {
      const msg = incidentToCap({ ...incident, level }, alerts, OPTS);
      const [zhR, enR, sev, urg] = expected[level];
      expect(msg.info[0]!.headline).toBe(`【${zhR}级】${incident.title}`);
      expect(msg.info[1]!.headline).toBe(`[Level ${enR}] ${incident.title}`);
      expect(msg.info[0]!.severity).toBe(sev);
      expect(msg.info[1]!.urgency).toBe(urg);
    }
  });

  it('with no public alert, the area is a 2 km circle around the incident location; no instruction', () => {
    const msg = incidentToCap({ ...incident, alerts: [alerts[2]!.id] }, alerts, OPTS);
    expect(msg.info[0]!.area[0]!.circle).toEqual([{ center: [incident.location.lat, incident.location.lon], radiusKm: 2 }]);
    expect(msg.info[0]!.instruction).toBeUndefined();
    expect(msg.status).toBe('Exercise'); // its only linked alert is an exercise
  });

  it('only English instructions: the zh block gets a generic Chinese instruction', () => {
    const msg = incidentToCap({ ...incident, alerts: [alerts[1]!.id] }, alerts, OPTS);
    expect(msg.info[0]!.instruction).toMatch(/当地政府/);
    expect(msg.info[1]!.instruction).toBe('Keep windows closed.');
  });

  it('maps back through capToAlertContent (zh-CN chosen, region and level kept)', () => {
    const { value } = remap(incidentToCap(incident, alerts, OPTS));
    expect(value.headline).toBe(`【Ⅰ级】${incident.title}`);
    expect(value.region).toBe('230104');
    expect(value.severity).toBe('Extreme');
    expect(value.attributes).toMatchObject({ incidentId: 'INC-42', level: '1' });
    expect(value.classification).toBe('public');
  });

  it('hand-built incident and 30 generated ones validate with xmllint and have exactly zh-CN + en-US', () => {
    const docs: { name: string; xml: string }[] = [];
    const add = (name: string, msg: CapMessage): void => {
      expect(msg.info.map((i) => i.language), name).toEqual(['zh-CN', 'en-US']);
      expect(msg.identifier, name).toMatch(CAP_ID);
      expect(msg.sent, name).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      const xml = serializeCap(msg);
      const back = parseCap(xml);
      expect(back.ok, name).toBe(true);
      if (back.ok) expect(back.warnings, name).toEqual([]);
      docs.push({ name, xml });
    };
    add('hand-built', incidentToCap(incident, alerts, OPTS));
    add('hand-built-exercise-update', incidentToCap(incident, alerts.map((a) => ({ ...a, capStatus: 'Exercise' as const })), {
      ...OPTS,
      references: [{ sender: 'longwatch@hlj.gov.cn', identifier: 'longwatch-INC-42-1', sent: '2026-11-26T13:00:00+08:00' }],
    }));
    const samples = fc.sample(incidentScenarioArbitrary, { numRuns: 30, seed: 20261126 });
    samples.forEach(({ incident: inc, alerts: as }, i) => add(`generated-${i}`, incidentToCap(inc, as, { ...OPTS, now: OPTS.now + i * 1000 })));
    expect(docs).toHaveLength(32);
    const verdicts = xmllintDocuments(docs);
    expect(explain(verdicts)).toBe('');
    expect(verdicts.every((v) => v.valid)).toBe(true);
  });

  it('property: generated incidents never leak non-public alert instructions or geometry and always map back', () => {
    fc.assert(
      fc.property(incidentScenarioArbitrary, ({ incident: inc, alerts: generated }) => {
        // Tag every instruction with its alert id so a leak is unambiguous.
        const as = generated.map((a) => (a.instruction === undefined ? a : { ...a, instruction: `⟦${a.id}⟧ ${a.instruction}` }));
        const msg = incidentToCap(inc, as, OPTS);
        const linked = new Set(inc.alerts);
        const text = msg.info.map((i) => i.instruction ?? '').join('\n');
        for (const a of as) {
          const contributes = linked.has(a.id) && a.classification === 'public' && a.status !== 'dismissed' && a.status !== 'cancelled';
          if (a.instruction !== undefined && !contributes) expect(text).not.toContain(`⟦${a.id}⟧`);
        }
        // Every shape in the public area comes from a contributing alert (or is the incident location).
        const allowed = new Set<string>();
        for (const a of as) {
          if (!(linked.has(a.id) && a.classification === 'public' && a.status !== 'dismissed' && a.status !== 'cancelled')) continue;
          for (const r of a.area?.polygons ?? []) allowed.add(JSON.stringify(r.map(([x, y]) => [y, x])));
          for (const c of a.area?.circles ?? []) allowed.add(JSON.stringify({ center: [c.center[1], c.center[0]], radiusKm: c.radiusKm }));
          allowed.add(JSON.stringify({ center: [a.point.lat, a.point.lon], radiusKm: 2 }));
        }
        allowed.add(JSON.stringify({ center: [inc.location.lat, inc.location.lon], radiusKm: 2 }));
        for (const i of msg.info) {
          for (const poly of i.area[0]!.polygon) expect(allowed.has(JSON.stringify(poly))).toBe(true);
          for (const c of i.area[0]!.circle) expect(allowed.has(JSON.stringify(c))).toBe(true);
        }
        const linkedAlerts = as.filter((a) => linked.has(a.id));
        expect(msg.status).toBe(linkedAlerts.length > 0 && linkedAlerts.every((a) => a.capStatus === 'Exercise') ? 'Exercise' : 'Actual');
        const back = capToAlertContent(reparse(msg), CTX);
        expect(back.ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
