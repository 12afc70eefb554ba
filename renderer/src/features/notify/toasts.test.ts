import { afterEach, describe, expect, it, vi } from 'vitest';
import { dismissToastByKey, pushToast, toastStore } from './toasts';

describe('toasts', () => {
  afterEach(() => {
    for (const t of toastStore.get()) dismissToastByKey(t.key ?? '');
    toastStore.set([]);
    vi.useRealTimers();
  });

  it('replaces a toast with the same key instead of stacking', () => {
    pushToast({ kind: 'error', title: '数据源中断：交通运输', key: 'feed:traffic', sticky: true });
    pushToast({ kind: 'error', title: '数据源中断：交通运输', key: 'feed:traffic', sticky: true });
    expect(toastStore.get()).toHaveLength(1);
  });

  it('lets a non-sticky toast go by itself', () => {
    vi.useFakeTimers();
    pushToast({ kind: 'success', title: '已确认' });
    expect(toastStore.get()).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    expect(toastStore.get()).toHaveLength(0);
  });
});
