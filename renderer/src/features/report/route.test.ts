import { describe, expect, it } from 'vitest';
import { parseReportHash, reportHash } from './route';

describe('report route', () => {
  it('round-trips an incident id, with and without print', () => {
    for (const id of ['INC-4', 'inc/with space?&#', '事件-1']) {
      expect(parseReportHash(reportHash(id))).toEqual({ incidentId: id, print: false });
      expect(parseReportHash(reportHash(id, true))).toEqual({ incidentId: id, print: true });
    }
  });

  it('is null for other routes and malformed ids', () => {
    expect(parseReportHash('#/')).toBeNull();
    expect(parseReportHash('#/report/')).toBeNull();
    expect(parseReportHash('#/wall')).toBeNull();
    expect(parseReportHash('#/report/%E0%A4%A')).toBeNull();
  });
});
