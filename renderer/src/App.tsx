import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubInfo } from '@shared/ipc';
import { LoginScreen } from './features/login/LoginScreen';
import { MAP_PREVIEW_ROUTE, MapPreview } from './features/map/MapPreview';
import { StatusBar } from './features/shell/StatusBar';
import { TopBar } from './features/shell/TopBar';
import { Workspace } from './features/shell/Workspace';
import { applyDocumentLanguage } from './i18n';
import { createLiveStore } from './live/liveStore';
import type { LiveStore } from './live/types';
import { LiveStoreContext, useLive } from './live/useLive';
import { platform } from './platform';

function Main({ hub }: { hub: HubInfo }): React.JSX.Element {
  const live = useLive();
  return live.user ? <Workspace /> : <LoginScreen hub={hub} />;
}

export function App(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [hub, setHub] = useState<HubInfo | null>(null);
  const [store, setStore] = useState<LiveStore | null>(null);

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
    void platform.hubInfo().then((r) => {
      const info: HubInfo = r.ok ? r.value : { url: '', mode: 'none', problem: r.error.message };
      setHub(info);
      setStore(createLiveStore(info));
    });
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
  return (
    <LiveStoreContext.Provider value={store}>
      <div className="app">
        <TopBar />
        <Main hub={hub} />
        <StatusBar />
      </div>
    </LiveStoreContext.Provider>
  );
}
