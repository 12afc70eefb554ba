/**
 * Exports the alerts of the current view (the filters the board and the map
 * share) as GeoJSON. Mounted in the board toolbar.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { compareAlerts } from '@shared/domain/views';
import { useLive } from '../../live/useLive';
import { matchesAlert, useFilters } from '../workspace/filters';
import { exportAlertsGeoJson } from './exports';
import { ExportStatus } from './ExportStatus';
import { useExport } from './useExport';
import './report.css';

export function ViewExportButton(): React.JSX.Element {
  const { t } = useTranslation();
  const live = useLive();
  const filters = useFilters();
  const [state, start] = useExport();
  // Counted per render for the title only; the list is built on click.
  const count = useMemo(() => {
    let n = 0;
    for (const a of live.alerts.values()) if (matchesAlert(a, filters)) n++;
    return n;
  }, [live.alerts, filters]);
  const run = (): void => {
    const alerts = [...live.alerts.values()].filter((a) => matchesAlert(a, filters)).sort(compareAlerts);
    void start(() => exportAlertsGeoJson(alerts));
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
