import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealEvents } from '@shared/domain/chain';
import { domainEventSchema, draft, EVENT_TYPES, type DomainEvent, type EventDraft } from '@shared/domain/events';
import { eventDraftArb } from '@shared/domain/testing/arbitraries';
import { content, T0 } from '@shared/domain/testing/builders';
import { fastAccepts, parseEvent, typesWithoutFastCheck } from './eventCheck';

/** As the hub sends them: sealed, then through JSON. */
const sealed = (drafts: EventDraft[]): DomainEvent[] => JSON.parse(JSON.stringify(sealEvents(drafts, { seq: 0, hash: '0'.repeat(64) }))) as DomainEvent[];

const capAlert = draft('alert.received', T0, 'source:weather', {
  alertId: 'weather:W1',
  content: content({
    feed: 'weather',
    sourceId: 'W1',
    domain: 'ecology',
    category: ['Met'],
    format: 'cap',
    capXml: '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>W1</identifier></alert>',
    area: {
      desc: '哈尔滨市区',
      polygons: [[[126, 45], [127, 45], [127, 46], [126, 45]]],
      circles: [{ center: [126.6, 45.7], radiusKm: 12.5 }],
    },
    effective: T0,
    expires: T0 + 3_600_000,
    attributes: { road: 'G1', lanes: 2, closed: true },
  }),
});

/** Every path to a value inside `v` (object keys and array indexes). */
function pathsOf(v: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

const DELETE = Symbol('delete');
const nasty: unknown[] = [DELETE, null, undefined, '', 'x'.repeat(3000), 'a\u0000b', '999999', -1, 0, 0.5, 1e300, Number.NaN, Infinity, true, [], {}, [[0, 0]], { extra: 1 }, 'user:x', 'Severe', 1, 4, 5];

function mutated(event: DomainEvent, path: Array<string | number>, value: unknown, extraKey: string | null): unknown {
  const copy = structuredClone(event) as unknown as Record<string | number, unknown>;
  // An own property, as JSON.parse makes one (even for "__proto__").
  const addKey = (o: object, k: string): void => void Object.defineProperty(o, k, { value: value === DELETE ? 1 : value, enumerable: true, writable: true, configurable: true });
  if (path.length === 0) {
    if (!extraKey) return value === DELETE ? undefined : value;
    addKey(copy, extraKey);
    return copy;
  }
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (extraKey && typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) {
    addKey(parent[last] as object, extraKey);
  } else if (value === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

describe('the fast event check', () => {
  it('has a fast check for every event type', () => {
    expect(typesWithoutFastCheck).toEqual([]);
    expect(EVENT_TYPES.length).toBeGreaterThan(20);
  });

  it('accepts what the hub sends, as zod does, without copying', () => {
    fc.assert(
      fc.property(fc.array(eventDraftArb, { minLength: 1, maxLength: 20 }), (drafts) => {
        for (const e of sealed([...drafts, capAlert])) {
          expect(domainEventSchema.safeParse(e).success).toBe(true);
          expect(fastAccepts(e)).toBe(true);
          const parsed = parseEvent(e);
          expect(parsed.success && parsed.data).toBe(e);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never accepts what zod refuses or would change (one value broken anywhere in the event)', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.oneof(eventDraftArb, fc.constant(capAlert)),
        fc.nat(),
        fc.constantFrom(...nasty),
        fc.option(fc.constantFrom('extra', '__proto__', 'constructor'), { freq: 4 }),
        (d, pick, value, extraKey) => {
          const [e] = sealed([d]);
          const paths = pathsOf(e);
          const broken = mutated(e!, paths[pick % paths.length]!, value, extraKey);
          let zod: ReturnType<typeof domainEventSchema.safeParse>;
          try {
            zod = domainEventSchema.safeParse(broken);
          } catch {
            // (zod runs a ring's refinement after its failed length check, which then throws: a refusal.)
            expect(fastAccepts(broken)).toBe(false);
            expect(parseEvent(broken).success).toBe(false);
            refused++;
            return;
          }
          if (fastAccepts(broken)) {
            accepted++;
            expect(zod.success).toBe(true);
            expect(zod.data).toStrictEqual(broken);
          } else {
            refused++;
            // The fallback is zod itself: its verdict and its error.
            const parsed = parseEvent(broken);
            expect(parsed.success).toBe(zod.success);
            if (!parsed.success) expect(parsed.problem).toBe(`${zod.error!.issues[0]!.path.join('.') || '(event)'}: ${zod.error!.issues[0]!.message}`);
          }
        },
      ),
      { numRuns: 4000 },
    );
    // Both sides were exercised (a mutation can leave a valid event, e.g. another valid level).
    expect(refused).toBeGreaterThan(1000);
    expect(accepted).toBeGreaterThan(10);
  });

  it('leaves to zod a default to fill, and an unknown key to strip', () => {
    const [e] = sealed([capAlert]);
    const withoutRefs = structuredClone(e!) as unknown as { body: { content: Record<string, unknown> } };
    delete withoutRefs.body.content['references'];
    expect(fastAccepts(withoutRefs)).toBe(false);
    const parsed = parseEvent(withoutRefs);
    expect(parsed.success && (parsed.data as DomainEvent<'alert.received'>).body.content.references).toEqual([]);

    const extra = { ...e!, note: 'not in the schema' };
    expect(fastAccepts(extra)).toBe(false);
    const stripped = parseEvent(extra);
    expect(stripped.success && 'note' in stripped.data).toBe(false);
  });

  it('rejects malformed events with zod’s error', () => {
    const [e] = sealed([capAlert]);
    const bad = structuredClone(e!) as unknown as { body: { content: { headline: string } } };
    bad.body.content.headline = '';
    const parsed = parseEvent(bad);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.problem).toMatch(/^body\.content\.headline: /);
    const open = structuredClone(e!) as unknown as { body: { content: { area: { polygons: unknown[] } } } };
    open.body.content.area.polygons = [[]];
    // An empty ring: zod's own error (its closed-ring refinement used to throw here; parseEvent turns any throw into a refusal too).
    expect(parseEvent(open)).toMatchObject({ success: false, problem: expect.stringMatching(/^body\.content\.area\.polygons\.0: /) });
    expect(parseEvent({ type: 'no.such', seq: 1 }).success).toBe(false);
    expect(parseEvent(null).success).toBe(false);
  });
});
