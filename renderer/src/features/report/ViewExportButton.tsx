/**
 * Exports the alerts of the current view (the filters the board and the map
 * share) as GeoJSON, in the canonical alert order. Mounted in the head of the
 * board's alert list, which passes the list it shows: it is kept up to date
 * from deltas, so the button neither walks every alert nor re-renders with
 * every publish of the live store.
 */
import { useTranslation } from 'react-i18next';
import type { Alert } from '@shared/domain/model';
import { compareAlerts } from '@shared/domain/views';
import { exportAlertsGeoJson } from './exports';
import { ExportStatus } from './ExportStatus';
import { useExport } from './useExport';
import './report.css';

export function ViewExportButton({ alerts }: { alerts: readonly Alert[] }): React.JSX.Element {
  const { t } = useTranslation();
  const [state, start] = useExport();
  const count = alerts.length;
  const run = (): void => {
    const sorted = [...alerts].sort(compareAlerts);
    void start(() => exportAlertsGeoJson(sorted));
  };
  return (
    <span className="report-view-export" data-testid="view-export">
      <button type="button" className="lw-btn lw-btn-sm" disabled={count === 0 || state.kind === 'working'} title={count === 0 ? t('report.view.empty') : t('report.view.title', { count })} onClick={run}>
        {t('report.view.label')}
      </button>
      <ExportStatus state={state} />
    </span>
  );
}
