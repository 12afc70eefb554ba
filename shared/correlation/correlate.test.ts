/** Rules 1–3 event by event: exactly which drafts come out, and that the reducer takes them all. */
import { describe, expect, it } from 'vitest';
import { draft } from '../domain/events';
import type { AlertContent } from '../domain/model';
import { DEFAULT_CORRELATION_CONFIG } from './config';
import { correlateAlert } from './correlate';
import { alert, Harness, MINUTE, T0, typesOf } from './testing/harness';

const AT: [number, number] = [126.68, 45.78];
const FAR: [number, number] = [131.16, 46.65]; // Shuangyashan

function message(sourceId: string, extra: Partial<AlertContent> = {}): AlertContent {
  return { ...alert({ sourceId, domain: 'ecology', category: ['Env'], at: FAR, region: '230500' }), ...extra };
}

function bodiesOf(hub: Harness, from: number) {
  return hub.log.slice(from).map((e) => ({ type: e.type, body: e.body }));
}

describe('rule 1: the same message again', () => {
  it('counts an exact repeat, and a lower or equal version, as a duplicate', () => {
    const hub = new Harness();
    hub.feed(message('W-1', { version: 2 }));
    const n = hub.log.length;
    expect(hub.feed(message('W-1', { version: 2 }), T0 + MINUTE)).toEqual({
      ok: true,
      events: [draft('alert.repeated', T0 + MINUTE, 'source:ecology', { alertId: 'ecology:W-1', sourceId: 'W-1' })],
    });
    expect(typesOf(hub.feed(message('W-1', { version: 1 }), T0 + 2 * MINUTE))).toEqual(['alert.repeated']);
    expect(hub.state.alerts.get('ecology:W-1')).toMatchObject({ duplicates: 2, lastDuplicateAt: T0 + 2 * MINUTE, version: 2 });
    expect(hub.log).toHaveLength(n + 2);
  });

  it('updates in place when the version is higher', () => {
    const hub = new Harness();
    hub.feed(message('W-1'));
    const newer = message('W-1', { version: 2, headline: 'reading doubled' });
    expect(typesOf(hub.feed(newer, T0 + MINUTE))).toEqual(['alert.updated']);
    expect(hub.state.alerts.get('ecology:W-1')).toMatchObject({ version: 2, headline: 'reading doubled', updated: T0 + MINUTE });
  });

  it('cancels in place when a higher version says Cancel, and counts the cancel when it comes again', () => {
    const hub = new Harness();
    hub.feed(message('W-1'));
    expect(typesOf(hub.feed(message('W-1', { version: 2, msgType: 'Cancel' }), T0 + MINUTE))).toEqual(['alert.cancelled']);
    expect(typesOf(hub.feed(message('W-1', { version: 3, msgType: 'Cancel' }), T0 + 2 * MINUTE))).toEqual(['alert.repeated']);
    expect(hub.state.alerts.get('ecology:W-1')?.status).toBe('cancelled');
  });

  it('quarantines a re-issue the reducer would refuse: a cancelled alert, a changed domain', () => {
    const hub = new Harness();
    hub.feed(message('W-1'));
    hub.feed(message('W-9', { domain: 'ecology' }));
    hub.feed(message('C-1', { msgType: 'Cancel', references: ['W-1'] }));
    const revived = hub.feed(message('W-1', { version: 5 }));
    expect(revived).toEqual({ ok: false, quarantine: 'update W-1 of cancelled alert ecology:W-1' });
    const moved = hub.feed(message('W-9', { version: 2, domain: 'safety' }));
    expect(moved.ok).toBe(false);
    expect(!moved.ok && moved.quarantine).toMatch(/changes the domain of ecology:W-9 from ecology to safety/);
  });

  it('does not take another feed’s message for the same one when ids collide through a colon', () => {
    const hub = new Harness();
    hub.feed(message('b:c', { feed: 'a' }));
    const other = hub.feed(message('c', { feed: 'a:b' }));
    expect(other.ok).toBe(false);
    expect(!other.ok && other.quarantine).toMatch(/collides/);
  });
});

describe('rule 2: Update and Cancel with references', () => {
  it('updates the chain head and supersedes the other referenced alerts', () => {
    const hub = new Harness();
    for (const id of ['A', 'B', 'C']) hub.feed(message(id));
    const n = hub.log.length;
    const u = message('U-1', { msgType: 'Update', references: ['A', 'B', 'C', 'B'], version: 2, severity: 'Minor' });
    expect(typesOf(hub.feed(u, T0 + MINUTE))).toEqual(['alert.updated', 'alert.superseded', 'alert.superseded']);
    expect(bodiesOf(hub, n)).toEqual([
      { type: 'alert.updated', body: { alertId: 'ecology:A', content: u } },
      { type: 'alert.superseded', body: { alertId: 'ecology:B', by: 'ecology:A' } },
      { type: 'alert.superseded', body: { alertId: 'ecology:C', by: 'ecology:A' } },
    ]);
    expect(hub.state.alerts.get('ecology:A')?.revisions).toEqual(['A', 'U-1']);
    expect(hub.state.aliases.get('ecology:U-1')).toBe('ecology:A');
  });

  it('skips alerts already superseded or cancelled, and lands an update of a superseded alert on its live head', () => {
    const hub = new Harness();
    for (const id of ['A', 'B', 'C', 'D']) hub.feed(message(id));
    hub.feed(message('U-1', { msgType: 'Update', references: ['A', 'B'] }));
    hub.feed(message('X-1', { msgType: 'Cancel', references: ['D'] }));
    const n = hub.log.length;
    // B was folded into A; C is new to the chain; D is cancelled.
    const u2 = message('U-2', { msgType: 'Update', references: ['B', 'C', 'D', 'A'], headline: 'second update' });
    expect(typesOf(hub.feed(u2, T0 + MINUTE))).toEqual(['alert.updated', 'alert.superseded']);
    expect(bodiesOf(hub, n)).toEqual([
      { type: 'alert.updated', body: { alertId: 'ecology:A', content: u2 } },
      { type: 'alert.superseded', body: { alertId: 'ecology:C', by: 'ecology:A' } },
    ]);
    // Repeating the update is a duplicate of the alert it went into.
    expect(typesOf(hub.feed(u2, T0 + 2 * MINUTE))).toEqual(['alert.repeated']);
  });

  it('treats an Update whose references resolve to nothing as a new alert', () => {
    const hub = new Harness();
    hub.feed(message('A', { feed: 'other-feed' }));
    const u = message('U-1', { msgType: 'Update', references: ['A', 'never-seen'] });
    expect(typesOf(hub.feed(u))).toEqual(['alert.received']);
    expect(hub.state.alerts.get('ecology:U-1')?.msgType).toBe('Update');
  });

  it('quarantines an Update that only reaches cancelled alerts', () => {
    const hub = new Harness();
    hub.feed(message('A'));
    hub.feed(message('X', { msgType: 'Cancel', references: ['A'] }));
    expect(hub.feed(message('U', { msgType: 'Update', references: ['A'] }))).toEqual({
      ok: false,
      quarantine: 'Update references only cancelled or superseded alerts: ecology:A',
    });
  });

  it('cancels every referenced alert that can still be cancelled, with the reason', () => {
    const hub = new Harness();
    for (const id of ['A', 'B', 'C']) hub.feed(message(id));
    hub.commit([draft('alert.dismissed', T0, 'user:op', { alertId: 'ecology:C', disposition: 'false-positive' })]);
    hub.feed(message('U', { msgType: 'Update', references: ['A', 'B'] }));
    const n = hub.log.length;
    const x = message('X', { msgType: 'Cancel', references: ['A', 'B', 'C'], description: 'sensor fault' });
    expect(typesOf(hub.feed(x, T0 + MINUTE))).toEqual(['alert.cancelled', 'alert.cancelled']);
    expect(bodiesOf(hub, n)).toEqual([
      { type: 'alert.cancelled', body: { alertId: 'ecology:A', sourceId: 'X', reason: 'sensor fault' } },
      { type: 'alert.cancelled', body: { alertId: 'ecology:C', sourceId: 'X', reason: 'sensor fault' } },
    ]);
    expect(hub.state.alerts.get('ecology:A')?.cancelled).toEqual({ at: T0 + MINUTE, reason: 'sensor fault' });
    // A second Cancel naming the same alerts has nothing left to do.
    expect(hub.feed(message('X2', { msgType: 'Cancel', references: ['A'] }))).toEqual({ ok: true, events: [] });
  });

  it('quarantines a Cancel that references no known alert', () => {
    const hub = new Harness();
    expect(hub.feed(message('X', { msgType: 'Cancel', references: ['nope-1', 'nope-2'] }))).toEqual({
      ok: false,
      quarantine: 'Cancel references no known alert: nope-1, nope-2',
    });
    expect(hub.feed(message('Y', { msgType: 'Cancel' }))).toEqual({ ok: false, quarantine: 'Cancel references no known alert: (none)' });
    expect(hub.log).toHaveLength(0);
  });
});

describe('rule 3: escalation through updates', () => {
  it('opens an incident when a lone alert is raised to the threshold', () => {
    const hub = new Harness();
    hub.feed(message('A', { severity: 'Moderate' }));
    expect(hub.state.incidents.size).toBe(0);
    const u = message('U', { msgType: 'Update', references: ['A'], severity: 'Extreme', urgency: 'Expected', headline: 'now extreme' });
    expect(typesOf(hub.feed(u, T0 + MINUTE))).toEqual(['alert.updated', 'incident.opened', 'incident.agencyRequested']);
    expect(hub.incident('INC-1')).toMatchObject({ level: 2, title: 'now extreme', alerts: ['ecology:A'] });
    // Raised again: it is linked now, so nothing more happens to incidents.
    expect(typesOf(hub.feed(message('A', { version: 3, severity: 'Extreme' }), T0 + 2 * MINUTE))).toEqual(['alert.updated']);
  });

  it('joins a nearby compatible incident when raised, even from a quiet start', () => {
    const hub = new Harness();
    hub.feed(alert({ sourceId: 'S', domain: 'safety', severity: 'Severe', at: AT }));
    hub.feed(message('far', { severity: 'Minor' }));
    const moved = message('far', { version: 2, severity: 'Severe', point: { lon: 126.7, lat: 45.8 }, region: '230100' });
    expect(typesOf(hub.feed(moved, T0 + MINUTE))).toEqual(['alert.updated', 'incident.alertLinked']);
    expect(hub.incident('INC-1').alerts).toEqual(['safety:S', 'ecology:far']);
  });

  it('leaves a dismissed alert out, and an update below the threshold', () => {
    const hub = new Harness();
    hub.feed(message('A'));
    hub.feed(message('B'));
    hub.commit([draft('alert.dismissed', T0, 'user:op', { alertId: 'ecology:A', disposition: 'false-positive' })]);
    expect(typesOf(hub.feed(message('A', { version: 2, severity: 'Extreme' })))).toEqual(['alert.updated']);
    expect(typesOf(hub.feed(message('B', { version: 2, severity: 'Moderate' })))).toEqual(['alert.updated']);
    expect(hub.state.incidents.size).toBe(0);
  });
});

describe('what a person took out of an incident stays out', () => {
  it('a raised alert does not rejoin the incident it was unlinked from, and joins it again once linked back by hand', () => {
    const hub = new Harness();
    hub.feed(alert({ sourceId: 'S', domain: 'safety', severity: 'Severe', at: AT }));
    hub.feed(message('near', { severity: 'Severe', point: { lon: 126.7, lat: 45.8 }, region: '230100' }), T0 + MINUTE);
    expect(hub.incident('INC-1').alerts).toEqual(['safety:S', 'ecology:near']);
    hub.commit([draft('incident.alertUnlinked', T0 + 2 * MINUTE, 'user:op', { incidentId: 'INC-1', alertId: 'ecology:near' })]);
    expect(hub.incident('INC-1').unlinked).toEqual(['ecology:near']);
    // The agency raises it: it opens its own incident instead of going back.
    const raised = message('near', { version: 2, severity: 'Extreme', point: { lon: 126.7, lat: 45.8 }, region: '230100' });
    expect(typesOf(hub.feed(raised, T0 + 3 * MINUTE))).toEqual(['alert.updated', 'incident.opened', 'incident.agencyRequested']);
    expect(hub.incident('INC-1').alerts).toEqual(['safety:S']);
    expect(hub.incident('INC-2').alerts).toEqual(['ecology:near']);
    // Linked back by hand, the record of the unlink goes: that link is the latest word.
    hub.commit([draft('incident.alertLinked', T0 + 4 * MINUTE, 'user:op', { incidentId: 'INC-1', alertId: 'ecology:near' })]);
    expect(hub.incident('INC-1')).toMatchObject({ alerts: ['safety:S', 'ecology:near'], unlinked: undefined });
  });

  it('the look-back passes over an alert unlinked from the incident: its domain stays among the incident\'s, so it was judged', () => {
    const NEAR: [number, number] = [126.7, 45.79];
    const hub = new Harness();
    hub.feed(alert({ sourceId: 'L', domain: 'safety', severity: 'Severe', at: AT }));
    // A market report nearby: market is not paired with safety, so it stays apart; an operator links it by hand, then takes it out.
    hub.feed(alert({ sourceId: 'M', domain: 'market', category: ['Other'], severity: 'Moderate', at: NEAR }), T0 + MINUTE);
    hub.commit([draft('incident.alertLinked', T0 + 2 * MINUTE, 'user:op', { incidentId: 'INC-1', alertId: 'market:M' })]);
    hub.commit([draft('incident.alertUnlinked', T0 + 3 * MINUTE, 'user:op', { incidentId: 'INC-1', alertId: 'market:M' })]);
    // A public-security report brings security (paired with market): the look-back would have taken M.
    const out = hub.feed(alert({ sourceId: 'P', domain: 'security', category: ['Security'], severity: 'Severe', at: NEAR }), T0 + 4 * MINUTE);
    expect(typesOf(out)).toEqual(['alert.received', 'incident.alertLinked']);
    expect(hub.incident('INC-1').alerts).toEqual(['safety:L', 'security:P']);
    expect(hub.state.alerts.get('market:M')?.incidentId).toBeUndefined();
  });
});

describe('sensitive reports are correlated apart', () => {
  const NEAR: [number, number] = [126.7, 45.79];
  const crowd = (sourceId: string, severity: AlertContent['severity'] = 'Severe') =>
    alert({ sourceId, domain: 'security', category: ['Security'], severity, classification: 'sensitive', at: NEAR });
  const leak = (sourceId: string) => alert({ sourceId, domain: 'safety', severity: 'Severe', classification: 'internal', at: AT });

  it('a joint incident is not taken by a sensitive report that opened first, nor takes one in', () => {
    const hub = new Harness();
    hub.feed(crowd('S-1'));
    expect(hub.incident('INC-1')).toMatchObject({ classification: 'sensitive', alerts: ['security:S-1'] });
    // The leak opens its own incident, which every desk can see.
    expect(typesOf(hub.feed(leak('L-1'), T0 + MINUTE))).toContain('incident.opened');
    expect(hub.incident('INC-2')).toMatchObject({ classification: 'internal', alerts: ['safety:L-1'] });
    // Another sensitive report nearby joins the sensitive one, not the leak.
    expect(typesOf(hub.feed(crowd('S-2'), T0 + 2 * MINUTE))).toEqual(['alert.received', 'incident.alertLinked']);
    expect(hub.incident('INC-1').alerts).toEqual(['security:S-1', 'security:S-2']);
    // An internal public-security report joins the leak (security and safety are paired).
    hub.feed(alert({ sourceId: 'P-1', domain: 'security', category: ['Security'], severity: 'Severe', classification: 'internal', at: NEAR }), T0 + 3 * MINUTE);
    expect(hub.incident('INC-2').alerts).toEqual(['safety:L-1', 'security:P-1']);
  });

  it('the look-back of a new incident passes over sensitive reports', () => {
    const hub = new Harness();
    hub.feed(crowd('S-1', 'Moderate'));
    hub.feed(alert({ sourceId: 'P-1', domain: 'security', category: ['Security'], severity: 'Moderate', classification: 'internal', at: NEAR }));
    expect(hub.state.incidents.size).toBe(0);
    hub.feed(leak('L-1'), T0 + MINUTE);
    expect(hub.incident('INC-1').alerts).toEqual(['safety:L-1', 'security:P-1']);
    expect(hub.state.alerts.get('security:S-1')?.incidentId).toBeUndefined();
  });
});

describe('the look-back is by place', () => {
  it('reaches a report from before a busy half hour elsewhere in the province', () => {
    const NEAR: [number, number] = [126.7, 45.79];
    const hub = new Harness();
    hub.feed(alert({ sourceId: 'P-1', domain: 'security', category: ['Security'], severity: 'Moderate', at: NEAR }));
    // 500 routine reports in Mudanjiang, ~350 km away: more than `lookBackMax` (200) received since P-1.
    for (let i = 0; i < 500; i++) hub.feed(alert({ sourceId: `R-${i}`, domain: 'ecology', severity: 'Minor', at: [129.6, 44.55], region: '231000' }), T0 + i * 3000);
    expect(hub.state.incidents.size).toBe(0);
    hub.feed(alert({ sourceId: 'L-1', domain: 'safety', severity: 'Severe', at: AT }), T0 + 30 * MINUTE);
    expect(hub.incident('INC-1').alerts).toEqual(['safety:L-1', 'security:P-1']);
  });

  it('finds a report where an update moved it', () => {
    const hub = new Harness();
    hub.feed(alert({ sourceId: 'P-1', domain: 'security', category: ['Security'], severity: 'Moderate', at: [129.6, 44.55], region: '231000' }));
    // Corrected to Harbin by its agency: the look-back of a leak there takes it.
    hub.feed(alert({ sourceId: 'P-1', version: 2, domain: 'security', category: ['Security'], severity: 'Moderate', at: [126.7, 45.79] }), T0 + MINUTE);
    hub.feed(alert({ sourceId: 'L-1', domain: 'safety', severity: 'Severe', at: AT }), T0 + 2 * MINUTE);
    expect(hub.incident('INC-1').alerts).toEqual(['safety:L-1', 'security:P-1']);
  });
});

describe('incident opening', () => {
  it('skips an incident number already taken', () => {
    const hub = new Harness();
    hub.feed(message('A', { severity: 'Minor' }));
    hub.commit([
      draft('incident.opened', T0, 'user:op', {
        incidentId: 'INC-2', no: 1, title: 'hand-made', level: 4, alertIds: [], location: { lon: 131, lat: 46 }, region: '230500', classification: 'public', domains: [],
      }),
    ]);
    expect(hub.state.nextIncidentNo).toBe(2);
    hub.feed(alert({ sourceId: 'S', domain: 'safety', severity: 'Severe', at: AT }));
    expect(hub.incident('INC-3').no).toBe(3);
  });

  it('follows the config: threshold, level table, own-agency request', () => {
    const config = { ...DEFAULT_CORRELATION_CONFIG, openThreshold: 'Minor' as const, requestOwnAgency: false, levels: [{ severity: 'Minor' as const, level: 3 as const }] };
    const hub = new Harness(config);
    expect(typesOf(hub.feed(message('A', { severity: 'Minor' })))).toEqual(['alert.received', 'incident.opened']);
    expect(hub.incident('INC-1').level).toBe(3);
    expect(typesOf(hub.feed(message('B', { severity: 'Unknown', point: { lon: 100, lat: 0 } })))).toEqual(['alert.received']);
  });

  it('carries the alert’s classification, region and point into the incident', () => {
    const hub = new Harness();
    hub.feed(alert({ sourceId: 'S', domain: 'security', severity: 'Severe', classification: 'sensitive', at: [130.32, 46.8], region: '230800' }));
    expect(hub.incident('INC-1')).toMatchObject({ classification: 'sensitive', region: '230800', location: { lon: 130.32, lat: 46.8 }, domains: ['security'] });
    expect(hub.incident('INC-1').agencies['hlj-security']?.status).toBe('notified');
  });
});

describe('purity', () => {
  it('changes neither the state nor the index', () => {
    const hub = new Harness();
    hub.feed(alert({ sourceId: 'S', domain: 'safety', severity: 'Severe', at: AT }));
    const before = hub.state;
    const size = hub.index.size;
    const r = correlateAlert(hub.state, alert({ sourceId: 'T', domain: 'safety', at: AT }), { time: T0, actor: 'source:safety' }, DEFAULT_CORRELATION_CONFIG, hub.index);
    expect(typesOf(r)).toEqual(['alert.received', 'incident.alertLinked']);
    expect(hub.state).toBe(before);
    expect(hub.index.size).toBe(size);
    expect(hub.state.rejected).toBe(0);
  });
});
