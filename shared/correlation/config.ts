/**
 * Correlation rules as data (DESIGN §3): radius, time window, the severity
 * that opens an incident, how its level is chosen, and which domains may join
 * which. The hub loads `resources/correlation.json` through
 * `correlationConfigSchema`; `DEFAULT_CORRELATION_CONFIG` is the same values,
 * for tests and for a hub started without the file.
 */
import { z } from 'zod';
import { DOMAINS, type Domain } from '../domain/agencies';
import { incidentLevelSchema, LIMITS, severitySchema, urgencySchema, type AlertContent, type IncidentLevel } from '../domain/model';
import type { CapSeverity } from '../domain/warningLevel';

/** One row of the level table: the first rule whose severity (and urgency, if listed) matches gives the level. */
export const levelRuleSchema = z.strictObject({
  severity: severitySchema,
  /** Urgencies the rule is limited to; absent means any urgency. */
  urgency: z.array(urgencySchema).min(1).max(5).optional(),
  level: incidentLevelSchema,
});
export type LevelRule = z.infer<typeof levelRuleSchema>;

const domainRowSchema = z.strictObject(Object.fromEntries(DOMAINS.map((d) => [d, z.boolean()])) as Record<Domain, z.ZodBoolean>);

/** `matrix[alertDomain][incidentDomain]`: may an alert of the first domain join an incident that has the second? */
export const domainMatrixSchema = z.strictObject(Object.fromEntries(DOMAINS.map((d) => [d, domainRowSchema])) as Record<Domain, typeof domainRowSchema>);
export type DomainMatrix = z.infer<typeof domainMatrixSchema>;

const DEFAULT_LEVELS: LevelRule[] = [
  { severity: 'Extreme', urgency: ['Immediate'], level: 1 },
  { severity: 'Extreme', level: 2 },
  { severity: 'Severe', urgency: ['Immediate'], level: 2 },
  { severity: 'Severe', level: 3 },
  { severity: 'Moderate', level: 4 },
];

/*
 * Why these pairs (mirrored in the JSON's $comment and the README):
 * safety-ecology: a chemical leak reaches rivers and air; safety-traffic: an
 * accident closes roads, a crash with hazardous cargo is a safety case;
 * safety-security: accident sites need cordons and evacuation;
 * traffic-security: closures and crashes need police, crowds block roads;
 * traffic-ecology: spills from road tankers, roads closed by pollution;
 * market-security: panic buying brings crowds to shops; market-ecology: a
 * contaminated water supply drives bottled-water prices. Not paired, because
 * in a city they mostly coincide by chance within 25 km and 6 h:
 * safety-market, traffic-market, ecology-security (they still meet through a
 * third domain already in the incident, since any compatible domain suffices).
 */
const PAIRS: readonly (readonly [Domain, Domain])[] = [
  ['safety', 'ecology'],
  ['safety', 'traffic'],
  ['safety', 'security'],
  ['traffic', 'security'],
  ['traffic', 'ecology'],
  ['market', 'security'],
  ['market', 'ecology'],
];

function symmetricMatrix(pairs: readonly (readonly [Domain, Domain])[]): DomainMatrix {
  const rows = Object.fromEntries(DOMAINS.map((a) => [a, Object.fromEntries(DOMAINS.map((b) => [b, a === b]))])) as Record<Domain, Record<Domain, boolean>>;
  for (const [a, b] of pairs) rows[a][b] = rows[b][a] = true;
  return rows;
}

/**
 * One way an alert belongs to a topic: its `eventCode`, and optionally an
 * attribute whose text contains one of `values` (the pollutant is benzene,
 * the commodity is bottled water, the venue is a supermarket), or not one of
 * `not` (a closure for snow); an alert without the attribute meets `not`
 * but not `values`.
 */
export const topicMemberSchema = z.strictObject({
  eventCode: z.string().min(1).max(64),
  attribute: z.string().min(1).max(64).optional(),
  values: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  /** Not when `attribute` contains one of these (a road closed for snow is not a hazmat closure). */
  not: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
});
export type TopicMember = z.infer<typeof topicMemberSchema>;

/**
 * A kind of joint case and the reports that belong to it. An incident holding
 * an alert of a topic is topical: an alert below `openThreshold` joins it only
 * if it belongs to one of the incident's topics (README, rule 3a).
 */
export const topicSchema = z.strictObject({
  $comment: z.string().optional(),
  name: z.string().min(1).max(64),
  members: z.array(topicMemberSchema).min(1).max(200),
});
export type Topic = z.infer<typeof topicSchema>;

/*
 * The chemical-leak case and its consequences. Routine reports of the same
 * codes (a river reading of ammonia, a cabbage price, a crowd at the ice
 * festival, a road closed for snow) are left out by their attributes.
 */
const DEFAULT_TOPICS: Topic[] = [
  {
    name: 'hazmat',
    members: [
      { eventCode: 'SAF-CHEM-LEAK' },
      { eventCode: 'SAF-CHEM' },
      { eventCode: 'SEC-CORDON' },
      { eventCode: 'TRF-CTRL', attribute: 'reason', not: ['降雪', '大风', '大雾', '冰雪', '施工', '大型活动', 'snow', 'wind', 'fog'] },
      { eventCode: 'ECO-WATER', attribute: 'pollutant', values: ['苯', '甲苯', '二甲苯', '硝基苯', '苯酚', '苯胺', '氰化物', '氯苯', 'benzene', 'nitrobenzene', 'toluene'] },
      { eventCode: 'MKT-PRICE', attribute: 'commodity', values: ['桶装水', '瓶装水', '饮用水', 'bottled water', 'drinking water'] },
      { eventCode: 'SEC-CROWD', attribute: 'venue', values: ['超市', '商场', 'supermarket'] },
    ],
  },
];

const DEFAULTS = {
  radiusKm: 25,
  windowMinutes: 360,
  openThreshold: 'Severe' as CapSeverity,
  linkThreshold: 'Moderate' as CapSeverity,
  requestOwnAgency: true,
  levels: DEFAULT_LEVELS,
  matrix: symmetricMatrix(PAIRS),
  topics: DEFAULT_TOPICS,
  lookBackMinutes: 120,
  lookBackMax: 200,
};

export const correlationConfigSchema = z.strictObject({
  /** Free text for people reading the JSON file; ignored. */
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  /** Largest distance from an alert to an alert already linked to the incident it joins, kilometres. */
  radiusKm: z.number().positive().max(LIMITS.maxRadiusKm).default(DEFAULTS.radiusKm),
  /** An incident idle (no `updatedAt` change) for longer than this takes no new alerts, minutes. */
  windowMinutes: z.number().positive().max(60 * 24 * 365).default(DEFAULTS.windowMinutes),
  /** Least severity at which an alert that joins nothing opens an incident. */
  openThreshold: severitySchema.default(DEFAULTS.openThreshold),
  /**
   * Least severity at which an alert joins an open incident on its own. Below
   * it (routine Minor reports near a big incident) an alert stays on the board
   * by itself; an operator can still link it.
   */
  linkThreshold: severitySchema.default(DEFAULTS.linkThreshold),
  /** Whether an incident opened by correlation requests the agency of the opening alert's domain. */
  requestOwnAgency: z.boolean().default(DEFAULTS.requestOwnAgency),
  /** Level of a new incident; first match wins, level Ⅳ if none matches. */
  levels: z.array(levelRuleSchema).max(50).default(DEFAULTS.levels),
  matrix: domainMatrixSchema.default(DEFAULTS.matrix),
  /** Topics that guard their incidents against routine reports below `openThreshold`. */
  topics: z.array(topicSchema).max(50).default(DEFAULTS.topics),
  /**
   * When an incident gains a domain, unlinked alerts received at most this
   * long ago are looked at again (README, "Arrival order"), minutes; 0 turns it off.
   */
  lookBackMinutes: z.number().min(0).max(60 * 24).default(DEFAULTS.lookBackMinutes),
  /** At most this many of the latest alerts near the new part of the case (grid cells within `radiusKm`, the domains it could link) are read per look-back (`recentGrid.ts`). */
  lookBackMax: z.number().int().min(0).max(1000).default(DEFAULTS.lookBackMax),
});
export type CorrelationConfig = z.infer<typeof correlationConfigSchema>;

/** The committed `resources/correlation.json`, without its comment. */
export const DEFAULT_CORRELATION_CONFIG: CorrelationConfig = Object.freeze({
  radiusKm: DEFAULTS.radiusKm,
  windowMinutes: DEFAULTS.windowMinutes,
  openThreshold: DEFAULTS.openThreshold,
  linkThreshold: DEFAULTS.linkThreshold,
  requestOwnAgency: DEFAULTS.requestOwnAgency,
  levels: DEFAULTS.levels,
  matrix: DEFAULTS.matrix,
  topics: DEFAULTS.topics,
  lookBackMinutes: DEFAULTS.lookBackMinutes,
  lookBackMax: DEFAULTS.lookBackMax,
});

const SEVERITY_RANK: Readonly<Record<CapSeverity, number>> = { Extreme: 4, Severe: 3, Moderate: 2, Minor: 1, Unknown: 0 };

/** Extreme > Severe > Moderate > Minor > Unknown. */
export function atOrAbove(severity: CapSeverity, threshold: CapSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** Level of an incident opened by `content`: the first matching rule, else Ⅳ. */
export function levelFor(content: Pick<AlertContent, 'severity' | 'urgency'>, levels: readonly LevelRule[]): IncidentLevel {
  for (const rule of levels) {
    if (rule.severity !== content.severity) continue;
    if (rule.urgency && !rule.urgency.includes(content.urgency)) continue;
    return rule.level;
  }
  return 4;
}

/** True if an alert of `alertDomain` may join an incident with any of `incidentDomains`. */
export function compatible(matrix: DomainMatrix, alertDomain: Domain, incidentDomains: readonly Domain[]): boolean {
  const row = matrix[alertDomain];
  for (const d of incidentDomains) if (row[d]) return true;
  return false;
}

/** Names of the topics `alert` belongs to (empty for most routine reports). */
export function topicsOf(topics: readonly Topic[], alert: Pick<AlertContent, 'eventCode' | 'attributes'>): string[] {
  const out: string[] = [];
  if (alert.eventCode === undefined) return out;
  for (const topic of topics) {
    for (const m of topic.members) {
      if (m.eventCode !== alert.eventCode) continue;
      if (m.attribute !== undefined) {
        const v = alert.attributes[m.attribute];
        const text = v === undefined ? undefined : String(v);
        if (m.values && (text === undefined || !m.values.some((x) => text.includes(x)))) continue;
        if (m.not && text !== undefined && m.not.some((x) => text.includes(x))) continue;
      }
      out.push(topic.name);
      break;
    }
  }
  return out;
}
