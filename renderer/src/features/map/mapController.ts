/**
 * Everything the map does that is not React: creates the MapLibre map,
 * loads the offline basemap and the label fonts, adds the layer modules,
 * and feeds them live deltas on animation frames (DESIGN §5: high-rate data
 * never passes through React state). `MapView` owns one of these in a ref.
 */
import { Map as MapLibreMap, type GeoJSONSource, type MapGeoJSONFeature, type MapSourceDataEvent, type PointLike } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { DOMAINS } from '@shared/domain/agencies';
import type { LonLat } from '@shared/domain/model';
import type { LiveDelta, LiveSnapshot, LiveStore } from '../../live/types';
import { filterStore } from '../workspace/filters';
import { select, selectionStore, type Selection } from '../workspace/selection';
import { BASEMAP_BBOX, PROVINCE_BOUNDS, basemapLabelTexts, basemapOnce, type Basemap } from './basemapData';
import { charactersOf, LABEL_FONT_FAMILY, loadLabelFonts } from './fonts';
import { areaToGeometry, boundsOf } from './geometry';
import { addDomainIcons, addIncidentIcons } from './icons';
import { INCIDENT_LEVEL_NUMERAL, LEVEL_BY_RANK, themeLevelColors } from './levels';
import { ALERT_LAYER, ALERTS_SOURCE, CLUSTER_MAX_ZOOM, createAlertsLayer, type AlertsLayer } from './layers/alerts';
import { AREAS_SOURCE, createAreasLayer, SELECTED_AREA_SOURCE, type AreasLayer } from './layers/areas';
import { BASEMAP_COLORS, createBasemapLayer } from './layers/basemap';
import { createHeatmapLayer } from './layers/heatmap';
import { createIncidentsLayer, INCIDENT_LAYER, INCIDENTS_SOURCE, type IncidentsLayer } from './layers/incidents';
import { createSelectionLayer, SELECTION_SOURCE, type SelectionLayer } from './layers/selection';
import type { MapLanguage, MapLayerModule } from './layers/types';
import { FeatureIds, mergeDeltas, splitDelta } from './sourceDiff';
import { renderTooltip, type TooltipContent, type Translate } from './tooltip';
import { warmUpPrograms, type WarmUp } from './warmup';

export type MapStatus = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; reason: 'webgl' | 'load'; message: string };

/** How long one flush took, in ms from its start. */
export interface ApplyMeasurement {
  reset: boolean;
  alerts: number;
  incidents: number;
  /** Building the diffs and handing them to MapLibre (main thread). */
  applyMs: number;
  /** Until MapLibre's worker had indexed the alerts source (clusters rebuilt). */
  indexedMs: number;
  /** Until the first frame drawn with every data source loaded. */
  renderedMs: number;
}

export interface MapControllerOptions {
  container: HTMLElement;
  tooltip: HTMLElement;
  store: LiveStore;
  language: MapLanguage;
  t: Translate;
  heatmap: boolean;
  onStatus(status: MapStatus): void;
  onDidApply?(measurement: ApplyMeasurement): void;
  onMapReady?(map: MapLibreMap): void;
}

/**
 * Alerts and incidents a frame stages at most: a far replay seek at 1M
 * events changes 60–90k alerts, and staging costs each alert layer ~1–2 µs
 * an alert, so a seek's delta takes a few frames instead of one long task.
 */
const MAX_CHANGES_PER_FRAME = 16_000;
/** The sources fed by live data (the selection's are one feature each). */
const DATA_SOURCES = [ALERTS_SOURCE, AREAS_SOURCE, INCIDENTS_SOURCE];
/** Deltas that pile up while the page is hidden (no animation frames) are folded, not kept one by one. */
const MAX_QUEUED_DELTAS = 128;
const PADDING = 24;
/** Extra characters labels and icons draw, beyond the basemap names. */
const EXTRA_GLYPHS = '0123456789#.,kK+-' + Object.values(INCIDENT_LEVEL_NUMERAL).join('');


export class MapController {
  readonly map: MapLibreMap;
  private readonly opts: MapControllerOptions;
  private readonly colors = themeLevelColors();
  private readonly alertIds = new FeatureIds();
  private alerts: AlertsLayer | null = null;
  private areas: AreasLayer | null = null;
  private incidents: IncidentsLayer | null = null;
  private selection: SelectionLayer | null = null;
  private basemap: MapLayerModule<{ language: MapLanguage }> | null = null;
  private heatmap = createHeatmapLayer();
  private heatmapOn: boolean;
  private layers: MapLayerModule<object>[] = [];
  private queue: LiveDelta[] = [];
  /** What is left of a delta too large for one frame (`splitDelta`). */
  private backlog: LiveDelta | null = null;
  private snapshot: LiveSnapshot;
  private filtersDirty = false;
  private frame = 0;
  private hoverFrame = 0;
  private hoverPoint: PointLike | null = null;
  private ready = false;
  private pendingMarked = false;
  private warmUp: WarmUp | null = null;
  private disposed = false;
  private language: MapLanguage;
  private t: Translate;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(opts: MapControllerOptions) {
    this.opts = opts;
    this.language = opts.language;
    this.t = opts.t;
    this.snapshot = opts.store.getSnapshot();
    this.heatmapOn = opts.heatmap;
    this.heatmap.setStyle({ visible: opts.heatmap });
    // Throws when WebGL is unavailable; MapView shows the reason.
    this.map = new MapLibreMap({
      container: opts.container,
      // Built in code: no style URL, no `glyphs` (labels are drawn locally from Noto Sans SC), no sprite.
      style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.background } }] },
      bounds: PROVINCE_BOUNDS,
      fitBoundsOptions: { padding: PADDING },
      maxBounds: [
        [BASEMAP_BBOX[0] - 4, BASEMAP_BBOX[1] - 3],
        [BASEMAP_BBOX[2] + 4, BASEMAP_BBOX[3] + 3],
      ],
      minZoom: 3.5,
      maxZoom: 14,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      renderWorldCopies: false,
      // CJK glyphs of the default font stack would use this family; our layers name Noto Sans SC themselves.
      localIdeographFontFamily: `'${LABEL_FONT_FAMILY}', sans-serif`,
      attributionControl: { compact: true, customAttribution: opts.t('map.attribution') },
      fadeDuration: 150,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();

    this.unsubscribe.push(opts.store.onDidApplyDelta((delta, snapshot) => this.enqueue(delta, snapshot)));
    this.unsubscribe.push(
      filterStore.subscribe(() => {
        this.filtersDirty = true;
        this.schedule();
      }),
    );
    this.unsubscribe.push(selectionStore.subscribe(() => this.showSelection(true)));
    void this.start();
  }

  private async start(): Promise<void> {
    this.opts.onStatus({ kind: 'loading' });
    try {
      const loaded = new Promise<void>((resolve) => this.map.once('load', () => resolve()));
      const basemap = await basemapOnce();
      const glyphs = charactersOf([
        ...basemapLabelTexts(basemap),
        EXTRA_GLYPHS,
        ...DOMAINS.map((d) => this.t(`map.domainGlyph.${d}`)),
      ]);
      // Labels drawn before their font face loads are cached as boxes or a fallback font, for good.
      await Promise.all([loaded, loadLabelFonts(glyphs)]);
      if (this.disposed) return;
      this.addLayers(basemap);
      this.ready = true;
      this.opts.onStatus({ kind: 'ready' });
      this.showSelection(false);
      this.schedule();
      this.opts.onMapReady?.(this.map);
      // Once the map has drawn its first frame, every data layer's shader compiles beside it (warmup.ts),
      // not at the first selection. Never holds the map back: it is ready and shown already.
      this.map.once('render', () => {
        if (this.disposed) return;
        this.warmUp = warmUpPrograms(this.map, [ALERTS_SOURCE, AREAS_SOURCE, SELECTED_AREA_SOURCE, INCIDENTS_SOURCE, SELECTION_SOURCE]);
      });
    } catch (e) {
      if (this.disposed) return;
      this.opts.onStatus({ kind: 'error', reason: 'load', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private addLayers(basemap: Basemap): void {
    const map = this.map;
    const filters = filterStore.get();
    addDomainIcons(map, (d) => this.t(`map.domainGlyph.${d}`));
    addIncidentIcons(map, this.colors);
    this.basemap = createBasemapLayer(basemap, { language: this.language });
    this.areas = createAreasLayer({ filters, colors: this.colors, ids: this.alertIds });
    this.alerts = createAlertsLayer({ filters, colors: this.colors, ids: this.alertIds, style: { subdued: this.heatmapOn } });
    this.incidents = createIncidentsLayer();
    this.selection = createSelectionLayer((s) => this.positionOf(s));
    // Bottom to top; areas and heat insert themselves below the basemap labels.
    this.layers = [this.basemap, this.areas, this.alerts, this.heatmap, this.incidents, this.selection];
    for (const layer of this.layers) layer.add(map);

    map.on('mousemove', (e) => {
      // No feature queries while the map is dragged or eased: the frame is busy enough.
      if (map.isMoving()) {
        this.hoverPoint = null;
        this.opts.tooltip.hidden = true;
        return;
      }
      this.hoverPoint = e.point;
      this.hoverFrame ||= requestAnimationFrame(() => {
        this.hoverFrame = 0;
        this.hover();
      });
    });
    map.on('mouseout', () => {
      this.hoverPoint = null;
      this.hover();
    });
    map.on('click', (e) => void this.click(e.point));
  }

  // ---- live data ------------------------------------------------------

  private enqueue(delta: LiveDelta, snapshot: LiveSnapshot): void {
    this.snapshot = snapshot;
    this.queue.push(delta);
    if (this.queue.length > MAX_QUEUED_DELTAS) this.queue = [mergeDeltas(this.queue)];
    this.schedule();
  }

  private schedule(): void {
    if (this.frame || !this.ready || this.disposed) return;
    this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Once per animation frame: every delta since the last frame as one `updateData` per source. */
  private flush(): void {
    this.frame = 0;
    if (!this.ready || this.disposed) return;
    const t0 = performance.now();
    let applied: LiveDelta | null = null;
    // A reset replaces whatever of an earlier delta is still to come.
    if (this.backlog && this.queue.some((d) => d.reset)) this.backlog = null;
    if (this.backlog || this.queue.length > 0) {
      let next = this.backlog;
      if (!next) {
        // One delta (a seek's) needs no merging: copying 100k upserts into maps cost 35 ms a seek at 1M events.
        next = this.queue.length === 1 ? this.queue[0]! : mergeDeltas(this.queue);
        this.queue = [];
      }
      // Newer deltas wait in the queue until the backlog is gone.
      [applied, this.backlog] = splitDelta(next, MAX_CHANGES_PER_FRAME);
      for (const layer of this.layers) layer.update(applied, this.snapshot);
      if (this.backlog) this.schedule();
    }
    const filtersChanged = this.filtersDirty;
    if (this.filtersDirty) {
      this.filtersDirty = false;
      const filters = filterStore.get();
      this.alerts?.setFilters(filters);
      this.areas?.setFilters(filters);
    }
    if (applied || filtersChanged) this.markUntilDrawn();
    const onDidApply = this.opts.onDidApply;
    if (applied && onDidApply) {
      const applyMs = performance.now() - t0;
      const { reset, alerts, incidents } = applied;
      let indexedMs = NaN;
      // The last one before the frame counts: an earlier load of the source may still report first.
      const onData = (e: MapSourceDataEvent): void => {
        if (e.sourceId === ALERTS_SOURCE && e.sourceDataType === 'content') indexedMs = performance.now() - t0;
      };
      if (alerts.upsert.length + alerts.remove.length > 0) this.map.on('sourcedata', onData);
      this.whenDrawn(() => {
        this.map.off('sourcedata', onData);
        onDidApply({
          reset,
          alerts: alerts.upsert.length + alerts.remove.length,
          incidents: incidents.upsert.length + incidents.remove.length,
          applyMs,
          indexedMs,
          renderedMs: performance.now() - t0,
        });
      });
    }
  }

  /** Every change handed to MapLibre (none waits in a `SourceFeed`) and every data source loaded (worker done, tiles rebuilt). */
  private isDataDrawn(): boolean {
    return !this.backlog && this.layers.every((l) => l.settled !== false) && DATA_SOURCES.every((id) => this.map.getSource(id) && this.map.isSourceLoaded(id));
  }

  /**
   * Calls back after the first frame drawn with every change sent and the
   * data sources fully loaded. Not `idle`: a pulsing alert keeps the map
   * repainting, and `idle` waits for a still map.
   */
  private whenDrawn(callback: () => void): void {
    const check = (): void => {
      if (!this.isDataDrawn()) return;
      this.map.off('render', check);
      callback();
    };
    this.map.on('render', check);
  }

  /**
   * `data-map-pending` on the map's container from a change of data until a
   * frame shows it: large changes reach MapLibre's worker in parts
   * (`SourceFeed`), so a measure of "the screen shows the new state" (the
   * replay bench's seeks) waits for this attribute to go.
   */
  private markUntilDrawn(): void {
    if (this.pendingMarked || this.isDataDrawn()) return;
    this.pendingMarked = true;
    const container = this.opts.container;
    container.dataset['mapPending'] = 'true';
    this.whenDrawn(() => {
      this.pendingMarked = false;
      delete container.dataset['mapPending'];
    });
  }

  // ---- selection ------------------------------------------------------

  private positionOf(s: NonNullable<Selection>): LonLat | null {
    if (s.kind === 'alert') {
      const a = this.alerts?.alert(s.id) ?? this.snapshot.alerts.get(s.id);
      return a ? [a.point.lon, a.point.lat] : null;
    }
    const i = this.incidents?.incident(s.id) ?? this.snapshot.incidents.get(s.id);
    return i ? [i.location.lon, i.location.lat] : null;
  }

  /** Highlights the shared selection; when it changed elsewhere (the board) and is off-screen, eases to it. */
  private showSelection(easeIfOffscreen: boolean): void {
    if (!this.ready) return;
    const s = selectionStore.get();
    this.selection?.setStyle({ selection: s });
    this.areas?.setStyle({ selectedAlertId: s?.kind === 'alert' ? s.id : null });
    if (!easeIfOffscreen || !s) return;
    const at = this.positionOf(s);
    if (at && !this.isComfortablyVisible(at)) this.map.easeTo({ center: at, duration: 700 });
  }

  private isComfortablyVisible(at: LonLat): boolean {
    const p = this.map.project(at);
    const { clientWidth: w, clientHeight: h } = this.map.getContainer();
    const m = Math.min(60, w * 0.08, h * 0.08);
    return p.x >= m && p.y >= m && p.x <= w - m && p.y <= h - m;
  }

  /** "定位所选": the selected alert's area (or the alert itself, unclustered), or the incident. */
  zoomToSelection(): boolean {
    const s = selectionStore.get();
    if (!s || !this.ready) return false;
    const at = this.positionOf(s);
    if (!at) return false;
    const alert = s.kind === 'alert' ? this.alerts?.alert(s.id) : undefined;
    const area = alert ? areaToGeometry(alert.area) : null;
    const b = area ? boundsOf(area) : null;
    if (b && (b[2] - b[0] > 0.02 || b[3] - b[1] > 0.02)) {
      this.map.fitBounds(b, { padding: 80, maxZoom: 12, duration: 800 });
    } else {
      this.map.easeTo({ center: at, zoom: Math.max(this.map.getZoom(), CLUSTER_MAX_ZOOM + 1), duration: 800 });
    }
    return true;
  }

  /** Frames an incident and every alert linked to it (replay focus); false until the map is ready. */
  frameIncident(id: string): boolean {
    const snapshot = this.opts.store.getSnapshot();
    const incident = snapshot.incidents.get(id);
    if (!incident || !this.ready) return false;
    const points: LonLat[] = [[incident.location.lon, incident.location.lat]];
    for (const alertId of incident.alerts) {
      const alert = snapshot.alerts.get(alertId);
      if (alert) points.push([alert.point.lon, alert.point.lat]);
    }
    const b = boundsOf({ type: 'MultiPoint', coordinates: points });
    if (!b) return false;
    this.map.fitBounds(b, { padding: 100, maxZoom: 11, duration: 0 });
    return true;
  }

  fitProvince(): void {
    this.map.fitBounds(PROVINCE_BOUNDS, { padding: PADDING, duration: 700 });
  }

  // ---- style ----------------------------------------------------------

  setHeatmap(visible: boolean): void {
    this.heatmapOn = visible;
    this.heatmap.setStyle({ visible });
    this.alerts?.setStyle({ subdued: visible });
  }

  setLanguage(language: MapLanguage, t: Translate): void {
    this.t = t;
    if (language === this.language) return;
    this.language = language;
    if (!this.ready) return;
    this.basemap?.setStyle({ language });
    addDomainIcons(this.map, (d) => t(`map.domainGlyph.${d}`));
  }

  // ---- pointer --------------------------------------------------------

  private featuresAt(point: PointLike): MapGeoJSONFeature[] {
    const layers = [INCIDENT_LAYER.markers, ALERT_LAYER.points, ALERT_LAYER.clusters].filter((id) => this.map.getLayer(id));
    return this.map.queryRenderedFeatures(point, { layers });
  }

  private contentOf(f: MapGeoJSONFeature): TooltipContent | null {
    const p = f.properties as Record<string, unknown>;
    if (f.layer.id === INCIDENT_LAYER.markers) {
      const incident = this.incidents?.incident(String(p['iid']));
      return incident ? { kind: 'incident', incident } : null;
    }
    if (f.layer.id === ALERT_LAYER.clusters) {
      return { kind: 'cluster', count: Number(p['point_count']), maxLevel: LEVEL_BY_RANK[Number(p['maxRank'])] ?? 'unknown' };
    }
    const alert = this.alerts?.alert(String(p['aid']));
    return alert ? { kind: 'alert', alert } : null;
  }

  private hover(): void {
    const tip = this.opts.tooltip;
    const point = this.hoverPoint;
    const f = point && this.ready ? this.featuresAt(point)[0] : undefined;
    const content = f ? this.contentOf(f) : null;
    this.map.getCanvas().style.cursor = content ? 'pointer' : '';
    if (!content || !point) {
      tip.hidden = true;
      return;
    }
    renderTooltip(tip, content, this.t, this.language);
    tip.hidden = false;
    const [x, y] = Array.isArray(point) ? point : [point.x, point.y];
    const { clientWidth: w, clientHeight: h } = this.map.getContainer();
    const left = x + 14 + tip.offsetWidth > w ? x - 14 - tip.offsetWidth : x + 14;
    const top = Math.min(Math.max(4, y + 14), Math.max(4, h - tip.offsetHeight - 4));
    tip.style.transform = `translate(${Math.round(Math.max(4, left))}px, ${Math.round(top)}px)`;
  }

  private async click(point: PointLike): Promise<void> {
    const f = this.featuresAt(point)[0];
    if (!f) return;
    const p = f.properties as Record<string, unknown>;
    if (f.layer.id === INCIDENT_LAYER.markers) return select({ kind: 'incident', id: String(p['iid']) });
    if (f.layer.id === ALERT_LAYER.points) return select({ kind: 'alert', id: String(p['aid']) });
    const source = this.map.getSource<GeoJSONSource>(ALERTS_SOURCE);
    if (!source || f.geometry.type !== 'Point') return;
    const zoom = await source.getClusterExpansionZoom(Number(p['cluster_id']));
    if (this.disposed) return;
    this.map.easeTo({ center: f.geometry.coordinates as [number, number], zoom: Math.min(zoom + 0.2, 14), duration: 600 });
  }

  dispose(): void {
    this.disposed = true;
    this.warmUp?.cancel();
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.hoverFrame) cancelAnimationFrame(this.hoverFrame);
    for (const u of this.unsubscribe) u();
    for (const layer of this.layers) layer.dispose?.();
    this.map.remove();
  }
}
