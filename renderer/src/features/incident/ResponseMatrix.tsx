import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCIES, type AgencyId } from '@shared/domain/agencies';
import type { AgencyResponse, Incident } from '@shared/domain/model';
import { agencyTimers, type AgencyTimer } from '@shared/domain/sla';
import { PARTICIPATION_TRANSITIONS } from '@shared/domain/transitions';
import type { OutboxEntry } from '../../live/types';
import { useLiveSelect, useLiveStore } from '../../live/useLive';
import { AgencyTag } from '../board/badges';
import { actorName, shortTime, type Translate } from '../board/commandText';
import { clockDuration } from '../board/format';
import { may, pendingResponse, runIncidentCommand } from './incidentCommands';
import { usePeople } from '../board/usePeople';

const domainOfAgency = (a: AgencyId): string | null => AGENCIES[a].domain;

/** The acknowledge timer cell (with the hub's SLA): countdown, overdue by, or how long the answer took. */
function AckCell({ timer }: { timer: AgencyTimer }): React.JSX.Element {
  const { t } = useTranslation();
  if (timer.remainingMs !== undefined) {
    return timer.remainingMs < 0 ? (
      <span className="lw-text-danger">{t('incident.matrix.overdueBy', { time: clockDuration(timer.remainingMs) })}</span>
    ) : (
      <span className={timer.remainingMs < 2 * 60_000 ? 'lw-text-warn' : ''}>{t('incident.matrix.left', { time: clockDuration(timer.remainingMs) })}</span>
    );
  }
  return <span className={timer.late ? 'lw-text-warn' : 'muted'}>{t('incident.matrix.ackedIn', { time: clockDuration(timer.timeToAcknowledgeMs ?? 0) })}</span>;
}

/** The duty officer's answers for their own agency: only moves the participation state machine allows. */
function RespondButtons({ incident, agency, pending }: { incident: Incident; agency: AgencyId; pending: OutboxEntry | undefined }): React.JSX.Element | null {
  const { t } = useTranslation();
  const store = useLiveStore();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const p = incident.agencies[agency];
  if (!p) return null;
  if (pending) {
    return (
      <span className="lw-pill lw-pill-pending" data-testid="respond-pending">
        <span className="lw-spinner" aria-hidden />
        {t(`detail.participation.${(pending.body as { response: AgencyResponse }).response}`)} · {t(`command.outbox.${pending.status}`)}
      </span>
    );
  }
  const next = PARTICIPATION_TRANSITIONS[p.status] as readonly AgencyResponse[];
  const send = (response: AgencyResponse, why?: string): void => {
    void runIncidentCommand(store, 'incident.respond', { incidentId: incident.id, agency, response, ...(why ? { reason: why } : {}) }, `#${incident.no} ${incident.title}`);
  };
  if (declining) {
    return (
      <form
        className="respond-decline"
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return;
          send('declined', reason.trim());
          setDeclining(false);
          setReason('');
        }}
      >
        <input className="lw-input" autoFocus value={reason} maxLength={1000} placeholder={t('incident.matrix.declineReason')} onChange={(e) => setReason(e.target.value)} data-testid="respond-reason" />
        <button type="submit" className="lw-btn lw-btn-xs lw-btn-primary" disabled={!reason.trim()} data-testid="respond-decline-submit">
          {t('incident.controls.send')}
        </button>
        <button type="button" className="lw-btn lw-btn-xs lw-btn-ghost" onClick={() => setDeclining(false)}>
          {t('incident.controls.cancel')}
        </button>
      </form>
    );
  }
  return (
    <span className="respond-buttons">
      {next.map((r) => (
        <button
          key={r}
          type="button"
          className={`lw-btn lw-btn-xs ${r === 'acknowledged' ? 'lw-btn-primary' : ''}`}
          data-testid={`respond-${r}`}
          onClick={() => (r === 'declined' ? setDeclining(true) : send(r))}
        >
          {t(`incident.respond.${r}`)}
        </button>
      ))}
    </span>
  );
}

/**
 * One row per requested agency: status, who answered and when, the time to
 * acknowledge against its SLA (countdown while waiting), and the marks the
 * hub set — reminded (`sla.reminder`), escalated/overdue (`sla.escalated`).
 * The signed-in duty officer answers for their agency in its row.
 */
export function ResponseMatrix({ incident, now, pending }: { incident: Incident; now: number; pending: readonly OutboxEntry[] }): React.JSX.Element {
  const { t } = useTranslation();
  const people = usePeople();
  const user = useLiveSelect((s) => s.user);
  const sla = useLiveSelect((s) => s.sla);
  const tr: Translate = (key, values) => t(key, values ?? {});
  const timers = agencyTimers(incident, now, sla, domainOfAgency).sort((a, b) => (a.agency === incident.lead ? -1 : b.agency === incident.lead ? 1 : a.requestedAt - b.requestedAt));
  const open = incident.status !== 'closed';
  return (
    <section className="detail-section incident-matrix" data-testid="response-matrix">
      <h4>{t('incident.matrix.title')}</h4>
      {timers.length === 0 ? (
        <p className="muted">{t('incident.matrix.none')}</p>
      ) : (
        <table className="matrix-table">
          <thead>
            <tr>
              <th scope="col">{t('incident.matrix.agency')}</th>
              <th scope="col">{t('incident.matrix.status')}</th>
              <th scope="col">{t('incident.matrix.who')}</th>
              <th scope="col">{t('incident.matrix.ack')}</th>
              <th scope="col">{t('incident.matrix.marks')}</th>
            </tr>
          </thead>
          <tbody>
            {timers.map((timer) => {
              const p = incident.agencies[timer.agency]!;
              const overdue = p.overdue === true || timer.overdue || (p.remindedAt !== undefined && p.respondedAt === undefined);
              const mine = open && may(user, 'incident.respond', incident, { agency: timer.agency });
              return (
                <Fragment key={timer.agency}>
                  <tr
                    className={`matrix-row ${overdue ? 'is-overdue' : ''} ${mine ? 'is-mine' : ''}`}
                    data-testid="matrix-row"
                    data-agency={timer.agency}
                    data-status={p.status}
                    data-overdue={overdue ? '1' : '0'}
                    data-reminded={p.reminded ? '1' : '0'}
                    data-escalated={p.overdue ? '1' : '0'}
                  >
                    <th scope="row">
                      <AgencyTag agency={timer.agency} />
                      {incident.lead === timer.agency && <span className="lead-tag">{t('detail.incident.leadTag')}</span>}
                    </th>
                    <td>
                      <span className={`matrix-status matrix-status-${p.status}`}>{t(`detail.participation.${p.status}`)}</span>
                      {p.reason && <div className="matrix-reason">{p.reason}</div>}
                    </td>
                    <td className="matrix-who">
                      {actorName(p.lastBy ?? p.requestedBy, people, tr)}
                      <div className="muted lw-num">{shortTime(p.lastAt ?? p.requestedAt, now)}</div>
                    </td>
                    <td className="lw-num">
                      <AckCell timer={timer} />
                    </td>
                    <td className="matrix-marks">
                      {p.reminded && <span className="matrix-mark matrix-mark-reminded">{t('incident.matrix.reminded')}</span>}
                      {p.overdue && <span className="matrix-mark matrix-mark-escalated">{t('incident.matrix.escalated')}</span>}
                      {!p.overdue && timer.overdue && <span className="matrix-mark matrix-mark-escalated">{t('incident.overdue')}</span>}
                      {timer.late && <span className="matrix-mark">{t('incident.matrix.late')}</span>}
                    </td>
                  </tr>
                  {mine && (
                    <tr className="matrix-actions-row">
                      <td colSpan={5}>
                        <span className="muted">{t('incident.matrix.actions')}</span>
                        <RespondButtons incident={incident} agency={timer.agency} pending={pendingResponse(pending, timer.agency)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
