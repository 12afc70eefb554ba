import { useTranslation } from 'react-i18next';
import type { ExportState } from './useExport';

/** What the last export did, in words (a failure says why). */
export function ExportStatus({ state }: { state: ExportState }): React.JSX.Element | null {
  const { t } = useTranslation();
  let text: string;
  switch (state.kind) {
    case 'idle':
      return null;
    case 'working':
      text = t('report.menu.working');
      break;
    case 'cancelled':
      text = t('report.menu.cancelled');
      break;
    case 'failed':
      text = t('report.menu.failed', { message: state.message });
      break;
    case 'saved':
      text = state.path !== undefined ? t('report.menu.saved', { path: state.path }) : t('report.menu.downloaded', { name: state.name });
      break;
  }
  return (
    <span className={`report-export-status is-${state.kind}`} role="status" data-testid="export-status" data-kind={state.kind}>
      {text}
    </span>
  );
}
