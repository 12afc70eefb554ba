/**
 * SLA escalation through a real hub: a correlated incident requests the
 * traffic agency; nobody answers; the hub appends the reminder, then the
 * escalation, and every signed-in workstation receives both live. Neither is
 * sent again, not even after a hub restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@shared/domain/events';
import { slaConfigSchema } from '@shared/domain/sla';
import { hashPassword } from '../auth/passwords';
import { startHub, type Hub } from '../hub';
import { createLogger } from '../log';
import { startTestFeed, type TestFeed } from '../testing/testFeed';
import { connectWorkstation, login, type Workstation } from '../testing/workstation';

const log = createLogger('test', { level: 'silent', pretty: false });
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

// 1.2 s to acknowledge at every level, escalation 1.2 s after the reminder.
const level = { acknowledgeMinutes: 0.02, resolveMinutes: 60 };
const SHORT_SLA = slaConfigSchema.parse({ levels: { '1': level, '2': level, '3': level, '4': level }, escalateAfterReminderMinutes: 0.02 });

const slaEvents = (events: DomainEvent[]) => events.filter((e) => e.type === 'sla.reminder' || e.type === 'sla.escalated');

async function signedIn(hub: Hub, name: string): Promise<Workstation> {
  const r = await login(hub.url, name, 'secret-pass');
  if (!r.ok) throw new Error(r.message);
  const ws = await connectWorkstation(hub.url, r.token);
  cleanup.push(() => ws.close());
  return ws;
}

describe('SLA escalation in the hub', () => {
  it('reminds, then escalates, live on every workstation, once, across a restart', async () => {
    const feed: TestFeed = await startTestFeed();
    cleanup.push(() => feed.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'lw-sla-'));
    const config = {
      dataDir,
      port: 0,
      sla: SHORT_SLA,
      slaCheckSeconds: 0.2,
      feeds: [{ id: 'traffic', name: { zh: '交通', en: 'Traffic' }, domain: 'traffic' as const, url: feed.url, token: feed.token }],
    };
    let hub = await startHub(config, { log });
    cleanup.push(() => hub.close());
    const hash = await hashPassword('secret-pass');
    await hub.store.putUser({ name: 'commander', displayName: '指挥长', role: 'commander' }, hash);
    await hub.store.putUser({ name: 'traffic', displayName: '交通值班长', role: 'dutyOfficer', agency: 'hlj-traffic' }, hash);
    const commander = await signedIn(hub, 'commander');
    const duty = await signedIn(hub, 'traffic');
    await feed.waitForConnection();

    feed.send({
      items: [{
        seq: 1, sent: Date.now(),
        body: {
          id: 'TR-1', domain: 'traffic', category: ['Transport'], event: '危化品运输车辆事故', headline: 'G1京哈高速哈尔滨段危化品罐车侧翻',
          severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', status: 'Exercise',
          point: { lon: 126.6, lat: 45.7 }, region: '230100', sent: new Date().toISOString(),
        },
      }],
    });
    await commander.waitFor((events) => events.some((e) => e.type === 'incident.agencyRequested'));
    const requested = commander.events.find((e) => e.type === 'incident.agencyRequested')!;
    expect(requested.body).toMatchObject({ incidentId: 'INC-1', agency: 'hlj-traffic' });

    await commander.waitFor((events) => slaEvents(events).length >= 2, 10_000);
    const [reminder, escalation] = slaEvents(commander.events);
    expect(reminder).toMatchObject({ type: 'sla.reminder', actor: 'system:sla', body: { incidentId: 'INC-1', agency: 'hlj-traffic', kind: 'acknowledge', deadline: requested.time + 1200 } });
    expect(escalation).toMatchObject({ type: 'sla.escalated', actor: 'system:sla', body: reminder!.body });
    expect(reminder!.time).toBeGreaterThanOrEqual(requested.time + 1200);
    expect(escalation!.time).toBeGreaterThanOrEqual(reminder!.time + 1200);
    await duty.waitFor((events) => slaEvents(events).length >= 2);
    expect(hub.engine.state.incidents.get('INC-1')).toMatchObject({ overdue: true, agencies: { 'hlj-traffic': { overdue: true, reminded: true } } });

    // Late, but answered: the marks clear and nothing more comes.
    expect(await duty.command('incident.respond', { incidentId: 'INC-1', agency: 'hlj-traffic', response: 'acknowledged' })).toMatchObject({ ok: true });
    expect(hub.engine.state.incidents.get('INC-1')!.overdue).toBe(false);
    await new Promise((r) => setTimeout(r, 1500));
    expect(slaEvents(commander.events)).toHaveLength(2);

    // A second agency requested and left unanswered across a hub restart: one reminder, one escalation.
    expect(await commander.command('incident.requestAgency', { incidentId: 'INC-1', agency: 'hlj-security' })).toMatchObject({ ok: true });
    await hub.close();
    hub = await startHub(config, { log });
    const storedSla = async () => slaEvents(await hub.store.readEvents(0, 1000));
    for (const started = Date.now(); (await storedSla()).length < 4 && Date.now() - started < 10_000; ) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    const stored = await storedSla();
    expect(stored.map((e) => `${e.type} ${e.body.agency}`)).toEqual([
      'sla.reminder hlj-traffic',
      'sla.escalated hlj-traffic',
      'sla.reminder hlj-security',
      'sla.escalated hlj-security',
    ]);
    expect(hub.engine.state.rejected).toBe(0);
    expect(hub.sla.stats.appended).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
