import { describe, expect, it } from 'vitest';
import { incidentHash, parseIncidentHash } from './route';

describe('incident route', () => {
  it('round-trips an id, including characters a hash must escape', () => {
    expect(parseIncidentHash(incidentHash('INC-12'))).toBe('INC-12');
    expect(parseIncidentHash(incidentHash('a/b?c#d 事件'))).toBe('a/b?c#d 事件');
  });
  it('is null for other routes, an empty id and a malformed escape', () => {
    expect(parseIncidentHash('#/wall')).toBeNull();
    expect(parseIncidentHash('#/report/INC-1')).toBeNull();
    expect(parseIncidentHash('#/incident/')).toBeNull();
    expect(parseIncidentHash('#/incident/%E0%A4%A')).toBeNull();
  });
});
