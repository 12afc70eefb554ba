import { describe, expect, it } from 'vitest';
import type { User } from '@shared/domain/roles';
import { alert, incident, zhT } from '../board/testing';
import { compose, MAX_PER_BATCH } from './compose';
import { alertCandidate, incidentCandidates } from './policy';

const commander: User = { name: 'commander', displayName: '陈琦', role: 'commander' };

describe('compose', () => {
  it('writes Chinese titles, puts escalations first and sums up the rest of a burst', () => {
    const alerts = [1, 2, 3, 4].map((n) => alertCandidate(alert({ id: `traffic:${n}`, severity: n === 4 ? 'Extreme' : 'Severe', headline: `G1 拥堵 ${n}` }), commander)!);
    const esc = incidentCandidates(incident({ id: 'I9', no: 9, level: 2, title: '苯储罐泄漏', overdue: true }), undefined, commander);
    const out = compose([...alerts, ...esc], zhT, 'zh');
    expect(out).toHaveLength(MAX_PER_BATCH + 1);
    expect(out[0]).toMatchObject({ title: '超时升级 · 事件 #9', critical: true, target: { kind: 'incident', id: 'I9' } });
    expect(out[0]!.body).toContain('苯储罐泄漏');
    expect(out[1]).toMatchObject({ title: '红色预警 · 交通运输', body: 'G1 拥堵 4', target: { kind: 'alert', id: 'traffic:4' } });
    expect(out[3]!.title).toBe('另有 2 条新的预警或事件');
  });
});
