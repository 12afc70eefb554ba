/**
 * Issue 6 §6: the Harbin chemical leak (`resources/scenarios/harbin-chemical-leak.json`)
 * played by the real demo agencies (their own process, five feed servers)
 * into a real hub: correlation gathers the safety, public-security, traffic,
 * ecology and market alerts of the leak into ONE joint incident, not five,
 * and the commander can lead it from a workstation.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AGENCIES, AGENCY_OF_DOMAIN, DOMAINS } from '@shared/domain/agencies';
import { DEFAULT_CORRELATION_CONFIG, haversineKm, topicsOf } from '@shared/correlation';
import type { AlertContent } from '@shared/domain/model';
import { selectScenarios } from '../electron/feeds/demo';
import { RoutineAlerts, type FeedSink } from '../electron/feeds/generator';
import { seededRng } from '../electron/feeds/random';
import { decodeBody } from '../electron/hub/engine';
import { silentLogger } from '../electron/feeds/log';
import { ScenarioPlayer } from '../electron/feeds/player';
import { DEMO_PASSWORD, ensureDemoUsers, startDemo, type Demo } from '../electron/hub/demo';
import { startHub } from '../electron/hub/hub';
import { createLogger } from '../electron/hub/log';
import { connectWorkstation, login, type Workstation } from '../electron/hub/testing/workstation';
import { FEEDS, feedConfigOf, startAgency, tempDir, until } from './harness';

const log = createLogger('joint', { level: 'silent', pretty: false });
const SCENARIO_DIR = join(import.meta.dirname, '../resources/scenarios');

describe('joint scenario: Harbin chemical leak', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  async function desk(demo: Demo, name: string): Promise<Workstation> {
    const r = await login(demo.hub.url, name, DEMO_PASSWORD);
    if (!r.ok) throw new Error(`${name}: ${r.message}`);
    const ws = await connectWorkstation(demo.hub.url, r.token);
    cleanup.push(() => ws.close());
    return ws;
  }

  it('gathers the five agencies’ alerts into one incident, opened by the leak, that the commander then leads', async () => {
    // The five demo feed servers and the scenario player in this process, so the story starts
    // once the hub is connected to every agency, as in a running center.
    const feedsDir = tempDir('joint-feeds');
    const agencies = await Promise.all(FEEDS.map((f) => startAgency(f.domain, f.format, feedsDir)));
    cleanup.push(async () => void (await Promise.all(agencies.map((a) => a.server.stop()))));
    const hub = await startHub({ dataDir: tempDir('joint-hub'), port: 0, feeds: agencies.map(feedConfigOf) }, { log });
    cleanup.push(() => hub.close());
    await ensureDemoUsers(hub.store);
    await until(() => agencies.every((a) => a.server.stats().hubs > 0), 30_000, 'the hub to connect to every agency');
    const sinks: FeedSink[] = agencies.map((a) => ({
      feed: { id: a.domain, domain: a.domain, format: a.format, sender: `${AGENCY_OF_DOMAIN[a.domain]}@longwatch.demo`, senderName: AGENCIES[AGENCY_OF_DOMAIN[a.domain]].name.zh },
      produce: (body) => a.server.produce(body),
      get full() {
        return a.server.full;
      },
    }));
    const scenarios = selectScenarios(SCENARIO_DIR, ['harbin-chemical-leak'], silentLogger);
    const player = new ScenarioPlayer({ scenarios, sinks, speed: 150, loop: false });
    const steps: string[] = [];
    player.onDidEmit((e) => steps.push(e.step.id ?? `${e.feed}#${e.seq}`));
    player.start();
    cleanup.push(() => player.stop());
    const state = () => hub.engine.state;
    await until(() => steps.length === scenarios[0]!.steps.length && agencies.every((a) => hub.engine.cursor(a.domain) === a.server.stats().produced), 90_000, 'every step of the story in the log');

    const incidents = state().incidents.values();
    expect(incidents.map((i) => `${i.id} ${i.title}`)).toEqual(['INC-1 哈尔滨滨东精细化工有限公司苯储罐发生泄漏']);
    const joint = incidents[0]!;
    expect([...joint.domains].sort()).toEqual([...DOMAINS].sort());
    expect(joint.level).toBe(2);
    const linked = joint.alerts.map((id) => state().alerts.get(id)!);
    expect(linked.map((a) => a.feed)).toEqual(['safety', 'security', 'traffic', 'ecology', 'traffic', 'ecology', 'traffic', 'traffic', 'market', 'security', 'market']);
    for (const a of state().alerts.values()) {
      if (a.severity !== 'Minor') expect(a.incidentId, `${a.feed} ${a.headline}`).toBe(joint.id);
    }
    expect(state().rejected).toBe(0);

    const r = await login(hub.url, 'commander', DEMO_PASSWORD);
    if (!r.ok) throw new Error(r.message);
    const commander = await connectWorkstation(hub.url, r.token);
    cleanup.push(() => commander.close());
    expect(await commander.command('incident.assignLead', { incidentId: joint.id, agency: 'hlj-ecology' })).toMatchObject({ ok: true });
    expect(await commander.command('incident.requestAgency', { incidentId: joint.id, agency: 'hlj-traffic' })).toMatchObject({ ok: true });
    expect(state().incidents.get(joint.id)).toMatchObject({ lead: 'hlj-ecology', agencies: { 'hlj-ecology': { status: 'notified' }, 'hlj-traffic': { status: 'notified' } } });
  }, 180_000);

  it('keeps it one incident when the hub drains the agencies only after most of the story happened', async () => {
    const dataDir = tempDir('joint');
    // The demo agencies' own process, started before the hub (as `npm run web` does). No routine
    // background; the story 150× faster than scenario time (40 min → ~16 s), once: by the time the
    // hub has opened its store, the agencies hold several steps each, and the order in which their
    // batches reach the hub is not the story's.
    const demo = await startDemo(
      { dataDir, port: 0 },
      { rate: 0, speed: 150, scenarios: 'harbin-chemical-leak', scenarioDir: SCENARIO_DIR, loop: false, dataDir: join(dataDir, 'agencies') },
      { log },
    );
    cleanup.push(() => demo.close());
    const state = () => demo.hub.engine.state;

    // Every step is one alert message: received, updated or cancelled.
    const steps = selectScenarios(SCENARIO_DIR, ['harbin-chemical-leak'], silentLogger)[0]!.steps.length;
    const messages = async () => (await demo.hub.store.readEvents(0, 10_000)).filter((e) => ['alert.received', 'alert.updated', 'alert.cancelled'].includes(e.type)).length;
    await until(async () => (await messages()) === steps, 90_000, `all ${steps} steps of the scenario in the log`);

    const alerts = state().alerts.values();
    expect(new Set(alerts.map((a) => a.domain))).toEqual(new Set(DOMAINS));
    // Not five: safety, traffic and ecology may each open it (they are paired with each other
    // and lie within 25 km), and whichever comes first, the others join it.
    const incidents = state().incidents.values();
    expect(incidents).toHaveLength(1);
    const joint = incidents[0]!;
    // Every report of the leak at or above the link threshold, of all five agencies, whatever the
    // order the batches came in: a market or public-security report that came before the incident
    // held a domain paired with it is taken when the incident gains one (README, "Arrival order").
    for (const a of alerts) {
      if (a.severity !== 'Minor') expect(a.incidentId, `${a.feed} ${a.headline}`).toBe(joint.id);
    }
    expect([...joint.domains].sort()).toEqual([...DOMAINS].sort());
    const lateLinks = (await demo.hub.store.readEvents(0, 10_000)).filter((e) => e.type === 'incident.alertLinked');
    expect(lateLinks.every((e) => e.actor === 'system:correlation')).toBe(true);
    expect(state().rejected).toBe(0);

    // The commander leads it from a workstation; the ecology desk sees it live and answers.
    const commander = await desk(demo, 'commander');
    const ecology = await desk(demo, 'ecology');
    expect(await commander.command('incident.assignLead', { incidentId: joint.id, agency: 'hlj-ecology' })).toMatchObject({ ok: true });
    await ecology.waitFor((events) => events.some((e) => e.type === 'incident.leadAssigned' && e.body.incidentId === joint.id));
    expect(await ecology.command('incident.respond', { incidentId: joint.id, agency: 'hlj-ecology', response: 'acknowledged' })).toMatchObject({ ok: true });
    expect(state().incidents.get(joint.id)).toMatchObject({ lead: 'hlj-ecology', agencies: { 'hlj-ecology': { status: 'acknowledged', lastBy: 'user:ecology' } } });
    expect(state().incidents.size).toBe(1);
  }, 180_000);

  it('keeps the routine reports of Harbin out of it while the background runs alongside the story', async () => {
    const feedsDir = tempDir('joint-bg-feeds');
    const agencies = await Promise.all(FEEDS.map((f) => startAgency(f.domain, f.format, feedsDir)));
    cleanup.push(async () => void (await Promise.all(agencies.map((a) => a.server.stop()))));
    const hub = await startHub({ dataDir: tempDir('joint-bg-hub'), port: 0, feeds: agencies.map(feedConfigOf) }, { log });
    cleanup.push(() => hub.close());
    await until(() => agencies.every((a) => a.server.stats().hubs > 0), 30_000, 'the hub to connect to every agency');
    const sinks: FeedSink[] = agencies.map((a) => ({
      feed: { id: a.domain, domain: a.domain, format: a.format, sender: `${AGENCY_OF_DOMAIN[a.domain]}@longwatch.demo`, senderName: AGENCIES[AGENCY_OF_DOMAIN[a.domain]].name.zh },
      produce: (body) => a.server.produce(body),
      get full() {
        return a.server.full;
      },
    }));

    // The demo's routine background (the generator's own drafts, seeded), kept to the city of Harbin:
    // crowds at the ice festival and the stations, cabbage and rice prices, river readings, road closures.
    const routine = new RoutineAlerts(seededRng(20240115), 'h8bg');
    const background: { sink: FeedSink; body: unknown; content: AlertContent }[] = [];
    const t0 = Date.now();
    for (let i = 0; background.length < 200 && i < 200_000; i++) {
      const sink = sinks[i % sinks.length]!;
      const next = routine.next(sink.feed, t0 + i);
      if (next.msgType !== 'Alert') continue;
      const decoded = decodeBody(feedConfigOf(agencies[i % sinks.length]!), next.body);
      if (decoded.ok && decoded.value.region === '230100') background.push({ sink, body: next.body, content: decoded.value });
    }
    expect(background).toHaveLength(200);
    const bgId = (c: AlertContent) => `${c.feed}:${c.sourceId}`;
    const topics = DEFAULT_CORRELATION_CONFIG.topics;
    const unrelated = background.filter((b) => topicsOf(topics, b.content).length === 0).map((b) => b.content);
    // Within reach of the story by proximity and domain alone: what the incident collected before topics.
    const leakPoint = { lon: 126.68, lat: 45.78 };
    const inReach = unrelated.filter((c) => c.severity !== 'Minor' && haversineKm(c.point, leakPoint) <= DEFAULT_CORRELATION_CONFIG.radiusKm);
    expect(inReach.length).toBeGreaterThanOrEqual(15);

    const scenarios = selectScenarios(SCENARIO_DIR, ['harbin-chemical-leak'], silentLogger);
    const player = new ScenarioPlayer({ scenarios, sinks, speed: 150, loop: false });
    let steps = 0;
    player.onDidEmit(() => steps++);
    player.start();
    cleanup.push(() => player.stop());
    // The background over the ~16 s of the story, about 13 a second.
    let sent = 0;
    const timer = setInterval(() => {
      const next = background[sent];
      if (!next) return;
      next.sink.produce(next.body);
      sent++;
    }, 75);
    cleanup.push(() => clearInterval(timer));
    const state = () => hub.engine.state;
    await until(
      () => steps === scenarios[0]!.steps.length && sent === background.length && agencies.every((a) => hub.engine.cursor(a.domain) === a.server.stats().produced),
      120_000,
      'the story and the background in the log',
    );
    clearInterval(timer);

    const bg = new Set(background.map((b) => bgId(b.content)));
    const joint = state().incidents.values().find((i) => i.title === '哈尔滨滨东精细化工有限公司苯储罐发生泄漏');
    expect(joint).toBeDefined();
    // Every report of the story at or above the link threshold is in it …
    const story = state().alerts.values().filter((a) => !bg.has(a.id));
    expect(new Set(story.map((a) => a.domain))).toEqual(new Set(DOMAINS));
    for (const a of story) if (a.severity !== 'Minor') expect(a.incidentId, `${a.feed} ${a.headline}`).toBe(joint!.id);
    // … and no routine report that belongs to no topic, however near.
    const strays = joint!.alerts.filter((id) => bg.has(id) && unrelated.some((c) => bgId(c) === id)).map((id) => state().alerts.get(id)!.headline);
    expect(strays).toEqual([]);
    expect(inReach.every((c) => state().alerts.get(bgId(c))?.incidentId !== joint!.id)).toBe(true);
    expect(state().rejected).toBe(0);
  }, 240_000);
});
