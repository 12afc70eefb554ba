import { useCallback, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, Incident } from '@shared/domain/model';
import type { User } from '@shared/domain/roles';
import type { OutboxEntry } from '../../live/types';
import { useClock } from '../replay/replayMode';
import { DEFAULT_FILTERS, filterStore } from '../workspace/filters';
import { select, type Selection } from '../workspace/selection';
import { AlertRow } from './AlertRow';
import { useLang } from './badges';
import { incidentsFoldedStore, sortStore } from './boardPrefs';
import { BOARD_SORTS } from './boardRows';
import { ViewExportButton } from '../report/ViewExportButton';
import { cursorMemory, toggleChecked, useChecked } from './boardState';
import { useFixedRows } from './fixedRows';
import { alertIdOf, canAcknowledge, canDismiss } from './commands';
import { IncidentRow } from './IncidentRow';
import { useSmallStore } from '../workspace/smallStore';
import { useLiveSelect } from '../../live/useLive';

/** Row height in px; rows are fixed-height so the virtualiser never measures. */
export const ROW_HEIGHT = 48;

function onPick(id: string, e: React.MouseEvent): void {
  if (e.shiftKey || e.ctrlKey || e.metaKey) toggleChecked(id);
  select({ kind: 'alert', id });
}

/** One function for every render: a new one each time made every memoised incident row render with the section. */
function pickIncident(id: string): void {
  select({ kind: 'incident', id });
}

/** Alert ids with a command still on its way, and whether it was sent yet. */
export function pendingByAlert(outbox: readonly OutboxEntry[]): ReadonlyMap<string, 'pending' | 'sent'> {
  const map = new Map<string, 'pending' | 'sent'>();
  for (const entry of outbox) {
    if (entry.status !== 'pending' && entry.status !== 'sent') continue;
    const id = alertIdOf(entry);
    if (id) map.set(id, entry.status);
  }
  return map;
}

/** Incident rows rendered beyond the three the section shows, above and below. */
const INCIDENT_OVERSCAN = 4;

/**
 * The open incidents, pinned above the alerts. Their rows follow the list and
 * the clock one step behind, at a lower priority (`useDeferredValue`): every
 * row with a countdown changes with every replayed moment (at 3600× ten times
 * a second), and rendering hundreds of rows in the task that moved the
 * moment held the UI thread past 50 ms. React renders the deferred pass in
 * slices that yield to input and to the next tick.
 *
 * Only the rows on screen exist (`useFixedRows`, like the alert list): the
 * section shows three, and a day replayed at 1M events has ~200 open at
 * once, each re-rendered with its countdown for every replayed moment and
 * restyled and laid out by the browser after it.
 */
export function IncidentSection({ incidents: latest, selection }: { incidents: readonly Incident[]; selection: Selection }): React.JSX.Element | null {
  const { t } = useTranslation();
  const lang = useLang();
  const now = useDeferredValue(useClock());
  const incidents = useDeferredValue(latest);
  const sla = useLiveSelect((s) => s.sla);
  const folded = useSmallStore(incidentsFoldedStore);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useFixedRows(incidents.length, ROW_HEIGHT, INCIDENT_OVERSCAN, scrollRef);
  // An incident selected elsewhere (the map, the detail panel) scrolls into the section: its row exists only there.
  const selectedId = selection?.kind === 'incident' ? selection.id : null;
  const { scrollToIndex } = rows;
  useEffect(() => {
    if (selectedId === null) return;
    const index = incidents.findIndex((i) => i.id === selectedId);
    if (index >= 0) scrollToIndex(index);
    // Only when the selection moves, not whenever the list shifts under it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, scrollToIndex]);
  const overdue = incidents.filter((i) => i.overdue).length;
  return (
    <section className="board-section board-incidents" aria-label={t('board.section.incidents')} data-testid="board-incidents">
      <button type="button" className="board-section-head" aria-expanded={!folded} onClick={() => incidentsFoldedStore.set(!folded)}>
        <span className={`lw-chevron ${folded ? '' : 'lw-open'}`} aria-hidden />
        <span>{t('board.section.incidents')}</span>
        <span className="lw-count lw-num">{incidents.length}</span>
        {overdue > 0 && <span className="lw-count lw-count-danger">{t('board.section.overdue', { count: overdue })}</span>}
      </button>
      {!folded && (
        <div className="board-incident-list" ref={scrollRef} role="listbox" aria-label={t('board.section.incidents')}>
          {incidents.length === 0 ? (
            <div className="board-empty-line">{t('board.empty.incidents')}</div>
          ) : (
            <div className="board-list-inner" style={{ height: rows.totalSize }}>
              {rows.indexes.map((index) => {
                const i = incidents[index]!;
                return (
                  <div key={i.id} className="board-list-slot" style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}>
                    <IncidentRow incident={i} cursor={selection?.kind === 'incident' && selection.id === i.id} now={now} sla={sla} lang={lang} onPick={pickIncident} />
                  </div>
                );
              })}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

export interface AlertListProps {
  alerts: readonly Alert[];
  total: number;
  incidents: ReadonlyMap<string, Incident>;
  selection: Selection;
  user: User | null;
  outbox: readonly OutboxEntry[];
  alarmed: ReadonlySet<string>;
  onAck(ids: string[]): void;
  onDismiss(ids: string[]): void;
}

/**
 * The order of the list and the export of what it shows, in the list's own
 * header: the toolbar above keeps its width for the search and the filters.
 */
function ListTools({ alerts }: { alerts: readonly Alert[] }): React.JSX.Element {
  const { t } = useTranslation();
  const sort = useSmallStore(sortStore);
  return (
    <span className="board-section-tools">
      <span className="segmented lw-segmented-sm" role="group" aria-label={t('board.sort.label')}>
        {BOARD_SORTS.map((s) => (
          <button key={s} type="button" aria-pressed={sort === s} onClick={() => sortStore.set(s)} data-sort={s}>
            {t(`board.sort.${s}`)}
          </button>
        ))}
      </span>
      <ViewExportButton alerts={alerts} />
    </span>
  );
}

/** The alerts, virtualised: only the rows on screen exist in the DOM, whatever the count. */
export function AlertList(p: AlertListProps): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  // Ages and countdowns of the rows on screen: at a lower priority than the list itself (see IncidentSection).
  const now = useDeferredValue(useClock());
  const checked = useChecked();
  const scrollRef = useRef<HTMLDivElement>(null);
  const pending = useMemo(() => pendingByAlert(p.outbox), [p.outbox]);
  const { alerts, selection, user } = p;
  const checkable = !!user && (user.role === 'operator' || user.role === 'dutyOfficer');

  // Every row is ROW_HEIGHT: the rows on screen are arithmetic, nothing per row (a replay seek changes 60k+).
  const rows = useFixedRows(alerts.length, ROW_HEIGHT, 10, scrollRef);

  // Keep the cursor on screen when it moves (keys, a click on the map).
  const cursorIndex = useMemo(() => (selection?.kind === 'alert' ? alerts.findIndex((a) => a.id === selection.id) : -1), [alerts, selection]);
  const cursorId = selection?.kind === 'alert' ? selection.id : null;
  useEffect(() => {
    if (cursorIndex >= 0) Object.assign(cursorMemory, { id: cursorId, index: cursorIndex });
  }, [cursorId, cursorIndex]);
  useEffect(() => {
    if (cursorIndex >= 0) rows.scrollToIndex(cursorIndex);
    // Only when the cursor itself moves, not whenever the list shifts under it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursorId]);

  const { onAck: ackIds, onDismiss: dismissIds } = p;
  const onAck = useCallback((id: string) => ackIds([id]), [ackIds]);
  const onDismiss = useCallback((id: string) => dismissIds([id]), [dismissIds]);

  return (
    <section className="board-section board-alerts" aria-label={t('board.section.alerts')}>
      <div className="board-section-head lw-static">
        <span>{t('board.section.alerts')}</span>
        <span className="lw-count lw-num" data-testid="board-count">
          {alerts.length === p.total ? alerts.length.toLocaleString() : t('board.section.ofTotal', { shown: alerts.length.toLocaleString(), total: p.total.toLocaleString() })}
        </span>
        <ListTools alerts={alerts} />
      </div>
      <div
        id="board-list"
        className={`board-list ${checkable ? '' : 'no-check'}`}
        ref={scrollRef}
        tabIndex={0}
        role="listbox"
        aria-label={t('board.section.alerts')}
        aria-multiselectable={checkable}
        aria-activedescendant={cursorIndex >= 0 ? `board-row-${cursorId}` : undefined}
        data-testid="board-list"
      >
        {alerts.length === 0 ? (
          <div className="board-empty">
            <p>{p.total === 0 ? t('board.empty.none') : t('board.empty.filtered')}</p>
            {p.total > 0 && (
              <button type="button" className="lw-btn" onClick={() => filterStore.set(DEFAULT_FILTERS)}>
                {t('board.filters.reset')}
              </button>
            )}
          </div>
        ) : (
          <div className="board-list-inner" style={{ height: rows.totalSize }}>
            {rows.indexes.map((index) => {
              const alert = alerts[index]!;
              const incidentNo = alert.incidentId ? p.incidents.get(alert.incidentId)?.no : undefined;
              const pend = pending.get(alert.id);
              return (
                <div key={alert.id} className="board-list-slot" style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}>
                  <AlertRow
                    alert={alert}
                    {...(incidentNo !== undefined ? { incidentNo } : {})}
                    {...(pend ? { pending: pend } : {})}
                    cursor={alert.id === cursorId}
                    checked={checked.has(alert.id)}
                    checkable={checkable}
                    pulse={p.alarmed.has(alert.id) && alert.status === 'new'}
                    canAck={!pend && canAcknowledge(user, alert)}
                    canDismiss={!pend && canDismiss(user, alert)}
                    now={now}
                    lang={lang}
                    onPick={onPick}
                    onToggle={toggleChecked}
                    onAck={onAck}
                    onDismiss={onDismiss}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
