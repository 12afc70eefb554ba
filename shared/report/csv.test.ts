import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, csvRow, parseCsv, timelineCsv } from './csv';
import { incidentEventsOf, timelineOf } from './timeline';
import { incidentLog, PEOPLE } from './testing/incidentLog';

describe('timelineCsv', () => {
  const log = incidentLog();
  const entries = timelineOf(incidentEventsOf(log.events, 'INC-1'), { people: PEOPLE });
  const text = timelineCsv(entries);

  it('starts with a UTF-8 BOM and a Chinese header, ends lines with CRLF', () => {
    expect(text.startsWith(CSV_BOM + '序号,时间（北京时间）,操作者')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false); // no bare LF outside quotes in this log
  });

  it('has one row per event, in order, with Beijing ISO times', () => {
    const rows = parseCsv(text);
    expect(rows).toHaveLength(entries.length + 1);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(entries.map((e) => e.seq));
    expect(rows[1]).toEqual(['1', '2026-11-26T14:00:00+08:00', '数据源 安全生产', 'source:safety', '黑龙江省应急管理厅（安全生产）', '收到安全生产橙色预警', 'Safety orange alert received', '哈尔滨滨东精细化工有限公司苯储罐发生泄漏', 'alert.received', 'safety:SAF-1']);
    const note = rows.find((r) => r[8] === 'incident.noteAdded')!;
    expect(note[7]).toBe('下游断面苯浓度 0.05 mg/L, "超标" 4 倍');
    expect(text).toContain('"下游断面苯浓度 0.05 mg/L, ""超标"" 4 倍"');
  });

  it('writes an English header and English names with lang en', () => {
    const rows = parseCsv(timelineCsv(entries, 'en'));
    expect(rows[0]![0]).toBe('Seq');
    expect(rows.find((r) => r[8] === 'incident.leadAssigned')!.slice(4, 7)).toEqual(['Longwatch Joint Command Center', 'Lead agency: Safety', '指定牵头单位：安全生产']);
  });
});

describe('csvField', () => {
  it('quotes only what RFC 4180 requires', () => {
    expect(csvField('plain 中文')).toBe('plain 中文');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(42)).toBe('42');
  });

  it('defuses spreadsheet formulas in text (CSV injection), not in numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });

  it('round-trips any row through parseCsv', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/^[=+\-@\t\r]/.test(s)), { minLength: 1, maxLength: 6 }), (fields) => {
        expect(parseCsv(csvRow(fields) + '\r\n')).toEqual([fields]);
      }),
      { numRuns: 300 },
    );
  });
});
