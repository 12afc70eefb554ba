import { useTranslation } from 'react-i18next';
import { AGENCIES, type AgencyId } from '@shared/domain/agencies';
import type { Incident } from '@shared/domain/model';
import { prefectureOf } from '@shared/domain/regions';
import { resolveTimer } from '@shared/domain/sla';
import { AgencyTag, IncidentLevelBadge, IncidentStatusPill, useLang } from '../board/badges';
import { INCIDENT_LEVEL_COLOR } from '../board/boardRows';
import { actorName, type Translate } from '../board/commandText';
import { beijingDateTime, clockDuration } from '../board/format';
import { useLiveSelect } from '../../live/useLive';
import { IncidentExportMenu } from '../report/IncidentExportMenu';
import { ReplayIncidentButton } from '../replay/ReplayButtons';
import { incidentWideStore, useIncidentWide } from './wide';
import { usePeople } from '../board/usePeople';

/** Hours past 99 still read as h:mm:ss (`clockDuration` does); days are spelled for long-open incidents. */
function longDuration(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  return days > 0 ? `${days}d ${clockDuration(ms - days * 86_400_000)}` : clockDuration(ms);
}

/**
 * The incident's head: level Ⅰ–Ⅳ, status, lead agency, and the running
 * timers (time open; time to the resolve deadline, from `sla.ts`). The
 * timers are derived from the incident and the clock, never stored.
 */
export function IncidentHeader({ incident, now }: { incident: Incident; now: number }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = useIncidentWide();
  const people = usePeople();
  const sla = useLiveSelect((s) => s.sla);
  const tr: Translate = (key, values) => t(key, values ?? {});
  const prefecture = prefectureOf(incident.region);
  const resolve = resolveTimer(incident, now, sla);
  const end = incident.closed?.at ?? now;
  return (
    <header className={`detail-head detail-head-${INCIDENT_LEVEL_COLOR[incident.level]} incident-head`}>
      <div className="detail-badges">
        <IncidentLevelBadge level={incident.level} long />
        <IncidentStatusPill status={incident.status} />
        {incident.overdue && (
          <span className="lw-pill lw-pill-overdue" data-testid="incident-overdue">
            {t('incident.overdueBadge')}
          </span>
        )}
        {/* One unit: when the row is too narrow the tools go to the next line together, not the last button alone. */}
        <span className="incident-head-tools">
          <ReplayIncidentButton incidentId={incident.id} />
          <IncidentExportMenu incidentId={incident.id} />
          <span className="lw-num muted">#{incident.no}</span>
          <button
            type="button"
            className="lw-btn lw-btn-xs lw-btn-ghost incident-expand"
            aria-pressed={wide}
            title={wide ? t('incident.collapse') : t('incident.expand')}
            aria-label={wide ? t('incident.collapse') : t('incident.expand')}
            data-testid="incident-expand"
            onClick={() => incidentWideStore.set(!wide)}
          >
            {wide ? '⇥' : '⇤'}
          </button>
        </span>
      </div>
      <h3 className="detail-title">{incident.title}</h3>
      <div className="incident-facts">
        <div className="incident-fact">
          <span className="incident-fact-label">{t('incident.lead')}</span>
          <span data-testid="incident-lead" data-lead={incident.lead ?? ''}>
            {incident.lead ? <AgencyTag agency={incident.lead as AgencyId} /> : <span className="lw-text-warn">{t('incident.noLead')}</span>}
          </span>
        </div>
        <div className="incident-fact">
          <span className="incident-fact-label">{t('incident.timeOpen')}</span>
          <span className="lw-num incident-timer" data-testid="incident-time-open" title={`${beijingDateTime(incident.openedAt)} · ${actorName(incident.openedBy, people, tr)}`}>
            {longDuration(Math.max(0, end - incident.openedAt))}
          </span>
        </div>
        <div className="incident-fact">
          <span className="incident-fact-label">{t('incident.resolveDeadline')}</span>
          <span className={`lw-num incident-timer ${resolve.overdue ? 'lw-text-danger' : ''}`} data-testid="incident-resolve-timer" title={beijingDateTime(resolve.deadline)}>
            {resolve.timeToResolveMs !== undefined
              ? t('incident.resolvedIn', { time: longDuration(resolve.timeToResolveMs) })
              : resolve.remainingMs! < 0
                ? t('board.incident.overdueBy', { time: longDuration(-resolve.remainingMs!) })
                : t('incident.resolveLeft', { time: longDuration(resolve.remainingMs!) })}
          </span>
        </div>
      </div>
      <div className="detail-sub">
        {prefecture && <span>{prefecture.name[lang]}</span>}
        <span>· {incident.domains.map((d) => t(`domain.${d}`)).join('、')}</span>
        <span>· {t(`detail.classification.${incident.classification}`)}</span>
        {incident.lead && <span>· {AGENCIES[incident.lead].name[lang]}</span>}
      </div>
    </header>
  );
}
