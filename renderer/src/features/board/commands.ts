/**
 * The UI's one path for alert commands (board rows, keyboard, bulk bar,
 * detail panel). It checks permission only to avoid sending what the role
 * can never do (the hub still judges every command), sends through the live
 * store's outbox, and turns refusals into readable toasts.
 */
import i18next from 'i18next';
import type { Alert, Disposition } from '@shared/domain/model';
import { authorize, type CommandType, type User } from '@shared/domain/roles';
import type { CommandResult, Refusal } from '@shared/protocol/commands';
import type { LiveStore, OutboxEntry } from '../../live/types';
import { pushToast } from '../notify/toasts';
import { commandLabelKey, peopleOf, refusalTitle, type Translate } from './commandText';

const t: Translate = (key, values) => i18next.t(key, values ?? {});

export function canAcknowledge(user: User | null, alert: Pick<Alert, 'agency' | 'status'>): boolean {
  return !!user && alert.status === 'new' && authorize(user, 'alert.acknowledge', { agency: alert.agency });
}

export function canDismiss(user: User | null, alert: Pick<Alert, 'agency' | 'status'>): boolean {
  return !!user && alert.status === 'new' && authorize(user, 'alert.dismiss', { agency: alert.agency });
}

/** The alert a pending outbox entry acts on, if it is an alert command. */
export function alertIdOf(entry: Pick<OutboxEntry, 'type' | 'body'>): string | undefined {
  if (entry.type !== 'alert.acknowledge' && entry.type !== 'alert.dismiss') return undefined;
  const id = (entry.body as { alertId?: unknown } | null)?.alertId;
  return typeof id === 'string' ? id : undefined;
}

function toastRefusal(store: LiveStore, type: CommandType, refusals: { alert: Alert; result: Refusal }[], total: number): void {
  if (refusals.length === 0) return;
  const snapshot = store.getSnapshot();
  const people = peopleOf(snapshot);
  const first = refusals[0]!;
  const title = refusalTitle(first.result, type, people, t);
  if (total === 1) {
    pushToast({ kind: 'error', title, detail: `「${first.alert.headline}」 · ${first.result.message}`, key: `refusal:${first.alert.id}` });
    return;
  }
  pushToast({
    kind: 'error',
    title: t('command.bulkRefused', { action: t(commandLabelKey(type)), refused: refusals.length, total }),
    detail: `${title} — 「${first.alert.headline}」`,
  });
}

async function run(store: LiveStore, type: CommandType, alerts: readonly Alert[], bodyOf: (a: Alert) => unknown): Promise<CommandResult[]> {
  const results = await Promise.all(alerts.map((a) => store.command(type, bodyOf(a))));
  const refusals = results.flatMap((result, i) => (result.ok ? [] : [{ alert: alerts[i]!, result }]));
  toastRefusal(store, type, refusals, alerts.length);
  if (alerts.length > 1 && refusals.length < alerts.length) {
    pushToast({ kind: 'success', title: t('command.bulkDone', { action: t(commandLabelKey(type)), count: alerts.length - refusals.length }) });
  }
  return results;
}

/**
 * Acknowledges alerts. What the user could never acknowledge is not sent;
 * the UI hides those controls, so this only filters a bulk selection.
 */
export function acknowledge(store: LiveStore, alerts: readonly Alert[]): Promise<CommandResult[]> {
  const user = store.getSnapshot().user;
  const allowed = alerts.filter((a) => canAcknowledge(user, a));
  return run(store, 'alert.acknowledge', allowed, (a) => ({ alertId: a.id }));
}

export function dismiss(store: LiveStore, alerts: readonly Alert[], disposition: Disposition): Promise<CommandResult[]> {
  const user = store.getSnapshot().user;
  const allowed = alerts.filter((a) => canDismiss(user, a));
  return run(store, 'alert.dismiss', allowed, (a) => ({ alertId: a.id, disposition }));
}
