import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../workspace/filters';
import { compareIncidents, matchesIncident, nextCursor } from './boardRows';
import { incident, T0 } from './testing';

describe('board rows', () => {
  it('filters incidents by domain, level colour, prefecture and text', () => {
    const i = incident({ domains: ['traffic', 'security'], level: 2, region: '230600', title: '大庆 危化品运输车泄漏', no: 7 });
    expect(matchesIncident(i, DEFAULT_FILTERS)).toBe(true);
    expect(matchesIncident(i, { ...DEFAULT_FILTERS, domains: new Set(['security']) })).toBe(true);
    expect(matchesIncident(i, { ...DEFAULT_FILTERS, domains: new Set(['ecology']) })).toBe(false);
    expect(matchesIncident(i, { ...DEFAULT_FILTERS, levels: new Set(['orange']) })).toBe(true);
    expect(matchesIncident(i, { ...DEFAULT_FILTERS, levels: new Set(['red']) })).toBe(false);
    expect(matchesIncident(i, { ...DEFAULT_FILTERS, prefectures: new Set(['230600']) })).toBe(true);
    expect(matchesIncident(i, { ...DEFAULT_FILTERS, text: '#7' })).toBe(true);
    expect(matchesIncident(i, { ...DEFAULT_FILTERS, text: '泄漏' })).toBe(true);
    expect(matchesIncident({ ...i, status: 'closed' }, DEFAULT_FILTERS)).toBe(false);
  });

  it('orders incidents by level, then overdue, then most recent activity', () => {
    const list = [
      incident({ id: 'a', level: 3, updatedAt: T0 + 5 }),
      incident({ id: 'b', level: 2, updatedAt: T0 }),
      incident({ id: 'c', level: 3, updatedAt: T0, overdue: true }),
    ].sort(compareIncidents);
    expect(list.map((i) => i.id)).toEqual(['b', 'c', 'a']);
  });

  const rows = (...ids: string[]) => ids.map((id) => ({ id }));

  it('moves the cursor within the list and lands on the first row from nothing', () => {
    const ids = rows('a', 'b', 'c');
    expect(nextCursor(ids, null, 1)).toBe('a');
    expect(nextCursor(ids, null, -1)).toBe('c');
    expect(nextCursor(ids, 'a', 1)).toBe('b');
    expect(nextCursor(ids, 'c', 1)).toBe('c');
    expect(nextCursor(ids, 'b', -10)).toBe('a');
    expect(nextCursor(ids, 'gone', 1)).toBe('a');
    expect(nextCursor([], 'a', 1)).toBeNull();
    expect(nextCursor(ids, 'b', 1, 1)).toBe('c');
  });

  it('continues from where a row that left the list was', () => {
    // 'b' was at index 1 and was dismissed: j takes 'c' (now at 1), k takes 'a'.
    expect(nextCursor(rows('a', 'c', 'd'), 'b', 1, 1)).toBe('c');
    expect(nextCursor(rows('a', 'c', 'd'), 'b', -1, 1)).toBe('a');
    expect(nextCursor(rows('a'), 'z', 1, 5)).toBe('a');
  });
});
