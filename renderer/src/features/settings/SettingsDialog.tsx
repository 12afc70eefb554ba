/**
 * The settings dialog (top bar ⚙, or App → Settings… in the desktop menu):
 * hub address (Electron; takes effect on restart), alarm sound,
 * notifications (on/off, quiet hours, domains), language, and shortcuts to
 * the video wall and the log folder. Nothing is applied until 保存; a value
 * that does not validate is named and nothing is lost. Admins also get the
 * 数据源 tab (FeedsTab.tsx): the hub's agency feeds, applied at once.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOMAINS, type Domain } from '@shared/domain/agencies';
import { LANGUAGES, type Language } from '@shared/i18n';
import { clockTimeSchema, hubUrlSchema, type HubSettings } from '@shared/ipc';
import { applyDocumentLanguage } from '../../i18n';
import { platform } from '../../platform';
import { soundMutedStore } from '../board/boardPrefs';
import { useSmallStore } from '../workspace/smallStore';
import { FeedsTab, useIsAdmin } from './FeedsTab';
import { saveSettings, settingsDialogStore, startSettings, useSettings } from './settingsStore';
import './settings.css';

type Permission = NotificationPermission | 'unsupported';

function browserPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function SettingsButton(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <button type="button" className="settings-button" data-testid="settings-open" aria-label={t('settings.open')} title={t('settings.open')} onClick={() => settingsDialogStore.set(true)}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden>
        <path
          fill="currentColor"
          d="M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.4-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3.3h-4l-.4 2.7a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.4L6.5 11a7.6 7.6 0 0 0 0 2l-2.1 1.6 2 3.4 2.5-1a7.4 7.4 0 0 0 1.7 1l.4 2.7h4l.4-2.7a7.4 7.4 0 0 0 1.7-1l2.5 1 2-3.4L19.4 13zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z"
          transform="translate(-1 0)"
        />
      </svg>
    </button>
  );
}

export function SettingsDialog(): React.JSX.Element | null {
  const open = useSmallStore(settingsDialogStore);
  useEffect(() => startSettings(), []);
  if (!open) return null;
  return <SettingsForm onClose={() => settingsDialogStore.set(false)} />;
}

function SettingsForm({ onClose }: { onClose: () => void }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const settings = useSettings();
  const ref = useRef<HTMLFormElement>(null);
  const [hubMode, setHubMode] = useState<HubSettings['mode']>(settings.hub.mode);
  const [hubUrl, setHubUrl] = useState(settings.hub.mode === 'center' ? settings.hub.url : '');
  const [soundOn, setSoundOn] = useState(!soundMutedStore.get());
  const [enabled, setEnabled] = useState(settings.notifications.enabled);
  const [quiet, setQuiet] = useState(settings.notifications.quietHours);
  const [muted, setMuted] = useState<ReadonlySet<Domain>>(new Set(settings.notifications.mutedDomains));
  const [language, setLanguage] = useState<Language>(settings.language);
  const [permission, setPermission] = useState<Permission>(browserPermission);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const electron = platform.kind === 'electron';
  const admin = useIsAdmin();
  const [tab, setTab] = useState<'general' | 'feeds'>('general');
  const feedsTab = admin && tab === 'feeds';

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('input, button')?.focus();
    return () => previous?.focus?.({ preventScroll: true });
  }, []);

  const toggleDomain = (d: Domain): void =>
    setMuted((prev) => {
      const next = new Set(prev);
      if (next.has(d)) next.delete(d);
      else next.add(d);
      return next;
    });

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setProblem(null);
    let hub: HubSettings = { mode: 'demo' };
    if (electron && hubMode === 'center') {
      const parsed = hubUrlSchema.safeParse(hubUrl.trim());
      if (!parsed.success) return setProblem(t('settings.hub.invalid'));
      hub = { mode: 'center', url: parsed.data };
    }
    if (quiet.enabled && !(clockTimeSchema.safeParse(quiet.start).success && clockTimeSchema.safeParse(quiet.end).success)) {
      return setProblem(t('settings.notifications.invalidTime'));
    }
    const hubChanged = JSON.stringify(hub) !== JSON.stringify(settings.hub);
    const result = await saveSettings({
      language,
      ...(electron ? { hub } : {}),
      notifications: { enabled, quietHours: quiet, mutedDomains: DOMAINS.filter((d) => muted.has(d)) },
    });
    if (!result.ok) return setProblem(t('settings.failed', { message: result.message }));
    soundMutedStore.set(!soundOn);
    if (language !== i18n.language) {
      await i18n.changeLanguage(language);
      applyDocumentLanguage(language);
    }
    if (electron && hubChanged) setNote(t('settings.hub.restart'));
    else onClose();
  };

  return (
    <div className="settings-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form
        ref={ref}
        className={`settings-dialog${feedsTab ? ' settings-dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        data-testid="settings-dialog"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="settings-header">
          <h2 id="settings-title">{t('settings.title')}</h2>
          {admin && (
            <div className="settings-tabs" role="tablist">
              {(['general', 'feeds'] as const).map((id) => (
                <button key={id} type="button" role="tab" className="settings-tab" aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`settings-tab-${id}`}>
                  {t(id === 'general' ? 'feedAdmin.general' : 'feedAdmin.tab')}
                </button>
              ))}
            </div>
          )}
        </header>
        {feedsTab && <FeedsTab onClose={onClose} />}
        <div className="settings-body" hidden={feedsTab}>
          <fieldset>
            <legend>{t('settings.hub.title')}</legend>
            {electron ? (
              <>
                <label className="settings-row">
                  <input type="radio" name="hub-mode" checked={hubMode === 'demo'} onChange={() => setHubMode('demo')} />
                  {t('settings.hub.demo')}
                </label>
                <label className="settings-row">
                  <input type="radio" name="hub-mode" checked={hubMode === 'center'} onChange={() => setHubMode('center')} />
                  {t('settings.hub.center')}
                </label>
                <input
                  className="settings-input"
                  type="url"
                  placeholder="https://hub.example.gov.cn:4780"
                  aria-label={t('settings.hub.url')}
                  disabled={hubMode !== 'center'}
                  value={hubUrl}
                  onChange={(e) => setHubUrl(e.target.value)}
                  data-testid="settings-hub-url"
                />
                <p className="settings-hint">{t('settings.hub.restartHint')}</p>
              </>
            ) : (
              <p className="settings-hint">{t('settings.hub.web')}</p>
            )}
          </fieldset>

          <fieldset>
            <legend>{t('settings.sound.title')}</legend>
            <label className="settings-row">
              <input type="checkbox" checked={soundOn} onChange={(e) => setSoundOn(e.target.checked)} data-testid="settings-sound" />
              {t('settings.sound.alarm')}
            </label>
          </fieldset>

          <fieldset>
            <legend>{t('settings.notifications.title')}</legend>
            <label className="settings-row">
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="settings-notify" />
              {t('settings.notifications.enabled')}
            </label>
            {!electron && permission !== 'granted' && (
              <p className="settings-hint" data-testid="settings-permission">
                {permission === 'default' ? (
                  <button type="button" className="settings-link" onClick={() => void Notification.requestPermission().then(setPermission)}>
                    {t('settings.notifications.allow')}
                  </button>
                ) : (
                  t(`settings.notifications.permission.${permission}`)
                )}
              </p>
            )}
            <div className="settings-row">
              <label>
                <input type="checkbox" checked={quiet.enabled} onChange={(e) => setQuiet({ ...quiet, enabled: e.target.checked })} data-testid="settings-quiet" />
                {t('settings.notifications.quiet')}
              </label>
              <input
                type="text"
                inputMode="numeric"
                maxLength={5}
                placeholder="HH:MM"
                className="settings-time"
                aria-label={t('settings.notifications.quietStart')}
                value={quiet.start}
                disabled={!quiet.enabled}
                onChange={(e) => setQuiet({ ...quiet, start: e.target.value.trim() })}
                data-testid="settings-quiet-start"
              />
              <span>–</span>
              <input
                type="text"
                inputMode="numeric"
                maxLength={5}
                placeholder="HH:MM"
                className="settings-time"
                aria-label={t('settings.notifications.quietEnd')}
                value={quiet.end}
                disabled={!quiet.enabled}
                onChange={(e) => setQuiet({ ...quiet, end: e.target.value.trim() })}
                data-testid="settings-quiet-end"
              />
            </div>
            <p className="settings-hint">{t('settings.notifications.quietHint')}</p>
            <div className="settings-domains" role="group" aria-label={t('settings.notifications.domains')}>
              <span>{t('settings.notifications.domains')}</span>
              {DOMAINS.map((d) => (
                <label key={d} className="settings-chip">
                  <input type="checkbox" checked={!muted.has(d)} onChange={() => toggleDomain(d)} data-domain={d} />
                  {t(`domain.${d}`)}
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset>
            <legend>{t('settings.language')}</legend>
            <div className="settings-row">
              {LANGUAGES.map((l) => (
                <label key={l}>
                  <input type="radio" name="language" checked={language === l} onChange={() => setLanguage(l)} />
                  {t(`language.${l}`)}
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset>
            <legend>{t('settings.desktop')}</legend>
            <div className="settings-row">
              <button type="button" className="settings-secondary" onClick={() => void platform.openWall()} data-testid="settings-open-wall">
                {platform.kind === 'electron' ? t('wall.open') : t('wall.openTab')}
              </button>
              {electron && (
                <button type="button" className="settings-secondary" onClick={() => void platform.openLogs().then((r) => !r.ok && setProblem(r.error.message))}>
                  {t('settings.openLogs')}
                </button>
              )}
            </div>
          </fieldset>
        </div>
        {problem && !feedsTab && (
          <p className="settings-problem" role="alert" data-testid="settings-problem">
            {problem}
          </p>
        )}
        {note && !feedsTab && (
          <p className="settings-note" role="status">
            {note}
          </p>
        )}
        <footer className="settings-footer" hidden={feedsTab}>
          <button type="button" className="settings-secondary" onClick={onClose}>
            {note ? t('settings.close') : t('settings.cancel')}
          </button>
          {!note && (
            <button type="submit" className="settings-primary" data-testid="settings-save">
              {t('settings.save')}
            </button>
          )}
        </footer>
      </form>
    </div>
  );
}
