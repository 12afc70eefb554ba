import { describe, expect, it } from 'vitest';
import { printToPdfRequestSchema, SAVE_FILE_MAX_BYTES, saveFileRequestSchema, suggestedNameSchema } from './ipc';

describe('suggestedNameSchema', () => {
  it('accepts a bare file name, Chinese included', () => {
    expect(suggestedNameSchema.safeParse('事件报告 2026-11-26.pdf').success).toBe(true);
  });
  it('rejects paths, control characters and dot names', () => {
    for (const bad of ['../etc/passwd', 'a/b.csv', 'C:\\x\\y.csv', 'a\u0000b', 'line\nbreak', '.', '..', '', 'x'.repeat(201)]) {
      expect(suggestedNameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('saveFileRequestSchema', () => {
  it('accepts text and bytes with filters', () => {
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.csv', data: 'x,y\n', mime: 'text/csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }).success).toBe(true);
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.bin', data: new Uint8Array([1, 2]), mime: 'application/octet-stream' }).success).toBe(true);
  });
  it('rejects data above the cap, and odd filter extensions', () => {
    const big = new Uint8Array(SAVE_FILE_MAX_BYTES + 1);
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.bin', data: big, mime: 'application/octet-stream' }).success).toBe(false);
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.csv', data: 'x', mime: 'text/csv', filters: [{ name: 'x', extensions: ['../x'] }] }).success).toBe(false);
    expect(saveFileRequestSchema.safeParse({ suggestedName: 'a.csv', data: 7, mime: 'text/csv' }).success).toBe(false);
  });
});

describe('printToPdfRequestSchema', () => {
  it('needs a bare name', () => {
    expect(printToPdfRequestSchema.safeParse({ suggestedName: 'report.pdf' }).success).toBe(true);
    expect(printToPdfRequestSchema.safeParse({ suggestedName: '/tmp/report.pdf' }).success).toBe(false);
  });
});
