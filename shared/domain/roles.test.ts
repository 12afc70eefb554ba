import { describe, expect, it } from 'vitest';
import { ADMIN_COMMAND_TYPES, authorize, authorizeAdmin, canSee, COMMAND_TYPES, ROLES, type AdminCommandType, type CommandTarget, type CommandType, type Role, type User } from './roles';

/**
 * The permission table, written out by hand: for each command, what each role
 * may do. 'own' = a duty officer only for targets of their own agency;
 * 'lead' = a duty officer only when their agency leads; '-' = never.
 */
const EXPECTED: Record<CommandType, Record<Role, 'yes' | 'own' | 'lead' | '-'>> = {
  //                       operator  dutyOfficer commander analyst admin
  'alert.acknowledge':      { operator: '-',   dutyOfficer: 'own',  commander: '-',   analyst: '-', admin: '-' },
  'alert.dismiss':          { operator: 'yes', dutyOfficer: 'own',  commander: '-',   analyst: '-', admin: '-' },
  'incident.open':          { operator: 'yes', dutyOfficer: '-',    commander: 'yes', analyst: '-', admin: '-' },
  'incident.setLevel':      { operator: '-',   dutyOfficer: '-',    commander: 'yes', analyst: '-', admin: '-' },
  'incident.setStatus':     { operator: '-',   dutyOfficer: 'lead', commander: 'yes', analyst: '-', admin: '-' },
  'incident.assignLead':    { operator: '-',   dutyOfficer: '-',    commander: 'yes', analyst: '-', admin: '-' },
  'incident.requestAgency': { operator: '-',   dutyOfficer: 'lead', commander: 'yes', analyst: '-', admin: '-' },
  'incident.respond':       { operator: '-',   dutyOfficer: 'own',  commander: '-',   analyst: '-', admin: '-' },
  'incident.linkAlert':     { operator: 'yes', dutyOfficer: '-',    commander: 'yes', analyst: '-', admin: '-' },
  'incident.unlinkAlert':   { operator: 'yes', dutyOfficer: '-',    commander: 'yes', analyst: '-', admin: '-' },
  'incident.merge':         { operator: 'yes', dutyOfficer: '-',    commander: 'yes', analyst: '-', admin: '-' },
  'incident.createTask':    { operator: '-',   dutyOfficer: 'lead', commander: 'yes', analyst: '-', admin: '-' },
  'incident.updateTask':    { operator: '-',   dutyOfficer: 'own',  commander: 'yes', analyst: '-', admin: '-' },
  'incident.addNote':       { operator: 'yes', dutyOfficer: 'yes',  commander: 'yes', analyst: '-', admin: '-' },
  'incident.close':         { operator: '-',   dutyOfficer: '-',    commander: 'yes', analyst: '-', admin: '-' },
  'incident.reopen':        { operator: '-',   dutyOfficer: '-',    commander: 'yes', analyst: '-', admin: '-' },
};

const userOf = (role: Role): User =>
  role === 'dutyOfficer' ? { name: 'duty', displayName: '值班长', role, agency: 'hlj-traffic' } : { name: role.toLowerCase(), displayName: role, role };

const mine: CommandTarget = { agency: 'hlj-traffic', lead: 'hlj-traffic' };
const theirs: CommandTarget = { agency: 'hlj-ecology', lead: 'hlj-ecology' };

describe('authorize: every role × command', () => {
  it('the expected table covers every command and role', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...COMMAND_TYPES].sort());
    for (const row of Object.values(EXPECTED)) expect(Object.keys(row).sort()).toEqual([...ROLES].sort());
  });

  const cases = COMMAND_TYPES.flatMap((command) => ROLES.map((role) => [command, role, EXPECTED[command][role]] as const));
  it.each(cases)('%s by %s: %s', (command, role, expected) => {
    const user = userOf(role);
    const onMine = authorize(user, command, mine);
    const onTheirs = authorize(user, command, theirs);
    switch (expected) {
      case 'yes':
        expect([onMine, onTheirs]).toEqual([true, true]);
        break;
      case '-':
        expect([onMine, onTheirs]).toEqual([false, false]);
        break;
      case 'own':
        expect([onMine, onTheirs]).toEqual([true, false]);
        expect(authorize(user, command, { agency: 'hlj-ecology', lead: 'hlj-traffic' })).toBe(false);
        break;
      case 'lead':
        expect([onMine, onTheirs]).toEqual([true, false]);
        expect(authorize(user, command, { agency: 'hlj-traffic', lead: 'hlj-ecology' })).toBe(false);
        break;
    }
  });
});

/** Admin commands (the agency feeds at the hub), written out by hand. */
const EXPECTED_ADMIN: Record<AdminCommandType, Record<Role, 'yes' | '-'>> = {
  //                  operator  dutyOfficer commander analyst admin
  'feeds.list':   { operator: '-', dutyOfficer: '-', commander: '-', analyst: '-', admin: 'yes' },
  'feeds.add':    { operator: '-', dutyOfficer: '-', commander: '-', analyst: '-', admin: 'yes' },
  'feeds.edit':   { operator: '-', dutyOfficer: '-', commander: '-', analyst: '-', admin: 'yes' },
  'feeds.remove': { operator: '-', dutyOfficer: '-', commander: '-', analyst: '-', admin: 'yes' },
  'feeds.test':   { operator: '-', dutyOfficer: '-', commander: '-', analyst: '-', admin: 'yes' },
};

describe('authorizeAdmin: every role × admin command', () => {
  it('the expected table covers every admin command and role', () => {
    expect(Object.keys(EXPECTED_ADMIN).sort()).toEqual([...ADMIN_COMMAND_TYPES].sort());
    for (const row of Object.values(EXPECTED_ADMIN)) expect(Object.keys(row).sort()).toEqual([...ROLES].sort());
  });

  const cases = ADMIN_COMMAND_TYPES.flatMap((command) => ROLES.map((role) => [command, role, EXPECTED_ADMIN[command][role]] as const));
  it.each(cases)('%s by %s: %s', (command, role, expected) => {
    expect(authorizeAdmin(userOf(role), command)).toBe(expected === 'yes');
  });

  it('no domain command is an admin command, and the admin runs no domain command', () => {
    for (const c of ADMIN_COMMAND_TYPES) expect((COMMAND_TYPES as readonly string[]).includes(c)).toBe(false);
    for (const c of COMMAND_TYPES) expect(authorize(userOf('admin'), c, mine)).toBe(false);
  });
});

describe('canSee', () => {
  it('shows sensitive items only to the commander and the owning agency', () => {
    expect(canSee(userOf('commander'), 'sensitive', 'hlj-security')).toBe(true);
    expect(canSee({ name: 'sec', displayName: 'x', role: 'dutyOfficer', agency: 'hlj-security' }, 'sensitive', 'hlj-security')).toBe(true);
    expect(canSee(userOf('dutyOfficer'), 'sensitive', 'hlj-security')).toBe(false);
    for (const role of ['operator', 'analyst', 'admin'] as const) expect(canSee(userOf(role), 'sensitive', 'hlj-security')).toBe(false);
    for (const role of ROLES) {
      expect(canSee(userOf(role), 'public')).toBe(true);
      expect(canSee(userOf(role), 'internal')).toBe(true);
    }
  });
});
