import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCIES, AGENCY_IDS, type AgencyId } from '@shared/domain/agencies';
import { CLOSE_DISPOSITIONS, INCIDENT_LEVELS, type CloseDisposition, type Incident } from '@shared/domain/model';
import { INCIDENT_TRANSITIONS } from '@shared/domain/transitions';
import type { OutboxEntry } from '../../live/types';
import { sameItems, useLiveSelect, useLiveStore } from '../../live/useLive';
import { useLang } from '../board/badges';
import { useChecked, clearChecked } from '../board/boardState';
import { may, runIncidentCommand } from './incidentCommands';

/** Agencies that can be asked to join: the five of the domains (the command center coordinates, it is not requested). */
export const REQUESTABLE: readonly AgencyId[] = AGENCY_IDS.filter((a) => AGENCIES[a].domain !== null);

/**
 * Every lifecycle act on the incident as a control: level, status, lead,
 * request agencies, link the ticked alerts, merge another incident into
 * this one, close with a disposition and summary, reopen with a reason.
 * A control the user's role can never use is not rendered; one whose
 * command is still on its way is disabled. The hub judges each.
 */
export function LifecycleControls({ incident, pending }: { incident: Incident; pending: readonly OutboxEntry[] }): React.JSX.Element | null {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useLiveStore();
  const user = useLiveSelect((s) => s.user);
  const checked = useChecked();
  const [closing, setClosing] = useState(false);
  const [disposition, setDisposition] = useState<CloseDisposition>('resolved');
  const [summary, setSummary] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const [mergeFrom, setMergeFrom] = useState('');
  const busy = (type: OutboxEntry['type']): boolean => pending.some((e) => e.type === type);
  const id = incident.id;
  const closed = incident.status === 'closed';
  const what = `#${incident.no} ${incident.title}`;
  // Incidents this one could take in: re-renders when one of them changes, not on every publish.
  const mergeable = useLiveSelect((s) => [...s.incidents.values()].filter((i) => i.id !== id && i.status !== 'closed' && !i.mergedInto).sort((a, b) => a.no - b.no), sameItems);

  if (!user) return null;
  if (closed) {
    if (!may(user, 'incident.reopen', incident) || incident.mergedInto) return null;
    return (
      <form
        className="incident-controls"
        onSubmit={(e) => {
          e.preventDefault();
          if (!reopenReason.trim()) return;
          void runIncidentCommand(store, 'incident.reopen', { incidentId: id, reason: reopenReason.trim() }, what);
          setReopenReason('');
        }}
      >
        <input className="lw-input" value={reopenReason} maxLength={1000} placeholder={t('incident.controls.reopenReason')} onChange={(e) => setReopenReason(e.target.value)} data-testid="incident-reopen-reason" />
        <button type="submit" className="lw-btn lw-btn-sm" disabled={!reopenReason.trim() || busy('incident.reopen')} data-testid="incident-reopen">
          {t('incident.controls.reopen')}
        </button>
      </form>
    );
  }

  const levelOk = may(user, 'incident.setLevel', incident);
  const statusOk = may(user, 'incident.setStatus', incident);
  const leadOk = may(user, 'incident.assignLead', incident);
  const requestOk = may(user, 'incident.requestAgency', incident);
  const linkOk = may(user, 'incident.linkAlert', incident) && checked.size > 0;
  const mergeOk = may(user, 'incident.merge', incident);
  const closeOk = may(user, 'incident.close', incident);
  const requestable = REQUESTABLE.filter((a) => !incident.agencies[a] || incident.agencies[a]!.status === 'declined');
  if (!levelOk && !statusOk && !leadOk && !requestOk && !linkOk && !mergeOk && !closeOk) return null;

  return (
    <div className="incident-controls" data-testid="incident-controls">
      {levelOk && (
        <div className="incident-control">
          <span className="incident-control-label">{t('incident.controls.level')}</span>
          <div className="segmented" role="group" aria-label={t('incident.controls.level')}>
            {INCIDENT_LEVELS.map((level) => (
              <button
                key={level}
                type="button"
                aria-pressed={incident.level === level}
                disabled={busy('incident.setLevel')}
                data-testid={`incident-level-${level}`}
                title={t(`board.incidentLevelLong.${level}`)}
                onClick={() => incident.level !== level && void runIncidentCommand(store, 'incident.setLevel', { incidentId: id, level }, what)}
              >
                {t(`incident.controls.levelMark.${level}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      {statusOk && INCIDENT_TRANSITIONS[incident.status].length > 0 && (
        <div className="incident-control">
          <span className="incident-control-label">{t('incident.controls.status')}</span>
          <div className="incident-control-items">
            {INCIDENT_TRANSITIONS[incident.status].map((status) => (
              <button
                key={status}
                type="button"
                className="lw-btn lw-btn-xs"
                disabled={busy('incident.setStatus')}
                data-testid={`incident-status-${status}`}
                onClick={() => void runIncidentCommand(store, 'incident.setStatus', { incidentId: id, status: status as 'open' }, what)}
              >
                {t(`board.incidentStatus.${status}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      {leadOk && (
        <label className="incident-control">
          <span className="incident-control-label">{t('incident.controls.assignLead')}</span>
          <select
            className="lw-select"
            value=""
            disabled={busy('incident.assignLead')}
            data-testid="incident-lead-select"
            onChange={(e) => e.target.value && void runIncidentCommand(store, 'incident.assignLead', { incidentId: id, agency: e.target.value as AgencyId }, what)}
          >
            <option value="">{t('incident.controls.chooseAgency')}</option>
            {REQUESTABLE.filter((a) => a !== incident.lead).map((a) => (
              <option key={a} value={a}>
                {AGENCIES[a].short[lang]}
              </option>
            ))}
          </select>
        </label>
      )}
      {requestOk && requestable.length > 0 && (
        <div className="incident-control">
          <span className="incident-control-label">{t('incident.controls.request')}</span>
          <div className="incident-control-items">
            {requestable.map((a) => (
              <button
                key={a}
                type="button"
                className="lw-btn lw-btn-xs"
                disabled={pending.some((e) => e.type === 'incident.requestAgency' && (e.body as { agency?: string }).agency === a)}
                data-testid={`incident-request-${a}`}
                onClick={() => void runIncidentCommand(store, 'incident.requestAgency', { incidentId: id, agency: a }, what)}
              >
                + {AGENCIES[a].short[lang]}
              </button>
            ))}
          </div>
        </div>
      )}
      {(linkOk || (mergeOk && mergeable.length > 0) || closeOk) && (
        <div className="incident-control">
          {linkOk && (
            <button
              type="button"
              className="lw-btn lw-btn-xs"
              data-testid="incident-link"
              onClick={() => {
                for (const alertId of checked) void runIncidentCommand(store, 'incident.linkAlert', { incidentId: id, alertId }, what);
                clearChecked();
              }}
            >
              {t('incident.controls.link', { count: checked.size })}
            </button>
          )}
          {mergeOk && mergeable.length > 0 && (
            <>
              <select className="lw-select" value={mergeFrom} onChange={(e) => setMergeFrom(e.target.value)} data-testid="incident-merge-select" aria-label={t('incident.controls.chooseIncident')}>
                <option value="">{t('incident.controls.chooseIncident')}</option>
                {mergeable.map((i) => (
                  <option key={i.id} value={i.id}>
                    #{i.no} {i.title}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="lw-btn lw-btn-xs"
                disabled={!mergeFrom || busy('incident.merge')}
                data-testid="incident-merge"
                onClick={() => {
                  void runIncidentCommand(store, 'incident.merge', { incidentId: id, from: mergeFrom }, what);
                  setMergeFrom('');
                }}
              >
                {t('incident.controls.merge')}
              </button>
            </>
          )}
          <span className="topbar-spacer" />
          {closeOk && !closing && (
            <button type="button" className="lw-btn lw-btn-xs" data-testid="incident-close-open" onClick={() => setClosing(true)}>
              {t('incident.controls.close')}
            </button>
          )}
        </div>
      )}
      {closeOk && closing && (
        <form
          className="incident-close-form"
          data-testid="incident-close-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!summary.trim()) return;
            void runIncidentCommand(store, 'incident.close', { incidentId: id, disposition, summary: summary.trim() }, what);
            setClosing(false);
            setSummary('');
          }}
        >
          <h4>{t('incident.close.title')}</h4>
          <label>
            {t('incident.close.disposition')}
            <select className="lw-select" value={disposition} onChange={(e) => setDisposition(e.target.value as CloseDisposition)} data-testid="incident-close-disposition">
              {CLOSE_DISPOSITIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`incident.disposition.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <textarea
            className="lw-input"
            rows={3}
            maxLength={4000}
            value={summary}
            placeholder={t('incident.close.summaryPlaceholder')}
            aria-label={t('incident.close.summary')}
            onChange={(e) => setSummary(e.target.value)}
            data-testid="incident-close-summary"
          />
          <div className="incident-form-buttons">
            <button type="button" className="lw-btn lw-btn-sm lw-btn-ghost" onClick={() => setClosing(false)}>
              {t('incident.controls.cancel')}
            </button>
            <button type="submit" className="lw-btn lw-btn-sm lw-btn-primary" disabled={!summary.trim() || busy('incident.close')} data-testid="incident-close-submit">
              {t('incident.controls.close')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
