/**
 * The domain model (DESIGN §3): alerts, incidents, tasks, notes. Value
 * schemas are zod, because alert content and events cross the wire and are
 * validated where they enter a process (STYLE §3); entity types are plain
 * readonly TypeScript shapes held in the folded state.
 *
 * Units: times are epoch milliseconds (UTC); coordinates are WGS84 degrees
 * in GeoJSON order ([lon, lat]); radii are kilometres.
 */
import { z } from 'zod';
import { AGENCY_IDS, DOMAINS, type AgencyId, type Domain } from './agencies';
import { CAP_SEVERITIES } from './warningLevel';
import { isHeilongjiangRegion } from './regions';

/** Schema limits: a message over any of these is refused, never truncated silently. */
export const LIMITS = {
  id: 128,
  event: 100,
  headline: 200,
  description: 4000,
  instruction: 2000,
  areaDesc: 500,
  references: 32,
  categories: 12,
  attributes: 32,
  attributeKey: 64,
  attributeValue: 256,
  polygons: 16,
  polygonPoints: 2000,
  circles: 16,
  maxRadiusKm: 1000,
  /** Real CAP messages can embed base64 audio (an IPAWS fixture is 459 kB). */
  capXml: 1024 * 1024,
  noteText: 4000,
  reason: 1000,
  title: 200,
  userName: 64,
} as const;

export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export const URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const;
export const CLASSIFICATIONS = ['public', 'internal', 'sensitive'] as const;

export const domainSchema = z.enum(DOMAINS);
export const agencyIdSchema = z.enum(AGENCY_IDS);
export const capCategorySchema = z.enum(CAP_CATEGORIES);
export const urgencySchema = z.enum(URGENCIES);
export const severitySchema = z.enum(CAP_SEVERITIES);
export const certaintySchema = z.enum(CERTAINTIES);
export const capStatusSchema = z.enum(CAP_STATUSES);
export const msgTypeSchema = z.enum(MSG_TYPES);
export const classificationSchema = z.enum(CLASSIFICATIONS);

export type CapCategory = z.infer<typeof capCategorySchema>;
export type Urgency = z.infer<typeof urgencySchema>;
export type Certainty = z.infer<typeof certaintySchema>;
export type CapStatus = z.infer<typeof capStatusSchema>;
export type MsgType = z.infer<typeof msgTypeSchema>;
export type Classification = z.infer<typeof classificationSchema>;

const LEADING_SPACE = /^\s/;
/** Whether an id's text is usable: no leading whitespace, no control characters (its length is checked apart). */
export function isIdText(s: string): boolean {
  if (LEADING_SPACE.test(s)) return false;
  // A code unit below 0x20 is a control character; surrogate halves are far above it.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return false;
  return true;
}
/** An identifier: no control characters, no leading whitespace, bounded. */
export const idSchema = z.string().min(1).max(LIMITS.id).refine(isIdText, 'control characters or leading space in id');
/** Human text: no NUL, bounded. Rendered as text, never as HTML. */
export const textSchema = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), 'NUL character in text');

/** Epoch milliseconds within a sane window (1990 – 2200). */
export const epochMsSchema = z.number().int().min(631152000000).max(7258118400000);

export const lonSchema = z.number().min(-180).max(180);
export const latSchema = z.number().min(-90).max(90);
export const lonLatSchema = z.tuple([lonSchema, latSchema]);
export type LonLat = z.infer<typeof lonLatSchema>;

export const pointSchema = z.object({ lon: lonSchema, lat: latSchema });
export type Point = z.infer<typeof pointSchema>;

/** A closed linear ring: at least four positions, first equals last. */
export const ringSchema = z
  .array(lonLatSchema)
  .min(4)
  .max(LIMITS.polygonPoints)
  // zod runs this even when min(4) or a point failed: it must not throw on what those already refused.
  .refine((r) => {
    const first = r[0];
    const last = r[r.length - 1];
    return r.length < 4 || !Array.isArray(first) || !Array.isArray(last) || (first[0] === last[0] && first[1] === last[1]);
  }, 'polygon ring is not closed');

export const circleSchema = z.object({
  center: lonLatSchema,
  radiusKm: z.number().positive().max(LIMITS.maxRadiusKm),
});

export const areaSchema = z.object({
  desc: textSchema(LIMITS.areaDesc).optional(),
  polygons: z.array(ringSchema).max(LIMITS.polygons).default([]),
  circles: z.array(circleSchema).max(LIMITS.circles).default([]),
});
export type Area = z.infer<typeof areaSchema>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const attributeKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'attribute key must start with a letter and use [A-Za-z0-9_.-]')
  .max(LIMITS.attributeKey)
  .refine((k) => !FORBIDDEN_KEYS.has(k), 'reserved attribute key');
/**
 * Domain attributes (road and direction, pollutant and reading, commodity and
 * price change, enterprise and hazard class …). Keys are checked before they
 * are assigned, so `__proto__` can never reach an object.
 */
export const attributesSchema = z
  .record(attributeKeySchema, z.union([textSchema(LIMITS.attributeValue), z.number(), z.boolean()]))
  .refine((a) => Object.keys(a).length <= LIMITS.attributes, `at most ${LIMITS.attributes} attributes`);
export type Attributes = z.infer<typeof attributesSchema>;

export const regionCodeSchema = z.string().regex(/^\d{6}$/).refine(isHeilongjiangRegion, 'region is not a GB/T 2260 code in Heilongjiang');

/**
 * What a source says about an alert, normalised (from Longwatch JSON or CAP).
 * This is the content carried by `alert.received` and `alert.updated`.
 */
export const alertContentSchema = z.object({
  /** Feed that delivered it (`traffic`, `ecology` …). */
  feed: idSchema,
  /** The source's own id for this message (CAP identifier). */
  sourceId: idSchema,
  /** Source version, 1 for the first message; an Update raises it. */
  version: z.number().int().min(1).max(1_000_000),
  msgType: msgTypeSchema,
  /** Source ids of earlier messages this one amends (CAP references). */
  references: z.array(idSchema).max(LIMITS.references).default([]),
  domain: domainSchema,
  category: z.array(capCategorySchema).min(1).max(LIMITS.categories),
  event: textSchema(LIMITS.event).pipe(z.string().min(1)),
  eventCode: idSchema.optional(),
  headline: textSchema(LIMITS.headline).pipe(z.string().min(1)),
  description: textSchema(LIMITS.description).optional(),
  instruction: textSchema(LIMITS.instruction).optional(),
  severity: severitySchema,
  urgency: urgencySchema,
  certainty: certaintySchema,
  capStatus: capStatusSchema,
  point: pointSchema,
  area: areaSchema.optional(),
  /** GB/T 2260 code of the prefecture (or county) it concerns. */
  region: regionCodeSchema,
  sent: epochMsSchema,
  effective: epochMsSchema.optional(),
  expires: epochMsSchema.optional(),
  classification: classificationSchema,
  attributes: attributesSchema.default({}),
  /** How it arrived: Longwatch JSON or CAP 1.2 XML. */
  format: z.enum(['json', 'cap']),
  /** The CAP XML as received, kept for the detail panel and audit. */
  capXml: z.string().max(LIMITS.capXml).optional(),
});
export type AlertContent = z.infer<typeof alertContentSchema>;

export type AlertId = string;
export type IncidentId = string;

export const ALERT_STATUSES = ['new', 'acknowledged', 'dismissed', 'superseded', 'cancelled', 'expired'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const DISPOSITIONS = ['relevant', 'duplicate', 'false-positive'] as const;
export const dispositionSchema = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof dispositionSchema>;

/** An alert as the room sees it: the latest content plus its life in the center. */
export interface Alert extends Omit<AlertContent, 'capXml'> {
  /** `${feed}:${sourceId of the first message}`; stable across updates. */
  readonly id: AlertId;
  readonly agency: AgencyId;
  readonly status: AlertStatus;
  /** Time the hub received the first message (epoch ms). */
  readonly received: number;
  /** Time of the latest update, if any. */
  readonly updated?: number;
  /** Source ids of every message folded into this alert, oldest first. */
  readonly revisions: readonly string[];
  /** How many times the same message arrived again. */
  readonly duplicates: number;
  readonly lastDuplicateAt?: number;
  readonly acknowledged?: { readonly by: string; readonly at: number };
  readonly dismissed?: { readonly by: string; readonly at: number; readonly disposition: Disposition; readonly reason?: string };
  readonly cancelled?: { readonly at: number; readonly reason?: string };
  readonly supersededBy?: AlertId;
  readonly incidentId?: IncidentId;
  /** Seq of the event that received it: the detail panel finds the CAP source there. */
  readonly receivedSeq: number;
}

/** Incident level Ⅰ (特别重大, most severe) … Ⅳ (一般). */
export const INCIDENT_LEVELS = [1, 2, 3, 4] as const;
export const incidentLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type IncidentLevel = z.infer<typeof incidentLevelSchema>;

export const INCIDENT_STATUSES = ['open', 'responding', 'contained', 'resolved', 'closed'] as const;
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** How a requested agency stands on an incident. */
export const PARTICIPATION_STATUSES = ['notified', 'acknowledged', 'declined', 'dispatched', 'on-scene', 'done'] as const;
export const participationStatusSchema = z.enum(PARTICIPATION_STATUSES);
export type ParticipationStatus = z.infer<typeof participationStatusSchema>;
export const agencyResponseSchema = z.enum(['acknowledged', 'declined', 'dispatched', 'on-scene', 'done']);
export type AgencyResponse = z.infer<typeof agencyResponseSchema>;

export interface Participation {
  readonly agency: AgencyId;
  readonly status: ParticipationStatus;
  readonly requestedAt: number;
  readonly requestedBy: string;
  /** First response time, the basis of time-to-acknowledge. */
  readonly respondedAt?: number;
  readonly lastBy?: string;
  readonly lastAt?: number;
  readonly reason?: string;
  /** Set by `sla.escalated` and cleared by the agency's first response. */
  readonly overdue?: boolean;
  readonly reminded?: boolean;
  /** Time of the `sla.reminder` about acknowledging; the escalation counts from it. */
  readonly remindedAt?: number;
}

export const TASK_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export interface Task {
  readonly id: string;
  readonly title: string;
  readonly agency: AgencyId;
  readonly due: number;
  readonly status: TaskStatus;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly doneAt?: number;
  /** Times of the `sla.reminder` and `sla.escalated` about this task being past due (each is sent once). */
  readonly remindedAt?: number;
  readonly escalatedAt?: number;
  /** Escalated and still neither done nor cancelled. */
  readonly overdue?: boolean;
}

export interface Note {
  readonly seq: number;
  readonly by: string;
  readonly at: number;
  readonly text: string;
  /** Agencies named with `@agency` in the text; their desks are notified. */
  readonly mentions: readonly AgencyId[];
}

export const CLOSE_DISPOSITIONS = ['resolved', 'false-alarm', 'transferred', 'duplicate'] as const;
export const closeDispositionSchema = z.enum(CLOSE_DISPOSITIONS);
export type CloseDisposition = z.infer<typeof closeDispositionSchema>;

export interface Incident {
  readonly id: IncidentId;
  /** Running number shown to people (事件 #12). */
  readonly no: number;
  readonly title: string;
  readonly level: IncidentLevel;
  readonly status: IncidentStatus;
  readonly lead?: AgencyId;
  readonly agencies: Readonly<Partial<Record<AgencyId, Participation>>>;
  readonly alerts: readonly AlertId[];
  readonly domains: readonly Domain[];
  readonly tasks: Readonly<Record<string, Task>>;
  readonly notes: readonly Note[];
  readonly location: Point;
  readonly region: string;
  readonly classification: Classification;
  readonly openedAt: number;
  readonly openedBy: string;
  readonly updatedAt: number;
  readonly resolvedAt?: number;
  readonly closed?: { readonly at: number; readonly by: string; readonly disposition: CloseDisposition; readonly summary: string };
  readonly mergedInto?: IncidentId;
  /**
   * Escalated and not yet answered: an agency that did not acknowledge, a
   * task past due, or the incident not resolved in time.
   */
  readonly overdue: boolean;
  /** Times of the `sla.reminder` and `sla.escalated` about resolving the incident in time (each is sent once). */
  readonly resolveRemindedAt?: number;
  readonly resolveEscalatedAt?: number;
  /** Level changes, oldest first, for the after-action record. */
  readonly levelHistory: readonly { readonly level: IncidentLevel; readonly at: number; readonly by: string }[];
  /**
   * Alerts a person took out of this incident (`incident.alertUnlinked`), unless linked back since:
   * correlation never links them to it again (neither the look-back nor a rising update). Absent if none.
   */
  readonly unlinked?: readonly AlertId[];
}

const CLASSIFICATION_RANK: Record<Classification, number> = { public: 0, internal: 1, sensitive: 2 };
export function stricterClassification(a: Classification, b: Classification): Classification {
  return CLASSIFICATION_RANK[a] >= CLASSIFICATION_RANK[b] ? a : b;
}
