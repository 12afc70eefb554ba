import { describe, expect, it } from 'vitest';
import { decodeCapAlert } from '@shared/cap';
import { isHeilongjiangRegion } from '@shared/domain/regions';
import type { AlertContent } from '@shared/domain/model';
import { decodeJsonAlert } from '@shared/protocol/alertInput';
import type { FeedIdentity } from './alertBody';
import { DEMO_FEEDS } from './demo';
import { AlertGenerator, RoutineAlerts, type FeedSink } from './generator';
import { seededRng } from './random';
import { HEILONGJIANG_BOUNDS } from './scenario';

const FEEDS: (FeedIdentity & { id: string })[] = DEMO_FEEDS.map((f) => ({ id: f.id, domain: f.id, format: f.format, sender: `hlj-${f.id}@longwatch.demo`, senderName: `${f.id}` }));

function decode(feed: FeedIdentity & { id: string }, body: unknown): AlertContent {
  if (feed.format === 'json') {
    const r = decodeJsonAlert(body, feed.id, feed.domain);
    if (!r.ok) throw new Error(`${feed.id}: ${r.reason}\n${JSON.stringify(body)}`);
    return r.value;
  }
  const r = decodeCapAlert(body as string, { feed: feed.id, domain: feed.domain, fallback: { point: { lon: 0, lat: 0 }, region: '230000' } });
  if (!r.ok) throw new Error(`${feed.id}: ${r.error.path}: ${r.error.reason}`);
  if (r.warnings.length > 0) throw new Error(`${feed.id}: CAP warnings ${JSON.stringify(r.warnings)}`);
  return r.value;
}

describe('RoutineAlerts', () => {
  it('10,000 alerts of all five domains all decode as exercises in Heilongjiang', () => {
    const routine = new RoutineAlerts(seededRng(42), 'T5K2QX');
    const start = Date.UTC(2026, 10, 26, 2, 0, 0);
    const seen = new Map<string, Set<string>>();
    const msgTypes: Record<string, number> = {};
    const severities: Record<string, number> = {};
    const classifications: Record<string, Set<string>> = {};
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => void (ok || problems.push(what));
    const b = HEILONGJIANG_BOUNDS;
    for (let i = 0; i < 10_000; i++) {
      const feed = FEEDS[i % FEEDS.length]!;
      const sentMs = start + i * 100;
      const c = decode(feed, routine.next(feed, sentMs).body);
      const at = `${feed.id} #${i} ${c.sourceId}`;
      check(c.domain === feed.domain, `${at}: domain ${c.domain}`);
      check(c.capStatus === 'Exercise', `${at}: status ${c.capStatus}`);
      check(isHeilongjiangRegion(c.region), `${at}: region ${c.region}`);
      check(c.point.lon >= b.minLon && c.point.lon <= b.maxLon && c.point.lat >= b.minLat && c.point.lat <= b.maxLat, `${at}: point ${c.point.lon},${c.point.lat}`);
      check(c.sent === Math.floor(sentMs / 1000) * 1000, `${at}: sent ${c.sent}`);
      // A message is new per feed: (id, version) for JSON, the identifier for CAP.
      const key = `${c.sourceId}#${c.version}`;
      const keys = seen.get(feed.id) ?? new Set();
      check(!keys.has(key), `${at}: repeated ${key}`);
      keys.add(key);
      seen.set(feed.id, keys);
      if (c.msgType !== 'Alert' && c.format === 'cap') check(c.references.length > 0, `${at}: ${c.msgType} without references`);
      msgTypes[c.msgType] = (msgTypes[c.msgType] ?? 0) + 1;
      severities[c.severity] = (severities[c.severity] ?? 0) + 1;
      (classifications[c.domain] ??= new Set()).add(c.classification);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(msgTypes.Update).toBeGreaterThan(300);
    expect(msgTypes.Cancel).toBeGreaterThan(50);
    expect(msgTypes.Alert).toBeGreaterThan(8500);
    expect((severities.Minor ?? 0) + (severities.Moderate ?? 0)).toBeGreaterThan(9800);
    expect(severities.Severe ?? 0).toBeGreaterThan(0);
    expect([...classifications.security!].sort()).toEqual(['internal', 'public', 'sensitive']);
    for (const d of ['traffic', 'safety', 'market', 'ecology']) expect(classifications[d]!.has('sensitive'), d).toBe(false);
  });

  it('ids say the feed, the Beijing date, the boot tag and a running number', () => {
    const routine = new RoutineAlerts(seededRng(1), 'T5K2QX');
    const body = routine.next(FEEDS[0]!, Date.UTC(2026, 10, 25, 17, 0, 0)).body as { id: string };
    expect(body.id).toBe('TR-20261126-T5K2QX-000001');
  });
});

describe('AlertGenerator', () => {
  function countingSinks(): { sinks: FeedSink[]; count: () => number } {
    let n = 0;
    const sinks = FEEDS.map((feed) => ({ feed, full: false, produce: () => ++n }));
    return { sinks, count: () => n };
  }

  it('holds 500 alerts/s within ±20% over 2 s', async () => {
    const { sinks, count } = countingSinks();
    const gen = new AlertGenerator({ sinks, rate: 500, seed: 7 });
    gen.start();
    await new Promise((r) => setTimeout(r, 2000));
    gen.stop();
    expect(count()).toBeGreaterThanOrEqual(800);
    expect(count()).toBeLessThanOrEqual(1200);
  });

  it('stops producing into a full feed and says so once', async () => {
    const produced: string[] = [];
    const warnings: string[] = [];
    const sinks: FeedSink[] = FEEDS.map((feed) => ({ feed, full: feed.id === 'traffic', produce: () => produced.push(feed.id) }));
    const gen = new AlertGenerator({ sinks, rate: 1000, seed: 3, logger: { info() {}, error() {}, warn: (m) => void warnings.push(m) } });
    gen.start();
    await new Promise((r) => setTimeout(r, 300));
    gen.stop();
    expect(produced.length).toBeGreaterThan(100);
    expect(produced).not.toContain('traffic');
    expect(warnings).toHaveLength(1);
  });
});

describe('routine text', () => {
  it('never interpolates an object into a headline or description', async () => {
    const { draftAlert } = await import('./catalog');
    const { seededRng } = await import('./random');
    const rng = seededRng(7);
    for (const domain of ['traffic', 'safety', 'market', 'security', 'ecology'] as const) {
      for (let i = 0; i < 500; i++) {
        const d = draftAlert(domain, rng);
        expect(`${d.headline}\n${d.description ?? ''}\n${d.instruction ?? ''}`).not.toMatch(/\[object |undefined|NaN/);
      }
    }
  });
});
