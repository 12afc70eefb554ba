import { useTranslation } from 'react-i18next';
import { AGENCIES, DOMAINS, type Domain } from '@shared/domain/agencies';
import { LANGUAGES, type Language } from '@shared/i18n';
import { platform } from '../../platform';
import { SettingsButton } from '../settings/SettingsDialog';
import { EvaluationButton } from '../evaluation/EvaluationRoute';
import { ReplayButton } from '../replay/ReplayButtons';
import { applyDocumentLanguage } from '../../i18n';
import { useLiveSelect, useLiveStore } from '../../live/useLive';
import { clockParts } from './clockFormat';
import { PresenceButton } from './PresenceButton';
import { useNow } from './useNow';

function Clock(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const { date, weekday, time } = clockParts(now, i18n.language);
  return (
    <div className="clock" aria-live="off" data-testid="clock" title={`${date} ${weekday} · ${t('clock.zone')}`}>
      <span className="clock-time">{time}</span>
      <span className="clock-date">
        {date} {weekday} · {t('clock.zone')}
      </span>
    </div>
  );
}

function ConnectionState(): React.JSX.Element {
  const { t } = useTranslation();
  const signedIn = useLiveSelect((s) => s.user !== null);
  // Each update brings a new connection object (the replica's position); only these two are shown.
  const connectionStatus = useLiveSelect((s) => s.connection.status);
  const problem = useLiveSelect((s) => s.connection.problem);
  const status = signedIn ? connectionStatus : 'signed-out';
  const cls = status === 'live' ? 'online' : status === 'offline' ? 'offline' : status === 'signed-out' ? 'unconfigured' : 'connecting';
  return (
    <div className={`connection connection-${cls}`} data-testid="connection" data-status={status} title={problem ?? ''}>
      <span className="dot" aria-hidden />
      <span className="connection-label">{t('connection.label')}</span>
      <span>{t(`connection.status.${status}`)}</span>
    </div>
  );
}

const sameCounts = (a: Readonly<Record<Domain, number>>, b: Readonly<Record<Domain, number>>): boolean => DOMAINS.every((d) => a[d] === b[d]);

/** Unacknowledged alerts per domain: the first thing a duty officer looks at. */
function UnackCounters(): React.JSX.Element | null {
  const { t } = useTranslation();
  // Each update brings a new counts object: compared by value.
  const unacknowledged = useLiveSelect((s) => s.unacknowledged, sameCounts);
  const signedIn = useLiveSelect((s) => s.user !== null);
  if (!signedIn) return null;
  return (
    <ul className="unack" aria-label={t('unack.label')} data-testid="unack-counters">
      {DOMAINS.map((d) => (
        <li key={d} className={`unack-${d} ${unacknowledged[d] > 0 ? 'has' : ''}`} data-domain={d} title={t(`domain.${d}`)}>
          <span className="unack-name">{t(`domain.${d}`)}</span>
          {/* Narrow screens (≤1400 px) show the short name (shell.css). */}
          <span className="unack-short" aria-hidden>
            {t(`board.domainShort.${d}`)}
          </span>
          <span className="unack-count">{unacknowledged[d]}</span>
        </li>
      ))}
    </ul>
  );
}

function UserBadge(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const user = useLiveSelect((s) => s.user);
  const store = useLiveStore();
  if (!user) {
    return (
      <div className="user" data-testid="user">
        <span className="user-name">{t('user.signedOut')}</span>
      </div>
    );
  }
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const role = `${t(`role.${user.role}`)}${user.agency ? ` · ${AGENCIES[user.agency].short[lang]}` : ''}`;
  return (
    <div className="user" data-testid="user" data-role={user.role} data-agency={user.agency ?? ''} title={`${user.displayName} · ${role}`}>
      <span className="user-name">{user.displayName}</span>
      <span className="user-role">{role}</span>
      <button type="button" className="link" onClick={() => void store.signOut()}>
        {t('login.signOut')}
      </button>
    </div>
  );
}

function LanguageSwitch(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const choose = async (language: Language): Promise<void> => {
    await i18n.changeLanguage(language);
    applyDocumentLanguage(language);
    await platform.setLanguage(language);
  };
  return (
    <div className="segmented" role="group" aria-label={t('language.label')} data-testid="language-switch">
      {LANGUAGES.map((language) => (
        <button key={language} type="button" aria-pressed={i18n.language === language} onClick={() => void choose(language)}>
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}

export function TopBar(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <div className="brand">
        <img className="brand-mark" src="./emblem.svg" alt="" width={32} height={32} />
        <div>
          <h1 className="brand-name" data-testid="product-name">
            {t('app.name')}
          </h1>
          <div className="brand-sub">{t('app.subtitle')}</div>
        </div>
      </div>
      <UnackCounters />
      <div className="topbar-spacer" />
      <EvaluationButton />
      <ReplayButton />
      <PresenceButton />
      <ConnectionState />
      <Clock />
      <UserBadge />
      <LanguageSwitch />
      <SettingsButton />
    </header>
  );
}
