/**
 * Settings → 数据源 (admins; issue 9 §4): the hub's agency feeds with their
 * live status (the `sources` stream), add / edit with the hub's own checks,
 * a connection test run by the hub, and remove after a confirmation. The
 * token field is a password field sent once to the hub and then cleared:
 * the workstation keeps no feed token, and the hub never sends one back.
 * Every refusal comes back as a value and is shown; the form keeps what was
 * typed.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { DOMAINS } from '@shared/domain/agencies';
import type { FeedAdminRequestInput, FeedAdminResult, FeedTestResult, FeedView } from '@shared/protocol/feedAdmin';
import type { FeedHealth } from '@shared/protocol/workstation';
import { useLiveStore } from '../../live/useLive';
import { beijingDateTime } from '../board/format';
import { EMPTY_FEED_FORM, formOf, requestOf, testRequestOf, type FeedField, type FeedFormErrors, type FeedFormValues } from './feedForm';
import './feedsTab.css';

type Editing = { mode: 'add' | 'edit'; values: FeedFormValues; tokenHint?: FeedView['token'] } | null;
type Refusal = Extract<FeedAdminResult, { ok: false }>;

/** Whether the signed-in user is an admin (re-renders only when that changes). */
export function useIsAdmin(): boolean {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => store.getSnapshot().user?.role === 'admin');
}

function useSources(): readonly FeedHealth[] {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => store.getSnapshot().sources);
}

export function FeedsTab({ onClose }: { onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const store = useLiveStore();
  const sources = useSources();
  const [feeds, setFeeds] = useState<FeedView[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [errors, setErrors] = useState<FeedFormErrors>({});
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [tests, setTests] = useState<Record<string, FeedTestResult | 'testing'>>({});
  const [formTest, setFormTest] = useState<FeedTestResult | null>(null);
  const [confirming, setConfirming] = useState<FeedView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const refusalText = useCallback((r: Refusal) => t(`feedAdmin.refused.${r.code}`, { message: r.message }), [t]);

  const send = useCallback(
    async (request: FeedAdminRequestInput): Promise<FeedAdminResult> => {
      if (!store.feeds) return { ok: false, code: 'unavailable', message: t('feedAdmin.refused.unavailable', { message: 'replay' }) };
      const result = await store.feeds(request);
      if (result.ok) setFeeds(result.feeds);
      return result;
    },
    [store, t],
  );

  useEffect(() => {
    void send({ op: 'list' }).then((r) => {
      if (!r.ok) setProblem(refusalText(r));
    });
  }, [send, refusalText]);

  const statusOf = (id: string): FeedHealth['status'] | undefined => sources.find((s) => s.feed === id)?.status;

  const testRow = async (feed: FeedView): Promise<void> => {
    setTests((prev) => ({ ...prev, [feed.id]: 'testing' }));
    const r = await send({ op: 'test', url: feed.url, id: feed.id });
    if (r.ok && r.test) setTests((prev) => ({ ...prev, [feed.id]: r.test! }));
    else {
      setTests((prev) => {
        const next = { ...prev };
        delete next[feed.id];
        return next;
      });
      if (!r.ok) setProblem(refusalText(r));
    }
  };

  const set = (field: FeedField, value: string): void => {
    if (!editing) return;
    setEditing({ ...editing, values: { ...editing.values, [field]: value } });
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
  };

  const save = async (): Promise<void> => {
    if (!editing || busy) return;
    setProblem(null);
    setNote(null);
    const checked = requestOf(editing.values, editing.mode);
    if (!checked.ok) return setErrors(checked.errors);
    setBusy('save');
    const r = await send(checked.request);
    setBusy(null);
    if (!r.ok) return setProblem(refusalText(r));
    setNote(t(editing.mode === 'add' ? 'feedAdmin.saved.added' : 'feedAdmin.saved.edited', { id: editing.values.id.trim() }));
    setEditing(null);
    setFormTest(null);
  };

  const testForm = async (): Promise<void> => {
    if (!editing || busy) return;
    setProblem(null);
    const checked = testRequestOf(editing.values, editing.mode);
    if (!checked.ok) return setErrors({ ...errors, ...checked.errors });
    setBusy('test');
    setFormTest(null);
    const r = await send(checked.request);
    setBusy(null);
    if (r.ok && r.test) setFormTest(r.test);
    else if (!r.ok) setProblem(refusalText(r));
  };

  const remove = async (feed: FeedView): Promise<void> => {
    setProblem(null);
    setNote(null);
    const r = await send({ op: 'remove', id: feed.id });
    setConfirming(null);
    if (!r.ok) return setProblem(refusalText(r));
    setNote(t('feedAdmin.saved.removed', { id: feed.id }));
    if (editing?.values.id === feed.id) setEditing(null);
  };

  const open = (next: Editing): void => {
    setEditing(next);
    setErrors({});
    setFormTest(null);
    setProblem(null);
    setNote(null);
  };

  const tokenText = (token: FeedView['token']): string =>
    !token.set ? t('feedAdmin.token.unset') : token.last4 ? t('feedAdmin.token.setLast4', { last4: token.last4 }) : t('feedAdmin.token.set');

  return (
    <div
      className="feeds-tab"
      data-testid="feeds-tab"
      // Enter in a field here saves this form, not the settings form around it.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
          e.preventDefault();
          void save();
        }
      }}
    >
      <div className="feeds-head">
        <p className="settings-hint">{t('feedAdmin.hint')}</p>
        <button type="button" className="settings-secondary" data-testid="feeds-add" disabled={editing?.mode === 'add'} onClick={() => open({ mode: 'add', values: EMPTY_FEED_FORM })}>
          {t('feedAdmin.add')}
        </button>
      </div>

      {feeds === null ? (
        <p className="settings-hint">{problem ? '' : t('feedAdmin.loading')}</p>
      ) : feeds.length === 0 ? (
        <p className="settings-hint">{t('feedAdmin.empty')}</p>
      ) : (
        <table className="feeds-table" data-testid="feeds-table">
          <thead>
            <tr>
              <th>{t('feedAdmin.column.name')}</th>
              <th>{t('feedAdmin.column.domain')}</th>
              <th>{t('feedAdmin.column.url')}</th>
              <th>{t('feedAdmin.column.token')}</th>
              <th>{t('feedAdmin.column.status')}</th>
              <th>{t('feedAdmin.column.origin')}</th>
              <th>{t('feedAdmin.column.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {feeds.map((feed) => {
              const status = statusOf(feed.id);
              const test = tests[feed.id];
              return (
                <tr key={feed.id} data-feed={feed.id}>
                  <td>
                    <div className="feeds-name">{feed.name.zh}</div>
                    <div className="feeds-sub">
                      {feed.id} · {feed.name.en}
                    </div>
                  </td>
                  <td>{t(`domain.${feed.domain}`)}</td>
                  <td className="feeds-url" title={feed.url}>
                    {feed.url}
                  </td>
                  <td data-testid="feeds-token">
                    {tokenText(feed.token)}
                    {feed.problem && (
                      <div className="feeds-warn" title={feed.problem}>
                        {feed.problem}
                      </div>
                    )}
                  </td>
                  <td>
                    <span className={`feeds-status feeds-status-${status ?? 'none'}`} data-testid="feeds-status">
                      {t(`feedAdmin.status.${status ?? 'none'}`)}
                    </span>
                    {test && (
                      <div className={`feeds-test feeds-test-${test === 'testing' ? 'testing' : test.outcome}`} data-testid="feeds-row-test">
                        {test === 'testing' ? t('feedAdmin.form.testing') : testText(t, test)}
                      </div>
                    )}
                  </td>
                  <td>
                    {t(`feedAdmin.origin.${feed.origin}`)}
                    {feed.updatedAt !== undefined && feed.updatedBy && <div className="feeds-sub">{t('feedAdmin.updated', { by: feed.updatedBy, time: beijingDateTime(feed.updatedAt) })}</div>}
                  </td>
                  <td className="feeds-actions">
                    <button type="button" className="feeds-link" onClick={() => void testRow(feed)} disabled={test === 'testing'} data-testid="feeds-test">
                      {t('feedAdmin.action.test')}
                    </button>
                    {feed.origin === 'hub' ? (
                      <>
                        <button type="button" className="feeds-link" onClick={() => open({ mode: 'edit', values: formOf(feed), tokenHint: feed.token })} data-testid="feeds-edit">
                          {t('feedAdmin.action.edit')}
                        </button>
                        <button type="button" className="feeds-link feeds-danger" onClick={() => setConfirming(feed)} data-testid="feeds-remove">
                          {t('feedAdmin.action.remove')}
                        </button>
                      </>
                    ) : (
                      <span className="feeds-sub" title={t('feedAdmin.readOnly')}>
                        {t('feedAdmin.readOnlyShort')}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {confirming && (
        <div className="feeds-confirm" role="alertdialog" aria-label={t('feedAdmin.action.remove')} data-testid="feeds-confirm">
          <span>{t('feedAdmin.confirm.remove', { name: confirming.name.zh, id: confirming.id })}</span>
          <button type="button" className="settings-secondary feeds-danger-button" onClick={() => void remove(confirming)} data-testid="feeds-confirm-yes">
            {t('feedAdmin.confirm.yes')}
          </button>
          <button type="button" className="settings-secondary" onClick={() => setConfirming(null)}>
            {t('feedAdmin.confirm.no')}
          </button>
        </div>
      )}

      {editing && (
        <fieldset className="feeds-form" data-testid="feeds-form">
          <legend>{editing.mode === 'add' ? t('feedAdmin.form.addTitle') : t('feedAdmin.form.editTitle', { id: editing.values.id })}</legend>
          <div className="feeds-grid">
            <Field label={t('feedAdmin.form.id')} error={errors.id && t(`feedAdmin.error.${errors.id}`)} hint={editing.mode === 'add' ? t('feedAdmin.form.idHint') : undefined}>
              <input className="settings-input" value={editing.values.id} disabled={editing.mode === 'edit'} onChange={(e) => set('id', e.target.value)} data-testid="feeds-form-id" spellCheck={false} />
            </Field>
            <Field label={t('feedAdmin.form.domain')} error={errors.domain && t(`feedAdmin.error.${errors.domain}`)}>
              <select className="settings-input" value={editing.values.domain} onChange={(e) => set('domain', e.target.value)} data-testid="feeds-form-domain">
                <option value="" disabled>
                  —
                </option>
                {DOMAINS.map((d) => (
                  <option key={d} value={d}>
                    {t(`domain.${d}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('feedAdmin.form.nameZh')} error={errors.nameZh && t(`feedAdmin.error.${errors.nameZh}`)}>
              <input className="settings-input" value={editing.values.nameZh} onChange={(e) => set('nameZh', e.target.value)} data-testid="feeds-form-name-zh" />
            </Field>
            <Field label={t('feedAdmin.form.nameEn')} error={errors.nameEn && t(`feedAdmin.error.${errors.nameEn}`)}>
              <input className="settings-input" value={editing.values.nameEn} onChange={(e) => set('nameEn', e.target.value)} data-testid="feeds-form-name-en" />
            </Field>
            <Field label={t('feedAdmin.form.url')} error={errors.url && t(`feedAdmin.error.${errors.url}`)} wide>
              <input className="settings-input" value={editing.values.url} placeholder="http://10.1.2.3:7001" onChange={(e) => set('url', e.target.value)} data-testid="feeds-form-url" spellCheck={false} />
            </Field>
            <Field label={t('feedAdmin.form.token')} error={errors.token && t(`feedAdmin.error.${errors.token}`)}>
              <input
                className="settings-input"
                type="password"
                autoComplete="new-password"
                value={editing.values.token}
                placeholder={editing.mode === 'edit' ? `${t('feedAdmin.form.tokenKeep')}${editing.tokenHint?.last4 ? ` (${editing.tokenHint.last4})` : ''}` : ''}
                onChange={(e) => set('token', e.target.value)}
                data-testid="feeds-form-token"
              />
            </Field>
            <Field label={t('feedAdmin.form.maxRate')} error={errors.maxRate && t(`feedAdmin.error.${errors.maxRate}`)}>
              <input className="settings-input" inputMode="numeric" value={editing.values.maxRate} onChange={(e) => set('maxRate', e.target.value.trim())} data-testid="feeds-form-rate" />
            </Field>
          </div>
          {formTest && (
            <p className={`feeds-test feeds-test-${formTest.outcome}`} role="status" data-testid="feeds-form-test-result">
              {testText(t, formTest)}
            </p>
          )}
          <div className="feeds-form-buttons">
            <button type="button" className="settings-secondary" onClick={() => void testForm()} disabled={busy !== null} data-testid="feeds-form-test">
              {busy === 'test' ? t('feedAdmin.form.testing') : t('feedAdmin.form.test')}
            </button>
            <span className="feeds-spacer" />
            <button type="button" className="settings-secondary" onClick={() => open(null)}>
              {t('feedAdmin.form.cancel')}
            </button>
            <button type="button" className="settings-primary" onClick={() => void save()} disabled={busy !== null} data-testid="feeds-form-save">
              {busy === 'save' ? t('feedAdmin.form.saving') : t('feedAdmin.form.save')}
            </button>
          </div>
        </fieldset>
      )}

      {problem && (
        <p className="settings-problem feeds-message" role="alert" data-testid="feeds-problem">
          {problem}
        </p>
      )}
      {note && (
        <p className="settings-note feeds-message feeds-ok" role="status" data-testid="feeds-note">
          {note}
        </p>
      )}
      <footer className="settings-footer">
        <button type="button" className="settings-secondary" onClick={onClose}>
          {t('feedAdmin.close')}
        </button>
      </footer>
    </div>
  );
}

function testText(t: ReturnType<typeof useTranslation>['t'], test: FeedTestResult): string {
  return t(`feedAdmin.test.${test.outcome}`, { ms: Math.round(test.latencyMs), message: test.message ?? '' });
}

function Field({ label, error, hint, wide, children }: { label: string; error?: string | undefined; hint?: string | undefined; wide?: boolean; children: React.ReactNode }): React.JSX.Element {
  return (
    <label className={`feeds-field${wide ? ' feeds-field-wide' : ''}${error ? ' feeds-field-error' : ''}`}>
      <span className="feeds-label">{label}</span>
      {children}
      {error ? <span className="feeds-error">{error}</span> : hint ? <span className="feeds-sub">{hint}</span> : null}
    </label>
  );
}
