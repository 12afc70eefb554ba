import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { WARNING_LEVELS } from '@shared/domain/warningLevel';
import { startIncidentNotices } from '../board/alarmWiring';
import { Board } from '../board/Board';
import { BoardHeaderTools } from '../board/BoardHeaderTools';
import { DetailPanel } from '../detail/DetailPanel';
import { MapView } from '../map/MapView';
import { useLiveSelect, useLiveStore } from '../../live/useLive';
import { useIncidentWide } from '../incident/wide';
import { useSelection } from '../workspace/selection';
import { OfflineBanner } from './OfflineBanner';
import { useReplayMode } from '../replay/replayMode';
import './shell.css';

/** The four-colour legend, shown wherever levels are coloured. */
export function LevelLegend(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t('level.legend')}>
      {WARNING_LEVELS.map((level) => (
        <li key={level}>
          <span className={`swatch level-${level}`} aria-hidden />
          {t(`level.${level}`)}
        </li>
      ))}
      <li>
        <span className="swatch level-unknown" aria-hidden />
        {t('level.unknown')}
      </li>
    </ul>
  );
}

/**
 * The operator's main area at 1920×1080: the map takes the left, the board
 * the middle column and the detail panel the right. An incident's view can
 * be expanded over the board's column (`incident/wide`). The offline banner
 * sits above the panes while the hub cannot be reached.
 */
export function Workspace(): React.JSX.Element {
  const { t } = useTranslation();
  const store = useLiveStore();
  const { focusIncidentId } = useReplayMode();
  const selection = useSelection();
  const selectedIncident = useLiveSelect((s) => selection?.kind === 'incident' && s.incidents.has(selection.id));
  const wide = useIncidentWide() && selectedIncident;
  useEffect(() => startIncidentNotices(store), [store]);
  // The same elements from render to render, so a render of the frame (the replay mode follows every
  // publish of the store) re-renders no pane: each pane re-renders from its own subscriptions.
  const legend = useMemo(() => <LevelLegend />, []);
  const map = useMemo(() => <MapView store={store} defaultLegendOpen={false} frameIncidentId={focusIncidentId} />, [store, focusIncidentId]);
  const boardTools = useMemo(() => <BoardHeaderTools />, []);
  const board = useMemo(() => <Board />, []);
  const detail = useMemo(() => <DetailPanel />, []);
  return (
    <div className="workspace-frame">
      <OfflineBanner overlay />
      <main className={`workspace ${wide ? 'is-incident-wide' : ''}`}>
        <section className="pane pane-map" aria-labelledby="pane-map-title" data-testid="pane-map">
          <header className="pane-header">
            <h2 id="pane-map-title">{t('pane.map')}</h2>
            {legend}
          </header>
          <div className="pane-body">{map}</div>
        </section>
        <section className="pane pane-board" aria-labelledby="pane-board-title" data-testid="pane-board">
          <header className="pane-header">
            <h2 id="pane-board-title">{t('pane.board')}</h2>
            {boardTools}
          </header>
          {board}
        </section>
        <aside className="pane pane-detail" aria-labelledby="pane-detail-title" data-testid="pane-detail">
          <header className="pane-header">
            <h2 id="pane-detail-title">{t('pane.detail')}</h2>
          </header>
          {detail}
        </aside>
      </main>
    </div>
  );
}
