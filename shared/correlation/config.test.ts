import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../domain/agencies';
import { atOrAbove, compatible, correlationConfigSchema, DEFAULT_CORRELATION_CONFIG, levelFor } from './config';

const committed: unknown = JSON.parse(readFileSync(new URL('../../resources/correlation.json', import.meta.url), 'utf8'));

describe('resources/correlation.json', () => {
  it('parses and equals DEFAULT_CORRELATION_CONFIG', () => {
    const parsed = correlationConfigSchema.parse(committed);
    const { $comment, ...values } = parsed;
    expect($comment).toBeDefined();
    expect(values).toEqual(DEFAULT_CORRELATION_CONFIG);
  });

  it('explains every domain pair it sets', () => {
    const text = JSON.stringify((committed as { $comment: unknown }).$comment);
    for (const a of DOMAINS) {
      for (const b of DOMAINS) {
        if (a < b && DEFAULT_CORRELATION_CONFIG.matrix[a][b]) expect(text.includes(`${a}-${b}`) || text.includes(`${b}-${a}`), `${a}-${b}`).toBe(true);
      }
    }
  });
});

describe('correlationConfigSchema', () => {
  it('fills every field from the defaults', () => {
    expect(correlationConfigSchema.parse({})).toEqual(DEFAULT_CORRELATION_CONFIG);
  });

  it('refuses unknown keys, a missing matrix cell, a bad radius and a bad level', () => {
    expect(correlationConfigSchema.safeParse({ radius: 5 }).success).toBe(false);
    const { ecology: _e, ...fourColumns } = DEFAULT_CORRELATION_CONFIG.matrix.traffic;
    expect(correlationConfigSchema.safeParse({ matrix: { ...DEFAULT_CORRELATION_CONFIG.matrix, traffic: fourColumns } }).success).toBe(false);
    expect(correlationConfigSchema.safeParse({ radiusKm: 0 }).success).toBe(false);
    expect(correlationConfigSchema.safeParse({ radiusKm: -3 }).success).toBe(false);
    expect(correlationConfigSchema.safeParse({ levels: [{ severity: 'Severe', level: 5 }] }).success).toBe(false);
    expect(correlationConfigSchema.safeParse({ openThreshold: 'severe' }).success).toBe(false);
  });
});

describe('default matrix', () => {
  const m = DEFAULT_CORRELATION_CONFIG.matrix;
  it('lets same-domain reports join and is symmetric', () => {
    for (const a of DOMAINS) {
      expect(m[a][a]).toBe(true);
      for (const b of DOMAINS) expect(m[a][b]).toBe(m[b][a]);
    }
  });

  it('pairs the domains of the chemical-leak chain', () => {
    expect(m.ecology.safety && m.traffic.safety && m.market.ecology && m.security.market).toBe(true);
    expect(m.market.traffic || m.market.safety || m.security.ecology).toBe(false);
  });

  it('accepts when any incident domain is compatible', () => {
    expect(compatible(m, 'market', ['traffic'])).toBe(false);
    expect(compatible(m, 'market', ['traffic', 'ecology'])).toBe(true);
    expect(compatible(m, 'market', [])).toBe(false);
  });
});

describe('levels and thresholds', () => {
  const levels = DEFAULT_CORRELATION_CONFIG.levels;
  it('maps severity and urgency to the incident level, first rule first', () => {
    expect(levelFor({ severity: 'Extreme', urgency: 'Immediate' }, levels)).toBe(1);
    expect(levelFor({ severity: 'Extreme', urgency: 'Expected' }, levels)).toBe(2);
    expect(levelFor({ severity: 'Severe', urgency: 'Immediate' }, levels)).toBe(2);
    expect(levelFor({ severity: 'Severe', urgency: 'Future' }, levels)).toBe(3);
    expect(levelFor({ severity: 'Moderate', urgency: 'Immediate' }, levels)).toBe(4);
    expect(levelFor({ severity: 'Minor', urgency: 'Immediate' }, levels)).toBe(4);
  });

  it('orders severities Extreme > Severe > Moderate > Minor > Unknown', () => {
    expect(atOrAbove('Extreme', 'Severe')).toBe(true);
    expect(atOrAbove('Severe', 'Severe')).toBe(true);
    expect(atOrAbove('Moderate', 'Severe')).toBe(false);
    expect(atOrAbove('Unknown', 'Minor')).toBe(false);
    expect(atOrAbove('Minor', 'Unknown')).toBe(true);
  });
});
