/**
 * The UI thread tells its listeners once per animation frame, or
 * `PUBLISH_FALLBACK_MS` after an update when no frame comes first
 * (DESIGN §5). The worker posts up to ten updates a second, but a busy UI
 * thread (a map repaint, a long React render) finds several queued at once;
 * telling React and the delta listeners about each one meant a render and a
 * board update per message, back to back in one long task. Now each message
 * is applied to the store's maps at once (cheap, O(changes)) and its delta
 * queued; the next frame (or the fallback) publishes one snapshot and one
 * net delta.
 */
import type { Alert, Incident } from '@shared/domain/model';
import type { LiveDelta } from './types';

/** Deltas in arrival order, folded into one net delta: each id's last version, or its removal. */
export class DeltaQueue {
  private reset = false;
  private readonly alerts = new Map<string, Alert | null>();
  private readonly incidents = new Map<string, Incident | null>();

  push(delta: LiveDelta): void {
    if (delta.reset) {
      this.reset = true;
      this.alerts.clear();
      this.incidents.clear();
    }
    // Within one delta removes come first, then upserts (as `StoreCore.apply` does).
    for (const id of delta.alerts.remove) this.alerts.set(id, null);
    for (const a of delta.alerts.upsert) this.alerts.set(a.id, a);
    for (const id of delta.incidents.remove) this.incidents.set(id, null);
    for (const i of delta.incidents.upsert) this.incidents.set(i.id, i);
  }

  /** The net delta since the last `take` (null when nothing came), and an empty queue. */
  take(): LiveDelta | null {
    if (!this.reset && this.alerts.size === 0 && this.incidents.size === 0) return null;
    const delta: LiveDelta = { alerts: { upsert: [], remove: [] }, incidents: { upsert: [], remove: [] }, reset: this.reset };
    for (const [id, a] of this.alerts) {
      if (a) delta.alerts.upsert.push(a);
      // After a reset the listeners start from the upserts alone: a removal is only an absence.
      else if (!this.reset) delta.alerts.remove.push(id);
    }
    for (const [id, i] of this.incidents) {
      if (i) delta.incidents.upsert.push(i);
      else if (!this.reset) delta.incidents.remove.push(id);
    }
    this.reset = false;
    this.alerts.clear();
    this.incidents.clear();
    return delta;
  }
}

/**
 * How long a publish waits for an animation frame before it goes without
 * one. Where frames come (16–33 ms apart) the frame wins and there is one
 * publish per frame. On this project's 2-core machine under the client
 * bench's load (software GL, load 14–18) the page got a frame only every
 * 0.3–0.9 s (p50), and a publish that waited for one rode this fallback
 * every time, when it was 250 ms: the board's commit came a quarter of a
 * second late, and then inside a frame callback, on that frame's path. A
 * hidden or minimised window paints nothing, and its alarms and
 * notifications must still hear of new alerts. The worker sends at most ten
 * updates a second, so publishing without a frame is at most ten publishes
 * a second too.
 */
export const PUBLISH_FALLBACK_MS = 50;

/** Runs `run` on the next animation frame, or after `fallbackMs` when no frame comes first. */
export function onNextFrame(run: () => void, fallbackMs = PUBLISH_FALLBACK_MS): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    run();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, fallbackMs);
}

/**
 * `next`, or `prev` when it holds the same plain data (JSON-like values,
 * compared deeply). The worker sends feed health, presence, the outbox and
 * the counters with every update, each a fresh copy: keeping the previous
 * object when nothing changed lets a component that reads only those parts
 * skip the render.
 */
export function keepIfSame<T>(prev: T, next: T): T {
  return sameData(prev, next) ? prev : next;
}

function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
