import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveSelect } from '../../live/useLive';
import { commandLabelKey } from '../board/commandText';
import { beijingTime } from '../board/format';

/**
 * Above the workspace (`overlay`: over the panes' title bars, so the map
 * keeps its size) while the hub cannot be reached: since when, that the
 * picture is as it was, and the commands waiting in the outbox (sent when
 * the hub is back; the hub's answer then shows as done or refused).
 */
export function OfflineBanner({ overlay = false }: { overlay?: boolean }): React.JSX.Element | null {
  const { t } = useTranslation();
  // Only while offline does it follow the outbox; online it renders on signing in and out, and on going offline.
  const offlineSince = useLiveSelect((s) => (s.user && s.connection.status === 'offline' ? s.connection.since : null));
  const outbox = useLiveSelect((s) => (offlineSince === null ? null : s.outbox));
  const [open, setOpen] = useState(false);
  if (offlineSince === null || !outbox) return null;
  const waiting = outbox.filter((e) => e.status === 'pending' || e.status === 'sent');
  return (
    <div className={`offline-banner ${overlay ? 'is-overlay' : ''}`} role="alert" data-testid="offline-banner" data-since={offlineSince}>
      <span className="offline-mark" aria-hidden />
      <strong>{t('incident.offline.banner', { time: beijingTime(offlineSince) })}</strong>
      <span className="offline-keep" title={t('incident.offline.keep')}>
        {t('incident.offline.keep')}
      </span>
      <span className="topbar-spacer" />
      {waiting.length > 0 && (
        <button type="button" className="lw-btn lw-btn-xs" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="offline-queued" data-count={waiting.length}>
          {t('incident.offline.queued', { count: waiting.length })}
        </button>
      )}
      <span className="muted">{t('incident.offline.reconnecting')}</span>
      {open && waiting.length > 0 && (
        <ol className="offline-queue">
          {waiting.map((e) => (
            <li key={e.id}>
              <span className="lw-num muted">{beijingTime(e.createdAt)}</span> {t(commandLabelKey(e.type))} · {t(`command.outbox.${e.status}`)}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
