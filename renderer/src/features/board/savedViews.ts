/**
 * Saved views: a name and a set of filters, one click away. A few are built
 * in; the user's own live in localStorage per user on this workstation.
 */
import { AGENCIES, DOMAINS, type Domain } from '@shared/domain/agencies';
import { ALERT_STATUSES, type AlertStatus } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import { PREFECTURE_BY_CODE } from '@shared/domain/regions';
import { DEFAULT_FILTERS, type Filters, type LevelKey } from '../workspace/filters';

/** Filters as JSON (sets as sorted arrays), for storage and for comparing views. */
export interface FiltersJson {
  domains: Domain[];
  levels: LevelKey[];
  statuses: AlertStatus[];
  prefectures: string[];
  text: string;
}

export interface SavedView {
  id: string;
  /** Built-in views carry an i18n key instead of a name. */
  name?: string;
  labelKey?: string;
  filters: FiltersJson;
  builtIn: boolean;
}

const LEVEL_KEYS: readonly LevelKey[] = ['red', 'orange', 'yellow', 'blue', 'unknown'];

export function filtersToJson(f: Filters): FiltersJson {
  return {
    domains: [...f.domains].sort(),
    levels: [...f.levels].sort(),
    statuses: [...f.statuses].sort(),
    prefectures: [...f.prefectures].sort(),
    text: f.text,
  };
}

/** Reads stored filters, dropping anything unknown (a view saved by an older version, a hand-edited store). */
export function filtersFromJson(raw: unknown): Filters {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = <T extends string>(v: unknown, allowed: (x: string) => x is T): Set<T> =>
    new Set(Array.isArray(v) ? v.filter((x): x is T => typeof x === 'string' && allowed(x)) : []);
  return {
    domains: list(o['domains'], (x): x is Domain => (DOMAINS as readonly string[]).includes(x)),
    levels: list(o['levels'], (x): x is LevelKey => (LEVEL_KEYS as readonly string[]).includes(x)),
    statuses: list(o['statuses'], (x): x is AlertStatus => (ALERT_STATUSES as readonly string[]).includes(x)),
    prefectures: list(o['prefectures'], (x): x is string => PREFECTURE_BY_CODE.has(x)),
    text: typeof o['text'] === 'string' ? o['text'].slice(0, 200) : '',
  };
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return JSON.stringify(filtersToJson(a)) === JSON.stringify(filtersToJson(b));
}

const ACTIVE: AlertStatus[] = ['acknowledged', 'new'];

/** The user's own agency's domain, when they are a duty officer. */
export function ownDomainOf(user: User | null): Domain | null {
  return user?.agency ? AGENCIES[user.agency].domain : null;
}

/** Built-in views for this user (本部门 only for a duty officer). */
export function builtInViews(user: User | null): SavedView[] {
  const views: SavedView[] = [];
  const own = ownDomainOf(user);
  if (own) {
    views.push({ id: 'own', labelKey: 'board.views.own', builtIn: true, filters: { ...filtersToJson(DEFAULT_FILTERS), domains: [own], statuses: ACTIVE } });
  }
  views.push(
    { id: 'active', labelKey: 'board.views.active', builtIn: true, filters: filtersToJson(DEFAULT_FILTERS) },
    { id: 'unacknowledged', labelKey: 'board.views.unacknowledged', builtIn: true, filters: { ...filtersToJson(DEFAULT_FILTERS), statuses: ['new'], ...(own ? { domains: [own] } : {}) } },
    { id: 'redOrange', labelKey: 'board.views.redOrange', builtIn: true, filters: { ...filtersToJson(DEFAULT_FILTERS), levels: ['orange', 'red'] } },
    { id: 'all', labelKey: 'board.views.all', builtIn: true, filters: { ...filtersToJson(DEFAULT_FILTERS), statuses: [] } },
  );
  return views;
}

/** The view a user starts with: a duty officer their agency's queue, everyone else what is in play. */
export function defaultViewFor(user: User | null): SavedView {
  return builtInViews(user)[0]!;
}

const storageKey = (user: string): string => `longwatch.board.views.${user}`;
const MAX_VIEWS = 20;

export function loadCustomViews(user: string): SavedView[] {
  try {
    const raw = JSON.parse(localStorage.getItem(storageKey(user)) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((v): v is { id: string; name: string; filters: unknown } => typeof v?.id === 'string' && typeof v?.name === 'string')
      .slice(0, MAX_VIEWS)
      .map((v) => ({ id: v.id, name: v.name.slice(0, 40), filters: filtersToJson(filtersFromJson(v.filters)), builtIn: false }));
  } catch {
    return [];
  }
}

export function storeCustomViews(user: string, views: readonly SavedView[]): void {
  try {
    localStorage.setItem(storageKey(user), JSON.stringify(views.filter((v) => !v.builtIn).slice(0, MAX_VIEWS).map(({ id, name, filters }) => ({ id, name, filters }))));
  } catch {
    // Storage unavailable: the view lasts for this page only.
  }
}
