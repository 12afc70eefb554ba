import { describe, expect, it } from 'vitest';
import type { User } from '@shared/domain/roles';
import type { OutboxEntry } from '../../live/types';
import { incident } from '../board/testing';
import { may, pendingFor, pendingResponse, refusedFor } from './incidentCommands';

const ecology: User = { name: 'ecology', displayName: '吴静', role: 'dutyOfficer', agency: 'hlj-ecology' };
const commander: User = { name: 'commander', displayName: '王建国', role: 'commander' };
const operator: User = { name: 'operator', displayName: '张伟', role: 'operator' };

const entry = (id: string, status: OutboxEntry['status'], type: OutboxEntry['type'], body: object): OutboxEntry => ({ id, status, type, body, createdAt: 0, attempts: 0 });

describe('incident command helpers', () => {
  it('allows what the permission table allows, with the incident lead as target', () => {
    const led = incident({ lead: 'hlj-ecology' });
    const unled = incident();
    expect(may(commander, 'incident.close', led)).toBe(true);
    expect(may(operator, 'incident.close', led)).toBe(false);
    expect(may(ecology, 'incident.createTask', led)).toBe(true);
    expect(may(ecology, 'incident.createTask', unled)).toBe(false);
    expect(may(ecology, 'incident.respond', led, { agency: 'hlj-ecology' })).toBe(true);
    expect(may(ecology, 'incident.respond', led, { agency: 'hlj-traffic' })).toBe(false);
    expect(may(null, 'incident.addNote', led)).toBe(false);
  });

  it('picks the pending and refused commands of one incident', () => {
    const outbox = [
      entry('1', 'done', 'incident.addNote', { incidentId: 'INC-1', text: 'x' }),
      entry('2', 'pending', 'incident.respond', { incidentId: 'INC-1', agency: 'hlj-traffic', response: 'acknowledged' }),
      entry('3', 'sent', 'incident.addNote', { incidentId: 'INC-2', text: 'y' }),
      entry('4', 'refused', 'incident.close', { incidentId: 'INC-1' }),
      entry('5', 'pending', 'alert.acknowledge', { alertId: 'a' }),
    ];
    expect(pendingFor(outbox, 'INC-1').map((e) => e.id)).toEqual(['2']);
    expect(refusedFor(outbox, 'INC-1').map((e) => e.id)).toEqual(['4']);
    expect(pendingResponse(pendingFor(outbox, 'INC-1'), 'hlj-traffic')?.id).toBe('2');
    expect(pendingResponse(pendingFor(outbox, 'INC-1'), 'hlj-safety')).toBeUndefined();
  });
});
