/**
 * Roles, what each may do, and what each may see (DESIGN §3 Roles).
 *
 * The hub is the judge: it runs `authorize` (through `decide`) on every
 * command and `canSee` on every event it sends. The UI uses the same
 * functions only to hide what a role cannot do.
 */
import { z } from 'zod';
import { AGENCY_IDS, type AgencyId } from './agencies';
import type { Classification } from './model';

export const ROLES = ['operator', 'dutyOfficer', 'commander', 'analyst', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z
  .object({
    /** Login name, also the actor id suffix (`user:<name>`). */
    name: z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/),
    /** Shown to people (王五). */
    displayName: z.string().min(1).max(64),
    role: roleSchema,
    /** The agency a duty officer answers for; absent for every other role. */
    agency: z.enum(AGENCY_IDS).optional(),
  })
  .refine((u) => (u.role === 'dutyOfficer') === (u.agency !== undefined), 'a duty officer is bound to exactly one agency; other roles to none');
export type User = z.infer<typeof userSchema>;

export function actorOf(user: Pick<User, 'name'>): `user:${string}` {
  return `user:${user.name}`;
}

export const COMMAND_TYPES = [
  'alert.acknowledge',
  'alert.dismiss',
  'incident.open',
  'incident.setLevel',
  'incident.setStatus',
  'incident.assignLead',
  'incident.requestAgency',
  'incident.respond',
  'incident.linkAlert',
  'incident.unlinkAlert',
  'incident.merge',
  'incident.createTask',
  'incident.updateTask',
  'incident.addNote',
  'incident.close',
  'incident.reopen',
] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

/**
 * What a command acts on, as far as permission is concerned: the agency that
 * owns the target (the alert's agency, the responding agency, the task's
 * agency) and the incident's lead agency.
 */
export interface CommandTarget {
  agency?: AgencyId;
  lead?: AgencyId;
}

type Rule = 'any' | 'ownAgency' | 'leadAgency';

/**
 * The permission table. A role absent from a command's entry may not run it.
 * `ownAgency`: a duty officer, only when the target belongs to their agency.
 * `leadAgency`: a duty officer, only when their agency leads the incident.
 */
export const PERMISSIONS: Readonly<Record<CommandType, Partial<Record<Role, Rule>>>> = {
  'alert.acknowledge': { dutyOfficer: 'ownAgency' },
  'alert.dismiss': { operator: 'any', dutyOfficer: 'ownAgency' },
  'incident.open': { operator: 'any', commander: 'any' },
  'incident.setLevel': { commander: 'any' },
  'incident.setStatus': { commander: 'any', dutyOfficer: 'leadAgency' },
  'incident.assignLead': { commander: 'any' },
  'incident.requestAgency': { commander: 'any', dutyOfficer: 'leadAgency' },
  'incident.respond': { dutyOfficer: 'ownAgency' },
  'incident.linkAlert': { operator: 'any', commander: 'any' },
  'incident.unlinkAlert': { operator: 'any', commander: 'any' },
  'incident.merge': { operator: 'any', commander: 'any' },
  'incident.createTask': { commander: 'any', dutyOfficer: 'leadAgency' },
  'incident.updateTask': { commander: 'any', dutyOfficer: 'ownAgency' },
  'incident.addNote': { operator: 'any', dutyOfficer: 'any', commander: 'any' },
  'incident.close': { commander: 'any' },
  'incident.reopen': { commander: 'any' },
};

/** Whether `user` may run `command` on `target`. */
export function authorize(user: User, command: CommandType, target: CommandTarget = {}): boolean {
  const rule = PERMISSIONS[command][user.role];
  switch (rule) {
    case undefined:
      return false;
    case 'any':
      return true;
    case 'ownAgency':
      return user.agency !== undefined && target.agency === user.agency;
    case 'leadAgency':
      return user.agency !== undefined && target.lead === user.agency;
  }
}

/**
 * Hub administration over the workstation socket (issue 9: the agency feeds).
 * These change the hub's configuration, not the domain, so they do not pass
 * through `decide`; the hub checks them with `authorizeAdmin` and logs each
 * change as a `source.*` event.
 */
export const ADMIN_COMMAND_TYPES = ['feeds.list', 'feeds.add', 'feeds.edit', 'feeds.remove', 'feeds.test'] as const;
export type AdminCommandType = (typeof ADMIN_COMMAND_TYPES)[number];

/** The permission table of admin commands: only the admin role, never scoped to an agency. */
export const ADMIN_PERMISSIONS: Readonly<Record<AdminCommandType, Partial<Record<Role, 'any'>>>> = {
  'feeds.list': { admin: 'any' },
  'feeds.add': { admin: 'any' },
  'feeds.edit': { admin: 'any' },
  'feeds.remove': { admin: 'any' },
  'feeds.test': { admin: 'any' },
};

/** Whether `user` may run the admin command `command`. */
export function authorizeAdmin(user: Pick<User, 'role'>, command: AdminCommandType): boolean {
  return ADMIN_PERMISSIONS[command][user.role] === 'any';
}

/** Commands a role could ever run (for the UI to show or hide controls). */
export function commandsOf(role: Role): CommandType[] {
  return COMMAND_TYPES.filter((c) => PERMISSIONS[c][role] !== undefined);
}

/**
 * Who may see what (enforced at the hub: a client never receives more).
 * public: everyone. internal: every role of the center. sensitive: the
 * commander and the duty officers of the owning agency.
 */
export function canSee(user: User, classification: Classification, owner?: AgencyId): boolean {
  switch (classification) {
    case 'public':
    case 'internal':
      return true;
    case 'sensitive':
      return user.role === 'commander' || (user.role === 'dutyOfficer' && owner !== undefined && user.agency === owner);
  }
}
