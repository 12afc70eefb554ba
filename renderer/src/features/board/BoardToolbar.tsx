import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOMAINS, type Domain } from '@shared/domain/agencies';
import type { AlertStatus } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import { PREFECTURES } from '@shared/domain/regions';
import { filterStore, useFilters, type Filters, type LevelKey } from '../workspace/filters';
import { useLang } from './badges';
import { builtInViews, filtersFromJson, filtersToJson, loadCustomViews, sameFilters, storeCustomViews, type SavedView } from './savedViews';

const LEVELS: readonly LevelKey[] = ['red', 'orange', 'yellow', 'blue', 'unknown'];

/** Status presets of the status dropdown; an empty list means all. */
export const STATUS_PRESETS: Readonly<Record<string, readonly AlertStatus[]>> = {
  active: ['acknowledged', 'new'],
  new: ['new'],
  acknowledged: ['acknowledged'],
  dismissed: ['dismissed'],
  ended: ['cancelled', 'expired', 'superseded'],
  all: [],
};

function presetOf(statuses: ReadonlySet<AlertStatus>): string {
  const sorted = [...statuses].sort().join(',');
  return Object.entries(STATUS_PRESETS).find(([, list]) => [...list].sort().join(',') === sorted)?.[0] ?? 'custom';
}

function toggle<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
}

const patch = (p: Partial<Filters>): void => filterStore.set((f) => ({ ...f, ...p }));

function ViewBar({ user, filters }: { user: User | null; filters: Filters }): React.JSX.Element {
  const { t } = useTranslation();
  const userName = user?.name ?? '';
  const [custom, setCustom] = useState<SavedView[]>(() => loadCustomViews(userName));
  const [naming, setNaming] = useState<string | null>(null);
  const views = useMemo(() => [...builtInViews(user), ...custom], [user, custom]);

  const save = (): void => {
    const name = naming?.trim();
    if (!name) return setNaming(null);
    const next = [...custom.filter((v) => v.name !== name), { id: `v${Date.now().toString(36)}`, name, filters: filtersToJson(filters), builtIn: false }];
    setCustom(next);
    storeCustomViews(userName, next);
    setNaming(null);
  };
  const remove = (id: string): void => {
    const next = custom.filter((v) => v.id !== id);
    setCustom(next);
    storeCustomViews(userName, next);
  };

  return (
    <div className="board-views" role="group" aria-label={t('board.views.label')} data-testid="board-views">
      {views.map((v) => {
        const active = sameFilters(filters, filtersFromJson(v.filters));
        return (
          <span key={v.id} className={`view-chip ${active ? 'active' : ''}`}>
            <button type="button" aria-pressed={active} data-view={v.id} onClick={() => filterStore.set(filtersFromJson(v.filters))}>
              {v.labelKey ? t(v.labelKey) : v.name}
            </button>
            {!v.builtIn && (
              <button type="button" className="view-remove" aria-label={t('board.views.remove', { name: v.name })} onClick={() => remove(v.id)}>
                ×
              </button>
            )}
          </span>
        );
      })}
      {naming === null ? (
        <button type="button" className="view-add" onClick={() => setNaming('')}>
          {t('board.views.save')}
        </button>
      ) : (
        <form
          className="view-name"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <input
            autoFocus
            maxLength={40}
            value={naming}
            placeholder={t('board.views.namePlaceholder')}
            aria-label={t('board.views.name')}
            onChange={(e) => setNaming(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}
          />
          <button type="submit" className="lw-btn lw-btn-xs lw-btn-primary">
            {t('board.views.ok')}
          </button>
        </form>
      )}
    </div>
  );
}

/** Views, search, status, prefecture, sort, domain and level chips; all bound to the shared filter store. */
export function BoardToolbar({ user }: { user: User | null }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const filters = useFilters();
  const preset = presetOf(filters.statuses);
  const prefecture = filters.prefectures.size === 1 ? [...filters.prefectures][0]! : '';

  return (
    <div className="board-toolbar">
      <ViewBar key={user?.name ?? ''} user={user} filters={filters} />
      <div className="board-filters">
        <label className="lw-search">
          <span className="lw-search-icon" aria-hidden />
          <input
            id="board-search"
            type="search"
            value={filters.text}
            placeholder={t('board.filters.search')}
            aria-label={t('board.filters.searchLabel')}
            onChange={(e) => patch({ text: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Escape' || e.key === 'Enter') {
                e.preventDefault();
                document.getElementById('board-list')?.focus();
              }
            }}
            data-testid="board-search"
          />
          <kbd>/</kbd>
        </label>
        <select
          aria-label={t('board.filters.status')}
          value={preset}
          onChange={(e) => patch({ statuses: new Set(STATUS_PRESETS[e.target.value] ?? []) })}
          data-testid="filter-status"
        >
          {Object.keys(STATUS_PRESETS).map((k) => (
            <option key={k} value={k}>
              {t(`board.filters.statusPreset.${k}`)}
            </option>
          ))}
          {preset === 'custom' && <option value="custom">{t('board.filters.statusPreset.custom')}</option>}
        </select>
        <select
          aria-label={t('board.filters.prefecture')}
          value={prefecture}
          onChange={(e) => patch({ prefectures: new Set(e.target.value ? [e.target.value] : []) })}
          data-testid="filter-prefecture"
        >
          <option value="">{t('board.filters.allPrefectures')}</option>
          {PREFECTURES.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name[lang]}
            </option>
          ))}
        </select>
      </div>
      <div className="board-chips">
        <div className="lw-chip-group" role="group" aria-label={t('board.filters.domain')}>
          {DOMAINS.map((d: Domain) => (
            <button
              key={d}
              type="button"
              className={`lw-chip lw-chip-domain domain-${d}`}
              aria-pressed={filters.domains.has(d)}
              onClick={() => patch({ domains: toggle(filters.domains, d) })}
              data-domain={d}
            >
              {t(`board.domainShort.${d}`)}
            </button>
          ))}
        </div>
        <div className="lw-chip-group" role="group" aria-label={t('board.filters.level')}>
          {LEVELS.map((l) => (
            <button
              key={l}
              type="button"
              className={`lw-chip lw-chip-level lw-chip-level-${l}`}
              aria-pressed={filters.levels.has(l)}
              onClick={() => patch({ levels: toggle(filters.levels, l) })}
              data-level={l}
              title={t(`board.levelLong.${l}`)}
            >
              <span className={`swatch level-${l}`} aria-hidden />
              {t(`board.levelShort.${l}`)}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
