/**
 * Scenarios (`resources/scenarios/*.json`): scripted cross-agency stories the
 * player plays into the demo feeds. The file format is {@link scenarioFileSchema};
 * parsing it also resolves every step into a complete alert draft, so the
 * player never meets a half-written alert.
 *
 * A step that names an earlier step in `ref` updates (default) or cancels that
 * alert; it only needs the fields that change, the rest is inherited from the
 * step it refers to. `at` is seconds of scenario time from the start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { DOMAINS, type Domain } from '@shared/domain/agencies';
import {
  areaSchema,
  attributesSchema,
  capCategorySchema,
  certaintySchema,
  classificationSchema,
  idSchema,
  LIMITS,
  regionCodeSchema,
  severitySchema,
  urgencySchema,
} from '@shared/domain/model';
import type { AlertDraft } from './alertBody';

/** Where demo alerts may lie: Heilongjiang with a small margin (WGS 84). */
export const HEILONGJIANG_BOUNDS = { minLon: 121, maxLon: 135.5, minLat: 43.3, maxLat: 53.6 } as const;

const b = HEILONGJIANG_BOUNDS;
const pointSchema = z.strictObject({
  lon: z.number().min(b.minLon, 'outside Heilongjiang').max(b.maxLon, 'outside Heilongjiang'),
  lat: z.number().min(b.minLat, 'outside Heilongjiang').max(b.maxLat, 'outside Heilongjiang'),
});

const text = (max: number) => z.string().trim().min(1).max(max);

/** The alert of a step: Longwatch alert fields without id, sent or status, plus `ref`. */
const stepAlertSchema = z.strictObject({
  /** Id of an earlier step of the same feed whose alert this one updates or cancels. */
  ref: z.string().optional(),
  msgType: z.enum(['Alert', 'Update', 'Cancel']).optional(),
  category: z.array(capCategorySchema).min(1).max(LIMITS.categories).optional(),
  event: text(LIMITS.event).optional(),
  eventCode: idSchema.optional(),
  headline: text(LIMITS.headline).optional(),
  description: text(LIMITS.description).optional(),
  instruction: text(LIMITS.instruction).optional(),
  severity: severitySchema.optional(),
  urgency: urgencySchema.optional(),
  certainty: certaintySchema.optional(),
  point: pointSchema.optional(),
  area: areaSchema.optional(),
  region: regionCodeSchema.optional(),
  classification: classificationSchema.optional(),
  attributes: attributesSchema.optional(),
  /** Minutes from emission until the alert expires. */
  expiresMinutes: z.number().positive().max(7 * 24 * 60).optional(),
});
type StepAlert = z.infer<typeof stepAlertSchema>;

const stepSchema = z.strictObject({
  /** Name other steps use in `ref`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'step id: lower-case letters, digits and dashes').max(40).optional(),
  /** Seconds of scenario time from the start. */
  at: z.number().min(0).max(24 * 3600),
  feed: z.enum(DOMAINS),
  alert: stepAlertSchema,
});

const bilingual = z.strictObject({ zh: text(500), en: text(500) });

/** One step, resolved: a complete draft and what it does to which alert. */
export interface ScenarioStep {
  /** Position in the file, from 0. */
  index: number;
  id?: string;
  /** Seconds of scenario time from the start. */
  at: number;
  feed: Domain;
  msgType: 'Alert' | 'Update' | 'Cancel';
  /** Index of the step that raised the alert this one updates or cancels (the chain's first step). */
  root?: number;
  draft: AlertDraft;
}

const REQUIRED = ['category', 'event', 'headline', 'severity', 'urgency', 'certainty', 'point', 'region'] as const;

/** The scenario file format. Parsing resolves `ref` steps into complete drafts. */
export const scenarioFileSchema = z
  .strictObject({
    $comment: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'scenario id: lower-case letters, digits and dashes').max(60),
    title: bilingual,
    description: bilingual,
    steps: z.array(stepSchema).min(1).max(200),
  })
  .superRefine((s, ctx) => {
    const byId = new Map<string, number>();
    const cancelled = new Set<number>();
    const rootOf: number[] = [];
    s.steps.forEach((step, i) => {
      const at = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['steps', i, ...path], message });
      rootOf[i] = i;
      if (i > 0 && step.at < s.steps[i - 1]!.at) at(['at'], `steps must be in time order (${step.at} s comes after ${s.steps[i - 1]!.at} s)`);
      if (step.id !== undefined) {
        if (byId.has(step.id)) at(['id'], `duplicate step id ${step.id}`);
        else byId.set(step.id, i);
      }
      const a = step.alert;
      if (a.ref === undefined) {
        if (a.msgType !== undefined && a.msgType !== 'Alert') at(['alert', 'msgType'], `${a.msgType} needs ref naming the step it amends`);
        for (const key of REQUIRED) if (a[key] === undefined) at(['alert', key], `required for a new alert (a step without ref)`);
        return;
      }
      const target = byId.get(a.ref);
      if (target === undefined) return at(['alert', 'ref'], `ref ${a.ref} names no earlier step`);
      if (s.steps[target]!.feed !== step.feed) return at(['alert', 'ref'], `ref ${a.ref} is a ${s.steps[target]!.feed} alert; a feed amends only its own`);
      if (a.msgType === 'Alert') at(['alert', 'msgType'], 'a step with ref is an Update or a Cancel');
      const root = rootOf[target]!;
      if (cancelled.has(root)) at(['alert', 'ref'], `ref ${a.ref}: that alert was already cancelled`);
      rootOf[i] = root;
      if (a.msgType === 'Cancel') cancelled.add(root);
    });
  })
  .transform((s) => {
    const latest = new Map<number, AlertDraft>();
    const rootOf = new Map<string, number>();
    const steps: ScenarioStep[] = s.steps.map((step, index) => {
      const a = step.alert;
      const root = a.ref === undefined ? undefined : rootOf.get(a.ref);
      const base = root === undefined ? undefined : latest.get(root);
      const draft = mergeDraft(base, a);
      latest.set(root ?? index, draft);
      if (step.id !== undefined) rootOf.set(step.id, root ?? index);
      return {
        index,
        id: step.id,
        at: step.at,
        feed: step.feed,
        msgType: a.ref === undefined ? 'Alert' : (a.msgType ?? 'Update'),
        root,
        draft,
      };
    });
    return { id: s.id, title: s.title, description: s.description, steps };
  });

/** A parsed, resolved scenario. */
export type Scenario = z.output<typeof scenarioFileSchema>;
/** A scenario as written in its file. */
export type ScenarioFile = z.input<typeof scenarioFileSchema>;

/** `a` over `base` (the refined schema guarantees every required field is in one of them). */
function mergeDraft(base: AlertDraft | undefined, a: StepAlert): AlertDraft {
  const pick = <K extends keyof AlertDraft>(key: K, value: AlertDraft[K] | undefined): AlertDraft[K] => (value ?? base?.[key]) as AlertDraft[K];
  return {
    category: pick('category', a.category),
    event: pick('event', a.event),
    eventCode: pick('eventCode', a.eventCode),
    headline: pick('headline', a.headline),
    description: pick('description', a.description),
    instruction: pick('instruction', a.instruction),
    severity: pick('severity', a.severity),
    urgency: pick('urgency', a.urgency),
    certainty: pick('certainty', a.certainty),
    point: pick('point', a.point),
    area: pick('area', a.area),
    region: pick('region', a.region),
    classification: pick('classification', a.classification) ?? 'internal',
    attributes: { ...base?.attributes, ...a.attributes },
    expiresMinutes: pick('expiresMinutes', a.expiresMinutes),
  };
}

/** Result of loading one scenario file. */
export type LoadedScenario = { file: string; ok: true; scenario: Scenario } | { file: string; ok: false; error: string };

/** Parses one scenario document; `file` names it in errors. */
export function parseScenario(file: string, json: string): LoadedScenario {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { file, ok: false, error: `${file}: not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = scenarioFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join('.') : '(scenario)';
    return { file, ok: false, error: `${file}: ${path}: ${issue.message}` };
  }
  const expected = basename(file, '.json');
  if (parsed.data.id !== expected) return { file, ok: false, error: `${file}: id: ${parsed.data.id} must match the file name (${expected})` };
  return { file, ok: true, scenario: parsed.data };
}

/** Loads every `*.json` in `dir`, in name order: a value or a clear error per file. */
export function loadScenarios(dir: string): LoadedScenario[] {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort();
  return names.map((name) => {
    try {
      return parseScenario(name, readFileSync(join(dir, name), 'utf8'));
    } catch (e) {
      return { file: name, ok: false, error: `${name}: cannot read: ${e instanceof Error ? e.message : String(e)}` };
    }
  });
}
