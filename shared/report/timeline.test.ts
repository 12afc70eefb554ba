import { describe, expect, it } from 'vitest';
import { incidentEventsOf, mergedIncidentIds, timelineOf } from './timeline';
import { incidentLog, PEOPLE } from './testing/incidentLog';

describe('incidentEventsOf', () => {
  const log = incidentLog();

  it('takes every event naming the incident, a merged one, or a linked alert, in seq order — and nothing else', () => {
    expect(log.state.rejected).toBe(0);
    const mine = incidentEventsOf(log.events, 'INC-1');
    const seqs = mine.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // Everything except the unrelated alert (seq 2).
    expect(seqs).toEqual(log.events.filter((e) => e.seq !== 2).map((e) => e.seq));
    expect(mergedIncidentIds(log.events, 'INC-1')).toEqual(new Set(['INC-1', 'INC-2']));
  });

  it('includes the first report before the incident was opened, and is the same for a shuffled, duplicated input', () => {
    const shuffled = [...log.events].reverse().concat(log.events.slice(0, 5));
    expect(incidentEventsOf(shuffled, 'INC-1').map((e) => e.seq)).toEqual(incidentEventsOf(log.events, 'INC-1').map((e) => e.seq));
    expect(incidentEventsOf(log.events, 'INC-1')[0]!.type).toBe('alert.received');
  });

  it('the merged-in incident on its own does not reach back into the one it joined', () => {
    const two = incidentEventsOf(log.events, 'INC-2');
    expect(two.map((e) => e.type)).toEqual(['incident.opened', 'incident.noteAdded', 'incident.merged']);
  });
});

describe('timelineOf', () => {
  const log = incidentLog();
  const entries = timelineOf(incidentEventsOf(log.events, 'INC-1'), { people: PEOPLE, alerts: log.state.alerts });

  it('names actors and the agencies they acted for', () => {
    const bySeq = (type: string) => entries.find((e) => e.type === type)!;
    expect(bySeq('alert.received')).toMatchObject({ actorName: { zh: '数据源 安全生产' }, agency: 'hlj-safety' });
    expect(bySeq('incident.opened')).toMatchObject({ actor: 'system:correlation', agency: 'hlj-command' });
    expect(bySeq('incident.leadAssigned')).toMatchObject({ actorName: { zh: '陈七' }, agency: 'hlj-command', action: { zh: '指定牵头单位：安全生产', en: 'Lead agency: Safety' } });
    expect(bySeq('alert.acknowledged')).toMatchObject({ actorName: { zh: '李四' }, agency: 'hlj-traffic', details: { zh: 'G1011哈同高速哈尔滨收费站入口关闭' }, alertId: 'traffic:TRF-1' });
    expect(bySeq('sla.escalated').action.zh).toBe('生态环境响应确认超时，上报指挥长');
    expect(bySeq('incident.levelChanged')).toMatchObject({ action: { zh: '级别调整为Ⅰ级（特别重大）' }, details: { zh: '物料进入松花江，升级响应' } });
  });

  it('infers a duty officer’s agency from the event when the person is unknown', () => {
    const anonymous = timelineOf(incidentEventsOf(log.events, 'INC-1'));
    expect(anonymous.find((e) => e.type === 'incident.agencyResponded')).toMatchObject({ actorName: { zh: 'zhaoliu' }, agency: 'hlj-safety' });
    expect(anonymous.find((e) => e.type === 'alert.acknowledged')!.agency).toBe('hlj-traffic');
    // A commander the report does not know: the log does not say for whom.
    expect(anonymous.find((e) => e.type === 'incident.leadAssigned')!.agency).toBeUndefined();
  });

  it('has an action in both languages for every event and keeps feed text as it is', () => {
    for (const e of entries) {
      expect(e.action.zh.length, e.type).toBeGreaterThan(0);
      expect(e.action.en, e.type).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(entries.find((e) => e.type === 'incident.noteAdded')!.details.zh).toBe('下游断面苯浓度 0.05 mg/L, "超标" 4 倍');
    expect(entries.find((e) => e.type === 'incident.taskUpdated')!.details.zh).toBe('阿什河下游设置拦截坝');
  });
});
