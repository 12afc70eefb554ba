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

/** A probe alert as the page's UI thread received it from the ingest worker (epoch ms, `Date.now()`). */
export interface ProbeArrival {
  id: string;
  /** Seq of the event that received the alert. */
  seq: number;
  /** When the live hub batch holding that event reached the worker (`UpdateTiming`), if the update named it. */
  workerAt?: number;
  /** When the worker posted the update. */
  postedAt?: number;
  /** When the UI thread received the message (before the live store applied it). */
  uiAt: number;
  /** When the live store published it: the next animation frame, or `PUBLISH_FALLBACK_MS` later when no frame came (as `frameBatch.ts`). */
  frameAt?: number;
}

/**
 * Page code (`page.addInitScript(watchLiveUpdates, { probeWord, publishFallbackMs })`): listens to
 * the ingest worker's messages beside the live store (a listener added when
 * the worker is made, so it runs first) and records each alert whose
 * headline holds `probeWord` into `window.__probes`; and, once
 * `window.__watchBoardCount()` is called, each change of the board's alert
 * count (`board-count`, drawn in the same React commit as the rows) into
 * `window.__counts` as `[epoch ms, shown, epoch ms the next frame began]`, and the gaps between the page's
 * animation frames into `window.__frameGaps` (ms), and the map's repaints (WebGL clears of the colour
 * buffer) into `window.__mapRepaints`.
 */
export const watchLiveUpdates = ({ probeWord, publishFallbackMs }: { probeWord: string; publishFallbackMs: number }): void => {
  const w = window as unknown as { __probes: ProbeArrival[]; __counts: Array<[number, number, number?]>; __watchBoardCount: () => void; __boardCount: () => number; __frameGaps: number[]; __frame: (t: number) => void; Worker: typeof Worker };
  w.__probes = [];
  w.__counts = [];
  const handler: ProxyHandler<typeof Worker> = {};
  handler.construct = (target, args: [string | URL, WorkerOptions?]) => {
    const worker = Reflect.construct(target, args) as Worker;
    if (args[1]?.name !== 'longwatch-ingest') return worker;
    // Probes of the parts of a large update wait for its last part, which carries the timing.
    let parts: ProbeArrival[] = [];
    worker.addEventListener('message', (e: MessageEvent) => {
      const m = e.data as { type: string; more?: boolean; delta?: { alerts: { whole: Array<{ id: string; headline: string; receivedSeq: number }> } } | null; timing?: { postedAt: number; batches: Array<[number, number]> } };
      if (m.type !== 'update') return;
      const uiAt = Date.now();
      for (const a of m.delta?.alerts.whole ?? []) if (a.headline.includes(probeWord)) parts.push({ id: a.id, seq: a.receivedSeq, uiAt });
      if (m.more || parts.length === 0) return;
      const found = parts;
      parts = [];
      for (const p of found) {
        const batch = m.timing?.batches.find(([head]) => head >= p.seq);
        if (batch) p.workerAt = batch[1];
        if (m.timing) p.postedAt = m.timing.postedAt;
      }
      w.__probes.push(...found);
      // As the live store publishes (frameBatch.ts onNextFrame): the next animation frame, or the fallback when none
      // comes; in the same frame as its publish, just before or after it.
      const once: { done: boolean; run?: () => void } = { done: false };
      once.run = () => {
        if (once.done) return;
        once.done = true;
        const at = Date.now();
        for (const p of found) p.frameAt = at;
      };
      requestAnimationFrame(once.run);
      setTimeout(once.run, publishFallbackMs);
    });
    return worker;
  };
  w.Worker = new Proxy(w.Worker, handler);
  w.__boardCount = () => Number((document.querySelector('[data-testid="board-count"]')?.textContent ?? '').split('/')[0]!.replace(/\D/g, '') || 0);
  w.__frameGaps = [];
  // Map repaints: MapLibre clears the colour buffer once per frame it draws (the workstation has one map).
  const gl = w as unknown as { __mapRepaints: number; __countRepaints: boolean };
  gl.__mapRepaints = 0;
  gl.__countRepaints = false;
  const clearHandler: ProxyHandler<WebGL2RenderingContext['clear']> = {};
  clearHandler.apply = (target, self, args: [number]) => {
    if (gl.__countRepaints && (args[0] & WebGL2RenderingContext.COLOR_BUFFER_BIT) !== 0) gl.__mapRepaints++;
    return Reflect.apply(target, self, args);
  };
  WebGL2RenderingContext.prototype.clear = new Proxy(WebGL2RenderingContext.prototype.clear, clearHandler);
  w.__watchBoardCount = () => {
    gl.__countRepaints = true;
    // The page's animation frames meanwhile: the store publishes on them (or after its fallback without one).
    let previous = performance.now();
    // Epoch ms the current frame began, while its frame callbacks run (cleared by a task after its rendering step).
    let frameBegan: number | undefined;
    w.__frame = (t) => {
      w.__frameGaps.push(t - previous);
      previous = t;
      frameBegan = Date.now();
      setTimeout(() => (frameBegan = undefined), 0);
      requestAnimationFrame(w.__frame);
    };
    requestAnimationFrame(w.__frame);
    let last = w.__boardCount();
    w.__counts.push([Date.now(), last]);
    new MutationObserver(() => {
      const now = w.__boardCount();
      if (now === last) return;
      const entry: [number, number, number?] = [Date.now(), (last = now)];
      w.__counts.push(entry);
      // The frame that draws this commit: this one when React committed inside a frame callback (the
      // store published on the frame; this callback, registered a frame earlier, ran before it), else the next to begin.
      if (frameBegan !== undefined) entry.push(frameBegan);
      else requestAnimationFrame(() => entry.push(Date.now()));
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  };
};
