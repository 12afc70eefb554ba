import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@shared/i18n';
import { platform } from '../../platform';
import { applyDocumentLanguage } from '../../i18n';
import { clockParts } from './clockFormat';
import { useNow } from './useNow';

function Clock(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const { date, weekday, time } = clockParts(now, i18n.language);
  return (
    <div className="clock" aria-live="off" data-testid="clock">
      <span className="clock-time">{time}</span>
      <span className="clock-date">
        {date} {weekday} · {t('clock.zone')}
      </span>
    </div>
  );
}

function ConnectionState(): React.JSX.Element {
  const { t } = useTranslation();
  // The hub connection arrives with the hub (issue 4); until then the shell says so.
  const state = 'unconfigured' as const;
  return (
    <div className={`connection connection-${state}`} data-testid="connection">
      <span className="dot" aria-hidden />
      <span className="connection-label">{t('connection.label')}</span>
      <span>{t(`connection.${state}`)}</span>
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
        <button
          key={language}
          type="button"
          aria-pressed={i18n.language === language}
          onClick={() => void choose(language)}
        >
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
      <div className="topbar-spacer" />
      <ConnectionState />
      <Clock />
      <div className="user" data-testid="user">
        <span className="user-name">{t('user.signedOut')}</span>
      </div>
      <LanguageSwitch />
    </header>
  );
}
