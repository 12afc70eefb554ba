import { memo } from 'react';
import type { Alert } from '@shared/domain/model';
import { prefectureOf } from '@shared/domain/regions';
import { useMemoT } from '../../i18n/memo';
import { levelKeyOf } from '../workspace/filters';
import { AgencyTag, StatusPill } from './badges';
import { boardTime, compactDuration, type DurationText } from './format';

export interface AlertRowProps {
  alert: Alert;
  /** Running number of the linked incident, if any. */
  incidentNo?: number;
  cursor: boolean;
  checked: boolean;
  /** Shows the checkbox (the user can act on some alerts). */
  checkable: boolean;
  /** A new 红/橙 alert not yet acknowledged: the bar pulses. */
  pulse: boolean;
  pending?: 'pending' | 'sent';
  canAck: boolean;
  canDismiss: boolean;
  now: number;
  lang: 'zh' | 'en';
  onPick(id: string, e: React.MouseEvent): void;
  onToggle(id: string): void;
  onAck(id: string): void;
  onDismiss(id: string): void;
}

/**
 * One alert on the board: two lines, so the headline gets the width.
 * Line 1: time · headline · status. Line 2: date (when not today) · agency,
 * prefecture, event, duplicates, incident · age. Feed text is rendered as
 * text, never as HTML.
 */
export const AlertRow = memo(function AlertRow(p: AlertRowProps): React.JSX.Element {
  const t = useMemoT();
  const { alert } = p;
  const level = levelKeyOf(alert);
  const when = boardTime(alert.received, p.now);
  const prefecture = prefectureOf(alert.region);
  const duration: DurationText = (key, values) => t(`board.duration.${key}`, values);
  const classes = ['brow', `brow-level-${level}`, p.cursor ? 'is-cursor' : '', p.checked ? 'is-checked' : '', p.pulse ? 'is-pulsing' : '', `brow-${alert.status}`];
  return (
    <div
      className={classes.join(' ')}
      role="option"
      aria-selected={p.cursor}
      id={`board-row-${alert.id}`}
      data-testid="board-row"
      data-kind="alert"
      data-id={alert.id}
      data-agency={alert.agency}
      data-status={alert.status}
      data-level={level}
      data-sent={alert.sent}
      data-received={alert.received}
      onClick={(e) => p.onPick(alert.id, e)}
    >
      <span className={`brow-bar level-${level}`} aria-hidden />
      <span className="brow-check">
        {p.checkable && (
          <input
            type="checkbox"
            checked={p.checked}
            aria-label={t('board.row.select')}
            tabIndex={-1}
            onClick={(e) => e.stopPropagation()}
            onChange={() => p.onToggle(alert.id)}
          />
        )}
      </span>
      <span className="brow-time">
        <span className="lw-num">{when.time}</span>
        {when.date && <span className="brow-date lw-num">{when.date}</span>}
      </span>
      <span className="brow-main">
        <span className="brow-headline" title={alert.headline}>
          {alert.capStatus !== 'Actual' && <span className="lw-exercise-tag">{t(`board.capStatusShort.${alert.capStatus}`)}</span>}
          {alert.headline}
        </span>
        <span className="brow-meta">
          <AgencyTag agency={alert.agency} />
          {prefecture && <span className="brow-prefecture">{prefecture.name[p.lang]}</span>}
          <span className="brow-event">{alert.event}</span>
          {alert.duplicates > 0 && (
            <span className="brow-dup" title={t('board.row.duplicates', { count: alert.duplicates })}>
              ×{alert.duplicates + 1}
            </span>
          )}
          {p.incidentNo !== undefined && <span className="brow-incident">{t('board.row.incident', { no: p.incidentNo })}</span>}
          {p.cursor && (p.canAck || p.canDismiss) && (
            <span className="brow-actions">
              {p.canAck && (
                <button
                  type="button"
                  className="lw-btn lw-btn-xs lw-btn-primary"
                  data-testid="ack-button"
                  onClick={(e) => {
                    e.stopPropagation();
                    p.onAck(alert.id);
                  }}
                >
                  {t('board.action.acknowledge')} <kbd>a</kbd>
                </button>
              )}
              {p.canDismiss && (
                <button
                  type="button"
                  className="lw-btn lw-btn-xs"
                  data-testid="dismiss-button"
                  onClick={(e) => {
                    e.stopPropagation();
                    p.onDismiss(alert.id);
                  }}
                >
                  {t('board.action.dismiss')} <kbd>d</kbd>
                </button>
              )}
            </span>
          )}
        </span>
      </span>
      <span className="brow-side">
        <StatusPill status={alert.status} {...(p.pending ? { pending: p.pending } : {})} />
        <span className="brow-age lw-num" title={t('board.row.ageTitle')}>
          {compactDuration(p.now - alert.received, duration)}
        </span>
      </span>
    </div>
  );
});
