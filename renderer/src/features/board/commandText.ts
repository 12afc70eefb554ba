/**
 * Saying what happened to a command in the user's language (pure). The hub
 * refuses with a code and facts (`detail {by, at, status}`); its `message`
 * is English for logs, so the sentence is built here and the hub's message
 * is kept as the second line.
 */
import { INCIDENT_STATUSES, PARTICIPATION_STATUSES, TASK_STATUSES } from '@shared/domain/model';
import type { CommandType, User } from '@shared/domain/roles';
import type { Refusal } from '@shared/protocol/commands';
import type { Presence } from '@shared/protocol/workstation';
import { beijingDay, beijingHm } from './format';

/** The slice of i18next's `t` these helpers use. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface PeopleContext {
  presence: Presence['users'];
  self: User | null;
  /** Every account the hub knew at sign-in (`LiveSnapshot.directory`), for people not present. */
  directory?: readonly User[];
}

/** The people of a live snapshot, outside React (`usePeople` inside). */
export function peopleOf(snapshot: { presence: Presence['users']; user: User | null; directory: readonly User[] }): PeopleContext {
  return { presence: snapshot.presence, self: snapshot.user, directory: snapshot.directory };
}

/**
 * Display names by login name, one index per directory (the same array until
 * the next sign-in): a timeline names every row's actor, and the directory
 * may hold thousands of accounts.
 */
const directoryIndexes = new WeakMap<readonly User[], ReadonlyMap<string, string>>();

function directoryName(directory: readonly User[], name: string): string | undefined {
  let index = directoryIndexes.get(directory);
  if (!index) directoryIndexes.set(directory, (index = new Map(directory.map((u) => [u.name, u.displayName]))));
  return index.get(name);
}

/**
 * A person for an actor id: `user:wangwu` → 王五 when they are the
 * signed-in user, present, or in the hub's directory, else the login name
 * (an account the hub no longer has); sources and the system get their own
 * words.
 */
export function actorName(actor: string | undefined, people: PeopleContext, t: Translate): string {
  if (!actor) return t('command.someone');
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':');
  if (kind === 'user') {
    if (people.self?.name === name) return people.self.displayName;
    return people.presence.find((u) => u.name === name)?.displayName ?? (people.directory && directoryName(people.directory, name)) ?? name;
  }
  if (kind === 'source') return t('command.actor.source', { feed: name });
  if (kind === 'system') return t('command.actor.system');
  return actor;
}

/** `14:03` today, `11-25 14:03` on another day (Beijing time). */
export function shortTime(at: number, now: number): string {
  return beijingDay(at) === beijingDay(now) ? beijingHm(at) : `${beijingDay(at).slice(5)} ${beijingHm(at)}`;
}

/** i18n key of a command's name (`command.type.alert_acknowledge`: i18next reads dots as nesting). */
export function commandLabelKey(command: CommandType): string {
  return `command.type.${command.replace('.', '_')}`;
}

const CONFLICT_STATUSES = new Set(['acknowledged', 'dismissed', 'cancelled', 'superseded', 'expired', 'closed']);
/** States a person brought about; the others (cancelled by the source, superseded, expired) blame nobody. */
const BY_SOMEONE = new Set(['acknowledged', 'dismissed', 'closed']);

/**
 * i18n key naming the state an incident command found instead (participation,
 * incident status, level, task status), or undefined when the command has no
 * such vocabulary.
 */
function incidentStateKey(command: CommandType, status: string): string | undefined {
  const has = (list: readonly string[]): boolean => list.includes(status);
  switch (command) {
    case 'incident.respond':
    case 'incident.requestAgency':
      return has(PARTICIPATION_STATUSES) ? `detail.participation.${status}` : undefined;
    case 'incident.setStatus':
    case 'incident.reopen':
      return has(INCIDENT_STATUSES) ? `board.incidentStatus.${status}` : undefined;
    case 'incident.setLevel':
      return has(['1', '2', '3', '4']) ? `board.incidentLevelLong.${status}` : undefined;
    case 'incident.updateTask':
      return has(TASK_STATUSES) ? `detail.taskStatus.${status}` : undefined;
    default:
      return undefined;
  }
}

/** A conflict on an incident command: "已由 吴静 于 14:03 更新为「已确认」", "该部门已是牵头部门". */
function incidentConflict(r: Pick<Refusal, 'detail'>, command: CommandType, people: PeopleContext, t: Translate, now: number): string {
  const action = t(commandLabelKey(command));
  const status = r.detail?.status;
  if (!status) return t('incident.conflict.generic', { action });
  if (status === 'lead') return t('incident.conflict.lead');
  const key = incidentStateKey(command, status);
  if (!key) return t('command.conflict.other', { action, status });
  const state = t(key);
  if (r.detail?.by && r.detail.at !== undefined) return t('incident.conflict.stateByAt', { state, who: actorName(r.detail.by, people, t), time: shortTime(r.detail.at, now) });
  return t('incident.conflict.state', { state });
}

/**
 * The sentence for a refusal, e.g. a conflict `{by: 'user:wangwu', at,
 * status: 'dismissed'}` → "已由 王五 于 14:03 排除".
 */
export function refusalTitle(r: Pick<Refusal, 'code' | 'message' | 'detail'>, command: CommandType, people: PeopleContext, t: Translate, now = Date.now()): string {
  const action = t(commandLabelKey(command));
  switch (r.code) {
    case 'conflict': {
      const status = r.detail?.status;
      if (command.startsWith('incident.') && status !== 'closed') return incidentConflict(r, command, people, t, now);
      if (!status || !CONFLICT_STATUSES.has(status)) return t('command.conflict.other', { action, status: status ?? '' });
      if (!BY_SOMEONE.has(status)) return t(`command.conflict.plain.${status}`);
      const who = r.detail?.by ? actorName(r.detail.by, people, t) : undefined;
      const time = r.detail?.at !== undefined ? shortTime(r.detail.at, now) : undefined;
      if (who && time) return t(`command.conflict.byAt.${status}`, { who, time });
      if (time) return t(`command.conflict.at.${status}`, { time });
      return t(`command.conflict.plain.${status}`);
    }
    case 'forbidden':
      return t('command.refused.forbidden', { action });
    case 'not-found':
      return t('command.refused.not-found', { action });
    case 'invalid':
      return t('command.refused.invalid', { action });
    case 'unavailable':
      return t('command.refused.unavailable', { action });
  }
}
