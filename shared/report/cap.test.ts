/**
 * The incident as CAP 1.2, checked by the real validator (`xmllint --schema
 * cap12.xsd`, Debian libxml2-utils; missing xmllint fails the test) and read
 * back by our own parser.
 */
import { describe, expect, it } from 'vitest';
import { parseCap } from '../cap/parse';
import { xmllintDocuments } from '../cap/testing/fixtures';
import { CENTER_CAP_SENDER, exportFileName, incidentCapXml } from './cap';
import { incidentLog, MIN, T0 } from './testing/incidentLog';

describe('incidentCapXml', () => {
  const log = incidentLog();
  const incident = log.state.incidents.get('INC-1')!;
  const xml = incidentCapXml(incident, log.state.alerts, T0 + 200 * MIN);

  it('validates against the OASIS CAP 1.2 schema', () => {
    const [verdict] = xmllintDocuments([{ name: 'incident', xml }]);
    expect(verdict!.messages.join('\n')).toBe('');
    expect(verdict!.valid).toBe(true);
  });

  it('has a zh-CN and an en-US info block with the incident area from its public alerts only', () => {
    const r = parseCap(xml);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const msg = r.value;
    expect(msg).toMatchObject({ sender: CENTER_CAP_SENDER, status: 'Exercise', msgType: 'Alert', scope: 'Public', sent: '2026-11-26T17:20:00+08:00' });
    expect(msg.info.map((i) => i.language)).toEqual(['zh-CN', 'en-US']);
    expect(msg.info[0]!.headline).toBe('【Ⅰ级】哈尔滨危化品泄漏');
    expect(msg.info[1]!.headline).toBe('[Level I] 哈尔滨危化品泄漏');
    const area = msg.info[0]!.area[0]!;
    expect(area.areaDesc).toBe('黑龙江省哈尔滨');
    expect(area.geocode).toEqual([{ valueName: 'GB/T 2260', value: '230100' }]);
    // The internal leak report's 1 km circle stays out; the public closure gives a 2 km circle at its point.
    expect(area.circle).toEqual([{ center: [45.7979, 126.7595], radiusKm: 2 }]);
    expect(msg.info[0]!.instruction).toBe('去往宾县方向车辆请经G10绕行。');
  });

  it('accepts the alerts as a list too', () => {
    expect(incidentCapXml(incident, log.state.alerts.values(), T0 + 200 * MIN)).toBe(xml);
  });
});

describe('exportFileName', () => {
  it('stamps Beijing time and keeps the name safe for Windows', () => {
    expect(exportFileName(12, '时间线', Date.parse('2026-11-26T06:03:00Z'), 'csv')).toBe('事件12-时间线-20261126-1403.csv');
    expect(exportFileName(undefined, 'a/b: c', Date.parse('2026-11-26T06:03:00Z'), 'geojson')).toBe('a_b_c-20261126-1403.geojson');
  });
});
