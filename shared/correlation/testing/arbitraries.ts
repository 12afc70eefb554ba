/**
 * TEST SUPPORT ONLY: fast-check arbitraries for correlation. Imports
 * fast-check (a devDependency), so application code must not import this.
 *
 * A step is either a message from a feed (new alert, the same message again,
 * a re-issue with a higher version, an Update or Cancel referencing earlier
 * ids, some never seen) or an operator act on incidents (close, reopen,
 * merge, unlink), so that the index meets every kind of event it follows.
 * References are indices into the ids issued so far, resolved by `messageOf`.
 */
import fc from 'fast-check';
import { DOMAINS, type Domain } from '../../domain/agencies';
import { CAP_STATUSES, URGENCIES, type AlertContent } from '../../domain/model';
import { PREFECTURES } from '../../domain/regions';
import { CAP_SEVERITIES } from '../../domain/warningLevel';
import { alert, T0 } from './harness';

export interface PlaceArb {
  prefecture: number;
  /** Offset from the prefecture seat, degrees: small enough to stay in Heilongjiang. */
  dLon: number;
  dLat: number;
}

const place: fc.Arbitrary<PlaceArb> = fc.record({
  prefecture: fc.nat({ max: PREFECTURES.length - 1 }),
  dLon: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
  dLat: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
});

export type Step =
  | { kind: 'new'; domain: Domain; place: PlaceArb; severity: AlertContent['severity']; urgency: AlertContent['urgency']; capStatus: AlertContent['capStatus']; version: number }
  | { kind: 'again'; pick: number; bump: boolean }
  | { kind: 'update'; refs: number[]; unknownRef: boolean; place: PlaceArb; severity: AlertContent['severity']; domainShift: boolean }
  | { kind: 'cancel'; refs: number[]; unknownRef: boolean }
  | { kind: 'operator'; act: 'close' | 'reopen' | 'merge' | 'unlink'; pick: number; other: number }
  | { kind: 'wait'; minutes: number };

const severity = fc.constantFrom(...CAP_SEVERITIES);
const refs = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 3 });

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('new' as const),
      domain: fc.constantFrom(...DOMAINS),
      place,
      severity,
      urgency: fc.constantFrom(...URGENCIES),
      capStatus: fc.oneof({ weight: 8, arbitrary: fc.constant('Actual' as const) }, { weight: 2, arbitrary: fc.constantFrom(...CAP_STATUSES) }),
      version: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('again' as const), pick: fc.nat({ max: 1000 }), bump: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('update' as const), refs, unknownRef: fc.boolean(), place, severity, domainShift: fc.nat({ max: 9 }).map((n) => n === 0) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), refs, unknownRef: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('operator' as const), act: fc.constantFrom('close' as const, 'reopen' as const, 'merge' as const, 'unlink' as const), pick: fc.nat({ max: 1000 }), other: fc.nat({ max: 1000 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 600 }) }) },
);

export function pointOf(p: PlaceArb): [number, number] {
  const seat = PREFECTURES[p.prefecture]!;
  return [seat.center[0] + p.dLon, seat.center[1] + p.dLat];
}

/** Every message issued so far, so later steps can repeat or reference them. */
export class MessageBook {
  private readonly issued: AlertContent[] = [];
  private counter = 0;

  /** The message for a feed step, or undefined if the step needs history that is not there yet. */
  messageOf(step: Exclude<Step, { kind: 'operator' | 'wait' }>, time: number): AlertContent | undefined {
    const sourceId = `m${++this.counter}`;
    const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
    let content: AlertContent | undefined;
    switch (step.kind) {
      case 'new':
        content = alert({
          sourceId,
          domain: step.domain,
          at: pointOf(step.place),
          region: PREFECTURES[step.place.prefecture]!.code,
          severity: step.severity,
          urgency: step.urgency,
          capStatus: step.capStatus,
          version: step.version,
          sent: time,
        });
        break;
      case 'again': {
        const base = pick(this.issued, step.pick);
        if (!base) return undefined;
        content = step.bump ? { ...base, version: base.version + 1, headline: `${base.headline} (reissued)` } : base;
        break;
      }
      case 'update':
      case 'cancel': {
        const base = pick(this.issued, step.refs[0]!);
        if (!base) return undefined;
        const sameFeed = this.issued.filter((m) => m.feed === base.feed);
        const references = step.refs.map((r) => pick(sameFeed, r)!.sourceId);
        if (step.unknownRef) references.push(`never-${sourceId}`);
        const common = { ...base, sourceId, references, version: base.version + 1, sent: time };
        content =
          step.kind === 'update'
            ? {
                ...common,
                msgType: 'Update',
                severity: step.severity,
                // A source that changes an alert's domain in an update: correlation must quarantine it.
                domain: step.domainShift ? DOMAINS[(DOMAINS.indexOf(base.domain) + 1) % DOMAINS.length]! : base.domain,
                point: { lon: pointOf(step.place)[0], lat: pointOf(step.place)[1] },
                region: PREFECTURES[step.place.prefecture]!.code,
              }
            : { ...common, msgType: 'Cancel', description: 'withdrawn by the source' };
        break;
      }
    }
    this.issued.push(content);
    return content;
  }
}

/** A run: up to `max` steps starting at T0, a few minutes apart unless a wait step says otherwise. */
export const runArbitrary = (max = 60): fc.Arbitrary<Step[]> => fc.array(stepArbitrary, { minLength: 1, maxLength: max, size: 'max' });

export { T0 };
