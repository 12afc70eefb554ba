/**
 * Issue 6 acceptance, through real sockets to a real hub:
 * - the hub refuses every command a role may not run, whatever a client
 *   sends: each demo role × every command type (own agency and another
 *   agency, lead and not lead) is `forbidden` exactly where the permission
 *   table says so, and never where it allows (then it is accepted, or refused
 *   for another reason);
 * - two users acting on the same thing at once: the second gets a `conflict`
 *   that says by whom and when.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyId, Domain } from '@shared/domain/agencies';
import { COMMAND_TYPES, PERMISSIONS, type CommandType, type User } from '@shared/domain/roles';
import type { CommandResult } from '@shared/protocol/commands';
import { hashPassword } from './auth/passwords';
import { DEMO_PASSWORD, DEMO_USERS, ensureDemoUsers } from './demo';
import { startHub, type Hub } from './hub';
import { createLogger } from './log';
import { startTestFeed, type TestFeed } from './testing/testFeed';
import { connectWorkstation, login, type Workstation } from './testing/workstation';

const log = createLogger('test', { level: 'silent', pretty: false });

// Far apart (Harbin, Qiqihar, Mudanjiang, Jiamusi …) and Moderate: correlation opens nothing by itself.
const PLACES: Record<string, { lon: number; lat: number; region: string }> = {
  harbin: { lon: 126.63, lat: 45.75, region: '230100' },
  qiqihar: { lon: 123.95, lat: 47.34, region: '230200' },
  mudanjiang: { lon: 129.6, lat: 44.58, region: '231000' },
  jiamusi: { lon: 130.32, lat: 46.8, region: '230800' },
  heihe: { lon: 127.5, lat: 50.25, region: '231100' },
  daqing: { lon: 125.1, lat: 46.59, region: '230600' },
  jixi: { lon: 130.97, lat: 45.3, region: '230300' },
  yichun: { lon: 128.9, lat: 47.73, region: '230700' },
};

function alertBody(domain: Domain, id: string, place: keyof typeof PLACES) {
  const p = PLACES[place]!;
  return {
    id,
    domain,
    category: domain === 'ecology' ? ['Env'] : ['Transport'],
    event: domain === 'ecology' ? '水质异常' : '道路拥堵',
    headline: `${domain === 'ecology' ? '断面水质异常' : '路段拥堵'} ${id}`,
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Observed',
    status: 'Exercise',
    point: { lon: p.lon, lat: p.lat },
    region: p.region,
    sent: new Date().toISOString(),
  };
}

interface Fixture {
  hub: Hub;
  feeds: Record<'ecology' | 'traffic', TestFeed>;
  desks: Map<string, Workstation>;
  /** Incidents: A led by ecology, B led by traffic, C to be merged. */
  incidents: { A: string; B: string; C: string };
}

const cleanup: Array<() => Promise<void> | void> = [];
let fx: Fixture;

async function desk(hub: Hub, name: string, password = DEMO_PASSWORD): Promise<Workstation> {
  const r = await login(hub.url, name, password);
  if (!r.ok) throw new Error(`${name}: ${r.message}`);
  const ws = await connectWorkstation(hub.url, r.token);
  cleanup.push(() => ws.close());
  return ws;
}

const ok = (r: CommandResult): void => {
  if (!r.ok) throw new Error(`set-up command refused: ${r.code} ${r.message}`);
};

function incidentOf(hub: Hub, alertId: string): string {
  const id = hub.engine.state.alerts.get(alertId)?.incidentId;
  if (!id) throw new Error(`no incident for ${alertId}`);
  return id;
}

beforeAll(async () => {
  const ecology = await startTestFeed('tok-ecology');
  const traffic = await startTestFeed('tok-traffic');
  cleanup.push(() => ecology.close(), () => traffic.close());
  const hub = await startHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'lw-roles-')),
      port: 0,
      feeds: [
        { id: 'ecology', name: { zh: '生态环境', en: 'Ecology' }, domain: 'ecology', url: ecology.url, token: ecology.token },
        { id: 'traffic', name: { zh: '交通运输', en: 'Traffic' }, domain: 'traffic', url: traffic.url, token: traffic.token },
      ],
    },
    { log },
  );
  cleanup.push(() => hub.close());
  await ensureDemoUsers(hub.store);
  // Two more people for the "at once" cases: a second ecology duty officer and a second commander.
  const hash = await hashPassword('second-desk');
  await hub.store.putUser({ name: 'wangwu', displayName: '王五', role: 'dutyOfficer', agency: 'hlj-ecology' }, hash);
  await hub.store.putUser({ name: 'zhaoliu', displayName: '赵六', role: 'commander' }, hash);
  await Promise.all([ecology.waitForConnection(), traffic.waitForConnection()]);

  const places = Object.keys(PLACES);
  ecology.send({ items: ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'].map((id, i) => ({ seq: i + 1, sent: Date.now(), body: alertBody('ecology', id, places[i]!) })) });
  traffic.send({ items: ['T1', 'T2', 'T3', 'T4'].map((id, i) => ({ seq: i + 1, sent: Date.now(), body: alertBody('traffic', id, places[(i + 6) % places.length]!) })) });
  await Promise.all([ecology.waitForAck(6), traffic.waitForAck(4)]);
  expect(hub.engine.state.incidents.size).toBe(0);

  const desks = new Map<string, Workstation>();
  for (const u of DEMO_USERS) desks.set(u.name, await desk(hub, u.name));
  desks.set('wangwu', await desk(hub, 'wangwu', 'second-desk'));
  desks.set('zhaoliu', await desk(hub, 'zhaoliu', 'second-desk'));
  const commander = desks.get('commander')!;
  ok(await commander.command('incident.open', { alertIds: ['ecology:E2'], title: '阿什河断面水质异常' }));
  ok(await commander.command('incident.open', { alertIds: ['traffic:T2'], title: '京哈高速拥堵' }));
  ok(await commander.command('incident.open', { alertIds: ['ecology:E3'], title: '待合并' }));
  const incidents = { A: incidentOf(hub, 'ecology:E2'), B: incidentOf(hub, 'traffic:T2'), C: incidentOf(hub, 'ecology:E3') };
  ok(await commander.command('incident.assignLead', { incidentId: incidents.A, agency: 'hlj-ecology' }));
  ok(await commander.command('incident.assignLead', { incidentId: incidents.B, agency: 'hlj-traffic' }));
  ok(await commander.command('incident.requestAgency', { incidentId: incidents.A, agency: 'hlj-traffic' }));
  const due = Date.now() + 3_600_000;
  ok(await commander.command('incident.createTask', { incidentId: incidents.A, title: '加密监测', agency: 'hlj-ecology', due }));
  ok(await commander.command('incident.createTask', { incidentId: incidents.A, title: '封闭路段', agency: 'hlj-traffic', due }));
  fx = { hub, feeds: { ecology, traffic }, desks, incidents };
}, 120_000);

afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

interface Case {
  what: string;
  body: unknown;
  /** What permission is judged on (DESIGN §3): the owning agency of the target, the incident's lead. */
  target: { agency?: AgencyId; lead?: AgencyId };
}

/** Every command type, each against a target owned by ecology and one owned by traffic. */
function cases(type: CommandType, { A, B, C }: Fixture['incidents']): Case[] {
  const eco = 'hlj-ecology' as const;
  const tra = 'hlj-traffic' as const;
  const due = Date.now() + 3_600_000;
  switch (type) {
    case 'alert.acknowledge':
      return [
        { what: 'ecology alert', body: { alertId: 'ecology:E1' }, target: { agency: eco } },
        { what: 'traffic alert', body: { alertId: 'traffic:T1' }, target: { agency: tra } },
      ];
    case 'alert.dismiss':
      return [
        { what: 'ecology alert', body: { alertId: 'ecology:E1', disposition: 'false-positive' }, target: { agency: eco } },
        { what: 'traffic alert', body: { alertId: 'traffic:T1', disposition: 'duplicate' }, target: { agency: tra } },
      ];
    case 'incident.open':
      return [{ what: 'from an alert', body: { alertIds: ['ecology:E4'] }, target: {} }];
    case 'incident.setLevel':
      return [
        { what: 'ecology-led', body: { incidentId: A, level: 3 }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, level: 3 }, target: { lead: tra } },
      ];
    case 'incident.setStatus':
      return [
        { what: 'ecology-led', body: { incidentId: A, status: 'responding' }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, status: 'responding' }, target: { lead: tra } },
      ];
    case 'incident.assignLead':
      // The current lead again: where allowed this is a conflict and changes nothing the table depends on.
      return [
        { what: 'ecology-led', body: { incidentId: A, agency: eco }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, agency: tra }, target: { lead: tra } },
      ];
    case 'incident.requestAgency':
      return [
        { what: 'ecology-led', body: { incidentId: A, agency: 'hlj-security' }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, agency: 'hlj-security' }, target: { lead: tra } },
      ];
    case 'incident.respond':
      return [
        { what: 'for ecology', body: { incidentId: A, agency: eco, response: 'acknowledged' }, target: { agency: eco, lead: eco } },
        { what: 'for traffic', body: { incidentId: A, agency: tra, response: 'acknowledged' }, target: { agency: tra, lead: eco } },
      ];
    case 'incident.linkAlert':
      return [
        { what: 'ecology-led', body: { incidentId: A, alertId: 'traffic:T3' }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, alertId: 'traffic:T3' }, target: { lead: tra } },
      ];
    case 'incident.unlinkAlert':
      return [
        { what: 'ecology-led', body: { incidentId: A, alertId: 'traffic:T3' }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, alertId: 'traffic:T3' }, target: { lead: tra } },
      ];
    case 'incident.merge':
      return [
        { what: 'into ecology-led', body: { incidentId: A, from: C }, target: { lead: eco } },
        { what: 'into traffic-led', body: { incidentId: B, from: C }, target: { lead: tra } },
      ];
    case 'incident.createTask':
      return [
        { what: 'ecology-led', body: { incidentId: A, title: '采样', agency: eco, due }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, title: '疏导', agency: tra, due }, target: { lead: tra } },
      ];
    case 'incident.updateTask':
      return [
        { what: "ecology's task", body: { incidentId: A, taskId: 'T1', status: 'in-progress' }, target: { agency: eco, lead: eco } },
        { what: "traffic's task", body: { incidentId: A, taskId: 'T2', status: 'in-progress' }, target: { agency: tra, lead: eco } },
      ];
    case 'incident.addNote':
      return [
        { what: 'ecology-led', body: { incidentId: A, text: '现场复核 @交通运输' }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, text: '已通知' }, target: { lead: tra } },
      ];
    case 'incident.close':
      return [
        { what: 'ecology-led', body: { incidentId: A, disposition: 'resolved', summary: '处置完毕' }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, disposition: 'resolved', summary: '处置完毕' }, target: { lead: tra } },
      ];
    case 'incident.reopen':
      return [
        { what: 'ecology-led', body: { incidentId: A, reason: '下游再次超标' }, target: { lead: eco } },
        { what: 'traffic-led', body: { incidentId: B, reason: '再次拥堵' }, target: { lead: tra } },
      ];
  }
}

/**
 * The permission table read independently of `authorize` (which the hub
 * runs): 'any' allows, 'ownAgency' allows a duty officer on their agency's
 * target, 'leadAgency' one whose agency leads; a role absent may not.
 */
function allowedByTable(user: User, type: CommandType, target: Case['target']): boolean {
  const rule = PERMISSIONS[type][user.role];
  if (rule === 'any') return true;
  if (rule === 'ownAgency') return user.agency === target.agency;
  if (rule === 'leadAgency') return user.agency === target.lead;
  return false;
}

// The commander goes last: its accepted commands (close, merge) must not change what the others are judged on.
const ROLE_ORDER = ['operator', 'ecology', 'traffic', 'analyst', 'admin', 'commander'];

describe('roles × commands through real sockets', () => {
  it('refuses exactly what the permission table forbids, whatever the client sends', async () => {
    const table: string[] = [];
    let forbiddenCount = 0;
    let allowedCount = 0;
    for (const name of ROLE_ORDER) {
      const user = DEMO_USERS.find((u) => u.name === name)!;
      const ws = fx.desks.get(name)!;
      // Order within a role: close before reopen, both last.
      for (const type of COMMAND_TYPES) {
        for (const c of cases(type, fx.incidents)) {
          const seqBefore = fx.hub.engine.state.seq;
          const result = await ws.command(type, c.body);
          const allowed = allowedByTable(user, type, c.target);
          const line = `${user.role}${user.agency ? `(${user.agency})` : ''} ${type} ${c.what}: ${result.ok ? 'ok' : result.code}`;
          table.push(line);
          if (allowed) {
            allowedCount++;
            // Allowed: accepted, or refused for what the target's state is, never as forbidden.
            expect(result.ok || ['conflict', 'invalid'].includes(result.code), line).toBe(true);
          } else {
            forbiddenCount++;
            expect(result, line).toMatchObject({ ok: false, code: 'forbidden' });
            // Nothing of the user's reached the log (feed status events of the hub itself may have).
            const appended = await fx.hub.store.readEvents(seqBefore, 100);
            expect(appended.filter((e) => e.actor === `user:${user.name}`), `${line} appended nothing`).toEqual([]);
          }
        }
      }
    }
    // Every role and every command type was tried; both answers occur for duty officers.
    expect(table).toHaveLength(ROLE_ORDER.length * COMMAND_TYPES.reduce((n, t) => n + cases(t, fx.incidents).length, 0));
    expect(forbiddenCount).toBeGreaterThan(0);
    expect(allowedCount).toBeGreaterThan(0);
    const duty = table.filter((l) => l.startsWith('dutyOfficer(hlj-ecology) incident.updateTask'));
    expect(duty).toEqual([expect.stringMatching(/ecology's task: ok$/), expect.stringMatching(/traffic's task: forbidden$/)]);
    expect(table.filter((l) => l.startsWith('analyst') || l.startsWith('admin')).every((l) => l.endsWith('forbidden'))).toBe(true);
  }, 120_000);

  it('refuses a malformed or unknown command as invalid, for every role', async () => {
    for (const name of ROLE_ORDER) {
      const ws = fx.desks.get(name)!;
      expect(await ws.command('incident.close', { incidentId: fx.incidents.A })).toMatchObject({ ok: false, code: 'invalid' });
      expect(await ws.command('users.add', { name: 'mallory', role: 'admin' })).toMatchObject({ ok: false, code: 'invalid' });
    }
  });
});

describe('two users acting on the same thing at once', () => {
  it('dismissing one alert from two desks: one wins, the other hears by whom and when', async () => {
    const [a, b] = [fx.desks.get('ecology')!, fx.desks.get('wangwu')!];
    const [ra, rb] = await Promise.all([
      a.command('alert.dismiss', { alertId: 'ecology:E5', disposition: 'false-positive' }),
      b.command('alert.dismiss', { alertId: 'ecology:E5', disposition: 'duplicate' }),
    ]);
    const results = [ra, rb];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = ra.ok ? 'ecology' : 'wangwu';
    const refusal = results.find((r) => !r.ok)!;
    const dismissed = fx.hub.engine.state.alerts.get('ecology:E5')!.dismissed!;
    expect(dismissed.by).toBe(`user:${winner}`);
    expect(refusal).toEqual({
      ok: false,
      code: 'conflict',
      message: `alert ecology:E5 is already dismissed by user:${winner}`,
      detail: { status: 'dismissed', by: `user:${winner}`, at: dismissed.at },
    });
    // The loser's desk sees the winner's act live as well.
    await (ra.ok ? b : a).waitFor((events) => events.some((e) => e.type === 'alert.dismissed' && e.body.alertId === 'ecology:E5'));
  });

  it('closing one incident from two commanders, answering one request from two duty officers', async () => {
    const commander = fx.desks.get('commander')!;
    ok(await commander.command('incident.open', { alertIds: ['ecology:E6'], title: '同时处置' }));
    const incidentId = incidentOf(fx.hub, 'ecology:E6');
    ok(await commander.command('incident.requestAgency', { incidentId, agency: 'hlj-ecology' }));

    const responses = await Promise.all([
      fx.desks.get('ecology')!.command('incident.respond', { incidentId, agency: 'hlj-ecology', response: 'done' }),
      fx.desks.get('wangwu')!.command('incident.respond', { incidentId, agency: 'hlj-ecology', response: 'done' }),
    ]);
    expect(responses.filter((r) => r.ok)).toHaveLength(1);
    const p = fx.hub.engine.state.incidents.get(incidentId)!.agencies['hlj-ecology']!;
    expect(responses.find((r) => !r.ok)).toMatchObject({ code: 'conflict', detail: { status: 'done', by: p.lastBy, at: p.lastAt } });

    const closes = await Promise.all(
      ['commander', 'zhaoliu'].map((n) => fx.desks.get(n)!.command('incident.close', { incidentId, disposition: 'resolved', summary: '已处置' })),
    );
    expect(closes.filter((r) => r.ok)).toHaveLength(1);
    const closed = fx.hub.engine.state.incidents.get(incidentId)!.closed!;
    expect(closes.find((r) => !r.ok)).toEqual({
      ok: false,
      code: 'conflict',
      message: `incident ${incidentId} is closed`,
      detail: { status: 'closed', by: closed.by, at: closed.at },
    });
    expect(fx.hub.engine.state.rejected).toBe(0);
  });
});
