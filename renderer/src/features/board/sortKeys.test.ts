import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareAlerts } from '@shared/domain/views';
import { CAP_SEVERITIES } from '@shared/domain/warningLevel';
import { ALERT_ORDER, BOARD_SORTS } from './boardRows';
import type { Alert } from '@shared/domain/model';
import { RADIX_FROM, sortByKey } from './sortedView';
import { ALERT_KEY } from './sortKeys';
import { alert, T0 } from './testing';

// Few ids, severities and times, so ties on every part of the order are common; a
// repeated id (two versions of one alert) ties on the whole comparator, where only
// stability decides. Times beyond ±2^45 ms and NaN have no exact level key.
const alertArb = fc
  .record({
    id: fc.integer({ min: 0, max: 30 }),
    severity: fc.constantFrom(...CAP_SEVERITIES),
    received: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 6 }).map((s) => T0 + s * 1000) },
      { weight: 1, arbitrary: fc.constantFrom(0, -1, 2 ** 45, -(2 ** 46), 2 ** 53, Number.NaN, Infinity, -Infinity) },
    ),
    headline: fc.string({ maxLength: 3 }),
  })
  .map((c) => alert({ id: `traffic:A${c.id}`, severity: c.severity, received: c.received, headline: c.headline }));

describe('sortByKey with the board keys', () => {
  // The properties below run the radix path on short lists (radixFrom 0); the app sorts short ones by the comparator.
  it('gives exactly the order of the comparator sort (Array.prototype.sort, stable), ties included', () => {
    fc.assert(
      fc.property(fc.array(alertArb, { maxLength: 200 }), fc.constantFrom(...BOARD_SORTS), (alerts, sort) => {
        const expected = alerts.slice().sort(ALERT_ORDER[sort]);
        const actual = sortByKey(alerts.slice(), ALERT_ORDER[sort], ALERT_KEY[sort], 0);
        // Same objects in the same places: equal copies of one id keep their input order.
        expect(actual.length).toBe(expected.length);
        actual.forEach((a, i) => expect(a).toBe(expected[i]));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a comparator without a tie-break stable (compareAlerts alone)', () => {
    fc.assert(
      fc.property(fc.array(alertArb, { maxLength: 200 }), (alerts) => {
        const finite = alerts.filter((a) => Number.isFinite(a.received));
        const expected = finite.slice().sort(compareAlerts);
        const actual = sortByKey(finite.slice(), compareAlerts, ALERT_KEY.level, 0);
        actual.forEach((a, i) => expect(a).toBe(expected[i]));
      }),
      { numRuns: 200 },
    );
  });

  it('radix path (no NaN key): the same order for normal times, and for any doubles with their sign, −0 and infinities', () => {
    const plain = fc
      .record({ id: fc.integer({ min: 0, max: 30 }), severity: fc.constantFrom(...CAP_SEVERITIES), s: fc.integer({ min: -3, max: 6 }) })
      .map((c) => alert({ id: `traffic:A${c.id}`, severity: c.severity, received: T0 + c.s * 1000 }));
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 300 }), fc.constantFrom(...BOARD_SORTS), (alerts, sort) => {
        const expected = alerts.slice().sort(ALERT_ORDER[sort]);
        sortByKey(alerts, ALERT_ORDER[sort], ALERT_KEY[sort], 0).forEach((a, i) => expect(a).toBe(expected[i]));
      }),
      { numRuns: 300 },
    );
    // Numbers as their own key; the tag shows that ties (0 and −0 included) keep their order.
    const num = fc.record({ v: fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, 2 ** 53, -(2 ** -1074))), tag: fc.nat() });
    const byV = (a: { v: number }, b: { v: number }): number => (a.v < b.v ? -1 : a.v > b.v ? 1 : 0);
    fc.assert(
      fc.property(fc.array(num, { maxLength: 300 }), (xs) => {
        const expected = xs.slice().sort(byV);
        sortByKey(xs, byV, (x) => x.v, 0).forEach((x, i) => expect(x).toBe(expected[i]));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts a list shorter than RADIX_FROM by the comparator, and a longer one on keys, to the same order', () => {
    const make = (n: number): Alert[] => Array.from({ length: n }, (_, i) => alert({ id: `traffic:S${i}`, severity: CAP_SEVERITIES[i % 5]!, received: T0 + ((i * 7919) % 97) * 1000 }));
    for (const n of [RADIX_FROM - 1, RADIX_FROM, 3 * RADIX_FROM]) {
      const alerts = make(n);
      const expected = alerts.slice().sort(ALERT_ORDER.level);
      sortByKey(alerts, ALERT_ORDER.level, ALERT_KEY.level).forEach((a, i) => expect(a).toBe(expected[i]));
    }
  });

  it('sorts in place and leaves short arrays alone', () => {
    const a = alert({ severity: 'Minor', received: T0 });
    const b = alert({ severity: 'Extreme', received: T0 - 1 });
    const items = [a, b];
    expect(sortByKey(items, ALERT_ORDER.level, ALERT_KEY.level)).toBe(items);
    expect(items).toEqual([b, a]);
    expect(sortByKey([a], ALERT_ORDER.level, ALERT_KEY.level)).toEqual([a]);
    expect(sortByKey([], ALERT_ORDER.level, ALERT_KEY.level)).toEqual([]);
  });
});
