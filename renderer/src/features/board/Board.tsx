import { useCallback, useEffect, useEffectEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, Disposition } from '@shared/domain/model';
import { sameItems, useLiveSelect, useLiveStore } from '../../live/useLive';
import { focusDetail } from '../detail/focus';
import { pushToast } from '../notify/toasts';
import { Toaster } from '../notify/Toaster';
import { helpOpenStore } from '../shortcuts/helpStore';
import { ShortcutHelp } from '../shortcuts/ShortcutHelp';
import { filterStore } from '../workspace/filters';
import { select, selectionStore, useSelection } from '../workspace/selection';
import { useAlarmed } from './alarmWiring';
import { boardActionForKey, globalActionForKey, isTypingTarget, type BoardAction } from './boardKeys';
import { AlertList, IncidentSection } from './BoardLists';
import { boardModelFor, useBoardView } from './boardModel';
import { nextCursor } from './boardRows';
import { checkedStore, clearChecked, cursorMemory, dismissTargetsStore, focusBoard, focusSearch, toggleChecked, useChecked, useDismissTargets } from './boardState';
import { BoardToolbar } from './BoardToolbar';
import { acknowledge, canAcknowledge, canDismiss, dismiss } from './commands';
import { may, openIncidentFrom } from '../incident/incidentCommands';
import { DispositionPicker } from './DispositionPicker';
import { defaultViewFor, filtersFromJson } from './savedViews';
import './board.css';

/** The user whose default view was last applied to the shared filters. */
let defaultsAppliedFor: string | undefined;

const NONE: readonly Alert[] = [];

/** The bar that appears while alerts are ticked: how many, and what can be done with them. */
function BulkBar({ onAck, onDismiss }: { onAck(ids: string[]): void; onDismiss(ids: string[]): void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const store = useLiveStore();
  const checked = useChecked();
  const user = useLiveSelect((s) => s.user);
  // The ticked alerts as they are now: re-renders when one of them changes, not on every publish.
  const list = useLiveSelect((s) => (checked.size === 0 ? NONE : [...checked].map((id) => s.alerts.get(id)).filter((a): a is Alert => !!a)), sameItems);
  if (checked.size === 0) return null;
  const ackable = list.filter((a) => canAcknowledge(user, a)).map((a) => a.id);
  const dismissable = list.filter((a) => canDismiss(user, a)).map((a) => a.id);
  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <span>{t('board.bulk.selected', { count: checked.size })}</span>
      <span className="topbar-spacer" />
      {ackable.length > 0 && (
        <button type="button" className="lw-btn lw-btn-sm lw-btn-primary" onClick={() => onAck(ackable)} data-testid="bulk-ack">
          {t('board.bulk.acknowledge', { count: ackable.length })} <kbd>⇧A</kbd>
        </button>
      )}
      {dismissable.length > 0 && (
        <button type="button" className="lw-btn lw-btn-sm" onClick={() => onDismiss(dismissable)}>
          {t('board.bulk.dismiss', { count: dismissable.length })} <kbd>d</kbd>
        </button>
      )}
      {list.length > 0 && may(user, 'incident.open') && (
        <button
          type="button"
          className="lw-btn lw-btn-sm"
          data-testid="bulk-open-incident"
          onClick={() => {
            void openIncidentFrom(store, list);
            clearChecked();
          }}
        >
          {t('incident.openFromAlerts', { count: list.length })}
        </button>
      )}
      <button type="button" className="lw-btn lw-btn-sm lw-btn-ghost" onClick={clearChecked}>
        {t('board.bulk.clear')} <kbd>Esc</kbd>
      </button>
    </div>
  );
}

/**
 * The board pane's body: filters and views, the pinned open incidents, the
 * virtualised alert list, and the keyboard (see features/shortcuts). It
 * reads derived lists from the board model, never the raw stream.
 */
export function Board(): React.JSX.Element {
  const { t } = useTranslation();
  const store = useLiveStore();
  const user = useLiveSelect((s) => s.user);
  const outbox = useLiveSelect((s) => s.outbox);
  // The same map in every snapshot (the rows read incident numbers from it).
  const incidents = useLiveSelect((s) => s.incidents);
  const view = useBoardView(store);
  const alarmed = useAlarmed(store);
  const selection = useSelection();
  const dismissTargets = useDismissTargets();
  const userName = user?.name;

  // A duty officer starts on their agency's queue; everyone else on what is in play.
  // Once per user: a reload starts fresh, another user signing in gets their own.
  useEffect(() => {
    if (userName && defaultsAppliedFor !== userName) {
      defaultsAppliedFor = userName;
      filterStore.set(filtersFromJson(defaultViewFor(store.getSnapshot().user).filters));
    }
    return clearChecked;
  }, [store, userName]);

  const alertsOf = useCallback((ids: readonly string[]) => ids.map((id) => store.getSnapshot().alerts.get(id)).filter((a): a is Alert => !!a), [store]);
  const onAck = useCallback((ids: string[]) => void acknowledge(store, alertsOf(ids)), [store, alertsOf]);
  const onDismiss = useCallback((ids: string[]) => dismissTargetsStore.set(ids), []);
  const onDisposition = (d: Disposition): void => {
    const targets = alertsOf(dismissTargetsStore.get() ?? []);
    dismissTargetsStore.set(null);
    for (const a of targets) if (checkedStore.get().has(a.id)) toggleChecked(a.id);
    void dismiss(store, targets, d);
    focusBoard();
  };

  /** Ticked alerts if any, else the cursor row. */
  const targets = (): Alert[] => {
    const selection = selectionStore.get();
    const checked = checkedStore.get();
    if (checked.size > 0) return alertsOf([...checked]);
    return selection?.kind === 'alert' ? alertsOf([selection.id]) : [];
  };

  // Reads the stores, not the last render: keys can come faster than renders.
  const run = (action: BoardAction): boolean => {
    const snapshot = store.getSnapshot();
    const selection = selectionStore.get();
    switch (action.type) {
      case 'move':
      case 'first':
      case 'last': {
        const rows = boardModelFor(store).getView().alerts;
        const current = selection?.kind === 'alert' ? selection.id : null;
        const lastIndex = cursorMemory.id === current ? cursorMemory.index : undefined;
        const id = action.type === 'move' ? nextCursor(rows, current, action.delta, lastIndex) : ((action.type === 'first' ? rows[0] : rows[rows.length - 1])?.id ?? null);
        if (id) select({ kind: 'alert', id });
        return true;
      }
      case 'open':
        if (selection) focusDetail();
        return !!selection;
      case 'acknowledge':
      case 'bulkAcknowledge': {
        const list = action.type === 'bulkAcknowledge' && checkedStore.get().size === 0 ? [] : targets();
        const allowed = list.filter((a) => canAcknowledge(snapshot.user, a));
        if (list.length > 0 && allowed.length === 0) pushToast({ kind: 'warning', title: t('board.hint.cannotAcknowledge'), key: 'hint' });
        if (allowed.length > 0) {
          void acknowledge(store, allowed);
          if (checkedStore.get().size > 0) clearChecked();
        }
        return true;
      }
      case 'dismiss': {
        const list = targets();
        const allowed = list.filter((a) => canDismiss(snapshot.user, a));
        if (list.length > 0 && allowed.length === 0) pushToast({ kind: 'warning', title: t('board.hint.cannotDismiss'), key: 'hint' });
        if (allowed.length > 0) dismissTargetsStore.set(allowed.map((a) => a.id));
        return true;
      }
      case 'toggleSelect':
        if (selection?.kind === 'alert') toggleChecked(selection.id);
        return true;
      case 'search':
        focusSearch();
        return true;
      case 'help':
        helpOpenStore.set(!helpOpenStore.get());
        return true;
      case 'escape':
        if (checkedStore.get().size > 0) {
          clearChecked();
          return true;
        }
        return false;
    }
  };

  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || isTypingTarget(e.target) || helpOpenStore.get()) return;
    if (dismissTargetsStore.get()) {
      // The picker handles its keys while focused; Esc closes it from anywhere.
      if (e.key === 'Escape') dismissTargetsStore.set(null);
      return;
    }
    // Board keys when the list has focus or nothing does; toolbar buttons keep Enter and Space.
    const active = document.activeElement;
    const onBoard = !active || active === document.body || !!active.closest('#board-list, .board-incident-list');
    const action = onBoard ? boardActionForKey(e) : globalActionForKey(e);
    if (action && run(action)) e.preventDefault();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent): void => onKeyDown(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="pane-body board" id="pane-board-body" data-testid="board">
      <BoardToolbar user={user} />
      <IncidentSection incidents={view.incidents} selection={selection} />
      <AlertList
        alerts={view.alerts}
        total={view.totalAlerts}
        incidents={incidents}
        selection={selection}
        user={user}
        outbox={outbox}
        alarmed={alarmed}
        onAck={onAck}
        onDismiss={onDismiss}
      />
      <BulkBar onAck={onAck} onDismiss={onDismiss} />
      {dismissTargets && (
        <DispositionPicker
          className="disposition-board"
          count={dismissTargets.length}
          onPick={onDisposition}
          onClose={() => {
            dismissTargetsStore.set(null);
            focusBoard();
          }}
        />
      )}
      <Toaster />
      <ShortcutHelp />
    </div>
  );
}
