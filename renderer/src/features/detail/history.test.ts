import { describe, expect, it } from 'vitest';
import { alert, T0 } from '../board/testing';
import { alertHistory } from './history';

describe('alert history', () => {
  it('tells the life of an alert in time order', () => {
    const a = alert({
      revisions: ['S1', 'S1-u1', 'S1-u2'],
      version: 3,
      updated: T0 + 60_000,
      duplicates: 2,
      lastDuplicateAt: T0 + 30_000,
      status: 'dismissed',
      dismissed: { by: 'user:wangwu', at: T0 + 120_000, disposition: 'false-positive', reason: '设备故障' },
      incidentId: 'INC-3',
    });
    expect(alertHistory(a).map((e) => e.kind)).toEqual(['received', 'repeated', 'updated', 'dismissed', 'incident']);
    const dismissed = alertHistory(a).find((e) => e.kind === 'dismissed');
    expect(dismissed).toMatchObject({ actor: 'user:wangwu', disposition: 'false-positive', reason: '设备故障' });
  });

  it('records acknowledgement, cancellation and supersession', () => {
    const a = alert({ status: 'superseded', acknowledged: { by: 'user:traffic', at: T0 + 5 }, supersededBy: 'traffic:S9' });
    expect(alertHistory(a).map((e) => e.kind)).toEqual(['received', 'acknowledged', 'superseded']);
    const c = alert({ status: 'cancelled', cancelled: { at: T0 + 9, reason: '误发' } });
    expect(alertHistory(c).at(-1)).toEqual({ kind: 'cancelled', at: T0 + 9, reason: '误发' });
  });
});
