import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBar } from './features/shell/StatusBar';
import { TopBar } from './features/shell/TopBar';
import { Workspace } from './features/shell/Workspace';
import { applyDocumentLanguage } from './i18n';
import { platform } from './platform';

export function App(): React.JSX.Element {
  const { i18n } = useTranslation();

  // The language can also change outside this page (application menu, another tab).
  useEffect(
    () =>
      platform.onDidChangeSettings((settings) => {
        void i18n.changeLanguage(settings.language);
        applyDocumentLanguage(settings.language);
      }),
    [i18n],
  );

  return (
    <div className="app">
      <TopBar />
      <Workspace />
      <StatusBar />
    </div>
  );
}
