import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubInfo } from '@shared/ipc';
import { AGENCIES, isAgencyId } from '@shared/domain/agencies';
import { useLive, useLiveStore } from '../../live/useLive';
import './login.css';

/**
 * Sign-in against the hub. In demo mode the demo accounts are listed: one
 * click fills the form (the hub still checks the password).
 */
export function LoginScreen({ hub }: { hub: HubInfo }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const store = useLiveStore();
  const live = useLive();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [desk, setDesk] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(live.connection.problem ?? null);
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await store.signIn(user.trim(), password, desk.trim() || undefined);
    setBusy(false);
    if (!r.ok) setProblem(r.message);
  };

  return (
    <div className="login" data-testid="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <img src="./emblem.svg" alt="" width={56} height={56} />
        <h2 id="login-title">{t('login.title')}</h2>
        <p className="muted">{t(`login.mode.${hub.mode}`)}</p>
        {hub.mode === 'none' && hub.problem && <p className="login-problem" role="alert">{hub.problem}</p>}
        <label>
          {t('login.user')}
          <input name="user" autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} required autoFocus />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <label>
          {t('login.desk')}
          <input name="desk" value={desk} placeholder={t('login.deskPlaceholder')} onChange={(e) => setDesk(e.target.value)} />
        </label>
        {problem && (
          <p className="login-problem" role="alert" data-testid="login-problem">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || hub.mode === 'none'}>
          {busy ? t('login.signingIn') : t('login.signIn')}
        </button>
      </form>
      {hub.demo && (
        <section className="login-demo" aria-labelledby="demo-title" data-testid="demo-accounts">
          <h3 id="demo-title">{t('login.demoAccounts')}</h3>
          <p className="muted">{t('login.demoPassword', { password: hub.demo.password })}</p>
          <ul>
            {hub.demo.accounts.map((a) => (
              <li key={a.name}>
                <button
                  type="button"
                  data-account={a.name}
                  onClick={() => {
                    setUser(a.name);
                    setPassword(hub.demo!.password);
                  }}
                >
                  <span className="login-role">{t(`role.${a.role}`)}</span>
                  <span>{a.displayName}</span>
                  {a.agency && isAgencyId(a.agency) && <span className="muted">{AGENCIES[a.agency].short[lang]}</span>}
                  <code>{a.name}</code>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
