/**
 * Workstation → hub commands (DESIGN §4): `command {id, type, body}` with an
 * acknowledgement `{ok: true, seq} | {ok: false, code, message}`. The id makes
 * a retried command idempotent: the hub answers a repeated id with the first
 * result and appends nothing.
 */
import { z } from 'zod';
import { COMMAND_TYPES, type CommandType } from '../domain/roles';
import {
  agencyIdSchema,
  agencyResponseSchema,
  closeDispositionSchema,
  dispositionSchema,
  epochMsSchema,
  idSchema,
  incidentLevelSchema,
  LIMITS,
  taskStatusSchema,
  textSchema,
} from '../domain/model';

const incidentId = idSchema;

export const COMMAND_BODIES = {
  'alert.acknowledge': z.object({ alertId: idSchema }),
  'alert.dismiss': z.object({ alertId: idSchema, disposition: dispositionSchema, reason: textSchema(LIMITS.reason).optional() }),
  'incident.open': z.object({
    alertIds: z.array(idSchema).min(1).max(100),
    title: textSchema(LIMITS.title).pipe(z.string().min(1)).optional(),
    level: incidentLevelSchema.optional(),
  }),
  'incident.setLevel': z.object({ incidentId, level: incidentLevelSchema, reason: textSchema(LIMITS.reason).optional() }),
  'incident.setStatus': z.object({ incidentId, status: z.enum(['open', 'responding', 'contained', 'resolved']) }),
  'incident.assignLead': z.object({ incidentId, agency: agencyIdSchema }),
  'incident.requestAgency': z.object({ incidentId, agency: agencyIdSchema }),
  'incident.respond': z.object({ incidentId, agency: agencyIdSchema, response: agencyResponseSchema, reason: textSchema(LIMITS.reason).optional() }),
  'incident.linkAlert': z.object({ incidentId, alertId: idSchema }),
  'incident.unlinkAlert': z.object({ incidentId, alertId: idSchema }),
  'incident.merge': z.object({ incidentId, from: idSchema }),
  'incident.createTask': z.object({ incidentId, title: textSchema(LIMITS.title).pipe(z.string().min(1)), agency: agencyIdSchema, due: epochMsSchema }),
  'incident.updateTask': z.object({ incidentId, taskId: idSchema, status: taskStatusSchema }),
  'incident.addNote': z.object({ incidentId, text: textSchema(LIMITS.noteText).pipe(z.string().trim().min(1)) }),
  'incident.close': z.object({ incidentId, disposition: closeDispositionSchema, summary: textSchema(LIMITS.noteText) }),
  'incident.reopen': z.object({ incidentId, reason: textSchema(LIMITS.reason).pipe(z.string().trim().min(1)) }),
} as const satisfies Record<CommandType, z.ZodType>;

export type CommandBody<T extends CommandType> = z.infer<(typeof COMMAND_BODIES)[T]>;
export type Command<T extends CommandType = CommandType> = T extends CommandType ? { id: string; type: T; body: CommandBody<T> } : never;

function commandSchemaOf<T extends CommandType>(type: T) {
  return z.object({ id: idSchema, type: z.literal(type), body: COMMAND_BODIES[type] });
}
/** Validates a command as it arrives at the hub. */
export const commandSchema = z.discriminatedUnion(
  'type',
  COMMAND_TYPES.map((t) => commandSchemaOf(t)) as unknown as [ReturnType<typeof commandSchemaOf>, ...ReturnType<typeof commandSchemaOf>[]],
);

export const REFUSAL_CODES = ['forbidden', 'not-found', 'conflict', 'invalid', 'unavailable'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * Why a command was refused. `detail` carries the facts a UI needs to say it
 * in the user's language ("already dismissed by 王五 at 14:03").
 */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
  detail?: { by?: string; at?: number; status?: string };
}

export const commandResultSchema = z.union([
  z.object({ ok: z.literal(true), seq: z.number().int().nonnegative() }),
  z.object({
    ok: z.literal(false),
    code: z.enum(REFUSAL_CODES),
    message: z.string().max(2000),
    detail: z.object({ by: z.string().optional(), at: z.number().optional(), status: z.string().optional() }).optional(),
  }),
]);
export type CommandResult = z.infer<typeof commandResultSchema>;
