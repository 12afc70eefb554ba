import { describe, expect, it } from 'vitest';
import { MIN_HEIGHT, MIN_WIDTH, parseWindowState, placeWindow, type WindowState } from './windowState';

const fullHd = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('reuses saved bounds that are still on a display', () => {
    const saved: WindowState = { bounds: { x: 2000, y: 50, width: 1600, height: 900 }, maximized: false, fullScreen: false };
    expect(placeWindow(saved, [fullHd, rightMonitor])).toEqual(saved);
  });

  it('re-centres on the primary display when the saved monitor is gone', () => {
    const saved: WindowState = { bounds: { x: 2000, y: 50, width: 1600, height: 900 }, maximized: false, fullScreen: true };
    const placed = placeWindow(saved, [fullHd]);
    expect(placed.bounds.x).toBeGreaterThanOrEqual(0);
    expect(placed.bounds.x + placed.bounds.width).toBeLessThanOrEqual(1920);
    expect(placed.fullScreen).toBe(false);
  });

  it('never goes below the minimum size, even on a small screen', () => {
    const placed = placeWindow(null, [{ x: 0, y: 0, width: 1024, height: 700 }]);
    expect(placed.bounds.width).toBe(MIN_WIDTH);
    expect(placed.bounds.height).toBe(MIN_HEIGHT);
  });

  it('starts maximised on an operator-sized screen with no saved state', () => {
    expect(placeWindow(null, [fullHd]).maximized).toBe(true);
  });
});

describe('parseWindowState', () => {
  it('rejects malformed content', () => {
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState({ bounds: { x: 'a', y: 0, width: 1, height: 1 } })).toBeNull();
    expect(parseWindowState({ bounds: { x: Infinity, y: 0, width: 1, height: 1 } })).toBeNull();
  });
  it('clamps undersized bounds to the minimum', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 10, height: 10 }, maximized: true })).toEqual({
      bounds: { x: 1, y: 2, width: MIN_WIDTH, height: MIN_HEIGHT },
      maximized: true,
      fullScreen: false,
    });
  });
});
