import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '@shared/domain/model';
import { prefectureOf } from '@shared/domain/regions';
import { alert } from '../board/testing';
import { DEFAULT_FILTERS, matchesAlert, type Filters } from './filters';

const all: Filters = { ...DEFAULT_FILTERS, statuses: new Set() };
const search = (text: string): Filters => ({ ...all, text });

/** The definition the field-by-field search must agree with: every text of the alert joined, lower-cased. */
function joinedMatch(a: Alert, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  const p = prefectureOf(a.region);
  return [a.headline, a.event, a.description ?? '', p?.name.zh ?? '', p?.name.en ?? '', ...Object.values(a.attributes).map(String)]
    .join('\n')
    .toLowerCase()
    .includes(q);
}

describe('matchesAlert: text search', () => {
  const leak = alert({
    headline: '哈尔滨滨东精细化工有限公司苯储罐发生泄漏',
    event: 'Chemical Leak',
    description: '现场检测到 Benzene 浓度超标',
    region: '230104',
    attributes: { enterprise: 'Bindong Fine Chemicals', reading: 186, sealed: false },
  });

  it('finds Chinese text in the headline, the description and the prefecture name', () => {
    expect(matchesAlert(leak, search('苯储罐'))).toBe(true);
    expect(matchesAlert(leak, search('浓度超标'))).toBe(true);
    expect(matchesAlert(leak, search('哈尔滨'))).toBe(true);
    expect(matchesAlert(leak, search('齐齐哈尔'))).toBe(false);
  });

  it('ignores case and surrounding blanks in Latin text, in every field', () => {
    expect(matchesAlert(leak, search('  chemical LEAK '))).toBe(true);
    expect(matchesAlert(leak, search('benzene'))).toBe(true);
    expect(matchesAlert(leak, search('harbin'))).toBe(true);
    expect(matchesAlert(leak, search('FINE chem'))).toBe(true);
  });

  it('reads numbers and booleans among the attributes as text', () => {
    expect(matchesAlert(leak, search('186'))).toBe(true);
    expect(matchesAlert(leak, search('false'))).toBe(true);
    expect(matchesAlert(leak, search('187'))).toBe(false);
  });

  it('still applies the other filters before the text', () => {
    expect(matchesAlert(leak, { ...search('苯'), domains: new Set(['market']) })).toBe(false);
    expect(matchesAlert(leak, { ...search('苯'), prefectures: new Set(['230100']) })).toBe(true);
    expect(matchesAlert(leak, { ...search('苯'), prefectures: new Set(['230200']) })).toBe(false);
  });

  it('agrees with matching the joined, lower-cased texts (mixed scripts and case)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'B', 'ç', 'Ç', 'İ', 'ß', '苯', '泄', '漏', '1', ' ', '-'), maxLength: 8 });
    fc.assert(
      fc.property(word, word, word, fc.option(word, { nil: undefined }), fc.dictionary(fc.constantFrom('k', 'road', 'v'), fc.oneof(word, fc.integer())), (query, headline, event, description, attributes) => {
        const a = alert({ headline, event, ...(description === undefined ? {} : { description }), attributes });
        // Text that only the joint '\n' could make is not a search anyone types.
        return matchesAlert(a, search(query)) === joinedMatch(a, query);
      }),
      { numRuns: 2000 },
    );
    // Queries cut from a field, in either case, so that most of these match.
    fc.assert(
      fc.property(word, word, fc.nat(8), fc.integer({ min: 1, max: 8 }), fc.boolean(), (headline, description, from, length, upper) => {
        const a = alert({ headline: `${headline}${description}`, description });
        const cut = description.slice(from, from + length);
        const query = upper ? cut.toUpperCase() : cut;
        return matchesAlert(a, search(query)) === joinedMatch(a, query);
      }),
      { numRuns: 2000 },
    );
  });
});
