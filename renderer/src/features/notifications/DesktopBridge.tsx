/**
 * The workstation's ties to the desktop, mounted once in the command-desk
 * window (not on the wall, which shows the same store): notifications for
 * news (watcher.ts → pacer.ts → compose.ts → platform.notify), a click
 * selecting the item, the badge count and mute state for the tray (at most
 * one update a second), and the tray's mute toggle. Renders nothing.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveStore } from '../../live/types';
import { platform } from '../../platform';
import { soundMutedStore } from '../board/boardPrefs';
import { settingsStore, startSettings } from '../settings/settingsStore';
import { select } from '../workspace/selection';
import { useSmallStore } from '../workspace/smallStore';
import { badgeCount } from './badge';
import { NotificationPacer } from './pacer';
import { watchNotifications } from './watcher';

/** The badge follows the count at most this often: it changed with every delta under a flood (~10 a second). */
export const BADGE_EVERY_MS = 1_000;

export function DesktopBridge({ store }: { store: LiveStore }): null {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  useEffect(() => startSettings(), []);

  // One pacer for the window's life: a language change must not reset the burst count.
  const [pacer] = useState(() => new NotificationPacer((request) => void platform.notify(request)));
  useEffect(() => () => pacer.stop(), [pacer]);
  useEffect(
    () =>
      watchNotifications(
        store,
        () => settingsStore.get().notifications,
        (candidates) => pacer.offer(candidates, { t: (k, v) => t(k, v) as string, lang }),
      ),
    [store, t, lang, pacer],
  );

  useEffect(() => platform.onNotificationClick((target) => select(target)), []);
  useEffect(() => platform.onToggleMute(() => soundMutedStore.set((m) => !m)), []);

  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const count = badgeCount(snapshot.unacknowledged, snapshot.user);
  const muted = useSmallStore(soundMutedStore);
  const tooltip = t('notifications.badgeTooltip', { count });
  // When the badge was last sent; the count is sent again once BADGE_EVERY_MS have passed (the latest count).
  const badgeSentAt = useRef(-Infinity);
  useEffect(() => {
    const send = (): void => {
      badgeSentAt.current = Date.now();
      void platform.setBadge({ count, muted, tooltip });
    };
    const wait = badgeSentAt.current + BADGE_EVERY_MS - Date.now();
    if (wait <= 0) return void send();
    const timer = setTimeout(send, wait);
    return () => clearTimeout(timer);
  }, [count, muted, tooltip]);

  return null;
}
