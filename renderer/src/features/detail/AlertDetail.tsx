import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCIES } from '@shared/domain/agencies';
import type { Alert, Disposition } from '@shared/domain/model';
import { commandsOf } from '@shared/domain/roles';
import { prefectureOf } from '@shared/domain/regions';
import { useLiveSelect, useLiveStore } from '../../live/useLive';
import { AgencyTag, LevelBadge, StatusPill, useLang } from '../board/badges';
import { pendingByAlert } from '../board/BoardLists';
import { actorName, shortTime, type Translate } from '../board/commandText';
import { acknowledge, canAcknowledge, canDismiss, dismiss } from '../board/commands';
import { DispositionPicker } from '../board/DispositionPicker';
import { beijingDateTime, compactDuration, type DurationText } from '../board/format';
import { useNow } from '../shell/useNow';
import { levelKeyOf } from '../workspace/filters';
import { select } from '../workspace/selection';
import { attributeRows } from './attributes';
import { may, openIncidentFrom } from '../incident/incidentCommands';
import { CapSourceSection } from './capSource';
import { alertHistory, type HistoryEntry } from './history';
import { MiniMap } from './MiniMap';
import { usePeople } from '../board/usePeople';

export function Kv({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }): React.JSX.Element {
  return (
    <div className="lw-kv-row" {...(testId ? { 'data-testid': testId } : {})}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Who handled the alert and when ("已由 刘洋 于 14:03 确认"), for alerts no longer new. */
function Handled({ alert }: { alert: Alert }): React.JSX.Element {
  const { t } = useTranslation();
  const people = usePeople();
  const tr: Translate = (key, values) => t(key, values ?? {});
  let text: string;
  if (alert.status === 'acknowledged' && alert.acknowledged) {
    text = t('command.conflict.byAt.acknowledged', { who: actorName(alert.acknowledged.by, people, tr), time: shortTime(alert.acknowledged.at, Date.now()) });
  } else if (alert.status === 'dismissed' && alert.dismissed) {
    const d = alert.dismissed;
    text = `${t('command.conflict.byAt.dismissed', { who: actorName(d.by, people, tr), time: shortTime(d.at, Date.now()) })}（${t(`board.disposition.${d.disposition}`)}）`;
  } else {
    text = t(`command.conflict.plain.${alert.status}`);
  }
  return (
    <div className={`detail-actions detail-handled detail-handled-${alert.status}`} data-testid="detail-handled">
      <span className="detail-handled-mark" aria-hidden />
      {text}
    </div>
  );
}

function Actions({ alert }: { alert: Alert }): React.JSX.Element | null {
  const { t } = useTranslation();
  const store = useLiveStore();
  const user = useLiveSelect((s) => s.user);
  const outbox = useLiveSelect((s) => s.outbox);
  const lang = useLang();
  const [picking, setPicking] = useState(false);
  if (!user) return null;
  if (alert.status !== 'new') return <Handled alert={alert} />;
  const role = commandsOf(user.role);
  const showAck = role.includes('alert.acknowledge');
  const showDismiss = role.includes('alert.dismiss');
  if (!showAck && !showDismiss) return null;
  const pending = pendingByAlert(outbox).get(alert.id);
  const ack = canAcknowledge(user, alert) && !pending;
  const dis = canDismiss(user, alert) && !pending;
  const agency = AGENCIES[alert.agency].short[lang];
  const why = t('detail.actions.otherAgency', { agency });
  const onPick = (d: Disposition): void => {
    setPicking(false);
    void dismiss(store, [alert], d);
  };
  return (
    <div className="detail-actions">
      {showAck && (
        <button type="button" className="lw-btn lw-btn-primary" disabled={!ack} title={ack ? '' : why} onClick={() => void acknowledge(store, [alert])} data-testid="ack-button">
          {t('board.action.acknowledge')} <kbd>a</kbd>
        </button>
      )}
      {showDismiss && (
        <button type="button" className="lw-btn" disabled={!dis} title={dis ? '' : why} onClick={() => setPicking(true)} data-testid="dismiss-button">
          {t('board.action.dismiss')} <kbd>d</kbd>
        </button>
      )}
      {pending && <StatusPill status={alert.status} pending={pending} />}
      {picking && <DispositionPicker className="disposition-inline" count={1} onPick={onPick} onClose={() => setPicking(false)} />}
    </div>
  );
}

/** Operators and commanders open an incident from an alert that is in no open incident. */
function OpenIncidentAction({ alert }: { alert: Alert }): React.JSX.Element | null {
  const { t } = useTranslation();
  const store = useLiveStore();
  const user = useLiveSelect((s) => s.user);
  const outbox = useLiveSelect((s) => s.outbox);
  const current = useLiveSelect((s) => (alert.incidentId ? s.incidents.get(alert.incidentId) : undefined));
  if (!may(user, 'incident.open') || (current && current.status !== 'closed')) return null;
  const pending = outbox.some((e) => (e.status === 'pending' || e.status === 'sent') && e.type === 'incident.open' && (e.body as { alertIds?: string[] }).alertIds?.includes(alert.id));
  return (
    <div className="detail-actions">
      <button type="button" className="lw-btn" disabled={pending} onClick={() => void openIncidentFrom(store, [alert])} data-testid="open-incident-button">
        {pending && <span className="lw-spinner" aria-hidden />}
        {t('incident.openFromAlert')}
      </button>
    </div>
  );
}

function HistoryList({ alert }: { alert: Alert }): React.JSX.Element {
  const { t } = useTranslation();
  const people = usePeople();
  // The same map in every snapshot; read for incident numbers, which never change.
  const incidents = useLiveSelect((s) => s.incidents);
  const tr: Translate = (key, values) => t(key, values ?? {});
  const who = (actor: string): string => actorName(actor, people, tr);
  const text = (e: HistoryEntry): React.ReactNode => {
    switch (e.kind) {
      case 'received':
        return t('detail.history.received', { who: who(e.actor), id: e.sourceId });
      case 'updated':
        return t('detail.history.updated', { version: e.version, count: e.revisions.length - 1 });
      case 'repeated':
        return t('detail.history.repeated', { count: e.count });
      case 'acknowledged':
        return t('detail.history.acknowledged', { who: who(e.actor) });
      case 'dismissed':
        return t('detail.history.dismissed', { who: who(e.actor), disposition: t(`board.disposition.${e.disposition}`) }) + (e.reason ? ` — ${e.reason}` : '');
      case 'cancelled':
        return t('detail.history.cancelled') + (e.reason ? ` — ${e.reason}` : '');
      case 'superseded':
        return (
          <button type="button" className="link" onClick={() => select({ kind: 'alert', id: e.by })}>
            {t('detail.history.superseded')}
          </button>
        );
      case 'expired':
        return t('detail.history.expired');
      case 'incident': {
        const no = incidents.get(e.incidentId)?.no;
        return (
          <button type="button" className="link" onClick={() => select({ kind: 'incident', id: e.incidentId })}>
            {t('detail.history.incident', { no: no ?? e.incidentId })}
          </button>
        );
      }
    }
  };
  return (
    <ol className="lw-timeline" data-testid="alert-history">
      {alertHistory(alert).map((e, i) => (
        <li key={i} className={`lw-timeline-${e.kind}`} data-kind={e.kind}>
          <span className="lw-timeline-time lw-num">{e.at !== undefined ? beijingDateTime(e.at) : ''}</span>
          <span className="lw-timeline-text">{text(e)}</span>
          {e.kind === 'updated' && <span className="lw-timeline-revisions">{e.revisions.join(' → ')}</span>}
        </li>
      ))}
    </ol>
  );
}

/** Everything about one alert, in readable form; actions subject to the user's role. */
export function AlertDetail({ alert }: { alert: Alert }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const now = useNow().getTime();
  const prefecture = prefectureOf(alert.region);
  const level = levelKeyOf(alert);
  const duration: DurationText = (key, values) => t(`board.duration.${key}`, values);
  const attributes = attributeRows(alert.attributes);
  const time = (ms: number | undefined): string => (ms === undefined ? '—' : beijingDateTime(ms));
  return (
    <article className="detail-alert" data-testid="detail-alert" data-id={alert.id} data-status={alert.status}>
      <header className={`detail-head detail-head-${level}`}>
        <div className="detail-badges">
          <LevelBadge severity={alert.severity} long />
          <StatusPill status={alert.status} />
          {alert.capStatus !== 'Actual' && <span className="lw-exercise-tag lw-big">{t(`board.capStatusShort.${alert.capStatus}`)}</span>}
          <span className="topbar-spacer" />
          <span className="muted lw-num" title={t('detail.received')}>
            {compactDuration(now - alert.received, duration)}
          </span>
        </div>
        <h3 className="detail-title">{alert.headline}</h3>
        <div className="detail-sub">
          <AgencyTag agency={alert.agency} />
          <span>{AGENCIES[alert.agency].name[lang]}</span>
          {prefecture && <span>· {prefecture.name[lang]}</span>}
          <span>· {alert.event}</span>
        </div>
      </header>
      <Actions alert={alert} />
      <OpenIncidentAction alert={alert} />

      {(alert.description || alert.instruction) && (
        <section className="detail-section">
          {alert.description && <p className="detail-text">{alert.description}</p>}
          {alert.instruction && (
            <div className="detail-instruction">
              <h4>{t('detail.instruction')}</h4>
              <p className="detail-text">{alert.instruction}</p>
            </div>
          )}
        </section>
      )}

      <section className="detail-section">
        <h4>{t('detail.location.title')}</h4>
        <div className="detail-location">
          <MiniMap point={alert.point} {...(alert.area ? { area: alert.area } : {})} level={level} {...(prefecture ? { prefecture: prefecture.name[lang] } : {})} />
          <dl className="lw-kv">
            <Kv label={t('detail.location.prefecture')}>{prefecture ? `${prefecture.name[lang]}（${alert.region}）` : alert.region}</Kv>
            <Kv label={t('detail.location.coordinates')}>
              <span className="lw-num">
                {alert.point.lat.toFixed(4)}°N {alert.point.lon.toFixed(4)}°E
              </span>
            </Kv>
            {alert.area?.desc && <Kv label={t('detail.location.area')}>{alert.area.desc}</Kv>}
            {alert.area && (alert.area.circles.length > 0 || alert.area.polygons.length > 0) && (
              <Kv label={t('detail.location.shapes')}>{t('detail.location.shapeCount', { circles: alert.area.circles.length, polygons: alert.area.polygons.length })}</Kv>
            )}
          </dl>
        </div>
      </section>

      {attributes.length > 0 && (
        <section className="detail-section">
          <h4>{t('detail.attributes')}</h4>
          <table className="attr-table" data-testid="alert-attributes">
            <tbody>
              {attributes.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.labelKey ? t(row.labelKey) : <code>{row.key}</code>}</th>
                  <td>{row.booleanKey ? t(`detail.${row.booleanKey}`) : row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className="detail-section">
        <h4>{t('detail.times.title')}</h4>
        <dl className="lw-kv lw-kv-times">
          <Kv label={t('detail.times.sent')}>{time(alert.sent)}</Kv>
          <Kv label={t('detail.times.effective')}>{time(alert.effective)}</Kv>
          <Kv label={t('detail.times.expires')}>
            {time(alert.expires)}
            {alert.expires !== undefined && alert.expires > now && <span className="muted"> · {t('detail.times.left', { time: compactDuration(alert.expires - now, duration) })}</span>}
          </Kv>
          <Kv label={t('detail.times.received')}>{time(alert.received)}</Kv>
          <Kv label={t('detail.times.updated')}>{time(alert.updated)}</Kv>
        </dl>
      </section>

      <section className="detail-section">
        <h4>{t('detail.cap.properties')}</h4>
        <dl className="lw-kv">
          <Kv label={t('detail.cap.category')}>{alert.category.map((c) => t(`detail.category.${c}`)).join('、')}</Kv>
          <Kv label={t('detail.cap.severity')}>{t(`detail.severity.${alert.severity}`)}</Kv>
          <Kv label={t('detail.cap.urgency')}>{t(`detail.urgency.${alert.urgency}`)}</Kv>
          <Kv label={t('detail.cap.certainty')}>{t(`detail.certainty.${alert.certainty}`)}</Kv>
          <Kv label={t('detail.cap.status')}>{t(`detail.capStatus.${alert.capStatus}`)}</Kv>
          <Kv label={t('detail.cap.msgType')}>{t(`detail.msgType.${alert.msgType}`)}</Kv>
          <Kv label={t('detail.cap.classification')}>{t(`detail.classification.${alert.classification}`)}</Kv>
          <Kv label={t('detail.cap.source')}>
            <span className="lw-mono">
              {alert.feed} / {alert.sourceId} · v{alert.version}
            </span>
          </Kv>
          <Kv label={t('detail.cap.format')}>{alert.format === 'cap' ? t('detail.cap.formatCap', { seq: alert.receivedSeq }) : t('detail.cap.formatJson')}</Kv>
          {alert.eventCode && <Kv label={t('detail.cap.eventCode')}><span className="lw-mono">{alert.eventCode}</span></Kv>}
        </dl>
      </section>

      <section className="detail-section">
        <h4>{t('detail.history.title')}</h4>
        <HistoryList alert={alert} />
      </section>

      {alert.format === 'cap' && <CapSourceSection seq={alert.receivedSeq} />}
    </article>
  );
}
