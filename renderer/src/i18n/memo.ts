/**
 * Translations kept per language: the resources are bundled and never change
 * at run time, so a key with the same values always gives the same text.
 * i18next's own `t` resolves the key, its fallbacks, plurals and
 * interpolation on every call (measured ~30–80 µs a call on this machine, in
 * Node at load 9–15), and the board's rows call it several times each on
 * every render: with the age of 40 alerts ticking every second, that was
 * the largest share of the rows' render time in the client bench's profile.
 *
 * Only for values that are strings or numbers (they make the cache key).
 */
import i18next, { type TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';

export type MemoT = (key: string, values?: Readonly<Record<string, string | number>>) => string;

/** Entries per language before the cache starts again (ages and counts make new keys). */
const MAX_ENTRIES = 10_000;
const memos = new WeakMap<TFunction, MemoT>();

/** `t` with its results kept; one per `t` (react-i18next gives one `t` per language). */
export function memoT(t: TFunction): MemoT {
  let memo = memos.get(t);
  if (memo) return memo;
  const cache = new Map<string, string>();
  memo = (key, values) => {
    let k = key;
    if (values) for (const name in values) k += `\u0000${name}\u0001${values[name]}`;
    let text = cache.get(k);
    if (text === undefined) {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      text = String(values ? t(key, values) : t(key));
      cache.set(k, text);
    }
    return text;
  };
  memos.set(t, memo);
  return memo;
}

const onLanguage = (changed: () => void): (() => void) => {
  i18next.on('languageChanged', changed);
  return () => i18next.off('languageChanged', changed);
};
const language = (): string => i18next.language;

/**
 * The app's language (i18next's, which `initI18n` sets up before the first
 * render), without react-i18next's `useTranslation`: that hook builds a copy
 * of the i18n instance (every property descriptor) for each component it
 * mounts in, ~150 ms of the UI thread per 45 s of the live load as board
 * rows came and went.
 */
export function useLanguage(): string {
  return useSyncExternalStore(onLanguage, language, language);
}

const byLanguage = new Map<string, MemoT>();

/** The app language's `t`, memoised (see `memoT`), for components mounted many times over. */
export function useMemoT(): MemoT {
  const lng = useLanguage();
  let memo = byLanguage.get(lng);
  if (!memo) byLanguage.set(lng, (memo = memoT(i18next.getFixedT(lng))));
  return memo;
}
