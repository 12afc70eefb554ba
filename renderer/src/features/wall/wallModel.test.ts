import { describe, expect, it } from 'vitest';
import { alert, incident, T0 } from '../board/testing';
import { isWallRoute, tickerAlerts, wallIncidents, wallTotals } from './wallModel';

describe('tickerAlerts', () => {
  it('keeps standing Extreme/Severe alerts, newest first, at most the limit', () => {
    const list = [
      alert({ id: 'a', severity: 'Extreme', received: T0 }),
      alert({ id: 'b', severity: 'Severe', received: T0 + 10 }),
      alert({ id: 'c', severity: 'Moderate', received: T0 + 20 }),
      alert({ id: 'd', severity: 'Severe', received: T0 + 30, status: 'dismissed' }),
      alert({ id: 'e', severity: 'Extreme', received: T0 - 100, updated: T0 + 40, status: 'acknowledged' }),
    ];
    expect(tickerAlerts(list, 10).map((a) => a.id)).toEqual(['e', 'b', 'a']);
    expect(tickerAlerts(list, 2).map((a) => a.id)).toEqual(['e', 'b']);
  });
});

describe('wallIncidents', () => {
  it('shows open incidents by level, overdue first within a level, without resolved, closed or merged ones', () => {
    const list = [
      incident({ id: 'i4', no: 4, level: 3, updatedAt: T0 + 5 }),
      incident({ id: 'i1', no: 1, level: 2, updatedAt: T0 }),
      incident({ id: 'i2', no: 2, level: 2, overdue: true, updatedAt: T0 - 50 }),
      incident({ id: 'i3', no: 3, level: 1, status: 'resolved' }),
      incident({ id: 'i5', no: 5, level: 1, mergedInto: 'i1' }),
      incident({ id: 'i6', no: 6, level: 4, status: 'closed' }),
    ];
    expect(wallIncidents(list, 10).map((i) => i.id)).toEqual(['i2', 'i1', 'i4']);
    expect(wallTotals(list)).toEqual({ open: 3, overdue: 1 });
  });
});

describe('isWallRoute', () => {
  it('matches the wall hash only', () => {
    expect(isWallRoute('#/wall')).toBe(true);
    expect(isWallRoute('#/wall?display=2')).toBe(true);
    expect(isWallRoute('#/wallpaper')).toBe(false);
    expect(isWallRoute('')).toBe(false);
  });
});
