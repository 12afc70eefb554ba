import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubInfo } from '@shared/ipc';
import { EvaluationRoute } from './features/evaluation/EvaluationRoute';
import { IncidentDesk } from './features/incident/IncidentDesk';
import { useIncidentRoute } from './features/incident/route';
import { LoginScreen } from './features/login/LoginScreen';
import { MAP_PREVIEW_ROUTE, MapPreview } from './features/map/MapPreview';
import { ReplayFrame, useWorkspaceStore } from './features/replay/ReplayFrame';
import { ReportRoot } from './features/report/ReportRoot';
import { useReportRoute } from './features/report/route';
import { StatusBar } from './features/shell/StatusBar';
import { Wall } from './features/wall/Wall';
import { DesktopBridge } from './features/notifications/DesktopBridge';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { isWallRoute } from './features/wall/wallModel';
import { TopBar } from './features/shell/TopBar';
import { Workspace } from './features/shell/Workspace';
import { applyDocumentLanguage } from './i18n';
import { createLiveStore } from './live/liveStore';
import type { LiveStore } from './live/types';
import { LiveStoreContext, useLiveSelect } from './live/useLive';
import { platform } from './platform';

/** How often a page opened while the hub starts asks again (ms). */
const HUB_STARTING_POLL_MS = 500;

function Main({ hub }: { hub: HubInfo }): React.JSX.Element {
  // Only signing in and out changes what is shown here: a publish of the store re-renders no pane through it.
  const signedIn = useLiveSelect((s) => s.user !== null);
  // `#/incident/<id>`: one incident as the whole desk (no map, no board).
  const incidentId = useIncidentRoute();
  if (!signedIn) return <LoginScreen hub={hub} />;
  return incidentId ? <IncidentDesk incidentId={incidentId} /> : <EvaluationRoute workspace={<Workspace />} />;
}

export function App(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [hub, setHub] = useState<HubInfo | null>(null);
  const [store, setStore] = useState<LiveStore | null>(null);
  // While replaying, the workspace reads the replay store; live ingest carries on behind it.
  const workspaceStore = useWorkspaceStore(store);
  // `#/report/<incidentId>`: the after-action packet, a print-ready page of its own.
  const report = useReportRoute();

  // The language can also change outside this page (application menu, another tab).
  useEffect(
    () =>
      platform.onDidChangeSettings((settings) => {
        void i18n.changeLanguage(settings.language);
        applyDocumentLanguage(settings.language);
      }),
    [i18n],
  );

  useEffect(() => {
    // A page opened while the web host's hub is still starting waits on the splash and asks
    // again: signing in against "no hub" would have stayed so until a reload.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const ask = (): void => {
      void platform.hubInfo().then((r) => {
        if (cancelled) return;
        const info: HubInfo = r.ok ? r.value : { url: '', mode: 'none', problem: r.error.message };
        if (info.starting) {
          timer = setTimeout(ask, HUB_STARTING_POLL_MS);
          return;
        }
        setHub(info);
        setStore(createLiveStore(info));
      });
    };
    ask();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);

  // A diagnostic page: the map alone on a synthetic store (map e2e and benchmarks).
  if (window.location.hash.startsWith(MAP_PREVIEW_ROUTE)) return <MapPreview />;
  if (!hub || !store) {
    return (
      <div className="app">
        <div className="splash" role="status">
          {t('app.starting')}
        </div>
      </div>
    );
  }
  if (report) {
    return (
      <LiveStoreContext.Provider value={store}>
        <ReportRoot hub={hub} route={report} />
      </LiveStoreContext.Provider>
    );
  }
  // The video wall (a second window, or a wall browser): the same live store, no shell around it.
  if (isWallRoute(window.location.hash)) {
    return (
      <LiveStoreContext.Provider value={store}>
        <Wall />
      </LiveStoreContext.Provider>
    );
  }
  return (
    <LiveStoreContext.Provider value={workspaceStore ?? store}>
      <div className="app">
        <TopBar />
        <ReplayFrame live={store}>
          <Main hub={hub} />
        </ReplayFrame>
        <StatusBar />
        <SettingsDialog />
        <DesktopBridge store={store} />
      </div>
    </LiveStoreContext.Provider>
  );
}
