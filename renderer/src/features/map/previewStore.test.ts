import { describe, expect, it } from 'vitest';
import { createPreviewStore, previewParamsOf, PROBE_ALERT_ID, PROBE_HEADLINE } from './previewStore';
import type { LiveDelta } from '../../live/types';

describe('map preview', () => {
  it('reads its parameters from the hash, clamped', () => {
    expect(previewParamsOf('#/map-preview')).toEqual({ alerts: 0, incidents: 0, burst: 0, probe: false, hide: [] });
    expect(previewParamsOf('#/map-preview?alerts=10000&burst=500&probe')).toEqual({ alerts: 10000, incidents: 0, burst: 500, probe: true, hide: [] });
    expect(previewParamsOf('#/map-preview?alerts=-5&incidents=abc&burst=1e9')).toEqual({ alerts: 0, incidents: 0, burst: 50000, probe: false, hide: [] });
    expect(previewParamsOf('#/map-preview?hide=basemap-places,,alerts-domains').hide).toEqual(['basemap-places', 'alerts-domains']);
  });

  it('is a live store: a reset on subscribe, then deltas of distinct alerts', () => {
    const store = createPreviewStore({ alerts: 50, incidents: 3, probe: true });
    const deltas: LiveDelta[] = [];
    store.onDidApplyDelta((d) => deltas.push(d));
    expect(deltas[0]!.reset).toBe(true);
    expect(deltas[0]!.alerts.upsert).toHaveLength(51);
    expect(deltas[0]!.incidents.upsert).toHaveLength(3);
    expect(store.getSnapshot().alerts.get(PROBE_ALERT_ID)?.headline).toBe(PROBE_HEADLINE);
    const burst = store.burst(40);
    expect(deltas[1]).toBe(burst);
    expect(new Set(burst.alerts.upsert.map((a) => a.id)).size).toBe(40);
    expect(store.getSnapshot().alerts.size).toBe(51 + 20);
  });

  it('is deterministic', () => {
    const a = createPreviewStore({ alerts: 20, incidents: 0, probe: false });
    const b = createPreviewStore({ alerts: 20, incidents: 0, probe: false });
    expect([...a.getSnapshot().alerts.values()]).toEqual([...b.getSnapshot().alerts.values()]);
  });
});
