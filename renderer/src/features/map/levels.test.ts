import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { CAP_SEVERITIES, type CapSeverity } from '@shared/domain/warningLevel';
import { ALERT_CLUSTER_PROPERTIES, FALLBACK_LEVEL_COLORS, clusterRankOf, heatWeightOf, LEVEL_BY_RANK, pulsesOf, rankColorExpression, rankOf, themeLevelColors } from './levels';
import type { ExpressionSpecification } from './mapTypes';
import { alertOf } from './testing/fixtures';

/** Evaluates a style expression the way MapLibre does, on one feature's properties. */
function evaluate(expression: ExpressionSpecification | unknown, properties: Record<string, unknown>, accumulated?: unknown): unknown {
  const compiled = createExpression(expression);
  if (compiled.result !== 'success') throw new Error(JSON.stringify(compiled.value));
  return compiled.value.evaluate({ zoom: 6, accumulated } as never, { type: 'Point', properties } as never);
}

/** What supercluster does with a `clusterProperties` entry: map each point, then fold with the operator. */
function aggregate(key: keyof typeof ALERT_CLUSTER_PROPERTIES, points: Record<string, unknown>[]): unknown {
  const [operator, map] = ALERT_CLUSTER_PROPERTIES[key];
  const reduce = createExpression([operator, ['accumulated'], ['get', key]]);
  if (reduce.result !== 'success') throw new Error('bad reduce');
  let acc = evaluate(map, points[0]!);
  for (const p of points.slice(1)) acc = reduce.value.evaluate({ zoom: 0, accumulated: acc } as never, { type: 'Point', properties: { [key]: evaluate(map, p) } } as never);
  return acc;
}

describe('warning level ranks', () => {
  it('orders CAP severities as 红 > 橙 > 黄 > 蓝 > unrated', () => {
    const ranks = CAP_SEVERITIES.map((s) => rankOf(s));
    expect(ranks).toEqual([4, 3, 2, 1, 0]);
    expect(CAP_SEVERITIES.map((s) => LEVEL_BY_RANK[rankOf(s)])).toEqual(['red', 'orange', 'yellow', 'blue', 'unknown']);
  });

  it('colours each rank with the theme colour, grey for unrated', () => {
    const expr = rankColorExpression(['get', 'rank'], FALLBACK_LEVEL_COLORS);
    for (const s of CAP_SEVERITIES) {
      expect(evaluate(expr, { rank: rankOf(s) })).toBe(FALLBACK_LEVEL_COLORS[LEVEL_BY_RANK[rankOf(s)]!]);
    }
  });

  it('reads the colours from the theme variables when they are set', () => {
    document.documentElement.style.setProperty('--level-red', '#ff0000');
    expect(themeLevelColors().red).toBe('#ff0000');
    expect(themeLevelColors().blue).toBe(FALLBACK_LEVEL_COLORS.blue);
    document.documentElement.style.removeProperty('--level-red');
  });
});

describe('cluster aggregation', () => {
  const severities: CapSeverity[][] = [['Minor'], ['Minor', 'Unknown'], ['Moderate', 'Extreme', 'Minor'], ['Unknown', 'Severe'], ['Unknown', 'Unknown']];
  it.each(severities)('a cluster of %j takes the most severe level inside (expression = JS)', (...cluster) => {
    const points = cluster.map((s) => ({ rank: rankOf(s) }));
    expect(aggregate('maxRank', points.map((p) => ({ rank: p.rank })))).toBe(clusterRankOf(points.map((p) => p.rank)));
  });

  it('pulses when any alert inside pulses, and sums the heat', () => {
    expect(aggregate('pulse', [{ pulse: 0 }, { pulse: 1 }, { pulse: 0 }])).toBe(1);
    expect(aggregate('pulse', [{ pulse: 0 }, { pulse: 0 }])).toBe(0);
    expect(aggregate('heat', [{ heat: 8 }, { heat: 0.5 }, { heat: 2 }])).toBe(10.5);
  });
});

describe('pulse and heat', () => {
  it('pulses only new Severe/Extreme alerts', () => {
    expect(pulsesOf(alertOf('a', { severity: 'Extreme' }))).toBe(true);
    expect(pulsesOf(alertOf('a', { severity: 'Severe' }))).toBe(true);
    expect(pulsesOf(alertOf('a', { severity: 'Severe', status: 'acknowledged' }))).toBe(false);
    expect(pulsesOf(alertOf('a', { severity: 'Moderate' }))).toBe(false);
  });

  it('weighs heat by severity and leaves closed alerts cold', () => {
    expect(heatWeightOf(alertOf('a', { severity: 'Extreme' }))).toBe(8 * heatWeightOf(alertOf('b', { severity: 'Minor' })));
    expect(heatWeightOf(alertOf('a', { severity: 'Extreme', status: 'dismissed' }))).toBe(0);
    expect(heatWeightOf(alertOf('a', { severity: 'Extreme', status: 'expired' }))).toBe(0);
  });
});
