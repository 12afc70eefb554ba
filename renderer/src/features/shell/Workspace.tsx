import { useTranslation } from 'react-i18next';
import { WARNING_LEVELS } from '@shared/domain/warningLevel';
import { Board } from '../board/Board';
import { BoardHeaderTools } from '../board/BoardHeaderTools';
import { DetailPanel } from '../detail/DetailPanel';
import { MapView } from '../map/MapView';
import { useLiveStore } from '../../live/useLive';

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
 * the middle column and the detail panel the right. Later issues mount the
 * map, the board and the detail view into these panes.
 */
export function Workspace(): React.JSX.Element {
  const { t } = useTranslation();
  const store = useLiveStore();
  return (
    <main className="workspace">
      <section className="pane pane-map" aria-labelledby="pane-map-title" data-testid="pane-map">
        <header className="pane-header">
          <h2 id="pane-map-title">{t('pane.map')}</h2>
          <LevelLegend />
        </header>
        <div className="pane-body">
          <MapView store={store} defaultLegendOpen={false} />
        </div>
      </section>
      <section className="pane pane-board" aria-labelledby="pane-board-title" data-testid="pane-board">
        <header className="pane-header">
          <h2 id="pane-board-title">{t('pane.board')}</h2>
          <BoardHeaderTools />
        </header>
        <Board />
      </section>
      <aside className="pane pane-detail" aria-labelledby="pane-detail-title" data-testid="pane-detail">
        <header className="pane-header">
          <h2 id="pane-detail-title">{t('pane.detail')}</h2>
        </header>
        <DetailPanel />
      </aside>
    </main>
  );
}
