import { afterEach, describe, expect, it } from 'vitest';
import { decodeCapAlert } from '@shared/cap';
import { decodeJsonAlert } from '@shared/protocol/alertInput';
import { startDemoFeeds, type DemoFeeds } from './demo';
import { connectHub, type TestHub } from './testing/hub';

let demo: DemoFeeds | undefined;
let hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs) h.close();
  hubs = [];
  await demo?.stop();
  demo = undefined;
});

const until = async (cond: () => boolean, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('startDemoFeeds', () => {
  it('serves five agency feeds; a scenario arrives over the sockets and decodes for each feed', async () => {
    demo = await startDemoFeeds({ rate: 0, scenarios: ['harbin-chemical-leak'], speed: 2000, loop: false, tokens: { traffic: 'traffic-token' } });
    expect(demo.feeds.map((f) => [f.id, f.format])).toEqual([
      ['traffic', 'json'],
      ['safety', 'cap'],
      ['market', 'json'],
      ['security', 'json'],
      ['ecology', 'cap'],
    ]);
    expect(demo.feeds[0]!.token).toBe('traffic-token');
    expect(demo.feeds[0]!.name.zh).toBe('黑龙江省交通运输厅');
    expect(new Set(demo.feeds.map((f) => f.token)).size).toBe(5);
    await expect(connectHub(demo.feeds[1]!.url, { token: 'traffic-token' })).rejects.toThrow('bad token for feed safety');

    hubs = await Promise.all(demo.feeds.map((f) => connectHub(f.url, { token: f.token, autoAck: true })));
    await until(() => hubs.reduce((n, h) => n + h.items.length, 0) >= 18);
    for (const [i, f] of demo.feeds.entries()) {
      for (const item of hubs[i]!.items) {
        if (f.format === 'json') {
          const r = decodeJsonAlert(item.body, f.id, f.domain);
          expect(r.ok, JSON.stringify(r)).toBe(true);
        } else {
          const r = decodeCapAlert(item.body as string, { feed: f.id, domain: f.domain, fallback: { point: { lon: 126.5, lat: 45.8 }, region: '230100' } });
          expect(r.ok && r.value.capStatus).toBe('Exercise');
        }
      }
    }
    await until(() => Object.values(demo!.stats()).every((s) => s.pending === 0));
  });

  it('refuses an unknown scenario, naming the ones there are', async () => {
    await expect(startDemoFeeds({ scenarios: ['nope'] })).rejects.toThrow(/unknown scenario nope; available: .*coal-mine-gas/);
  });

  it('delivers thousands of routine alerts a second to an acknowledging hub', async () => {
    demo = await startDemoFeeds({ rate: 20_000, scenarios: [], seed: 5 });
    hubs = await Promise.all(demo.feeds.map((f) => connectHub(f.url, { token: f.token, autoAck: true })));
    await new Promise((r) => setTimeout(r, 500)); // warm up
    const count = () => hubs.reduce((n, h) => n + h.items.length, 0);
    const c0 = count();
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    const perSecond = ((count() - c0) * 1000) / (Date.now() - t0);
    console.info(`demo feeds delivered ${Math.round(perSecond)} alerts/s to one in-process hub (generator asked for 20,000/s)`);
    expect(perSecond).toBeGreaterThan(1000); // about 9,000 on an idle 2-core machine; the floor leaves room for a busy one
    const pending = Object.values(demo.stats()).reduce((n, s) => n + s.pending, 0);
    expect(pending).toBeLessThan(perSecond); // acknowledged as fast as produced: under a second behind
  });
});
