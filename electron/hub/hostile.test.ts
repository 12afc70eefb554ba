/**
 * Issue 4 acceptance, bad input: a hostile feed sends malformed messages,
 * wrong types, oversize payloads, NaN and out-of-range coordinates, prototype
 * keys, an XXE CAP document and an entity-expansion bomb, sequence
 * regressions and a flood. Each lands in quarantine with a reason, the hub
 * stays up with bounded memory, and valid alerts sent afterwards arrive.
 * (HTML and script in text are data, not an attack on the hub: they are
 * stored as text, and the UI renders them as text.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './hub';
import { createLogger } from './log';
import { startTestFeed, type TestFeed } from './testing/testFeed';

const log = createLogger('test', { level: 'silent', pretty: false });

function alert(id: string, over: Record<string, unknown> = {}) {
  return {
    id, domain: 'traffic', category: ['Transport'], event: '道路结冰', headline: `G10绥满高速路面结冰 ${id}`,
    severity: 'Minor', urgency: 'Expected', certainty: 'Likely', status: 'Exercise',
    point: { lon: 125.1, lat: 46.6 }, region: '230600', sent: new Date().toISOString(), ...over,
  };
}

const XXE = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>`;
const BOMB = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol4;</identifier></alert>`;

describe('a hostile feed', () => {
  let feed: TestFeed;
  let hub: Hub;
  afterAll(async () => {
    await hub?.close();
    await feed?.close();
  });

  it('is quarantined item by item, with reasons, and cannot take the hub down', async () => {
    feed = await startTestFeed();
    hub = await startHub(
      { dataDir: mkdtempSync(join(tmpdir(), 'lw-hostile-')), port: 0, feeds: [{ id: 'traffic', name: { zh: '交通', en: 'Traffic' }, domain: 'traffic', url: feed.url, token: feed.token, maxRate: 200 }] },
      { log },
    );
    await feed.waitForConnection();
    const t = Date.now();
    let seq = 0;
    const item = (body: unknown) => ({ seq: ++seq, sent: t, body });
    const regression = { seq: 3, sent: t, body: alert('REGRESSION') };
    const typeError = alert('TYPE', { severity: 5 });

    feed.send('{"this is": not json');
    feed.send({ items: [
      item(alert('OK-1')),
      item('{"id": "broken json'),
      item(typeError),
      item(alert('NAN', { point: { lon: NaN, lat: 46 } })),
      item(alert('RANGE', { point: { lon: 125, lat: 95 } })),
      item(JSON.parse('{"id":"PROTO","__proto__":{"admin":true}}')),
      item(alert('CTOR', { attributes: { constructor: 'x' } })),
      item(alert('HTML', { headline: '<img src=x onerror=alert(1)><script>alert("xss")</script>', description: '<b>粗体</b>' })),
      item(XXE),
      item(BOMB),
      item('<alert>' + 'x'.repeat(1_200_000) + '</alert>'),
      item(alert('LONG', { headline: '长'.repeat(5000) })),
      regression,
      item(alert('OK-2')),
    ] });
    await feed.waitForAck(seq);

    const rows = (await hub.store.listQuarantine(100)).reverse();
    const reasons = rows.map((q) => q.reason);
    expect(reasons).toEqual([
      expect.stringMatching(/^alerts: not a batch/),
      expect.stringMatching(/./), // broken JSON as a body string: not a CAP document
      expect.stringMatching(/^severity/),
      expect.stringMatching(/^point\.lon/),
      expect.stringMatching(/^point\.lat/),
      expect.stringMatching(/__proto__: reserved key/),
      expect.stringMatching(/attributes\.constructor: reserved key/),
      expect.stringMatching(/DOCTYPE|entit/i),
      expect.stringMatching(/DOCTYPE|entit/i),
      expect.stringMatching(/limit/),
      expect.stringMatching(/^headline/),
      expect.stringMatching(/^sequence regression: seq 3 after 12/),
    ]);
    // Each with what came: the message, the body, or the whole item of a regression.
    expect(rows[0]!.raw).toBe('{"this is": not json');
    expect(rows[2]!.raw).toBe(JSON.stringify(typeError));
    expect(rows[7]!.raw).toBe(XXE);
    expect(rows[11]!.raw).toBe(JSON.stringify(regression));
    const stateNow = hub.engine.state;
    expect(stateNow.alerts.has('traffic:OK-1') && stateNow.alerts.has('traffic:OK-2')).toBe(true);
    expect(stateNow.alerts.get('traffic:HTML')!.headline).toBe('<img src=x onerror=alert(1)><script>alert("xss")</script>');
    expect(stateNow.quarantined).toBe(12);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();

    // A flood: far more than this feed's configured rate. The hub throttles it,
    // drops the connection rather than buffering without bound, and resumes later.
    const heapBefore = process.memoryUsage().heapUsed;
    const socket = await feed.waitForConnection();
    const handshakesBefore = feed.handshakes.length;
    for (let b = 0; b < 120; b++) {
      socket.emit('alerts', { items: Array.from({ length: 500 }, () => item(alert(`FLOOD-${seq + 1}`))) });
    }
    // Beyond its configured 200 alerts/s it is throttled (slower than any hub, however loaded
    // the machine); the queue fills while it waits (25,000 items, a feed's in-flight window:
    // the 51st batch of 500); the connection is dropped.
    const counters = hub.connectors[0]!.counters;
    for (const started = Date.now(); counters.overflows === 0 && Date.now() - started < 60_000; ) await new Promise((r) => setTimeout(r, 100));
    expect(counters.throttledMs).toBeGreaterThan(0);
    expect(counters.overflows).toBeGreaterThan(0);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(300 * 1024 * 1024);

    // The hub is still up and resumes the feed after what it persisted; valid alerts arrive.
    for (const started = Date.now(); feed.handshakes.length === handshakesBefore && Date.now() - started < 60_000; ) await new Promise((r) => setTimeout(r, 100));
    const resumed = await feed.waitForConnection();
    const after = Number((feed.handshakes.at(-1) as { after: number }).after);
    resumed.emit('alerts', { items: [{ seq: after + 1, sent: Date.now(), body: alert('AFTER-FLOOD') }] });
    await feed.waitForAck(after + 1, 20_000);
    expect(hub.engine.state.alerts.has('traffic:AFTER-FLOOD')).toBe(true);
  }, 120_000);
});
