/**
 * The Longwatch JSON alert: what a feed that does not speak CAP sends as an
 * item body. Times are ISO 8601 with an offset (as agencies write them);
 * everything else maps one to one onto `AlertContent`.
 */
import { z } from 'zod';
import {
  alertContentSchema,
  areaSchema,
  attributesSchema,
  capCategorySchema,
  capStatusSchema,
  certaintySchema,
  classificationSchema,
  domainSchema,
  idSchema,
  LIMITS,
  msgTypeSchema,
  pointSchema,
  regionCodeSchema,
  severitySchema,
  textSchema,
  urgencySchema,
  type AlertContent,
} from '../domain/model';
import { findReservedKey } from './safeJson';

/** ISO 8601 date-time with an explicit offset (Z or ±hh:mm). */
export const isoTimeSchema = z.iso.datetime({ offset: true });

export const alertInputSchema = z.strictObject({
  id: idSchema,
  version: z.number().int().min(1).max(1_000_000).default(1),
  msgType: msgTypeSchema.default('Alert'),
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
  status: capStatusSchema,
  point: pointSchema,
  area: areaSchema.optional(),
  region: regionCodeSchema,
  sent: isoTimeSchema,
  effective: isoTimeSchema.optional(),
  expires: isoTimeSchema.optional(),
  classification: classificationSchema.default('internal'),
  attributes: attributesSchema.default({}),
});
export type AlertInput = z.input<typeof alertInputSchema>;

export type Decoded = { ok: true; value: AlertContent } | { ok: false; reason: string };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid alert';
  const path = issue.path.length ? issue.path.join('.') : '(alert)';
  return `${path}: ${issue.message}`;
}

/**
 * Validates a Longwatch JSON body from `feed` and normalises it. `expectedDomain`
 * is the domain the feed is configured for: a feed cannot speak for another agency.
 */
export function decodeJsonAlert(body: unknown, feed: string, expectedDomain?: string): Decoded {
  const reserved = findReservedKey(body);
  if (reserved) return { ok: false, reason: `${reserved}: reserved key (prototype pollution attempt)` };
  const parsed = alertInputSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: firstIssue(parsed.error) };
  const a = parsed.data;
  if (expectedDomain !== undefined && a.domain !== expectedDomain) {
    return { ok: false, reason: `domain: feed ${feed} speaks for ${expectedDomain}, not ${a.domain}` };
  }
  const content = alertContentSchema.safeParse({
    feed,
    sourceId: a.id,
    version: a.version,
    msgType: a.msgType,
    references: a.references,
    domain: a.domain,
    category: a.category,
    event: a.event,
    eventCode: a.eventCode,
    headline: a.headline,
    description: a.description,
    instruction: a.instruction,
    severity: a.severity,
    urgency: a.urgency,
    certainty: a.certainty,
    capStatus: a.status,
    point: a.point,
    area: a.area,
    region: a.region,
    sent: Date.parse(a.sent),
    effective: a.effective === undefined ? undefined : Date.parse(a.effective),
    expires: a.expires === undefined ? undefined : Date.parse(a.expires),
    classification: a.classification,
    attributes: a.attributes,
    format: 'json',
  });
  if (!content.success) return { ok: false, reason: firstIssue(content.error) };
  if (content.data.expires !== undefined && content.data.expires < content.data.sent) {
    return { ok: false, reason: 'expires: before sent' };
  }
  return { ok: true, value: content.data };
}
