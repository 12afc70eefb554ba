/** Small visual atoms shared by the board and the detail panel. */
import type { AgencyId } from '@shared/domain/agencies';
import { AGENCIES } from '@shared/domain/agencies';
import type { AlertStatus, IncidentLevel, IncidentStatus } from '@shared/domain/model';
import type { CapSeverity } from '@shared/domain/warningLevel';
import { useLanguage, useMemoT } from '../../i18n/memo';
import { levelKeyOf } from '../workspace/filters';
import { INCIDENT_LEVEL_COLOR } from './boardRows';

/** 'zh' or 'en', for the data's own two names (agencies, prefectures). */
export function useLang(): 'zh' | 'en' {
  return useLanguage() === 'en' ? 'en' : 'zh';
}

/** 新 / 已确认 / 已排除 … in the status colour. `pending` shows a command on its way. */
export function StatusPill({ status, pending }: { status: AlertStatus; pending?: 'pending' | 'sent' }): React.JSX.Element {
  const t = useMemoT();
  if (pending) {
    return (
      <span className="lw-pill lw-pill-pending" data-status={status} data-pending={pending} title={t(`command.outbox.${pending}`)}>
        <span className="lw-spinner" aria-hidden />
        {t(`command.outbox.${pending}`)}
      </span>
    );
  }
  return (
    <span className={`lw-pill lw-pill-${status}`} data-status={status}>
      {t(`board.status.${status}`)}
    </span>
  );
}

export function IncidentStatusPill({ status }: { status: IncidentStatus }): React.JSX.Element {
  const t = useMemoT();
  return (
    <span className={`lw-pill lw-pill-incident-${status}`} data-status={status}>
      {t(`board.incidentStatus.${status}`)}
    </span>
  );
}

/** 红色预警 badge in the level colour. */
export function LevelBadge({ severity, long }: { severity: CapSeverity; long?: boolean }): React.JSX.Element {
  const t = useMemoT();
  const level = levelKeyOf({ severity });
  return (
    <span className={`lw-level-badge level-${level}`} data-level={level}>
      {long ? t(`board.levelLong.${level}`) : t(`level.${level}`)}
    </span>
  );
}

/** Ⅰ级 badge of an incident in its level colour. */
export function IncidentLevelBadge({ level, long }: { level: IncidentLevel; long?: boolean }): React.JSX.Element {
  const t = useMemoT();
  return (
    <span className={`lw-level-badge level-${INCIDENT_LEVEL_COLOR[level]}`} data-level={level}>
      {long ? t(`board.incidentLevelLong.${level}`) : t(`board.incidentLevel.${level}`)}
    </span>
  );
}

/** The agency's short name, tinted by its domain. */
export function AgencyTag({ agency }: { agency: AgencyId }): React.JSX.Element {
  const lang = useLang();
  const a = AGENCIES[agency];
  return (
    <span className={`lw-agency-tag domain-${a.domain ?? 'command'}`} title={a.name[lang]}>
      {a.short[lang]}
    </span>
  );
}
