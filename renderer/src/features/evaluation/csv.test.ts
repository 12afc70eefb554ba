import { describe, expect, it } from 'vitest';
import { AGENCIES, AGENCY_IDS } from '@shared/domain/agencies';
import type { AgencyIndicators } from '@shared/evaluation';
import { BOM, csvCell, indicatorCsv } from './csv';
import { COLUMNS } from './columns';

function row(agency: AgencyIndicators['agency'], over: Partial<AgencyIndicators> = {}): AgencyIndicators {
  return {
    agency, received: 0, acknowledged: 0, dismissed: 0, relevant: 0, duplicate: 0, falsePositive: 0, falsePositiveRate: null,
    expiredUnacknowledged: 0, meanAckMs: null, p90AckMs: null, slaDue: 0, slaMet: 0, slaCompliance: null, incidentsLed: 0,
    incidentsJoined: 0, requestsDue: 0, requestsMet: 0, requestCompliance: null, escalations: 0, resolved: 0, meanResolveMs: null,
    tasksDue: 0, tasksOnTime: 0, taskOnTimeRate: null, responseCompliance: null, ...over,
  };
}

const labels = {
  rank: '排名', agencyId: '部门代码', agency: '部门', column: (k: string) => `列${k}`, previous: '上期',
  agencyName: (a: AgencyIndicators['agency']) => AGENCIES[a].name.zh,
};

describe('indicator CSV', () => {
  it('has a BOM, a header and one row per agency in the given order, CRLF line ends', () => {
    const rows = AGENCY_IDS.map((a) => row(a));
    const text = indicatorCsv(rows, null, labels);
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + AGENCY_IDS.length);
    expect(lines[0]!.split(',')).toHaveLength(3 + COLUMNS.length);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual([...AGENCY_IDS]);
  });

  it('writes rates as percent, durations as minutes, nothing for no value', () => {
    const traffic = row('hlj-traffic', { received: 6, acknowledged: 2, slaCompliance: 0.5, meanAckMs: 22 * 60_000, responseCompliance: 2 / 3 });
    const prev = new Map([['hlj-traffic', row('hlj-traffic', { responseCompliance: 0.25 })]]);
    const line = indicatorCsv([traffic], prev, labels).split('\r\n')[1]!.split(',');
    const col = (key: string) => line[3 + COLUMNS.findIndex((c) => c.key === key)];
    expect(line.slice(0, 3)).toEqual(['1', 'hlj-traffic', '黑龙江省交通运输厅']);
    expect(col('received')).toBe('6');
    expect(col('slaCompliance')).toBe('50');
    expect(col('meanAck')).toBe('22');
    expect(col('p90Ack')).toBe('');
    expect(col('responseCompliance')).toBe('66.7');
    expect(line[line.length - 1]).toBe('25');
  });

  it('quotes separators and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(-1)).toBe('-1');
  });
});
