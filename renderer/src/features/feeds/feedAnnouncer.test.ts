import { describe, expect, it } from 'vitest';
import type { FeedHealth } from '@shared/protocol/workstation';
import { createFeedAnnouncer } from './feedAnnouncer';

const feed = (status: FeedHealth['status'], id = 'traffic'): FeedHealth => ({ feed: id, name: { zh: '交通运输厅', en: 'Transport' }, status, perMinute: 0, lastSeq: 0, quarantined: 0 });

describe('feed announcements', () => {
  it('announces a feed going down once per outage, and its recovery', () => {
    const a = createFeedAnnouncer(10_000);
    expect(a.update([feed('connected')], 0).down).toEqual([]);
    expect(a.update([feed('down')], 2000).down.map((f) => f.feed)).toEqual(['traffic']);
    expect(a.update([feed('down')], 4000).down).toEqual([]);
    expect(a.update([feed('down')], 60_000).down).toEqual([]);
    expect(a.update([feed('connected')], 62_000).recovered.map((f) => f.feed)).toEqual(['traffic']);
    expect(a.update([feed('late')], 64_000)).toEqual({ down: [], recovered: [] });
    expect(a.update([feed('down')], 66_000).down).toHaveLength(1);
  });

  it('gives feeds that are down at first sight a grace period (start-up)', () => {
    const a = createFeedAnnouncer(10_000);
    expect(a.update([feed('down'), feed('down', 'safety')], 0).down).toEqual([]);
    expect(a.update([feed('connected'), feed('down', 'safety')], 2000)).toEqual({ down: [], recovered: [] });
    expect(a.update([feed('connected'), feed('down', 'safety')], 10_000).down.map((f) => f.feed)).toEqual(['safety']);
  });
});
