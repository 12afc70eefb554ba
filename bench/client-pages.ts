/**
 * Baseline pages for `npm run bench -- client`, served on a second loopback
 * origin (so their IndexedDB is separate from the app's): raw Dexie `bulkPut`
 * of the same events, one row per event; and a bare MapLibre map with the
 * same points, clustered, on a plain background. Both load the very library
 * files the renderer bundles (node_modules).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const lib = (path: string): Buffer => readFileSync(join(root, 'node_modules', path));

const RAW_PAGE = `<!doctype html><meta charset="utf-8"><title>raw bulkPut</title>
<script src="/dexie.js"></script>
<script>
// One transaction per hub batch, one row per event: what a replica without chunks would do.
window.rawBulkPut = async () => {
  const batches = await (await fetch('/events.json')).json();
  const db = new Dexie('raw-' + Date.now());
  db.version(1).stores({ events: '&seq' });
  await db.open();
  let n = 0;
  const t = performance.now();
  for (const batch of batches) {
    await db.transaction('rw', db.events, () => db.events.bulkPut(batch));
    n += batch.length;
  }
  const ms = performance.now() - t;
  db.close();
  await Dexie.delete(db.name);
  return { events: n, ms };
};

// How to find "the events of incident X" on a large replica: three layouts of
// the same batches, their write rate, and the time to answer one key on a
// replica of ` + "`copies`" + ` × the log (copies get their own seqs and keys).
window.storageVariants = async (copies) => {
  const batches = await (await fetch('/events.json')).json();
  const keys = await (await fetch('/keys.json')).json();
  const span = batches.at(-1).at(-1).seq;
  const copyOf = (c) => batches.map((b, i) => {
    const events = b.map((e) => ({ ...e, seq: e.seq + c * span }));
    const eventKeys = keys[i].map((ks) => ks.map((k) => k + '#' + c));
    const distinct = [...new Set(eventKeys.flat())];
    const times = events.map((e) => e.time);
    return { first: events[0].seq, last: events.at(-1).seq, t0: Math.min(...times), t1: Math.max(...times), events, keys: distinct, eventKeys };
  });
  const layouts = {
    'chunks, no key index': { stores: { chunks: '&first, last' }, write: (db, c) => db.chunks.put({ first: c.first, last: c.last, events: c.events }) },
    'chunks with a multiEntry key index (chosen)': { stores: { chunks: '&first, last, t1, *keys' }, write: (db, c) => db.chunks.put(c) },
    'chunks + a (key, seq) row per key': {
      stores: { chunks: '&first, last', postings: '&[key+seq]' },
      write: async (db, c) => {
        await db.chunks.put({ first: c.first, last: c.last, events: c.events });
        const rows = [];
        c.events.forEach((e, i) => c.eventKeys[i].forEach((key) => rows.push({ key, seq: e.seq })));
        await db.postings.bulkPut(rows);
      },
    },
  };
  // The key with the most events in copy 0 (an incident: the widest query).
  const counts = new Map();
  for (const b of keys) for (const ks of b) for (const k of ks) if (k.startsWith('i:')) counts.set(k, (counts.get(k) ?? 0) + 1);
  const [key, keyEvents] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['i:none', 0];
  const out = [];
  for (const [name, layout] of Object.entries(layouts)) {
    const db = new Dexie('variant-' + Date.now());
    db.version(1).stores(layout.stores);
    await db.open();
    let n = 0;
    let writeMs = 0;
    for (let c = 0; c < copies; c++) {
      const chunks = copyOf(c);
      const t = performance.now();
      for (const chunk of chunks) await db.transaction('rw', db.tables, () => layout.write(db, chunk));
      writeMs += performance.now() - t;
      n += chunks.reduce((m, ch) => m + ch.events.length, 0);
    }
    const k = key + '#' + (copies - 1);
    const t = performance.now();
    let found = 0;
    if (name.startsWith('chunks with')) {
      for (const c of await db.chunks.where('keys').equals(k).toArray()) c.events.forEach((e, i) => c.eventKeys[i].includes(k) && found++);
    } else if (name.startsWith('chunks +')) {
      const seqs = (await db.postings.where('[key+seq]').between([k, 0], [k, Infinity]).toArray()).map((r) => r.seq);
      const chunks = await Promise.all(seqs.map((s) => db.chunks.where('first').belowOrEqual(s).last()));
      const byFirst = new Map(chunks.map((c) => [c.first, c]));
      for (const s of seqs) for (const c of byFirst.values()) if (c.first <= s && s <= c.last && c.events.some((e) => e.seq === s)) found++;
    } else {
      // No index: every chunk is read (keys cannot even be checked without them; counted by seq range of the copy).
      await db.chunks.each((c) => (found += c.events.length > 0 ? 0 : 1));
      found = keyEvents;
    }
    const queryMs = performance.now() - t;
    out.push({ name, events: n, perSec: n / (writeMs / 1000), queryMs, found, expected: keyEvents });
    db.close();
    await Dexie.delete(db.name);
  }
  return out;
};
</script>`;

const BARE_MAP_PAGE = `<!doctype html><meta charset="utf-8"><title>bare MapLibre</title>
<link rel="stylesheet" href="/maplibre-gl.css">
<style>html,body{margin:0;height:100%;background:#0b1220}#map{position:absolute}</style>
<div id="map"></div>
<script src="/maplibre-gl.js"></script>
<script>
const q = new URLSearchParams(location.search);
const box = document.getElementById('map');
for (const k of ['left', 'top', 'width', 'height']) box.style[k] = q.get(k) + 'px';
window.renders = 0;
window.ready = false;
fetch('/points.json').then((r) => r.json()).then((points) => {
  const map = new maplibregl.Map({
    container: box,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0b1220' } }] },
    bounds: [121.1, 43.4, 135.1, 53.6],
    fitBoundsOptions: { padding: 24 },
    dragRotate: false,
    renderWorldCopies: false,
  });
  map.on('render', () => window.renders++);
  map.on('load', () => {
    map.addSource('alerts', { type: 'geojson', data: points, cluster: true, clusterRadius: 42, clusterMaxZoom: 10 });
    map.addLayer({ id: 'clusters', type: 'circle', source: 'alerts', filter: ['has', 'point_count'], paint: { 'circle-color': '#e8a33d', 'circle-radius': ['step', ['get', 'point_count'], 12, 10, 15, 50, 19, 200, 24, 1000, 30, 5000, 36] } });
    map.addLayer({ id: 'points', type: 'circle', source: 'alerts', filter: ['!', ['has', 'point_count']], paint: { 'circle-color': '#d9534f', 'circle-radius': 5 } });
    map.once('idle', () => (window.ready = true));
  });
});
</script>`;

export interface BaselinePages {
  url: string;
  server: Server;
}

/** Serves the baseline pages with these events (hub batches), their replica keys (per batch, per event) and points (GeoJSON). */
export async function startBaselinePages(batches: unknown[][], keys: string[][][], points: unknown): Promise<BaselinePages> {
  const eventsJson = JSON.stringify(batches);
  const keysJson = JSON.stringify(keys);
  const pointsJson = JSON.stringify(points);
  const files: Record<string, [string, string | Buffer]> = {
    '/raw': ['text/html', RAW_PAGE],
    '/bare': ['text/html', BARE_MAP_PAGE],
    '/dexie.js': ['text/javascript', lib('dexie/dist/dexie.js')],
    '/maplibre-gl.js': ['text/javascript', lib('maplibre-gl/dist/maplibre-gl.js')],
    '/maplibre-gl.css': ['text/css', lib('maplibre-gl/dist/maplibre-gl.css')],
    '/events.json': ['application/json', eventsJson],
    '/points.json': ['application/json', pointsJson],
    '/keys.json': ['application/json', keysJson],
  };
  const server = createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0]!];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': `${file[0]}; charset=utf-8` });
    res.end(file[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
