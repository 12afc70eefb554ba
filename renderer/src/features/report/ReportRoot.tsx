import type { HubInfo } from '@shared/ipc';
import { useLive } from '../../live/useLive';
import { LoginScreen } from '../login/LoginScreen';
import { ReportPage } from './ReportPage';
import type { ReportRoute } from './route';

/** `#/report/<id>` in App: the packet for a signed-in user, else the login first (a reload keeps the session). */
export function ReportRoot({ hub, route }: { hub: HubInfo; route: ReportRoute }): React.JSX.Element {
  const live = useLive();
  if (!live.user) {
    return (
      <div className="app">
        <LoginScreen hub={hub} />
      </div>
    );
  }
  return <ReportPage incidentId={route.incidentId} print={route.print} />;
}
