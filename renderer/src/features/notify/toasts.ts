/**
 * Short messages over the workspace: refused commands, a feed going down.
 * A plain store (not React state) so any module can raise one; `Toaster`
 * renders them. A toast with a `key` replaces the one with the same key,
 * so a repeated condition never stacks.
 */
import { smallStore, useSmallStore } from '../workspace/smallStore';

export type ToastKind = 'error' | 'warning' | 'info' | 'success';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  /** A second line, e.g. the hub's own message. */
  detail?: string;
  key?: string;
  /** Stays until closed (or replaced / dismissed by key). */
  sticky?: boolean;
  /** A button on the toast (e.g. 查看事件); pressing it also closes the toast. */
  action?: { label: string; run(): void };
}

/** How long a non-sticky toast stays, by kind (errors are read more slowly). */
export const TOAST_MS: Readonly<Record<ToastKind, number>> = { error: 12_000, warning: 10_000, info: 6_000, success: 4_000 };
const MAX_TOASTS = 5;

export const toastStore = smallStore<readonly Toast[]>([]);
export const useToasts = (): readonly Toast[] => useSmallStore(toastStore);

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  toastStore.set((list) => (list.some((t) => t.id === id) ? list.filter((t) => t.id !== id) : list));
}

export function dismissToastByKey(key: string): void {
  for (const t of toastStore.get()) if (t.key === key) dismissToast(t.id);
}

export function pushToast(toast: Omit<Toast, 'id'>): number {
  const id = nextId++;
  if (toast.key) dismissToastByKey(toast.key);
  toastStore.set((list) => [...list, { ...toast, id }].slice(-MAX_TOASTS));
  if (!toast.sticky) timers.set(id, setTimeout(() => dismissToast(id), TOAST_MS[toast.kind]));
  return id;
}
