/**
 * Events: the only thing ever written (DESIGN §3). Each has a `seq`, the time
 * (epoch ms), an actor (`user:<name>`, `source:<feed>`, `system:<what>`), a
 * type, a body, and the hash of the previous event (see `chain.ts`).
 *
 * Bodies are zod schemas because events cross the wire to workstations and
 * are validated there; the TypeScript types are inferred from them.
 */
import { z } from 'zod';
import {
  agencyIdSchema,
  agencyResponseSchema,
  alertContentSchema,
  classificationSchema,
  closeDispositionSchema,
  dispositionSchema,
  domainSchema,
  epochMsSchema,
  idSchema,
  incidentLevelSchema,
  incidentStatusSchema,
  LIMITS,
  pointSchema,
  regionCodeSchema,
  taskStatusSchema,
  textSchema,
} from './model';

export const actorSchema = z.string().regex(/^(user|source|system):[^\s:][^\s]{0,63}$/, 'actor must be user:<name>, source:<feed> or system:<what>');
export type Actor = z.infer<typeof actorSchema>;
export const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);

const alertRef = { alertId: idSchema };
const incidentRef = { incidentId: idSchema };

/** Body schema of every event type. Adding an event: add it here, then its reducer case. */
export const EVENT_BODIES = {
  'alert.received': z.object({ ...alertRef, content: alertContentSchema }),
  'alert.updated': z.object({ ...alertRef, content: alertContentSchema }),
  /** The same message arrived again: raises the duplicate counter. */
  'alert.repeated': z.object({ ...alertRef, sourceId: idSchema }),
  'alert.cancelled': z.object({ ...alertRef, sourceId: idSchema.optional(), reason: textSchema(LIMITS.reason).optional() }),
  /** An Update that amended several earlier alerts folds the others into the first. */
  'alert.superseded': z.object({ ...alertRef, by: idSchema }),
  'alert.expired': z.object(alertRef),
  'alert.acknowledged': z.object(alertRef),
  'alert.dismissed': z.object({ ...alertRef, disposition: dispositionSchema, reason: textSchema(LIMITS.reason).optional() }),
  /** A message that failed decoding or validation; kept in the hub's quarantine, counted here. */
  'alert.quarantined': z.object({ feed: idSchema, quarantineId: z.number().int().nonnegative(), reason: textSchema(LIMITS.reason) }),

  'incident.opened': z.object({
    ...incidentRef,
    no: z.number().int().positive(),
    title: textSchema(LIMITS.title).pipe(z.string().min(1)),
    level: incidentLevelSchema,
    alertIds: z.array(idSchema).max(1000),
    location: pointSchema,
    region: regionCodeSchema,
    classification: classificationSchema,
    domains: z.array(domainSchema).max(5),
  }),
  'incident.levelChanged': z.object({ ...incidentRef, level: incidentLevelSchema, reason: textSchema(LIMITS.reason).optional() }),
  'incident.statusChanged': z.object({ ...incidentRef, status: incidentStatusSchema }),
  'incident.leadAssigned': z.object({ ...incidentRef, agency: agencyIdSchema }),
  'incident.agencyRequested': z.object({ ...incidentRef, agency: agencyIdSchema }),
  'incident.agencyResponded': z.object({ ...incidentRef, agency: agencyIdSchema, response: agencyResponseSchema, reason: textSchema(LIMITS.reason).optional() }),
  'incident.alertLinked': z.object({ ...incidentRef, ...alertRef }),
  'incident.alertUnlinked': z.object({ ...incidentRef, ...alertRef }),
  /** `from` is folded into `incidentId`: its alerts, agencies, tasks and notes move over. */
  'incident.merged': z.object({ ...incidentRef, from: idSchema }),
  'incident.taskCreated': z.object({ ...incidentRef, taskId: idSchema, title: textSchema(LIMITS.title).pipe(z.string().min(1)), agency: agencyIdSchema, due: epochMsSchema }),
  'incident.taskUpdated': z.object({ ...incidentRef, taskId: idSchema, status: taskStatusSchema }),
  'incident.noteAdded': z.object({ ...incidentRef, text: textSchema(LIMITS.noteText).pipe(z.string().min(1)), mentions: z.array(agencyIdSchema).max(6) }),
  'incident.closed': z.object({ ...incidentRef, disposition: closeDispositionSchema, summary: textSchema(LIMITS.noteText) }),
  'incident.reopened': z.object({ ...incidentRef, reason: textSchema(LIMITS.reason).pipe(z.string().min(1)) }),

  /** An agency's deadline ran out: first a reminder to that agency … */
  'sla.reminder': z.object({ ...incidentRef, agency: agencyIdSchema, kind: z.enum(['acknowledge', 'resolve', 'task']), deadline: epochMsSchema, taskId: idSchema.optional() }),
  /** … then an escalation to the commander; the incident is marked overdue. */
  'sla.escalated': z.object({ ...incidentRef, agency: agencyIdSchema, kind: z.enum(['acknowledge', 'resolve', 'task']), deadline: epochMsSchema, taskId: idSchema.optional() }),

  'source.statusChanged': z.object({ feed: idSchema, status: z.enum(['connected', 'late', 'down']), detail: textSchema(LIMITS.reason).optional() }),
  /**
   * An admin added or changed an agency feed at the hub (issue 9). Never the
   * token: only whether this change set a new one.
   */
  'source.configured': z.object({
    feed: idSchema,
    change: z.enum(['added', 'edited']),
    name: z.object({ zh: textSchema(LIMITS.title), en: textSchema(LIMITS.title) }),
    domain: domainSchema,
    url: textSchema(LIMITS.title),
    maxRate: z.number().positive(),
    tokenChanged: z.boolean(),
  }),
  /** An admin removed an agency feed at the hub; its connection was closed. */
  'source.removed': z.object({ feed: idSchema }),
} as const;

export type EventType = keyof typeof EVENT_BODIES;
export const EVENT_TYPES = Object.keys(EVENT_BODIES) as EventType[];
export type EventBody<T extends EventType> = z.infer<(typeof EVENT_BODIES)[T]>;

/** An event before the hub gives it a place in the log. */
export type EventDraft<T extends EventType = EventType> = T extends EventType
  ? { type: T; time: number; actor: Actor; body: EventBody<T> }
  : never;

/** A sealed event, as stored and as sent to workstations. */
export type DomainEvent<T extends EventType = EventType> = T extends EventType
  ? { seq: number; time: number; actor: Actor; type: T; body: EventBody<T>; prev: string; hash: string }
  : never;

const envelope = { seq: z.number().int().positive(), time: epochMsSchema, actor: actorSchema, prev: hashSchema, hash: hashSchema };

function eventSchemaOf<T extends EventType>(type: T) {
  return z.object({ ...envelope, type: z.literal(type), body: EVENT_BODIES[type] });
}

const eventSchemas = EVENT_TYPES.map((t) => eventSchemaOf(t));
/** Validates one sealed event (any type). Typed as the precise union the schemas describe. */
export const domainEventSchema = z.discriminatedUnion(
  'type',
  eventSchemas as unknown as [ReturnType<typeof eventSchemaOf>, ...ReturnType<typeof eventSchemaOf>[]],
) as unknown as z.ZodType<DomainEvent>;

export function draft<T extends EventType>(type: T, time: number, actor: Actor, body: EventBody<T>): EventDraft<T> {
  return { type, time, actor, body } as EventDraft<T>;
}
