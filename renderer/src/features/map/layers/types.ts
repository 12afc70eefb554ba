/**
 * The shape every map layer module has (STYLE §6, DESIGN §5): it adds its
 * sources and layers once, folds live deltas into its sources with
 * `updateData`, and takes style-only changes through paint/layout
 * properties and filters, never by recomputing data.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LiveDelta, LiveSnapshot } from '../../../live/types';

export interface MapLayerModule<Style extends object> {
  /** Adds sources, images and layers. Called once, after the style and the label fonts have loaded. */
  add(map: MapLibreMap): void;
  /** Applies one (possibly merged) delta: a `reset` is one `setData` when nothing drawn stays, otherwise diffs. */
  update(delta: LiveDelta, snapshot: LiveSnapshot): void;
  /** Style-only changes; keys left out stay as they are. */
  setStyle(style: Partial<Style>): void;
  /**
   * False while data changes wait to be sent or are being indexed by
   * MapLibre's worker (`SourceFeed`); absent for layers without data of their own.
   */
  readonly settled?: boolean;
  /** Stops timers and animations (the map itself is removed by its owner). */
  dispose?(): void;
}

/** Map UI language: which label property the basemap shows. */
export type MapLanguage = 'zh-CN' | 'en';

/** Layer ids the data layers insert themselves below, so basemap labels stay on top of fills and heat. */
export const BELOW_LABELS = 'basemap-labels-anchor';
