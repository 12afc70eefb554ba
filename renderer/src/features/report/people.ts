/**
 * Who the report can name: the signed-in user, the users present on the hub,
 * every account in the hub's directory (sent at sign-in), and (embedded demo
 * hub) the demo accounts the hub describes. Anyone else in the log (an
 * account since removed) is shown by login name; their agency is inferred where the
 * permission table allows (shared/report/timeline.ts).
 */
import { isAgencyId } from '@shared/domain/agencies';
import { roleSchema } from '@shared/domain/roles';
import type { Person } from '@shared/report/timeline';
import type { LiveSnapshot } from '../../live/types';
import { platform } from '../../platform';

export async function knownPeople(snapshot: Pick<LiveSnapshot, 'user' | 'presence' | 'directory'>): Promise<Person[]> {
  const people = new Map<string, Person>();
  const put = (p: { name: string; displayName: string; role: string; agency?: string }): void => {
    const role = roleSchema.safeParse(p.role);
    if (!role.success || people.has(p.name)) return;
    people.set(p.name, { name: p.name, displayName: p.displayName, role: role.data, ...(isAgencyId(p.agency) ? { agency: p.agency } : {}) });
  };
  if (snapshot.user) put(snapshot.user);
  for (const u of snapshot.presence) put(u);
  for (const u of snapshot.directory) put(u);
  const hub = await platform.hubInfo();
  if (hub.ok) for (const a of hub.value.demo?.accounts ?? []) put(a);
  return [...people.values()];
}
