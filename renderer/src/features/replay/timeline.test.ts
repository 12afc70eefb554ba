import { describe, expect, it } from 'vitest';
import { draft } from '@shared/domain/events';
import { binWidthFor, extendTimeline, scanTimeline, TIMELINE_STACKS, TimelineScan } from './timeline';
import { arrayReplica, exerciseLog, Log, T0 } from './testing';

describe('timeline', () => {
  it('picks round bin widths', () => {
    expect(binWidthFor(24 * 3600_000)).toBe(600_000);
    expect(binWidthFor(60_000)).toBe(1000);
  });

  it('counts every event once, stacked by domain, with incident milestones', async () => {
    const events = exerciseLog(60);
    const log = new Log();
    log.append(...events.map(({ type, time, actor, body }) => draft(type, time, actor, body as never)));
    log.append(draft('incident.levelChanged', T0 + 61_000, 'user:commander', { incidentId: 'INC-1', level: 1 }));
    log.append(draft('incident.closed', T0 + 62_000, 'user:commander', { incidentId: 'INC-1', disposition: 'resolved', summary: '已处置' }));
    const all = log.events;
    const last = all.at(-1)!;
    const scan = await scanTimeline(arrayReplica(all), { from: T0, to: last.time, firstSeq: 1, lastSeq: last.seq }, { chunk: 7 });
    const total = TIMELINE_STACKS.reduce((n, s) => n + scan.histogram.counts[s].reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(all.length);
    expect(scan.histogram.counts.traffic.reduce((a, b) => a + b, 0)).toBe(60);
    expect(scan.histogram.counts.incident.reduce((a, b) => a + b, 0)).toBe(4);
    expect(scan.milestones.map((m) => m.kind)).toEqual(['opened', 'lead', 'escalated', 'closed']);
    expect(scan.milestones[1]).toMatchObject({ incidentId: 'INC-1', agency: 'hlj-safety' });
  });

  it('crosses threads as plain data (a scan made in a worker) and goes on extending the same', async () => {
    const events = exerciseLog(60);
    const replica = arrayReplica(events);
    const range = { from: T0, to: events.at(-1)!.time, firstSeq: 1, lastSeq: 40 };
    const whole = await scanTimeline(replica, { ...range, lastSeq: 60 });
    const crossed = TimelineScan.fromParts(structuredClone((await scanTimeline(replica, range)).parts()));
    await extendTimeline(replica, crossed, 40, 60);
    expect(crossed.histogram).toEqual(whole.histogram);
    expect(crossed.milestones).toEqual(whole.milestones);
  });
});
