import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../live/types';
import { useLiveSelect } from '../../live/useLive';
import { commandLabelKey, refusalTitle, type Translate } from './commandText';
import { alertIdOf } from './commands';
import { beijingTime } from './format';
import { OutboxIcon } from './icons';
import { usePopover } from '../workspace/usePopover';
import { usePeople } from './usePeople';

/**
 * Commands on their way and recent refusals, out of the way: a small
 * counter in the board header that opens the list. Pending commands survive
 * a reload and are sent when the hub is back.
 */
export function OutboxIndicator(): React.JSX.Element {
  const { t } = useTranslation();
  const outbox = useLiveSelect((s) => s.outbox);
  const people = usePeople();
  // The same map in every snapshot: headlines are read when the outbox or the list changes.
  const alerts = useLiveSelect((s) => s.alerts);
  const [open, setOpen, ref] = usePopover();
  const waiting = outbox.filter((e) => e.status === 'pending' || e.status === 'sent').length;
  const refused = outbox.filter((e) => e.status === 'refused').length;
  const tr: Translate = (key, values) => t(key, values ?? {});

  const describe = (entry: OutboxEntry): string => {
    const id = alertIdOf(entry);
    const alert = id ? alerts.get(id) : undefined;
    return alert ? alert.headline : (id ?? '');
  };

  return (
    <div className="outbox" ref={ref} data-testid="outbox" data-waiting={waiting} data-refused={refused}>
      <button
        type="button"
        className={`lw-tool-button ${waiting > 0 ? 'is-busy' : ''} ${refused > 0 ? 'has-refused' : ''}`}
        aria-expanded={open}
        title={t('command.outbox.title')}
        onClick={() => setOpen(!open)}
      >
        <OutboxIcon />
        {waiting > 0 && <span className="lw-tool-count lw-num">{waiting}</span>}
        {waiting === 0 && refused > 0 && <span className="lw-tool-count lw-tool-count-danger lw-num">{refused}</span>}
      </button>
      {open && (
        <div className="lw-popover outbox-popover" role="dialog" aria-label={t('command.outbox.title')}>
          <div className="lw-popover-title">
            {t('command.outbox.title')}
            <span className="muted">{t('command.outbox.summary', { waiting, refused })}</span>
          </div>
          {outbox.length === 0 && <p className="muted">{t('command.outbox.empty')}</p>}
          <ol className="outbox-list">
            {[...outbox].reverse().map((entry) => (
              <li key={entry.id} className={`outbox-entry outbox-${entry.status}`} data-status={entry.status}>
                <span className="lw-num muted">{beijingTime(entry.createdAt)}</span>
                <span className="outbox-type">{t(commandLabelKey(entry.type))}</span>
                <span className={`outbox-status outbox-status-${entry.status}`}>{t(`command.outbox.${entry.status}`)}</span>
                <span className="outbox-target" title={describe(entry)}>
                  {describe(entry)}
                </span>
                {entry.result && !entry.result.ok && (
                  <span className="outbox-reason">{refusalTitle(entry.result, entry.type, people, tr)}</span>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
