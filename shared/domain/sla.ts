/**
 * Service-level deadlines per incident level (and optionally per domain):
 * how long a requested agency has to acknowledge, and how long the incident
 * has to be resolved. Timers are derived from events plus a clock, never
 * stored. The center's values live in `resources/sla.json`.
 */
import { z } from 'zod';
import { AGENCIES, DOMAINS, type AgencyId } from './agencies';
import type { Incident, IncidentLevel, Participation } from './model';

const deadlineSchema = z.object({
  /** Minutes a requested agency has to acknowledge. */
  acknowledgeMinutes: z.number().positive().max(7 * 24 * 60),
  /** Minutes from opening to resolution. */
  resolveMinutes: z.number().positive().max(90 * 24 * 60),
});

export const slaConfigSchema = z.object({
  $comment: z.string().optional(),
  levels: z.object({ '1': deadlineSchema, '2': deadlineSchema, '3': deadlineSchema, '4': deadlineSchema }),
  /** Per-domain overrides of the acknowledge deadline, by level. */
  domainOverrides: z.partialRecord(z.enum(DOMAINS), z.partialRecord(z.enum(['1', '2', '3', '4']), deadlineSchema.partial())).default({}),
  /** Minutes after a reminder before the escalation to the commander. */
  escalateAfterReminderMinutes: z.number().nonnegative().max(24 * 60).default(5),
});
export type SlaConfig = z.infer<typeof slaConfigSchema>;

export const DEFAULT_SLA: SlaConfig = {
  levels: {
    '1': { acknowledgeMinutes: 5, resolveMinutes: 4 * 60 },
    '2': { acknowledgeMinutes: 10, resolveMinutes: 8 * 60 },
    '3': { acknowledgeMinutes: 15, resolveMinutes: 24 * 60 },
    '4': { acknowledgeMinutes: 30, resolveMinutes: 72 * 60 },
  },
  domainOverrides: {},
  escalateAfterReminderMinutes: 5,
};

const MINUTE = 60_000;

function deadlines(sla: SlaConfig, level: IncidentLevel, agency: AgencyId, domainOf: (a: AgencyId) => string | null) {
  const base = sla.levels[String(level) as '1'];
  const domain = domainOf(agency);
  const override = domain ? sla.domainOverrides[domain as keyof SlaConfig['domainOverrides']]?.[String(level) as '1'] : undefined;
  return { ...base, ...override };
}

/**
 * Epoch ms by which a requested agency must acknowledge: its request time
 * plus the level's minutes, or the agency's domain override. `domainOf`
 * defaults to the agency table.
 */
export function acknowledgeDeadline(
  incident: Pick<Incident, 'level'>,
  participation: Pick<Participation, 'agency' | 'requestedAt'>,
  sla: SlaConfig,
  domainOf: (a: AgencyId) => string | null = (a) => AGENCIES[a].domain,
): number {
  return participation.requestedAt + deadlines(sla, incident.level, participation.agency, domainOf).acknowledgeMinutes * MINUTE;
}

/** Epoch ms by which an incident must be resolved: its opening time plus the level's minutes. */
export function resolveDeadline(incident: Pick<Incident, 'level' | 'openedAt'>, sla: SlaConfig): number {
  return incident.openedAt + sla.levels[String(incident.level) as '1'].resolveMinutes * MINUTE;
}

export interface AgencyTimer {
  agency: AgencyId;
  status: Participation['status'];
  requestedAt: number;
  /** Epoch ms by which the agency must acknowledge. */
  deadline: number;
  /** Time it took to acknowledge (first response), once it has. */
  timeToAcknowledgeMs?: number;
  /** Ms left until the deadline (negative when past); undefined once answered. */
  remainingMs?: number;
  /** Past the deadline without answering, or answered late. */
  overdue: boolean;
  late: boolean;
}

/** Time-to-acknowledge timers of every requested agency of an incident at `now`. */
export function agencyTimers(incident: Incident, now: number, sla: SlaConfig, domainOf: (a: AgencyId) => string | null): AgencyTimer[] {
  const out: AgencyTimer[] = [];
  for (const p of Object.values(incident.agencies)) {
    if (!p) continue;
    const deadline = acknowledgeDeadline(incident, p, sla, domainOf);
    const answered = p.respondedAt !== undefined;
    out.push({
      agency: p.agency,
      status: p.status,
      requestedAt: p.requestedAt,
      deadline,
      timeToAcknowledgeMs: answered ? p.respondedAt! - p.requestedAt : undefined,
      remainingMs: answered ? undefined : deadline - now,
      overdue: !answered && now > deadline,
      late: answered && p.respondedAt! > deadline,
    });
  }
  return out;
}

export interface ResolveTimer {
  deadline: number;
  /** Ms left (negative when past); undefined once resolved or closed. */
  remainingMs?: number;
  /** Time from opening to resolution, once resolved. */
  timeToResolveMs?: number;
  overdue: boolean;
}

export function resolveTimer(incident: Incident, now: number, sla: SlaConfig): ResolveTimer {
  const deadline = resolveDeadline(incident, sla);
  const resolvedAt = incident.resolvedAt ?? incident.closed?.at;
  if (resolvedAt !== undefined) return { deadline, timeToResolveMs: resolvedAt - incident.openedAt, overdue: resolvedAt > deadline };
  return { deadline, remainingMs: deadline - now, overdue: now > deadline };
}
