import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '@shared/ipc';
import { platform } from '../../platform';
import { FeedBar } from '../feeds/FeedBar';

export function StatusBar(): React.JSX.Element {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void platform.appInfo().then((r) => r.ok && setInfo(r.value));
  }, []);
  return (
    <footer className="statusbar" data-testid="statusbar">
      <FeedBar />
      <span className="topbar-spacer" />
      {info && (
        <span className="muted" data-testid="shell-kind">
          {t(`status.shell.${info.shell}`)} · {t('status.version', { version: info.version })}
        </span>
      )}
    </footer>
  );
}
