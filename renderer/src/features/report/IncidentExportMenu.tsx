/**
 * The export menu of an incident (mounted by the incident view): 事后报告
 * PDF opens the after-action packet (`#/report/<id>`; under Electron it
 * prints itself to PDF once ready), 时间线 CSV and CAP 1.2 save a file.
 */
import { useTranslation } from 'react-i18next';
import { useLive, useLiveStore } from '../../live/useLive';
import { platform } from '../../platform';
import { exportIncidentCap, exportTimelineCsv } from './exports';
import { ExportStatus } from './ExportStatus';
import { openReport } from './route';
import { useExport } from './useExport';
import './report.css';
import { usePopover } from '../workspace/usePopover';

export function IncidentExportMenu({ incidentId }: { incidentId: string }): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const store = useLiveStore();
  const live = useLive();
  const [open, setOpen, root] = usePopover();
  const [state, start] = useExport();
  const incident = live.incidents.get(incidentId);

  if (!incident) return null;
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const sensitive = incident.classification === 'sensitive';
  const pick = (run: () => void): void => {
    setOpen(false);
    run();
  };

  return (
    <div className="report-export" ref={root} data-testid="incident-export">
      <button type="button" className="lw-btn lw-btn-sm" aria-haspopup="menu" aria-expanded={open} title={t('report.menu.title')} onClick={() => setOpen(!open)}>
        {t('report.menu.label')} ▾
      </button>
      {open && (
        <div className="report-export-menu" role="menu">
          <button type="button" role="menuitem" onClick={() => pick(() => openReport(incident.id, platform.kind === 'electron'))}>
            {t('report.menu.pdf')}
          </button>
          <button type="button" role="menuitem" onClick={() => pick(() => void start(() => exportTimelineCsv(store, incident, lang)))}>
            {t('report.menu.csv')}
          </button>
          <button
            type="button"
            role="menuitem"
            disabled={sensitive}
            title={sensitive ? t('report.menu.capSensitive') : undefined}
            onClick={() => pick(() => void start(() => exportIncidentCap(store.getSnapshot(), incident)))}
          >
            {t('report.menu.cap')}
          </button>
        </div>
      )}
      <ExportStatus state={state} />
    </div>
  );
}
