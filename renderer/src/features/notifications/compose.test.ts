import { describe, expect, it } from 'vitest';
import type { User } from '@shared/domain/roles';
import { alert, incident, zhT } from '../board/testing';
import { composeOne, composeSummary, rankCandidates } from './compose';
import { alertCandidate, incidentCandidates } from './policy';

const commander: User = { name: 'commander', displayName: '陈琦', role: 'commander' };

describe('compose', () => {
  it('writes Chinese titles and puts escalations, then red alerts, first', () => {
    const alerts = [1, 2, 3, 4].map((n) => alertCandidate(alert({ id: `traffic:${n}`, severity: n === 4 ? 'Extreme' : 'Severe', headline: `G1 拥堵 ${n}` }), commander)!);
    const esc = incidentCandidates(incident({ id: 'I9', no: 9, level: 2, title: '苯储罐泄漏', overdue: true }), undefined, commander);
    const out = rankCandidates([...alerts, ...esc]).map((c) => composeOne(c, zhT, 'zh'));
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ title: '超时升级 · 事件 #9', critical: true, target: { kind: 'incident', id: 'I9' } });
    expect(out[0]!.body).toContain('苯储罐泄漏');
    expect(out[1]).toMatchObject({ title: '红色预警 · 交通运输', body: 'G1 拥堵 4', target: { kind: 'alert', id: 'traffic:4' } });
    expect(out.slice(2).map((n) => n.body)).toEqual(['G1 拥堵 1', 'G1 拥堵 2', 'G1 拥堵 3']);
  });

  it('sums up what was held back under one tag, and bounds what feeds wrote', () => {
    expect(composeSummary(12, false, { kind: 'alert', id: 'traffic:1' }, zhT)).toMatchObject({ tag: 'summary', title: '另有 12 条新的预警或事件', body: '请在指挥台查看', critical: false });
    const long = composeOne(alertCandidate(alert({ severity: 'Extreme', headline: '长'.repeat(3000) }), commander)!, zhT, 'zh');
    expect(long.body).toHaveLength(1000);
  });
});
