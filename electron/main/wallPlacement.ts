/**
 * Where the video-wall window opens. Pure, so the choice is unit-tested
 * without Electron:
 * 1. where it was last, if that place is still (mostly) on a connected display;
 * 2. else full screen on another display than the operator's window — the
 *    largest one, a wall is usually the biggest panel attached;
 * 3. else (one display) a 1280×720 window centred on it, full screen off,
 *    so the operator can drag it to where it belongs (it is remembered).
 */
import { isMostlyVisible, type Rect, type WindowState } from './windowState';

export interface DisplayInfo {
  id: number;
  /** The whole display (full screen covers it). */
  bounds: Rect;
  /** The display less task bars and docks. */
  workArea: Rect;
}

const WINDOWED = { width: 1280, height: 720 };

export function placeWall(saved: WindowState | null, displays: readonly DisplayInfo[], operatorDisplayId: number | null): WindowState {
  if (saved && isMostlyVisible(saved.bounds, displays.map((d) => d.bounds))) return saved;
  const others = displays.filter((d) => d.id !== operatorDisplayId);
  if (others.length > 0 && displays.length > 1) {
    const wall = others.reduce((best, d) => (d.bounds.width * d.bounds.height > best.bounds.width * best.bounds.height ? d : best));
    return { bounds: { ...wall.bounds }, maximized: false, fullScreen: true };
  }
  const here = displays.find((d) => d.id === operatorDisplayId) ?? displays[0];
  const area = here?.workArea ?? { x: 0, y: 0, width: 1920, height: 1080 };
  const width = Math.min(WINDOWED.width, area.width);
  const height = Math.min(WINDOWED.height, area.height);
  return {
    bounds: { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height },
    maximized: false,
    fullScreen: false,
  };
}

/**
 * Zoom for the wall's page on a display `width` device-independent pixels
 * wide: the wall is laid out for 1920, so a 3840 panel at 100 % scaling gets
 * 2× (crisp map labels and type, not a stretched bitmap). Never below 1.
 */
export function wallZoomFactor(width: number): number {
  if (!Number.isFinite(width) || width <= 1920) return 1;
  return Math.min(3, Math.round((width / 1920) * 100) / 100);
}
