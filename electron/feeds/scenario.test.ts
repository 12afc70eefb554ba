import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCapAlert } from '@shared/cap';
import { haversineKm } from '@shared/correlation/geo';
import { Harness } from '@shared/correlation/testing/harness';
import { isHeilongjiangRegion } from '@shared/domain/regions';
import type { AlertContent } from '@shared/domain/model';
import { decodeJsonAlert } from '@shared/protocol/alertInput';
import type { FeedIdentity } from './alertBody';
import { DEMO_FEEDS } from './demo';
import { ScenarioRun } from './player';
import { HEILONGJIANG_BOUNDS, loadScenarios, type Scenario } from './scenario';

const DIR = resolve(import.meta.dirname, '../../resources/scenarios');
const REQUIRED = ['harbin-chemical-leak', 'blizzard-g1-g10', 'coal-mine-gas', 'straw-burning-pm25'];

const IDENTITY: Record<string, FeedIdentity & { id: string }> = Object.fromEntries(
  DEMO_FEEDS.map((f) => [f.id, { id: f.id, domain: f.id, format: f.format, sender: `hlj-${f.id}@longwatch.demo`, senderName: `${f.id} agency` }]),
);

/** Decodes a body as the hub would, failing the test with the reason when it does not decode cleanly. */
function decode(feed: FeedIdentity & { id: string }, body: unknown): AlertContent {
  if (feed.format === 'json') {
    const r = decodeJsonAlert(body, feed.id, feed.domain);
    if (!r.ok) throw new Error(`${feed.id}: ${r.reason}`);
    return r.value;
  }
  const r = decodeCapAlert(body as string, { feed: feed.id, domain: feed.domain, fallback: { point: { lon: 0, lat: 0 }, region: '230000' } });
  if (!r.ok) throw new Error(`${feed.id}: ${r.error.path}: ${r.error.reason}`);
  expect(r.warnings, `${feed.id} CAP warnings`).toEqual([]);
  return r.value;
}

/** Every step's decoded content, played at `start` with one second per step. */
function play(s: Scenario, run = 1, start = Date.UTC(2026, 10, 26, 1, 0, 0)): AlertContent[] {
  const r = new ScenarioRun(s, run, 'TAG');
  return s.steps.map((step, i) => decode(IDENTITY[step.feed]!, r.bodyOf(step, IDENTITY[step.feed]!, start + i * 1000)));
}

const loaded = loadScenarios(DIR);
const scenarios = loaded.flatMap((l) => (l.ok ? [l.scenario] : []));

describe('scenario files', () => {
  it('all validate, and the four required stories are there with 8–20 steps over 10–40 minutes', () => {
    expect(loaded.filter((l) => !l.ok)).toEqual([]);
    for (const id of REQUIRED) {
      const s = scenarios.find((x) => x.id === id);
      expect(s, id).toBeDefined();
      expect(s!.steps.length).toBeGreaterThanOrEqual(8);
      expect(s!.steps.length).toBeLessThanOrEqual(20);
      const last = s!.steps[s!.steps.length - 1]!.at;
      expect(last, id).toBeGreaterThanOrEqual(600);
      expect(last, id).toBeLessThanOrEqual(2400);
      expect(new Set(s!.steps.map((x) => x.feed)).size, `${id} is cross-agency`).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: every step decodes for its feed, is an exercise and lies in Heilongjiang', (_id, s) => {
    const contents = play(s);
    for (const [i, c] of contents.entries()) {
      const step = s.steps[i]!;
      expect(c.domain).toBe(step.feed);
      expect(c.capStatus).toBe('Exercise');
      expect(isHeilongjiangRegion(c.region)).toBe(true);
      expect(c.point.lon).toBeGreaterThanOrEqual(HEILONGJIANG_BOUNDS.minLon);
      expect(c.point.lon).toBeLessThanOrEqual(HEILONGJIANG_BOUNDS.maxLon);
      expect(c.point.lat).toBeGreaterThanOrEqual(HEILONGJIANG_BOUNDS.minLat);
      expect(c.point.lat).toBeLessThanOrEqual(HEILONGJIANG_BOUNDS.maxLat);
      expect(c.msgType).toBe(step.msgType);
      expect(/[\u4e00-\u9fff]/.test(c.headline), 'Chinese headline').toBe(true);
    }
  });

  it('amendments point at the alert they amend: JSON by id and version, CAP by references', () => {
    for (const s of scenarios) {
      const contents = play(s);
      for (const [i, step] of s.steps.entries()) {
        if (step.root === undefined) continue;
        const root = contents[step.root]!;
        const c = contents[i]!;
        if (c.format === 'json') {
          expect(c.sourceId).toBe(root.sourceId);
          expect(c.version).toBeGreaterThan(1);
        } else {
          expect(c.sourceId).not.toBe(root.sourceId);
          expect(c.references[0]).toBe(root.sourceId);
        }
      }
    }
  });

  it('harbin-chemical-leak is one chain: every step within 20 km of an earlier one, all within 6 hours', () => {
    const s = scenarios.find((x) => x.id === 'harbin-chemical-leak')!;
    const points = s.steps.map((x) => x.draft.point);
    for (let i = 1; i < points.length; i++) {
      const nearest = Math.min(...points.slice(0, i).map((p) => haversineKm(p, points[i]!)));
      expect(nearest, `step ${i} (${s.steps[i]!.id ?? ''})`).toBeLessThanOrEqual(20);
    }
    expect(s.steps[s.steps.length - 1]!.at).toBeLessThanOrEqual(6 * 3600);
    expect(s.steps[0]!.draft.severity).toBe('Severe');
    expect(s.steps.find((x) => x.id === 'leak-worse')!.draft.severity).toBe('Extreme');
  });

  it('harbin-chemical-leak becomes ONE incident over all five agencies in the hub\'s correlation', () => {
    const s = scenarios.find((x) => x.id === 'harbin-chemical-leak')!;
    const start = Date.UTC(2026, 10, 26, 1, 0, 0);
    const r = new ScenarioRun(s, 1, 'TAG');
    const hub = new Harness();
    for (const step of s.steps) {
      const at = start + step.at * 1000;
      const result = hub.feed(decode(IDENTITY[step.feed]!, r.bodyOf(step, IDENTITY[step.feed]!, at)), at);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    const incidents = hub.incidents();
    expect(incidents.map((i) => i.title)).toEqual(['哈尔滨滨东精细化工有限公司苯储罐发生泄漏']);
    expect([...incidents[0]!.domains].sort()).toEqual(['ecology', 'market', 'safety', 'security', 'traffic']);
    // Every new report of Moderate or above joins; Minor ones stay on the board
    // by themselves (correlation's linkThreshold) for an operator to link.
    const joining = s.steps.filter((x) => x.root === undefined && x.draft.severity !== 'Minor').length;
    expect(incidents[0]!.alerts).toHaveLength(joining);
  });

  it('gives every run fresh ids', () => {
    const s = scenarios[0]!;
    const a = new Set(play(s, 1).map((c) => c.sourceId));
    const b = play(s, 2).map((c) => c.sourceId);
    for (const id of b) expect(a.has(id)).toBe(false);
  });
});

describe('loadScenarios errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'longwatch-scenarios-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const good = {
    id: 'x',
    title: { zh: '标题', en: 'Title' },
    description: { zh: '说明', en: 'About' },
    steps: [
      {
        id: 'a', at: 0, feed: 'traffic',
        alert: { category: ['Transport'], event: '事故', headline: '事故', severity: 'Minor', urgency: 'Expected', certainty: 'Observed', point: { lon: 126.6, lat: 45.7 }, region: '230100' },
      },
    ],
  };
  const write = (name: string, value: unknown) => writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));

  it('names the file and the path of the problem', () => {
    write('broken.json', '{ "id": ');
    write('no-headline.json', { ...good, id: 'no-headline', steps: [{ ...good.steps[0], alert: { ...good.steps[0]!.alert, headline: undefined } }] });
    write('bad-ref.json', { ...good, id: 'bad-ref', steps: [...good.steps, { at: 5, feed: 'traffic', alert: { ref: 'zz' } }] });
    write('cross-ref.json', { ...good, id: 'cross-ref', steps: [...good.steps, { at: 5, feed: 'safety', alert: { ref: 'a', msgType: 'Cancel' } }] });
    write('outside.json', { ...good, id: 'outside', steps: [{ ...good.steps[0], alert: { ...good.steps[0]!.alert, point: { lon: 116.4, lat: 39.9 } } }] });
    write('wrong-name.json', good);
    write('x.json', good);
    const errors = Object.fromEntries(loadScenarios(dir).map((l) => [l.file, l.ok ? 'ok' : l.error]));
    expect(errors['broken.json']).toMatch(/^broken\.json: not valid JSON/);
    expect(errors['no-headline.json']).toBe('no-headline.json: steps.0.alert.headline: required for a new alert (a step without ref)');
    expect(errors['bad-ref.json']).toBe('bad-ref.json: steps.1.alert.ref: ref zz names no earlier step');
    expect(errors['cross-ref.json']).toMatch(/^cross-ref\.json: steps\.1\.alert\.ref: ref a is a traffic alert/);
    expect(errors['outside.json']).toBe('outside.json: steps.0.alert.point.lon: outside Heilongjiang');
    expect(errors['wrong-name.json']).toBe('wrong-name.json: id: x must match the file name (wrong-name)');
    expect(errors['x.json']).toBe('ok');
  });
});
