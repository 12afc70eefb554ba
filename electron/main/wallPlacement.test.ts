import { describe, expect, it } from 'vitest';
import { placeWall, wallZoomFactor, type DisplayInfo } from './wallPlacement';

const desk: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const side: DisplayInfo = { id: 2, bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, workArea: { x: -1920, y: 0, width: 1920, height: 1080 } };
const wall4k: DisplayInfo = { id: 3, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, workArea: { x: 1920, y: 0, width: 3840, height: 2160 } };

describe('placeWall', () => {
  it('goes full screen on the largest display that is not the operator’s', () => {
    expect(placeWall(null, [desk, side, wall4k], 1)).toEqual({ bounds: wall4k.bounds, maximized: false, fullScreen: true });
    expect(placeWall(null, [desk, side], 1).bounds).toEqual(side.bounds);
  });

  it('avoids the display the operator’s window is on, whichever that is', () => {
    expect(placeWall(null, [desk, wall4k], 3)).toMatchObject({ bounds: desk.bounds, fullScreen: true });
  });

  it('returns to where it was while that place is still connected', () => {
    const saved = { bounds: { x: -1900, y: 20, width: 1600, height: 900 }, maximized: false, fullScreen: false };
    expect(placeWall(saved, [desk, side], 1)).toEqual(saved);
  });

  it('forgets a place on a display that is gone', () => {
    const saved = { bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, maximized: false, fullScreen: true };
    const placed = placeWall(saved, [desk, side], 1);
    expect(placed).toEqual({ bounds: side.bounds, maximized: false, fullScreen: true });
  });

  it('opens as a window on the only display, not covering the operator’s screen', () => {
    const placed = placeWall(null, [desk], 1);
    expect(placed.fullScreen).toBe(false);
    expect(placed.bounds).toEqual({ x: 320, y: 160, width: 1280, height: 720 });
  });
});

describe('wallZoomFactor', () => {
  it('scales the 1920-wide layout up on bigger panels, never down', () => {
    expect(wallZoomFactor(1920)).toBe(1);
    expect(wallZoomFactor(1280)).toBe(1);
    expect(wallZoomFactor(3840)).toBe(2);
    expect(wallZoomFactor(2560)).toBe(1.33);
    expect(wallZoomFactor(15360)).toBe(3);
  });
});
