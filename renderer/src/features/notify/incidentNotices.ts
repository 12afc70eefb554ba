/**
 * Who must hear about an incident change (issue 6): the commander when an
 * agency's deadline ran out and the hub escalated (`sla.escalated` from
 * `system:sla`), the requested agency's duty officer when the hub reminded
 * it (`sla.reminder`), and an agency's desks when a note names it with
 * `@agency`. The commander's desk answers for the joint command center, so
 * `@联合指挥` reaches it.
 *
 * Derived from the folded incidents the live store already delivers, not
 * from raw events: the reducer sets `overdue`/`reminded` on the
 * participation and appends the note, so a change of those is the event.
 * Like the alert alarms, only changes that arrive while the connection was
 * already live are news; a reload's catch-up stays quiet.
 */
import type { AgencyId } from '@shared/domain/agencies';
import type { Incident } from '@shared/domain/model';
import { actorOf, type User } from '@shared/domain/roles';
import type { LiveDelta, LiveSnapshot, LiveStore } from '../../live/types';
import { newsGate } from './liveness';

export type IncidentNotice =
  | { kind: 'escalated'; incident: Incident; agencies: AgencyId[] }
  | { kind: 'reminder'; incident: Incident; agency: AgencyId }
  | { kind: 'mention'; incident: Incident; agency: AgencyId; by: string; text: string };

/** The desk a user answers for: their agency, or the command center for a commander. */
export function deskAgencyOf(user: User): AgencyId | undefined {
  return user.role === 'commander' ? 'hlj-command' : user.agency;
}

/** What `user` should be told about the change from `prev` to `next` (pure). */
export function incidentNotices(prev: Incident | undefined, next: Incident, user: User): IncidentNotice[] {
  const out: IncidentNotice[] = [];
  if (user.role === 'commander') {
    // One notice per incident, naming the agencies that newly ran out (a response or a task);
    // none named when the hub marked only the incident itself overdue.
    const agencies = new Set<AgencyId>();
    for (const p of Object.values(next.agencies)) if (p?.overdue && !prev?.agencies[p.agency]?.overdue) agencies.add(p.agency);
    for (const task of Object.values(next.tasks)) if (task.overdue && !prev?.tasks[task.id]?.overdue) agencies.add(task.agency);
    if (agencies.size > 0 || (next.overdue && !prev?.overdue)) out.push({ kind: 'escalated', incident: next, agencies: [...agencies] });
  }
  if (user.role === 'dutyOfficer' && user.agency) {
    const p = next.agencies[user.agency];
    if (p?.reminded && !prev?.agencies[user.agency]?.reminded) out.push({ kind: 'reminder', incident: next, agency: user.agency });
  }
  const desk = deskAgencyOf(user);
  if (desk) {
    const lastSeen = prev?.notes.at(-1)?.seq ?? 0;
    for (const note of next.notes) {
      if (note.seq > lastSeen && note.by !== actorOf(user) && note.mentions.includes(desk)) {
        out.push({ kind: 'mention', incident: next, agency: desk, by: note.by, text: note.text });
      }
    }
  }
  return out;
}

/**
 * The agencies an incident is overdue on now (a response or a task past its
 * deadline), in first-seen order: one escalation notice per incident names
 * them all, so a desk sees one card per incident however many run out.
 */
export function overdueAgenciesOf(incident: Incident): AgencyId[] {
  const out = new Set<AgencyId>();
  for (const p of Object.values(incident.agencies)) if (p?.overdue) out.add(p.agency);
  for (const task of Object.values(incident.tasks)) if (task.overdue) out.add(task.agency);
  return [...out];
}

type Source = Pick<LiveStore, 'onDidApplyDelta' | 'subscribe' | 'getSnapshot'>;

/** Watches the store and calls `onNotice` with the notices of each live delta. Returns a disposer. */
export function watchIncidentNotices(store: Source, onNotice: (notices: IncidentNotice[], snapshot: LiveSnapshot) => void): () => void {
  const known = new Map<string, Incident>();
  const gate = newsGate(store);
  const stopDelta = store.onDidApplyDelta((delta: LiveDelta, snapshot: LiveSnapshot) => {
    if (delta.reset) {
      known.clear();
      for (const [id, i] of snapshot.incidents) known.set(id, i);
      return;
    }
    const user = snapshot.user;
    const live = gate.isNews(snapshot);
    const notices: IncidentNotice[] = [];
    for (const id of delta.incidents.remove) known.delete(id);
    for (const incident of delta.incidents.upsert) {
      if (user && live) notices.push(...incidentNotices(known.get(incident.id), incident, user));
      known.set(incident.id, incident);
    }
    if (notices.length > 0) onNotice(notices, snapshot);
  });
  return () => {
    gate.stop();
    stopDelta();
  };
}
