import { describe, expect, it } from 'vitest';
import { badgeCount } from './badge';

const counts = { traffic: 4, safety: 1, market: 0, security: 2, ecology: 3 };

describe('badgeCount', () => {
  it('counts the duty officer’s own domain, everything for desk roles, nothing otherwise', () => {
    expect(badgeCount(counts, { name: 'traffic', displayName: '刘洋', role: 'dutyOfficer', agency: 'hlj-traffic' })).toBe(4);
    expect(badgeCount(counts, { name: 'eco', displayName: '赵敏', role: 'dutyOfficer', agency: 'hlj-ecology' })).toBe(3);
    expect(badgeCount(counts, { name: 'commander', displayName: '陈琦', role: 'commander' })).toBe(10);
    expect(badgeCount(counts, { name: 'op', displayName: '值班员', role: 'operator' })).toBe(10);
    expect(badgeCount(counts, { name: 'an', displayName: '分析员', role: 'analyst' })).toBe(0);
    expect(badgeCount(counts, null)).toBe(0);
  });
});
