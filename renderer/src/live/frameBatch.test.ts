import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { Alert, Incident } from '@shared/domain/model';
import { alert } from '../features/board/testing';
import { createStoreCore } from './storeCore';
import { DeltaQueue, keepIfSame, onNextFrame, PUBLISH_FALLBACK_MS } from './frameBatch';
import type { LiveDelta } from './types';

const empty = (): LiveDelta => ({ alerts: { upsert: [], remove: [] }, incidents: { upsert: [], remove: [] }, reset: false });
const incident = (id: string, title: string): Incident => ({ id, title }) as unknown as Incident;

describe('DeltaQueue', () => {
  it('is empty until something comes', () => {
    expect(new DeltaQueue().take()).toBeNull();
  });

  it('keeps each id once: its last version, or its removal', () => {
    const q = new DeltaQueue();
    const a1 = alert({ id: 'traffic:A', severity: 'Minor' });
    const a2 = { ...a1, severity: 'Extreme' as const };
    q.push({ ...empty(), alerts: { upsert: [a1, alert({ id: 'traffic:B' })], remove: [] } });
    q.push({ ...empty(), alerts: { upsert: [a2], remove: ['traffic:B'] }, incidents: { upsert: [incident('I1', 'x')], remove: [] } });
    const net = q.take()!;
    expect(net.alerts.upsert).toEqual([a2]);
    expect(net.alerts.remove).toEqual(['traffic:B']);
    expect(net.incidents.upsert.map((i) => i.id)).toEqual(['I1']);
    expect(net.reset).toBe(false);
    expect(q.take()).toBeNull();
  });

  it('after a reset, sends the whole set without removals', () => {
    const q = new DeltaQueue();
    q.push({ ...empty(), alerts: { upsert: [alert({ id: 'traffic:OLD' })], remove: [] } });
    q.push({ ...empty(), reset: true, alerts: { upsert: [alert({ id: 'traffic:A' }), alert({ id: 'traffic:B' })], remove: [] } });
    q.push({ ...empty(), alerts: { upsert: [alert({ id: 'traffic:C' })], remove: ['traffic:A'] } });
    const net = q.take()!;
    expect(net.reset).toBe(true);
    expect(net.alerts.upsert.map((a) => a.id)).toEqual(['traffic:B', 'traffic:C']);
    expect(net.alerts.remove).toEqual([]);
  });

  it('leaves a listener with the same maps as applying every delta in turn', () => {
    const ids = fc.constantFrom('traffic:A', 'traffic:B', 'traffic:C', 'traffic:D');
    const delta = fc.record({
      reset: fc.boolean(),
      upsert: fc.array(fc.tuple(ids, fc.integer({ min: 0, max: 9 })), { maxLength: 4 }),
      remove: fc.array(ids, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(delta, { maxLength: 8 }), fc.array(delta, { maxLength: 8 }), (before, batch) => {
        const toDelta = (d: { reset: boolean; upsert: Array<[string, number]>; remove: string[] }): LiveDelta => ({
          reset: d.reset,
          alerts: { upsert: d.upsert.map(([id, n]) => alert({ id, headline: `h${n}` })), remove: d.remove },
          incidents: { upsert: d.upsert.map(([id, n]) => incident(id, `t${n}`)), remove: d.remove },
        });
        const earlier = before.map(toDelta);
        const queued = batch.map(toDelta);
        // Every delta in turn, as the store's maps see them.
        const direct = createStoreCore();
        for (const d of [...earlier, ...queued]) direct.apply(d);
        // A listener that saw the earlier ones one by one, then the net delta of the queued ones.
        const listener = createStoreCore();
        for (const d of earlier) listener.apply(d);
        const q = new DeltaQueue();
        for (const d of queued) q.push(d);
        const net = q.take();
        if (net) listener.apply(net);
        const view = (m: ReadonlyMap<string, Alert | Incident>): Array<[string, Alert | Incident]> => [...m.entries()].sort((x, y) => x[0].localeCompare(y[0]));
        expect(view(listener.alerts)).toEqual(view(direct.alerts));
        expect(view(listener.incidents)).toEqual(view(direct.incidents));
      }),
    );
  });
});

describe('keepIfSame', () => {
  it('keeps the previous object when the new copy holds the same data, at any depth', () => {
    const prev = [{ feed: 'traffic', status: 'connected', perMinute: 12, name: { zh: '交通', en: 'Traffic' }, lagMs: undefined }];
    const copy = structuredClone(prev);
    expect(keepIfSame(prev, copy)).toBe(prev);
    expect(keepIfSame({ traffic: 1, safety: 0 }, { traffic: 1, safety: 0 })).toEqual({ traffic: 1, safety: 0 });
  });

  it('takes the new one when anything differs: a value, a key, a length, an array for an object', () => {
    const prev = [{ feed: 'traffic', perMinute: 12, name: { zh: '交通' } }];
    for (const next of [
      [{ feed: 'traffic', perMinute: 13, name: { zh: '交通' } }],
      [{ feed: 'traffic', perMinute: 12, name: { zh: '交通运输' } }],
      [{ feed: 'traffic', perMinute: 12, name: { zh: '交通' }, lagMs: 5 }],
      [{ feed: 'traffic', perMinute: 12 }],
      [...prev, ...prev],
      [],
    ]) {
      expect(keepIfSame<unknown>(prev, next)).toBe(next);
    }
    expect(keepIfSame<unknown>({ 0: 'a' }, ['a'])).toEqual(['a']);
    expect(keepIfSame<unknown>(null, {})).toEqual({});
  });
});

describe('onNextFrame', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  /** A page whose frames come only when `frame()` is called. */
  const page = (): { frame(): void } => {
    vi.useFakeTimers();
    const callbacks = new Map<number, FrameRequestCallback>();
    let next = 1;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => (callbacks.set(next, cb), next++));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => callbacks.delete(id));
    return {
      frame() {
        const due = [...callbacks.values()];
        callbacks.clear();
        for (const cb of due) cb(performance.now());
      },
    };
  };

  it('runs once, on the frame, when a frame comes first', () => {
    const p = page();
    const run = vi.fn();
    onNextFrame(run);
    expect(run).not.toHaveBeenCalled();
    p.frame();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(PUBLISH_FALLBACK_MS * 2);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs once after the fallback when no frame comes (a starved or hidden page), not later on a frame', () => {
    const p = page();
    const run = vi.fn();
    onNextFrame(run);
    vi.advanceTimersByTime(PUBLISH_FALLBACK_MS - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    p.frame();
    expect(run).toHaveBeenCalledTimes(1);
  });
});
