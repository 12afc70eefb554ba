/**
 * Issue 4 acceptance: 20,000 alerts across the five feeds, with feed
 * restarts and hub restarts in between, arrive in the log exactly once each,
 * in per-feed order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@shared/domain/events';
import { startHub, type Hub } from '../electron/hub/hub';
import { createLogger } from '../electron/hub/log';
import { FEEDS, feedConfigOf, produce, startAgency, tempDir, until, type Agency } from './harness';

const log = createLogger('lossless', { level: 'silent', pretty: false });
const TOTAL = 20_000;
const PER_FEED = TOTAL / FEEDS.length;

describe('lossless multi-source ingest', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });

  it(`takes ${TOTAL} alerts exactly once, in per-feed order, through feed and hub restarts`, async () => {
    const agencies: Agency[] = [];
    const feedsDir = tempDir('feeds');
    for (const f of FEEDS) agencies.push(await startAgency(f.domain, f.format, feedsDir));
    cleanup.push(async () => void (await Promise.all(agencies.map((a) => a.server.stop()))));
    const hubDir = tempDir('hub');
    const start = (): Promise<Hub> => startHub({ dataDir: hubDir, port: 0, feeds: agencies.map(feedConfigOf) }, { log });
    let hub = await start();
    cleanup.push(() => hub.close());

    // Disruptions at fixed points of the production: 5 feed restarts, 2 hub restarts.
    const disruptions = new Map<number, () => Promise<void>>([
      [2, () => agencies[0]!.restart()],
      [5, () => agencies[4]!.restart()],
      [8, async () => { await hub.close(); hub = await start(); }],
      [11, () => agencies[1]!.restart()],
      [14, () => agencies[2]!.restart()],
      [16, async () => { await hub.close(); hub = await start(); }],
      [18, () => agencies[3]!.restart()],
    ]);
    const rounds = 20;
    for (let round = 1; round <= rounds; round++) {
      for (const a of agencies) produce(a, PER_FEED / rounds, round);
      await new Promise((r) => setTimeout(r, 150));
      await disruptions.get(round)?.();
    }

    const persisted = () => agencies.every((a) => hub.engine.cursor(a.domain) === a.produced.length);
    await until(persisted, 120_000, 'every produced item to be persisted');

    const received = new Map<string, string[]>();
    let quarantined = 0;
    for (let after = 0; ; ) {
      const page: DomainEvent[] = await hub.store.readEvents(after, 5000);
      if (page.length === 0) break;
      after = page[page.length - 1]!.seq;
      for (const e of page) {
        if (e.type === 'alert.quarantined') quarantined++;
        if (e.type === 'alert.received') {
          const list = received.get(e.body.content.feed) ?? [];
          list.push(e.body.content.sourceId);
          received.set(e.body.content.feed, list);
        }
      }
    }
    expect(quarantined).toBe(0);
    for (const a of agencies) {
      // Exactly once and in the order produced.
      expect(received.get(a.domain)).toEqual(a.produced);
    }
    expect([...received.values()].reduce((n, l) => n + l.length, 0)).toBe(TOTAL);
    expect(hub.engine.state.rejected).toBe(0);
  }, 240_000);
});
