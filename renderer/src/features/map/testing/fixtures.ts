/** Test helpers: alerts and incidents with sensible defaults, and a map stand-in that records what layers add. */
import type { Alert, Incident } from '@shared/domain/model';
import type { GeoJSONSourceDiff } from 'maplibre-gl';

export function alertOf(id: string, patch: Partial<Alert> = {}): Alert {
  return {
    id,
    feed: 'ecology',
    sourceId: id,
    version: 1,
    msgType: 'Alert',
    references: [],
    domain: 'ecology',
    category: ['Env'],
    event: '水质异常',
    headline: `松花江水质异常 ${id}`,
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Likely',
    capStatus: 'Actual',
    point: { lon: 126.63, lat: 45.76 },
    region: '230100',
    sent: Date.UTC(2026, 10, 26, 11, 52),
    classification: 'public',
    attributes: {},
    format: 'json',
    agency: 'hlj-ecology',
    status: 'new',
    received: Date.UTC(2026, 10, 26, 11, 52, 2),
    revisions: [id],
    duplicates: 0,
    receivedSeq: 1,
    ...patch,
  };
}

export function incidentOf(id: string, patch: Partial<Incident> = {}): Incident {
  return {
    id,
    no: 7,
    title: '哈尔滨联合处置事件',
    level: 2,
    status: 'responding',
    agencies: {},
    alerts: [],
    domains: [],
    tasks: {},
    notes: [],
    location: { lon: 126.6, lat: 45.7 },
    region: '230100',
    classification: 'public',
    openedAt: Date.UTC(2026, 10, 26, 10, 0),
    openedBy: 'user:zhang',
    updatedAt: Date.UTC(2026, 10, 26, 10, 0),
    overdue: false,
    levelHistory: [],
    ...patch,
  };
}

export interface RecordedSource {
  spec: Record<string, unknown>;
  setData: unknown[];
  updateData: GeoJSONSourceDiff[];
}

/** Just enough of `maplibregl.Map` for layer modules, recording sources, layers and style calls. */
export function recordingMap() {
  const sources = new Map<string, RecordedSource>();
  const layers: Array<Record<string, unknown> & { id: string }> = [];
  const calls: Array<[string, ...unknown[]]> = [];
  const map = {
    addSource(id: string, spec: Record<string, unknown>) {
      sources.set(id, { spec, setData: [], updateData: [] });
    },
    addLayer(layer: Record<string, unknown> & { id: string }, before?: string) {
      const i = before ? layers.findIndex((l) => l.id === before) : -1;
      if (i >= 0) layers.splice(i, 0, layer);
      else layers.push(layer);
    },
    getLayer: (id: string) => layers.find((l) => l.id === id),
    getSource(id: string) {
      const s = sources.get(id);
      return s && { setData: (d: unknown) => s.setData.push(d), updateData: (d: GeoJSONSourceDiff) => s.updateData.push(d) };
    },
    setPaintProperty: (...args: unknown[]) => calls.push(['setPaintProperty', ...args]),
    setLayoutProperty: (...args: unknown[]) => calls.push(['setLayoutProperty', ...args]),
    setFilter: (...args: unknown[]) => calls.push(['setFilter', ...args]),
    on: () => map,
    off: () => map,
  };
  return { map, sources, layers, calls };
}

/** A page for the pulse under the test's control: a clock and timers it advances, reduced motion and visibility it sets. */
export function manualPulseEnvironment() {
  let now = 0;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const listeners = new Set<() => void>();
  const page = { reducedMotion: false, hidden: false };
  const env = {
    now: () => now,
    setTimeout(callback: () => void, ms: number) {
      const handle = nextHandle++;
      timers.set(handle, { at: now + ms, callback });
      return handle;
    },
    clearTimeout: (handle: number) => void timers.delete(handle),
    reducedMotion: () => page.reducedMotion,
    hidden: () => page.hidden,
    onChange(callback: () => void) {
      listeners.add(callback);
      return () => void listeners.delete(callback);
    },
  };
  return {
    env,
    page,
    /** Changes reduced motion or visibility and tells the subscribers, as the browser would. */
    set(patch: Partial<typeof page>) {
      Object.assign(page, patch);
      for (const l of listeners) l();
    },
    /** Moves the clock forward, running the timers that come due in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
      }
      now = end;
    },
    get pendingTimers() {
      return timers.size;
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
