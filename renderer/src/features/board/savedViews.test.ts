import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '@shared/domain/roles';
import { DEFAULT_FILTERS } from '../workspace/filters';
import { builtInViews, defaultViewFor, filtersFromJson, filtersToJson, loadCustomViews, sameFilters, storeCustomViews } from './savedViews';

const officer: User = { name: 'traffic', displayName: '刘洋', role: 'dutyOfficer', agency: 'hlj-traffic' };
const operator: User = { name: 'operator', displayName: '张伟', role: 'operator' };

describe('saved views', () => {
  beforeEach(() => localStorage.clear());

  it('round-trips filters through JSON and drops what it does not know', () => {
    const f = { ...DEFAULT_FILTERS, domains: new Set(['traffic' as const]), prefectures: new Set(['230100']), text: 'G1' };
    expect(sameFilters(filtersFromJson(JSON.parse(JSON.stringify(filtersToJson(f)))), f)).toBe(true);
    const dirty = filtersFromJson({ domains: ['traffic', 'weather'], levels: ['red', 'purple'], statuses: ['new', 'lost'], prefectures: ['999999'], text: 42 });
    expect(filtersToJson(dirty)).toEqual({ domains: ['traffic'], levels: ['red'], statuses: ['new'], prefectures: [], text: '' });
  });

  it('starts a duty officer on their agency and everyone else on what is in play', () => {
    expect(defaultViewFor(officer).id).toBe('own');
    expect(filtersFromJson(defaultViewFor(officer).filters).domains).toEqual(new Set(['traffic']));
    expect(defaultViewFor(operator).id).toBe('active');
    expect(sameFilters(filtersFromJson(defaultViewFor(operator).filters), DEFAULT_FILTERS)).toBe(true);
    expect(builtInViews(operator).map((v) => v.id)).not.toContain('own');
  });

  it('keeps custom views per user', () => {
    storeCustomViews('operator', [{ id: 'v1', name: '哈尔滨红色', filters: { ...filtersToJson(DEFAULT_FILTERS), levels: ['red'], prefectures: ['230100'] }, builtIn: false }]);
    expect(loadCustomViews('operator').map((v) => v.name)).toEqual(['哈尔滨红色']);
    expect(loadCustomViews('traffic')).toEqual([]);
    localStorage.setItem('longwatch.board.views.operator', '{not json');
    expect(loadCustomViews('operator')).toEqual([]);
  });
});
