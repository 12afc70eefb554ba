/**
 * When to announce a feed going down (pure): once per outage, not on every
 * snapshot. A feed seen going from connected/late to down is announced at
 * once. A feed that is already down the first time it is seen (the hub just
 * started, or this desk just signed in) is announced only if it stays down
 * for `graceMs`, because at start-up every connector is "down" for a moment.
 * Recovery is reported for feeds whose outage was announced.
 */
import type { FeedHealth } from '@shared/protocol/workstation';

export interface FeedAnnouncements {
  down: FeedHealth[];
  recovered: FeedHealth[];
}

export interface FeedAnnouncer {
  update(feeds: readonly FeedHealth[], now: number): FeedAnnouncements;
}

export function createFeedAnnouncer(graceMs = 10_000): FeedAnnouncer {
  const last = new Map<string, FeedHealth['status']>();
  /** Feeds down since first sight, and when they were first seen. */
  const downSince = new Map<string, number>();
  const announced = new Set<string>();
  return {
    update(feeds, now) {
      const out: FeedAnnouncements = { down: [], recovered: [] };
      for (const f of feeds) {
        const before = last.get(f.feed);
        last.set(f.feed, f.status);
        if (f.status === 'down') {
          if (announced.has(f.feed)) continue;
          if (before !== undefined && before !== 'down' && !downSince.has(f.feed)) {
            announced.add(f.feed);
            out.down.push(f);
            continue;
          }
          const since = downSince.get(f.feed) ?? now;
          downSince.set(f.feed, since);
          if (now - since >= graceMs) {
            announced.add(f.feed);
            out.down.push(f);
          }
        } else {
          downSince.delete(f.feed);
          if (announced.delete(f.feed)) out.recovered.push(f);
        }
      }
      return out;
    },
  };
}
