import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveSelect } from '../../live/useLive';
import { focusBoard } from '../board/boardState';
import { useSelection } from '../workspace/selection';
import { IncidentView } from '../incident/IncidentView';
import { AlertDetail } from './AlertDetail';
import './detail.css';

/**
 * The detail pane's body: follows the shared selection (board, map). Enter
 * on the board focuses it for reading with the keyboard; Esc goes back.
 */
export function DetailPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const selection = useSelection();
  // The selected alert or incident itself: a new object whenever it changes, and nothing else re-renders the pane.
  const alert = useLiveSelect((s) => (selection?.kind === 'alert' ? s.alerts.get(selection.id) : undefined));
  const incident = useLiveSelect((s) => (selection?.kind === 'incident' ? s.incidents.get(selection.id) : undefined));
  const ref = useRef<HTMLDivElement>(null);

  // A new selection starts at the top.
  useEffect(() => {
    ref.current?.scrollTo({ top: 0 });
  }, [selection]);

  return (
    <div
      ref={ref}
      id="detail-panel"
      className={`pane-body detail ${alert || incident ? '' : 'empty'}`}
      tabIndex={-1}
      data-testid="detail"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          focusBoard();
        }
      }}
    >
      {alert ? (
        <AlertDetail key={alert.id} alert={alert} />
      ) : incident ? (
        <IncidentView key={incident.id} incident={incident} />
      ) : selection ? (
        t('detail.gone')
      ) : (
        t('empty.detail')
      )}
    </div>
  );
}
