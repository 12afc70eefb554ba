import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedIdentity } from './alertBody';
import { DEMO_FEEDS } from './demo';
import type { FeedSink } from './generator';
import { ScenarioPlayer, type StepEmitted } from './player';
import { loadScenarios, type Scenario } from './scenario';

const DIR = resolve(import.meta.dirname, '../../resources/scenarios');
const scenarios = loadScenarios(DIR).flatMap((l) => (l.ok ? [l.scenario] : []));
const byId = (id: string): Scenario => scenarios.find((s) => s.id === id)!;

function arraySinks(): { sinks: FeedSink[]; bodies: { feed: string; body: unknown; at: number }[] } {
  const bodies: { feed: string; body: unknown; at: number }[] = [];
  const sinks = DEMO_FEEDS.map((f): FeedSink => {
    const feed: FeedIdentity & { id: string } = { id: f.id, domain: f.id, format: f.format, sender: `hlj-${f.id}@longwatch.demo`, senderName: f.id };
    return { feed, full: false, produce: (body) => bodies.push({ feed: f.id, body, at: Date.now() }) };
  });
  return { sinks, bodies };
}

const until = async (cond: () => boolean, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('ScenarioPlayer', () => {
  it('plays every step into its feed at the speed factor, with sent = the time of emission', async () => {
    const s = byId('coal-mine-gas');
    const { sinks, bodies } = arraySinks();
    const player = new ScenarioPlayer({ scenarios: [s], sinks, speed: 1500, loop: false });
    const started = Date.now();
    player.start();
    await until(() => bodies.length === s.steps.length);
    const elapsed = Date.now() - started;
    player.stop();
    // The last step is at 1500 s of scenario time: one real second at 1500×.
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(5000);
    expect(bodies.map((b) => b.feed)).toEqual(s.steps.map((x) => x.feed));
    for (const b of bodies) {
      if (typeof b.body === 'string') {
        const sent = /<sent>([^<]+)<\/sent>/.exec(b.body)![1]!;
        expect(Math.abs(Date.parse(sent) - b.at)).toBeLessThan(1500);
      } else {
        expect(Math.abs(Date.parse((b.body as { sent: string }).sent) - b.at)).toBeLessThan(1500);
      }
    }
  });

  it('loops with fresh ids for every run', async () => {
    const s = byId('daxinganling-forest-fire');
    const { sinks } = arraySinks();
    const emitted: StepEmitted[] = [];
    const player = new ScenarioPlayer({ scenarios: [s], sinks, speed: 100_000, loop: true, pauseSeconds: 0.02, bootTag: 'ABC' });
    player.onDidEmit((e) => emitted.push(e));
    player.start();
    await until(() => emitted.filter((e) => e.run === 3).length > 0);
    player.stop();
    expect(emitted.filter((e) => e.run === 1)).toHaveLength(s.steps.length);
    expect(emitted.filter((e) => e.run === 2)).toHaveLength(s.steps.length);
  });

  it('staggers the starts of several scenarios', async () => {
    const { sinks } = arraySinks();
    const emitted: (StepEmitted & { at: number })[] = [];
    const player = new ScenarioPlayer({ scenarios: [byId('coal-mine-gas'), byId('blizzard-g1-g10')], sinks, speed: 10, loop: false, staggerSeconds: 0.3 });
    player.onDidEmit((e) => emitted.push({ ...e, at: Date.now() }));
    const started = Date.now();
    player.start();
    await until(() => emitted.some((e) => e.scenario === 'blizzard-g1-g10'));
    player.stop();
    expect(emitted[0]!.scenario).toBe('coal-mine-gas');
    const second = emitted.find((e) => e.scenario === 'blizzard-g1-g10')!;
    expect(second.at - started).toBeGreaterThanOrEqual(280);
  });
});
