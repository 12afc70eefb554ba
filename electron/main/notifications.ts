/**
 * Desktop notifications raised by a window's renderer (which decides whether
 * to notify: renderer/src/features/notifications). A click brings that
 * window forward and tells it what to select.
 */
import { BrowserWindow, Notification } from 'electron';
import type { Logger } from 'pino';
import { handle, send } from './ipc';
import { appIcon } from './tray';

export function registerNotificationHandlers(log: Logger): void {
  // Shown notifications by tag: a reference keeps the click handler alive, and a tag replaces its predecessor.
  const shown = new Map<string, Notification>();
  handle('NOTIFY_SHOW', ({ tag, title, body, critical, target }, event) => {
    if (!Notification.isSupported()) return { shown: false };
    shown.get(tag)?.close();
    const sender = event.sender;
    const n = new Notification({
      title,
      body,
      icon: appIcon(256),
      urgency: critical ? 'critical' : 'normal',
      // The renderer rings its own alarm tone (and respects its mute).
      silent: true,
      timeoutType: critical ? 'never' : 'default',
    });
    n.on('click', () => {
      const win = BrowserWindow.fromWebContents(sender);
      if (win && !win.isDestroyed()) {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
        send(sender, 'NOTIFICATION_CLICKED', target);
      }
      n.close();
    });
    n.on('close', () => {
      if (shown.get(tag) === n) shown.delete(tag);
    });
    n.on('failed', (_e, error) => log.warn({ tag, error }, 'notification failed'));
    shown.set(tag, n);
    n.show();
    return { shown: true };
  });
}
