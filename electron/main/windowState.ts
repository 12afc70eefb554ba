/**
 * Window bounds remembered across runs. The placement rule is pure: a saved
 * rectangle is reused only if enough of it is still on a connected display
 * (a monitor may have been unplugged since), else the window is centred on
 * the primary display.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

export const MIN_WIDTH = 1280;
export const MIN_HEIGHT = 720;
/** Share of the window's area that must be visible on some display to reuse it. */
const MIN_VISIBLE_SHARE = 0.5;

function intersectionArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** True when at least half of `bounds` lies on one of the displays' areas. */
export function isMostlyVisible(bounds: Rect, areas: readonly Rect[]): boolean {
  const area = bounds.width * bounds.height;
  const visible = areas.reduce((best, a) => Math.max(best, intersectionArea(bounds, a)), 0);
  return area > 0 && visible / area >= MIN_VISIBLE_SHARE;
}

/** Parses what was saved; anything malformed yields null (fresh placement). */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const b = r['bounds'] as Record<string, unknown> | undefined;
  if (typeof b !== 'object' || b === null) return null;
  const nums = [b['x'], b['y'], b['width'], b['height']];
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [x, y, width, height] = nums as number[];
  return {
    bounds: { x: x!, y: y!, width: Math.max(MIN_WIDTH, width!), height: Math.max(MIN_HEIGHT, height!) },
    maximized: r['maximized'] === true,
    fullScreen: r['fullScreen'] === true,
  };
}

/**
 * Chooses the bounds for a new window.
 * @param saved what was remembered, or null
 * @param workAreas the work areas of the connected displays; the first is the primary
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: 1920, height: 1080 };
  if (saved && isMostlyVisible(saved.bounds, workAreas)) return saved;
  const width = Math.max(MIN_WIDTH, Math.min(1920, primary.width));
  const height = Math.max(MIN_HEIGHT, Math.min(1080, primary.height));
  return {
    bounds: {
      x: primary.x + Math.round((primary.width - width) / 2),
      y: primary.y + Math.round((primary.height - height) / 2),
      width,
      height,
    },
    maximized: saved?.maximized ?? primary.width <= 1920,
    fullScreen: false,
  };
}
