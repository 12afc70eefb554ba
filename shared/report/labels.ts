/**
 * Bilingual wording of the records this folder writes (timeline actions,
 * after-action packet, CSV). Reports leave the app as files, so their text
 * is fixed here rather than in the renderer's i18n tables, which `shared/`
 * cannot import. Chinese follows the wording of the UI (`renderer/src/i18n`).
 */
import { AGENCIES, type AgencyId } from '../domain/agencies';
import type { Alert, CloseDisposition, Disposition, IncidentLevel, IncidentStatus, ParticipationStatus, TaskStatus } from '../domain/model';
import type { CapSeverity } from '../domain/warningLevel';

export type Lang = 'zh' | 'en';
/** A text in both report languages. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export const bi = (zh: string, en: string): Bilingual => ({ zh, en });

/** Alerts as the caller holds them: the live snapshot's map, the folded state's `PMap`, or a list. */
export type AlertSource = { get(id: string): Alert | undefined } | readonly Alert[];

export function alertLookup(alerts: AlertSource | undefined): (id: string) => Alert | undefined {
  if (alerts === undefined) return () => undefined;
  if (Array.isArray(alerts)) {
    const byId = new Map((alerts as readonly Alert[]).map((a) => [a.id, a]));
    return (id) => byId.get(id);
  }
  const map = alerts as { get(id: string): Alert | undefined };
  return (id) => map.get(id);
}

export const CENTER_NAME: Bilingual = AGENCIES['hlj-command'].name;

export function agencyName(id: AgencyId | undefined): Bilingual {
  if (id === undefined) return bi('—', '—');
  return AGENCIES[id]?.name ?? bi(id, id);
}

export function agencyShort(id: AgencyId | undefined): Bilingual {
  if (id === undefined) return bi('—', '—');
  return AGENCIES[id]?.short ?? bi(id, id);
}

export const LEVEL_LABEL: Readonly<Record<IncidentLevel, Bilingual>> = {
  1: bi('Ⅰ级（特别重大）', 'Level I (extremely serious)'),
  2: bi('Ⅱ级（重大）', 'Level II (very serious)'),
  3: bi('Ⅲ级（较大）', 'Level III (serious)'),
  4: bi('Ⅳ级（一般）', 'Level IV (general)'),
};

export const INCIDENT_STATUS_LABEL: Readonly<Record<IncidentStatus, Bilingual>> = {
  open: bi('已立案', 'open'),
  responding: bi('处置中', 'responding'),
  contained: bi('已控制', 'contained'),
  resolved: bi('已解决', 'resolved'),
  closed: bi('已关闭', 'closed'),
};

export const PARTICIPATION_LABEL: Readonly<Record<ParticipationStatus, Bilingual>> = {
  notified: bi('已通知', 'notified'),
  acknowledged: bi('已确认', 'acknowledged'),
  declined: bi('已拒绝', 'declined'),
  dispatched: bi('已出动', 'dispatched'),
  'on-scene': bi('已到场', 'on scene'),
  done: bi('已完成', 'done'),
};

export const TASK_STATUS_LABEL: Readonly<Record<TaskStatus, Bilingual>> = {
  open: bi('待办', 'open'),
  'in-progress': bi('进行中', 'in progress'),
  done: bi('已完成', 'done'),
  cancelled: bi('已取消', 'cancelled'),
};

export const DISPOSITION_LABEL: Readonly<Record<Disposition, Bilingual>> = {
  relevant: bi('相关', 'relevant'),
  duplicate: bi('重复', 'duplicate'),
  'false-positive': bi('误报', 'false positive'),
};

export const CLOSE_DISPOSITION_LABEL: Readonly<Record<CloseDisposition, Bilingual>> = {
  resolved: bi('处置完毕', 'resolved'),
  'false-alarm': bi('误报', 'false alarm'),
  transferred: bi('移交', 'transferred'),
  duplicate: bi('重复', 'duplicate'),
};

export const SEVERITY_LABEL: Readonly<Record<CapSeverity, Bilingual>> = {
  Extreme: bi('红色', 'red'),
  Severe: bi('橙色', 'orange'),
  Moderate: bi('黄色', 'yellow'),
  Minor: bi('蓝色', 'blue'),
  Unknown: bi('未定级', 'unrated'),
};

export const SLA_KIND_LABEL: Readonly<Record<'acknowledge' | 'resolve' | 'task', Bilingual>> = {
  acknowledge: bi('响应确认', 'acknowledgement'),
  resolve: bi('处置完成', 'resolution'),
  task: bi('任务', 'task'),
};

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Epoch ms → Beijing time ISO 8601 with its offset and whole seconds,
 * `2026-11-26T14:03:12+08:00`. China has no daylight saving, so a fixed
 * +08:00 is exact.
 */
export function beijingIso(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3_600_000);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** Epoch ms → `2026-11-26 14:03:12` (Beijing time), for printed pages. */
export function beijingText(ms: number): string {
  return beijingIso(ms).slice(0, 19).replace('T', ' ');
}

/** A duration as `1小时5分` / `1 h 5 min` (seconds below ten minutes: `4分30秒` / `4 min 30 s`). */
export function durationText(ms: number): Bilingual {
  const neg = ms < 0;
  const total = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: [number, string, string][] = [];
  if (d > 0) parts.push([d, '天', 'd']);
  if (h > 0) parts.push([h, '小时', 'h']);
  if (m > 0) parts.push([m, '分', 'min']);
  if ((s > 0 && total < 600) || total === 0) parts.push([s, '秒', 's']);
  const zh = parts.map(([n, u]) => `${n}${u}`);
  const en = parts.map(([n, , u]) => `${n} ${u}`);
  const sign = neg ? '-' : '';
  return bi(sign + zh.join(''), sign + en.join(' '));
}
