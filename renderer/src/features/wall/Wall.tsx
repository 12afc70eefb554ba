/**
 * The video wall (issue 9): the live map full-screen, the open incidents
 * with their levels and overdue marks on the right, and a ticker of the
 * newest 红/橙 alerts along the bottom, in type sized to be read across a
 * room. It reads the same live store as the workstation: in a second window
 * of the same origin the ingest worker joins the elected writer through Web
 * Locks and BroadcastChannel, so the wall opens no second hub connection.
 */
import { useTranslation } from 'react-i18next';
import { AGENCIES } from '@shared/domain/agencies';
import type { Alert, Incident } from '@shared/domain/model';
import type { SlaConfig } from '@shared/domain/sla';
import { prefectureOf } from '@shared/domain/regions';
import { IncidentLevelBadge, IncidentStatusPill, LevelBadge, useLang } from '../board/badges';
import { INCIDENT_LEVEL_COLOR } from '../board/boardRows';
import { beijingHm, clockDuration } from '../board/format';
import { incidentDeadline } from '../board/IncidentRow';
import { MapView } from '../map/MapView';
import { clockParts } from '../shell/clockFormat';
import { useNow } from '../shell/useNow';
import { levelKeyOf } from '../workspace/filters';
import { useLive, useLiveStore } from '../../live/useLive';
import { tickerAlerts, wallIncidents, wallTotals } from './wallModel';
import '../board/board.css';
import './wall.css';

const TICKER_SIZE = 4;
/** As many as fit whole in the column at 16:9 (the type scales with the width); the rest are counted. */
const INCIDENT_ROWS = 5;

function WallClock(): React.JSX.Element {
  const { i18n } = useTranslation();
  const { date, weekday, time } = clockParts(useNow(), i18n.language);
  return (
    <div className="wall-clock" data-testid="wall-clock">
      <span className="wall-clock-time lw-num">{time}</span>
      <span className="wall-clock-date">
        {date} {weekday}
      </span>
    </div>
  );
}

function IncidentCard({ incident, now, sla }: { incident: Incident; now: number; sla: SlaConfig }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const deadline = incidentDeadline(incident, now, sla);
  const overdue = incident.overdue || (deadline?.overdue ?? false);
  const prefecture = prefectureOf(incident.region);
  return (
    <li className={`wall-incident ${overdue ? 'is-overdue' : ''}`} data-testid="wall-incident" data-id={incident.id} data-level={incident.level} data-overdue={overdue}>
      <span className={`wall-bar level-${INCIDENT_LEVEL_COLOR[incident.level]}`} aria-hidden />
      <div className="wall-incident-head">
        <IncidentLevelBadge level={incident.level} />
        <span className="wall-incident-no lw-num">#{incident.no}</span>
        <IncidentStatusPill status={incident.status} />
        {overdue && (
          <span className="wall-overdue" data-testid="wall-overdue">
            {t('wall.overdue')}
          </span>
        )}
      </div>
      <div className="wall-incident-title">{incident.title}</div>
      <div className="wall-incident-meta">
        <span>{incident.lead ? t('wall.lead', { agency: AGENCIES[incident.lead].short[lang] }) : t('wall.noLead')}</span>
        {prefecture && <span>{prefecture.name[lang]}</span>}
        {deadline && (
          <span className={`lw-num ${overdue ? 'is-overdue' : ''}`}>
            {deadline.remainingMs < 0
              ? t('wall.overdueBy', { time: clockDuration(deadline.remainingMs) })
              : t('wall.remaining', { time: clockDuration(deadline.remainingMs) })}
          </span>
        )}
      </div>
    </li>
  );
}

function TickerItem({ alert }: { alert: Alert }): React.JSX.Element {
  const lang = useLang();
  return (
    <li className={`wall-tick level-${levelKeyOf(alert)}`} data-testid="wall-tick" data-id={alert.id} data-severity={alert.severity}>
      <div className="wall-tick-head">
        <LevelBadge severity={alert.severity} long />
        <span className="wall-tick-agency">{AGENCIES[alert.agency].short[lang]}</span>
        <span className="wall-tick-time lw-num">{beijingHm(alert.updated ?? alert.received)}</span>
      </div>
      <div className="wall-tick-headline">{alert.headline}</div>
    </li>
  );
}

export function Wall(): React.JSX.Element {
  const { t } = useTranslation();
  const store = useLiveStore();
  const live = useLive();
  const now = useNow().getTime();
  if (!live.user) {
    return (
      <div className="wall wall-signed-out" data-testid="wall">
        <p className="wall-message" data-testid="wall-signed-out">
          {t('wall.signedOut')}
        </p>
      </div>
    );
  }
  const ticker = tickerAlerts(live.alerts.values(), TICKER_SIZE);
  const incidents = wallIncidents(live.incidents.values(), INCIDENT_ROWS);
  const totals = wallTotals(live.incidents.values());
  const more = totals.open - incidents.length;
  const stale = live.connection.status === 'offline';
  return (
    <div className="wall" data-testid="wall" data-connection={live.connection.status}>
      <header className="wall-header">
        <img className="wall-emblem" src="./emblem.svg" alt="" width={56} height={56} />
        <h1 className="wall-title">
          {t('app.name')} · {t('wall.title')}
        </h1>
        <div className="wall-totals" data-testid="wall-totals">
          <span>{t('wall.openCount', { count: totals.open })}</span>
          <span className={totals.overdue > 0 ? 'is-overdue' : ''}>{t('wall.overdueCount', { count: totals.overdue })}</span>
        </div>
        {stale && <div className="wall-stale">{t('wall.stale')}</div>}
        <WallClock />
      </header>
      <div className="wall-body">
        <section className="wall-map" aria-label={t('pane.map')}>
          <MapView store={store} defaultLegendOpen />
        </section>
        <section className="wall-incidents" aria-labelledby="wall-incidents-title" data-testid="wall-incidents">
          <h2 id="wall-incidents-title">{t('wall.incidents')}</h2>
          {incidents.length === 0 ? (
            <p className="wall-empty">{t('wall.incidentsEmpty')}</p>
          ) : (
            <ol>
              {incidents.map((i) => (
                <IncidentCard key={i.id} incident={i} now={now} sla={live.sla} />
              ))}
            </ol>
          )}
          {more > 0 && (
            <p className="wall-more" data-testid="wall-more">
              {t('wall.more', { count: more })}
            </p>
          )}
        </section>
      </div>
      <section className="wall-ticker" aria-labelledby="wall-ticker-title" data-testid="wall-ticker">
        <h2 id="wall-ticker-title">{t('wall.ticker')}</h2>
        {ticker.length === 0 ? (
          <p className="wall-empty">{t('wall.tickerEmpty')}</p>
        ) : (
          <ol aria-live="polite">
            {ticker.map((a) => (
              <TickerItem key={a.id} alert={a} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
