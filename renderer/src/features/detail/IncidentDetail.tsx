import { useTranslation } from 'react-i18next';
import { AGENCIES, type AgencyId } from '@shared/domain/agencies';
import type { Incident } from '@shared/domain/model';
import { prefectureOf } from '@shared/domain/regions';
import { agencyTimers, DEFAULT_SLA, resolveTimer } from '@shared/domain/sla';
import { useLive } from '../../live/useLive';
import { IncidentLevelBadge, IncidentStatusPill, StatusPill, useLang } from '../board/badges';
import { INCIDENT_LEVEL_COLOR } from '../board/boardRows';
import { actorName, type Translate } from '../board/commandText';
import { beijingDateTime, clockDuration } from '../board/format';
import { useNow } from '../shell/useNow';
import { levelKeyOf } from '../workspace/filters';
import { select } from '../workspace/selection';
import { Kv } from './AlertDetail';
import { MiniMap } from './MiniMap';

const domainOfAgency = (a: AgencyId): string | null => AGENCIES[a].domain;

/**
 * One incident, read-only for now (issue 6 adds the full incident view):
 * level, status, lead, participating agencies with their acknowledge
 * timers, linked alerts (a click selects one), tasks, notes.
 */
export function IncidentDetail({ incident }: { incident: Incident }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const now = useNow().getTime();
  const { alerts, presence, user } = useLive();
  const tr: Translate = (key, values) => t(key, values ?? {});
  const who = (actor: string): string => actorName(actor, { presence, self: user }, tr);
  const prefecture = prefectureOf(incident.region);
  const timers = agencyTimers(incident, now, DEFAULT_SLA, domainOfAgency);
  const resolve = resolveTimer(incident, now, DEFAULT_SLA);
  const tasks = Object.values(incident.tasks).sort((a, b) => a.due - b.due);
  const countdown = (ms: number): string => (ms < 0 ? t('board.incident.overdueBy', { time: clockDuration(ms) }) : clockDuration(ms));

  return (
    <article className="detail-incident" data-testid="detail-incident" data-id={incident.id}>
      <header className={`detail-head detail-head-${INCIDENT_LEVEL_COLOR[incident.level]}`}>
        <div className="detail-badges">
          <IncidentLevelBadge level={incident.level} long />
          <IncidentStatusPill status={incident.status} />
          {incident.overdue && <span className="lw-pill lw-pill-overdue">{t('detail.incident.overdue')}</span>}
          <span className="topbar-spacer" />
          <span className="lw-num muted">#{incident.no}</span>
        </div>
        <h3 className="detail-title">{incident.title}</h3>
        <div className="detail-sub">
          {incident.lead ? t('board.incident.lead', { agency: AGENCIES[incident.lead].name[lang] }) : t('board.incident.noLead')}
          {prefecture && <span>· {prefecture.name[lang]}</span>}
        </div>
      </header>

      <section className="detail-section">
        <dl className="lw-kv">
          <Kv label={t('detail.incident.opened')}>
            {beijingDateTime(incident.openedAt)} · {who(incident.openedBy)}
          </Kv>
          <Kv label={t('detail.incident.updated')}>{beijingDateTime(incident.updatedAt)}</Kv>
          <Kv label={t('detail.incident.resolveBy')}>
            {beijingDateTime(resolve.deadline)}
            {resolve.remainingMs !== undefined && <span className={`lw-num ${resolve.overdue ? 'lw-text-danger' : 'muted'}`}> · {countdown(resolve.remainingMs)}</span>}
          </Kv>
          <Kv label={t('detail.cap.classification')}>{t(`detail.classification.${incident.classification}`)}</Kv>
          <Kv label={t('detail.incident.domains')}>{incident.domains.map((d) => t(`domain.${d}`)).join('、')}</Kv>
        </dl>
      </section>

      <section className="detail-section">
        <h4>{t('detail.incident.agencies')}</h4>
        {timers.length === 0 ? (
          <p className="muted">{t('detail.incident.noAgencies')}</p>
        ) : (
          <table className="attr-table agencies-table">
            <tbody>
              {timers.map((x) => (
                <tr key={x.agency} className={x.overdue ? 'is-overdue' : ''}>
                  <th scope="row">
                    {AGENCIES[x.agency].short[lang]}
                    {incident.lead === x.agency && <span className="lead-tag">{t('detail.incident.leadTag')}</span>}
                  </th>
                  <td>{t(`detail.participation.${x.status}`)}</td>
                  <td className="lw-num">
                    {x.remainingMs !== undefined ? (
                      <span className={x.overdue ? 'text-danger' : ''}>{countdown(x.remainingMs)}</span>
                    ) : x.timeToAcknowledgeMs !== undefined ? (
                      <span className={x.late ? 'text-warn' : 'muted'}>{t('detail.incident.ackedIn', { time: clockDuration(x.timeToAcknowledgeMs) })}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="detail-section">
        <h4>
          {t('detail.incident.alerts')} <span className="muted lw-num">{incident.alerts.length}</span>
        </h4>
        <ul className="linked-alerts" data-testid="incident-alerts">
          {incident.alerts.map((id) => {
            const a = alerts.get(id);
            if (!a) return null;
            return (
              <li key={id}>
                <button type="button" className="linked-alert" onClick={() => select({ kind: 'alert', id })}>
                  <span className={`linked-bar level-${levelKeyOf(a)}`} aria-hidden />
                  <span className="linked-headline">{a.headline}</span>
                  <StatusPill status={a.status} />
                </button>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="detail-section">
        <h4>{t('detail.incident.tasks')}</h4>
        {tasks.length === 0 ? (
          <p className="muted">{t('detail.incident.noTasks')}</p>
        ) : (
          <ul className="task-list">
            {tasks.map((task) => (
              <li key={task.id} className={`task task-${task.status}`}>
                <span className="task-title">{task.title}</span>
                <span className="muted">
                  {AGENCIES[task.agency].short[lang]} · {t('detail.incident.due', { time: beijingDateTime(task.due) })} · {t(`detail.taskStatus.${task.status}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="detail-section">
        <h4>{t('detail.incident.notes')}</h4>
        {incident.notes.length === 0 ? (
          <p className="muted">{t('detail.incident.noNotes')}</p>
        ) : (
          <ol className="lw-timeline">
            {incident.notes.map((n) => (
              <li key={n.seq}>
                <span className="lw-timeline-time lw-num">{beijingDateTime(n.at)}</span>
                <span className="lw-timeline-text">
                  <strong>{who(n.by)}</strong> {n.text}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      {incident.levelHistory.length > 1 && (
        <section className="detail-section">
          <h4>{t('detail.incident.levelHistory')}</h4>
          <ol className="lw-timeline">
            {incident.levelHistory.map((h, i) => (
              <li key={i}>
                <span className="lw-timeline-time lw-num">{beijingDateTime(h.at)}</span>
                <span className="lw-timeline-text">
                  {t(`board.incidentLevelLong.${h.level}`)} · {who(h.by)}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}

      <section className="detail-section">
        <h4>{t('detail.location.title')}</h4>
        <div className="detail-location">
          <MiniMap point={incident.location} level={INCIDENT_LEVEL_COLOR[incident.level]} {...(prefecture ? { prefecture: prefecture.name[lang] } : {})} />
          <dl className="lw-kv">
            <Kv label={t('detail.location.prefecture')}>{prefecture ? `${prefecture.name[lang]}（${incident.region}）` : incident.region}</Kv>
            <Kv label={t('detail.location.coordinates')}>
              <span className="lw-num">
                {incident.location.lat.toFixed(4)}°N {incident.location.lon.toFixed(4)}°E
              </span>
            </Kv>
          </dl>
        </div>
      </section>
    </article>
  );
}
