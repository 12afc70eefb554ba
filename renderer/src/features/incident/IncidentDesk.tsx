import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveSelect, useLiveStore } from '../../live/useLive';
import { startIncidentNotices } from '../board/alarmWiring';
import { Toaster } from '../notify/Toaster';
import { OfflineBanner } from '../shell/OfflineBanner';
import { IncidentView } from './IncidentView';
import '../shell/shell.css';

/**
 * The desk of `#/incident/<id>` (`route.ts`): the offline banner, the
 * incident view over the whole width (two columns), the toasts and the
 * incident notices (mentions of the user's agency, requests, escalations).
 * No map and no board: a duty officer's machine draws only what they work on.
 */
export function IncidentDesk({ incidentId }: { incidentId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const store = useLiveStore();
  const incident = useLiveSelect((s) => s.incidents.get(incidentId));
  useEffect(() => startIncidentNotices(store), [store]);
  return (
    <div className="workspace-frame">
      <OfflineBanner />
      <main className="incident-desk" data-testid="incident-desk">
        {incident ? <IncidentView incident={incident} /> : <p className="muted incident-desk-waiting">{t('report.page.notFound', { id: incidentId })}</p>}
      </main>
      <Toaster />
    </div>
  );
}
