/**
 * Page code shared by the Chromium benches, installed with
 * `page.addInitScript(watchLongTasks)`: long tasks (> 50 ms) into
 * `window.__longTasks`, and long animation frames with their scripts into
 * `window.__frames` where the Long Animation Frame API exists.
 * (No named local functions inside: tsx would wrap them in a `__name`
 * helper the page lacks.)
 */
export interface LongTask {
  start: number;
  duration: number;
}
export interface LongFrame extends LongTask {
  scripts: Array<{ source: string; duration: number }>;
}

export const watchLongTasks = (): void => {
  const w = window as unknown as { __longTasks: LongTask[]; __frames: LongFrame[] };
  w.__longTasks = [];
  w.__frames = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries() as unknown as Array<{ startTime: number; duration: number; scripts: Array<{ sourceURL: string; sourceFunctionName: string; invoker: string; duration: number }> }>) {
        if (e.duration > 50) w.__frames.push({ start: e.startTime, duration: e.duration, scripts: e.scripts.map((s) => ({ source: `${s.invoker} ${s.sourceFunctionName} ${s.sourceURL.replace(location.origin, '')}`, duration: s.duration })) });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No Long Animation Frame API: long tasks without attribution.
  }
};
