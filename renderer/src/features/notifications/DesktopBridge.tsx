/**
 * The workstation's ties to the desktop, mounted once in the command-desk
 * window (not on the wall, which shows the same store): notifications for
 * news (watcher.ts → compose.ts → platform.notify), a click selecting the
 * item, the badge count and mute state for the tray, and the tray's mute
 * toggle. Renders nothing.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveStore } from '../../live/types';
import { platform } from '../../platform';
import { soundMutedStore } from '../board/boardPrefs';
import { settingsStore, startSettings } from '../settings/settingsStore';
import { select } from '../workspace/selection';
import { useSmallStore } from '../workspace/smallStore';
import { badgeCount } from './badge';
import { compose } from './compose';
import { watchNotifications } from './watcher';

export function DesktopBridge({ store }: { store: LiveStore }): null {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  useEffect(() => startSettings(), []);

  useEffect(
    () =>
      watchNotifications(
        store,
        () => settingsStore.get().notifications,
        (candidates) => {
          for (const request of compose(candidates, (k, v) => t(k, v) as string, lang)) void platform.notify(request);
        },
      ),
    [store, t, lang],
  );

  useEffect(() => platform.onNotificationClick((target) => select(target)), []);
  useEffect(() => platform.onToggleMute(() => soundMutedStore.set((m) => !m)), []);

  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const count = badgeCount(snapshot.unacknowledged, snapshot.user);
  const muted = useSmallStore(soundMutedStore);
  const tooltip = t('notifications.badgeTooltip', { count });
  useEffect(() => {
    void platform.setBadge({ count, muted, tooltip });
  }, [count, muted, tooltip]);

  return null;
}
