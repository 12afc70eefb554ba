import { describe, expect, it } from 'vitest';
import { attributeRows } from './attributes';

describe('attribute rows', () => {
  it('labels known keys, folds units into readings, and keeps unknown keys as data', () => {
    const rows = attributeRows({ section: '盘古镇监测点', unit: 'µg/m³', reading: 132, pollutant: 'PM2.5', standard: 75, stationModel: 'X-9', closed: true });
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['pollutant', 'PM2.5'],
      ['reading', '132 µg/m³'],
      ['standard', '75 µg/m³'],
      ['section', '盘古镇监测点'],
      ['closed', 'true'],
      ['stationModel', 'X-9'],
    ]);
    expect(rows.find((r) => r.key === 'reading')?.labelKey).toBe('detail.attr.reading');
    expect(rows.find((r) => r.key === 'stationModel')?.labelKey).toBeUndefined();
    expect(rows.find((r) => r.key === 'closed')?.booleanKey).toBe('yes');
  });

  it('formats prices and changes', () => {
    const rows = attributeRows({ commodity: '防滑链', price: 288, priceUnit: '元/套', priceChangePercent: 60 });
    expect(rows.map((r) => r.value)).toEqual(['防滑链', '288 元/套', '+60%']);
  });
});
