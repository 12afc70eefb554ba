import { memo } from 'react';
import { useMemoT } from '../../i18n/memo';
import { AGENCIES } from '@shared/domain/agencies';
import type { Incident } from '@shared/domain/model';
import { prefectureOf } from '@shared/domain/regions';
import { agencyTimers, resolveTimer, type SlaConfig } from '@shared/domain/sla';
import { IncidentLevelBadge, IncidentStatusPill } from './badges';
import { INCIDENT_LEVEL_COLOR } from './boardRows';
import { clockDuration } from './format';

const domainOfAgency = (a: keyof typeof AGENCIES): string | null => AGENCIES[a].domain;

/**
 * The incident's most pressing deadline now: an agency that has not
 * acknowledged, else resolution. `sla` is the hub's (the live snapshot's), so
 * the countdown runs out when the hub reminds.
 */
export function incidentDeadline(incident: Incident, now: number, sla: SlaConfig): { remainingMs: number; kind: 'acknowledge' | 'resolve'; overdue: boolean } | null {
  const waiting = agencyTimers(incident, now, sla, domainOfAgency).filter((x) => x.remainingMs !== undefined);
  waiting.sort((a, b) => a.remainingMs! - b.remainingMs!);
  const first = waiting[0];
  if (first) return { remainingMs: first.remainingMs!, kind: 'acknowledge', overdue: first.overdue };
  const r = resolveTimer(incident, now, sla);
  if (r.remainingMs === undefined) return null;
  return { remainingMs: r.remainingMs, kind: 'resolve', overdue: r.overdue };
}

export interface IncidentRowProps {
  incident: Incident;
  cursor: boolean;
  now: number;
  /** The hub's SLA deadlines (the live snapshot's). */
  sla: SlaConfig;
  lang: 'zh' | 'en';
  onPick(id: string): void;
}

/** One open incident in the pinned section: level, number, title, lead, SLA countdown. */
export const IncidentRow = memo(function IncidentRow({ incident, cursor, now, sla, lang, onPick }: IncidentRowProps): React.JSX.Element {
  const t = useMemoT();
  const deadline = incidentDeadline(incident, now, sla);
  const overdue = incident.overdue || (deadline?.overdue ?? false);
  const prefecture = prefectureOf(incident.region);
  const participants = Object.values(incident.agencies).filter((p) => p !== undefined);
  return (
    <div
      className={`brow irow ${cursor ? 'is-cursor' : ''} ${overdue ? 'is-overdue' : ''}`}
      role="option"
      aria-selected={cursor}
      data-testid="board-row"
      data-kind="incident"
      data-id={incident.id}
      data-overdue={overdue ? '1' : '0'}
      onClick={() => onPick(incident.id)}
    >
      <span className={`brow-bar level-${INCIDENT_LEVEL_COLOR[incident.level]}`} aria-hidden />
      <span className="irow-level">
        <IncidentLevelBadge level={incident.level} />
      </span>
      <span className="brow-main">
        <span className="brow-headline" title={incident.title}>
          <span className="irow-no lw-num">#{incident.no}</span>
          {incident.title}
        </span>
        <span className="brow-meta">
          {incident.lead ? (
            <span className="irow-lead">{t('board.incident.lead', { agency: AGENCIES[incident.lead].short[lang] })}</span>
          ) : (
            <span className="irow-nolead">{t('board.incident.noLead')}</span>
          )}
          {prefecture && <span className="brow-prefecture">{prefecture.name[lang]}</span>}
          <span>{t('board.incident.alerts', { count: incident.alerts.length })}</span>
          {participants.length > 0 && <span>{t('board.incident.agencies', { count: participants.length })}</span>}
        </span>
      </span>
      <span className="brow-side">
        {overdue ? (
          <span className="lw-pill lw-pill-overdue irow-overdue" data-testid="irow-overdue" title={t('incident.overdue')}>
            {t('incident.overdueBadge')}
          </span>
        ) : (
          <IncidentStatusPill status={incident.status} />
        )}
        {deadline && (
          <span className={`brow-sla lw-num ${overdue ? 'is-overdue' : deadline.remainingMs < 5 * 60_000 ? 'is-soon' : ''}`} title={t(`board.incident.deadline.${deadline.kind}`)}>
            {deadline.remainingMs < 0 ? (
              t('board.incident.overdueBy', { time: clockDuration(deadline.remainingMs) })
            ) : (
              <>
                <span className="brow-sla-kind">{t(`board.incident.deadlineShort.${deadline.kind}`)}</span> {clockDuration(deadline.remainingMs)}
              </>
            )}
          </span>
        )}
      </span>
    </div>
  );
});
