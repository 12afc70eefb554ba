import { useTranslation } from 'react-i18next';
import { AGENCIES } from '@shared/domain/agencies';
import { ROLES } from '@shared/domain/roles';
import { useLiveSelect } from '../../live/useLive';
import { shortTime } from '../board/commandText';
import { usePopover } from '../workspace/usePopover';

/**
 * Who is on duty at which desk (the hub's `presence`): a count in the top
 * bar that opens the list, grouped by role, with desk and sign-in time.
 */
export function PresenceButton(): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const presence = useLiveSelect((s) => s.presence);
  const user = useLiveSelect((s) => s.user);
  const [open, setOpen, ref] = usePopover();
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  if (!user) return null;
  const people = [...presence].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name));
  const now = Date.now();
  return (
    <div className="presence" ref={ref} data-testid="presence" data-count={presence.length}>
      <button
        type="button"
        className="presence-button"
        aria-expanded={open}
        aria-label={t('incident.presence.button', { count: presence.length })}
        title={t('incident.presence.button', { count: presence.length })}
        onClick={() => setOpen(!open)}
        data-testid="presence-button"
      >
        <span className="presence-dot" aria-hidden />
        <span className="presence-label">{t('incident.presence.label')}</span>
        <span className="lw-num">{presence.length}</span>
      </button>
      {open && (
        <div className="lw-popover presence-popover" role="dialog" aria-label={t('incident.presence.title')} data-testid="presence-list">
          <div className="lw-popover-title">{t('incident.presence.title')}</div>
          {people.length === 0 && <p className="muted">{t('incident.presence.none')}</p>}
          <ul className="presence-list">
            {people.map((p, i) => (
              <li key={`${p.name}-${i}`} className="presence-user" data-testid="presence-user" data-name={p.name}>
                <span className="presence-name">
                  {p.displayName}
                  {p.name === user.name && <span className="muted">{t('incident.presence.self')}</span>}
                </span>
                <span className="presence-role">
                  {t(`role.${p.role}`)}
                  {p.agency ? ` · ${AGENCIES[p.agency].short[lang]}` : ''}
                </span>
                <span className="presence-desk">{p.desk ? `${t('incident.presence.desk')} ${p.desk}` : <span className="muted">{t('incident.presence.noDesk')}</span>}</span>
                <span className="muted lw-num">{t('incident.presence.since', { time: shortTime(p.since, now) })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
