/**
 * The UI's one path for incident commands (the incident view, the board's
 * bulk bar, the alert detail). Like `board/commands.ts` for alerts: the
 * permission check only hides what the role can never do — the hub judges
 * every command — the command goes through the live store's outbox (so it
 * waits while the hub is unreachable), and a refusal comes back as a toast
 * in the user's language.
 */
import i18next from 'i18next';
import type { Alert, Incident } from '@shared/domain/model';
import { authorize, type CommandTarget, type CommandType, type User } from '@shared/domain/roles';
import type { CommandBody, CommandResult } from '@shared/protocol/commands';
import type { LiveStore, OutboxEntry } from '../../live/types';
import { peopleOf, refusalTitle, type Translate } from '../board/commandText';
import { pushToast } from '../notify/toasts';
import { select } from '../workspace/selection';

const t: Translate = (key, values) => i18next.t(key, values ?? {});

export type IncidentCommandType = Exclude<CommandType, 'alert.acknowledge' | 'alert.dismiss'>;

/** Whether `user` may run `type` on `incident` (its lead is the target's lead), optionally for an agency. */
export function may(user: User | null, type: CommandType, incident?: Pick<Incident, 'lead'>, target: CommandTarget = {}): boolean {
  return !!user && authorize(user, type, { ...target, ...(incident?.lead ? { lead: incident.lead } : {}) });
}

/**
 * Sends one incident command and resolves with the hub's answer. While the
 * hub is unreachable the promise waits (the command is pending in the
 * outbox); a refusal, now or after reconnecting, is shown as a toast.
 */
export async function runIncidentCommand<T extends IncidentCommandType>(store: LiveStore, type: T, body: CommandBody<T>, what?: string): Promise<CommandResult> {
  const result = await store.command(type, body);
  if (!result.ok) {
    const snapshot = store.getSnapshot();
    pushToast({
      kind: 'error',
      title: refusalTitle(result, type, peopleOf(snapshot), t),
      detail: `${what ? `${what} · ` : ''}${result.message}`,
      key: `refusal:${type}:${'incidentId' in body ? body.incidentId : ''}`,
    });
  }
  return result;
}

/**
 * Opens an incident from alerts (operator, commander) and selects it once
 * the hub has appended it. Alerts already in another open incident move
 * over (the hub logs the unlink).
 */
export async function openIncidentFrom(store: LiveStore, alerts: readonly Pick<Alert, 'id' | 'headline'>[]): Promise<CommandResult> {
  const result = await runIncidentCommand(store, 'incident.open', { alertIds: alerts.map((a) => a.id) }, alerts[0]?.headline);
  if (result.ok) {
    // The new incident is the one that lists the first alert, appended at `seq`.
    const first = alerts[0]?.id;
    const found = [...store.getSnapshot().incidents.values()].find((i) => first !== undefined && i.alerts.includes(first) && i.status !== 'closed' && !i.mergedInto);
    if (found) select({ kind: 'incident', id: found.id });
  }
  return result;
}

/** The incident an outbox entry acts on, if any. */
export function incidentIdOf(entry: Pick<OutboxEntry, 'type' | 'body'>): string | undefined {
  if (!entry.type.startsWith('incident.')) return undefined;
  const id = (entry.body as { incidentId?: unknown } | null)?.incidentId;
  return typeof id === 'string' ? id : undefined;
}

/** Commands for `incidentId` still on their way (pending or sent), oldest first. */
export function pendingFor(outbox: readonly OutboxEntry[], incidentId: string): OutboxEntry[] {
  return outbox.filter((e) => (e.status === 'pending' || e.status === 'sent') && incidentIdOf(e) === incidentId);
}

/** Commands for `incidentId` the hub refused, newest first (the last `limit`). */
export function refusedFor(outbox: readonly OutboxEntry[], incidentId: string, limit = 3): OutboxEntry[] {
  return outbox
    .filter((e) => e.status === 'refused' && incidentIdOf(e) === incidentId)
    .reverse()
    .slice(0, limit);
}

/** A pending `incident.respond` for `agency`, to show that row's answer as on its way. */
export function pendingResponse(pending: readonly OutboxEntry[], agency: string): OutboxEntry | undefined {
  return pending.find((e) => e.type === 'incident.respond' && (e.body as { agency?: unknown }).agency === agency);
}
