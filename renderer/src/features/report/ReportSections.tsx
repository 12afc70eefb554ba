/** The sections of the after-action packet (一 … 八), rendered from the record as text. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_OF_DOMAIN } from '@shared/domain/agencies';
import type { AfterActionRecord } from '@shared/report/afterAction';
import {
  agencyName,
  agencyShort,
  beijingText,
  CLOSE_DISPOSITION_LABEL,
  durationText,
  INCIDENT_STATUS_LABEL,
  LEVEL_LABEL,
  PARTICIPATION_LABEL,
  SEVERITY_LABEL,
  TASK_STATUS_LABEL,
  type Lang,
} from '@shared/report/labels';
import { warningLevelOf } from '@shared/domain/warningLevel';

const time = (ms: number | undefined): string => (ms !== undefined ? beijingText(ms) : '—');
/** Times within the incident's day are shown without the date, to keep the tables narrow. */
const clock = (ms: number): string => beijingText(ms).slice(5);

function Field({ label, children }: { label: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="report-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Memoised: the page re-renders with the live snapshot; the sections only when the record changes. */
export const ReportSections = memo(function ReportSections({ record, lang, map }: { record: AfterActionRecord; lang: Lang; map: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation();
  const s = record.summary;
  const none = t('report.page.none');
  const supporting = record.agencies.filter((a) => a.role === 'supporting');
  return (
    <>
      <section className="report-section">
        <h2>{t('report.section.summary')}</h2>
        <dl className="report-fields">
          <Field label={t('report.field.title')}>{s.title}</Field>
          <Field label={t('report.field.level')}>
            <span className={`report-level report-level-${s.level}`}>{LEVEL_LABEL[s.level][lang]}</span>
          </Field>
          <Field label={t('report.field.status')}>{INCIDENT_STATUS_LABEL[s.status][lang]}</Field>
          <Field label={t('report.field.lead')}>{s.lead !== undefined ? agencyName(s.lead)[lang] : none}</Field>
          <Field label={t('report.field.supporting')}>{supporting.length > 0 ? supporting.map((a) => agencyShort(a.agency)[lang]).join(lang === 'zh' ? '、' : ', ') : none}</Field>
          <Field label={t('report.field.domains')}>{s.domains.map((d) => agencyShort(AGENCY_OF_DOMAIN[d])[lang]).join(lang === 'zh' ? '、' : ', ') || none}</Field>
          <Field label={t('report.field.region')}>{`${s.regionName[lang]}（${s.region}）`}</Field>
          <Field label={t('report.field.location')}>{`${s.location.lon.toFixed(4)}°E, ${s.location.lat.toFixed(4)}°N`}</Field>
          <Field label={t('report.field.firstAlert')}>{time(s.firstAlertAt)}</Field>
          <Field label={t('report.field.opened')}>{`${time(s.openedAt)} · ${s.openedBy[lang]}`}</Field>
          <Field label={t('report.field.resolved')}>{time(s.resolvedAt)}</Field>
          <Field label={t('report.field.closed')}>{s.closed ? `${time(s.closed.at)} · ${s.closed.by[lang]}` : '—'}</Field>
          <Field label={t('report.field.duration')}>{durationText(s.durationMs)[lang]}</Field>
          <Field label={t('report.field.resolveBy')}>
            {`${time(s.resolve.deadline)} · `}
            <span className={s.resolve.overdue ? 'report-bad' : 'report-good'}>{s.resolve.overdue ? t('report.field.overdue') : t('report.field.onTime')}</span>
          </Field>
          <Field label={t('report.field.alerts')}>{t('report.field.alertCount', { count: record.counts.alerts })}</Field>
          <Field label={t('report.col.sla')}>{t('report.field.escalations', { reminders: record.counts.reminders, escalations: record.counts.escalations })}</Field>
          {s.closed && <Field label={t('report.field.disposition')}>{CLOSE_DISPOSITION_LABEL[s.closed.disposition][lang]}</Field>}
          {s.mergedInto !== undefined && <Field label={t('report.field.mergedInto')}>{s.mergedInto}</Field>}
        </dl>
        {s.closed && s.closed.summary !== '' && (
          <p className="report-closing">
            <strong>{t('report.field.summary')}：</strong>
            {s.closed.summary}
          </p>
        )}
      </section>

      <section className="report-section report-keep">
        <h2>{t('report.section.map')}</h2>
        {map}
      </section>

      <section className="report-section report-keep">
        <h2>{t('report.section.level')}</h2>
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('report.col.time')}</th>
              <th>{t('report.col.level')}</th>
              <th>{t('report.col.by')}</th>
              <th>{t('report.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {record.levelHistory.map((h, i) => (
              <tr key={i}>
                <td className="report-num">{time(h.at)}</td>
                <td>{LEVEL_LABEL[h.level][lang]}</td>
                <td>{h.by[lang]}</td>
                <td>{h.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section report-keep">
        <h2>{t('report.section.agencies')}</h2>
        {record.agencies.length === 0 ? (
          <p className="report-empty">{none}</p>
        ) : (
          <table className="report-table" data-testid="report-agencies">
            <thead>
              <tr>
                <th>{t('report.col.agency')}</th>
                <th>{t('report.col.role')}</th>
                <th>{t('report.col.requested')}</th>
                <th>{t('report.col.firstResponse')}</th>
                <th>{t('report.col.timeToAck')}</th>
                <th>{t('report.col.deadline')}</th>
                <th>{t('report.col.status')}</th>
                <th>{t('report.col.sla')}</th>
              </tr>
            </thead>
            <tbody>
              {record.agencies.map((a) => (
                <tr key={a.agency}>
                  <td className="report-agency">{agencyShort(a.agency)[lang]}</td>
                  <td>{a.role === 'lead' ? <strong>{t('report.col.lead')}</strong> : t('report.col.supporting')}</td>
                  <td className="report-num">{clock(a.requestedAt)}</td>
                  <td className="report-num">{a.firstResponseAt !== undefined ? clock(a.firstResponseAt) : '—'}</td>
                  <td className="report-num">
                    {a.timeToAcknowledgeMs !== undefined ? (
                      <span className={a.late ? 'report-bad' : undefined}>
                        {durationText(a.timeToAcknowledgeMs)[lang]}
                        {a.late ? `（${t('report.col.late')}）` : ''}
                      </span>
                    ) : (
                      <span className={a.overdue ? 'report-bad' : undefined}>{a.overdue ? t('report.col.overdue') : t('report.col.waiting')}</span>
                    )}
                  </td>
                  <td className="report-num">{clock(a.deadline)}</td>
                  <td>{PARTICIPATION_LABEL[a.status][lang]}</td>
                  <td>{a.reminders + a.escalations > 0 ? t('report.field.escalations', { reminders: a.reminders, escalations: a.escalations }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="report-section">
        <h2>{t('report.section.alerts')}</h2>
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('report.col.received')}</th>
              <th>{t('report.col.agency')}</th>
              <th>{t('report.col.alertLevel')}</th>
              <th>{t('report.col.headline')}</th>
              <th>{t('report.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {record.alerts.map((a) => (
              <tr key={a.id}>
                <td className="report-num">{clock(a.received)}</td>
                <td className="report-agency">{agencyShort(a.agency)[lang]}</td>
                <td>
                  <span className={`report-dot level-${warningLevelOf(a.severity) ?? 'unknown'}`} />
                  {SEVERITY_LABEL[a.severity][lang]}
                </td>
                <td>{a.headline}</td>
                <td>{t(`board.status.${a.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section report-keep">
        <h2>{t('report.section.tasks')}</h2>
        {record.tasks.length === 0 ? (
          <p className="report-empty">{none}</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th>{t('report.col.task')}</th>
                <th>{t('report.col.agency')}</th>
                <th>{t('report.col.due')}</th>
                <th>{t('report.col.status')}</th>
                <th>{t('report.col.done')}</th>
              </tr>
            </thead>
            <tbody>
              {record.tasks.map((task) => (
                <tr key={task.id}>
                  <td>{task.title}</td>
                  <td className="report-agency">{agencyShort(task.agency)[lang]}</td>
                  <td className="report-num">{clock(task.due)}</td>
                  <td>{TASK_STATUS_LABEL[task.status][lang]}</td>
                  <td className="report-num">
                    <span className={task.late ? 'report-bad' : undefined}>{task.doneAt !== undefined ? clock(task.doneAt) : task.late ? t('report.col.overdue') : '—'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="report-section">
        <h2>{t('report.section.notes')}</h2>
        {record.notes.length === 0 ? (
          <p className="report-empty">{none}</p>
        ) : (
          <ol className="report-notes">
            {record.notes.map((n) => (
              <li key={n.seq}>
                <div className="report-note-head">
                  {clock(n.at)} · {n.by[lang]}
                  {n.agency !== undefined ? `（${agencyShort(n.agency)[lang]}）` : ''}
                </div>
                <div className="report-note-text">{n.text}</div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="report-section">
        <h2>{t('report.section.timeline')}</h2>
        <table className="report-table report-timeline" data-testid="report-timeline">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('report.col.time')}</th>
              <th>{t('report.col.actor')}</th>
              <th>{t('report.col.agency')}</th>
              <th>{t('report.col.action')}</th>
              <th>{t('report.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {record.timeline.map((e) => (
              <tr key={e.seq} data-seq={e.seq}>
                <td className="report-num report-seq">{e.seq}</td>
                <td className="report-num">{clock(e.time)}</td>
                <td>{e.actorName[lang]}</td>
                <td className="report-agency">{e.agency !== undefined ? agencyShort(e.agency)[lang] : ''}</td>
                <td>{e.action[lang]}</td>
                <td className="report-details">{e.details[lang]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
});
