import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../../live/useLive';
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
  const { alerts, incidents } = useLive();
  const ref = useRef<HTMLDivElement>(null);
  const alert = selection?.kind === 'alert' ? alerts.get(selection.id) : undefined;
  const incident = selection?.kind === 'incident' ? incidents.get(selection.id) : undefined;

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
