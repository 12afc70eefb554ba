/**
 * The workstation's replica of the event log in IndexedDB (Dexie), one
 * database per hub and user (what a user may see differs, so replicas are
 * never shared between users).
 *
 * Events are stored in chunks, one row per batch the hub sent: IndexedDB
 * manages only ~7–11k rows/s with bulkPut on this machine (DESIGN §5), so a
 * row per event would cap the replica far below the hub's rate.
 */
import Dexie, { type Table } from 'dexie';
import type { DomainEvent } from '@shared/domain/events';
import type { OutboxEntry } from './types';

export interface Chunk {
  /** Seq of the first event in the chunk. */
  first: number;
  last: number;
  events: DomainEvent[];
}

interface Meta {
  key: string;
  value: unknown;
}

export class Replica extends Dexie {
  chunks!: Table<Chunk, number>;
  meta!: Table<Meta, string>;
  outbox!: Table<OutboxEntry, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      chunks: '&first, last',
      meta: '&key',
      outbox: '&id, status, createdAt',
    });
  }

  static nameFor(hubKey: string, user: string): string {
    return `longwatch-${hubKey}-${user}`;
  }

  /** Every stored event after `after`, in order. */
  async eventsAfter(after: number): Promise<DomainEvent[]> {
    const chunks = await this.chunks.where('last').above(after).sortBy('first');
    const out: DomainEvent[] = [];
    for (const c of chunks) for (const e of c.events) if (e.seq > after) out.push(e);
    return out;
  }

  /** Appends one batch as one chunk, in one transaction. Events at or below the stored head are skipped. */
  async append(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.transaction('rw', this.chunks, async () => {
      await this.chunks.put({ first: events[0]!.seq, last: events[events.length - 1]!.seq, events });
    });
  }

  async lastSeq(): Promise<number> {
    const last = await this.chunks.orderBy('last').last();
    return last?.last ?? 0;
  }

  async pendingCommands(): Promise<OutboxEntry[]> {
    return this.outbox.where('status').anyOf('pending', 'sent').sortBy('createdAt');
  }

  async recentCommands(limit = 50): Promise<OutboxEntry[]> {
    return (await this.outbox.orderBy('createdAt').reverse().limit(limit).toArray()).reverse();
  }
}
