/**
 * Warning levels on the map: the rank every feature carries, the colours the
 * layers paint with, and the aggregations clusters make. The expressions
 * are built from the same tables as their JS equivalents (`rankOf`,
 * `clusterRankOf`, `heatWeightOf`), and the tests hold the two together.
 */
import type { ExpressionSpecification } from './mapTypes';
import type { Alert } from '@shared/domain/model';
import type { IncidentLevel } from '@shared/domain/model';
import type { CapSeverity } from '@shared/domain/warningLevel';
import { warningLevelOf } from '@shared/domain/warningLevel';
import type { LevelKey } from '../workspace/filters';

/** Rank by severity, 0 (unrated) … 4 (红). Features carry it as `rank`; clusters aggregate its max as `maxRank`. */
export const LEVEL_RANK: Readonly<Record<LevelKey, number>> = { unknown: 0, blue: 1, yellow: 2, orange: 3, red: 4 };
export const LEVEL_BY_RANK: readonly LevelKey[] = ['unknown', 'blue', 'yellow', 'orange', 'red'];

/** The theme's four warning colours and grey (theme.css `--level-*`); used when the variables cannot be read. */
export const FALLBACK_LEVEL_COLORS: Readonly<Record<LevelKey, string>> = {
  red: '#e8322e',
  orange: '#ff7d1a',
  yellow: '#f5c518',
  blue: '#2f7dff',
  unknown: '#7b8798',
};

/** Reads `--level-*` from the theme so the map and the board always agree. */
export function themeLevelColors(root: Element | null = typeof document === 'undefined' ? null : document.documentElement): Record<LevelKey, string> {
  const colors = { ...FALLBACK_LEVEL_COLORS };
  if (!root) return colors;
  const style = getComputedStyle(root);
  for (const key of LEVEL_BY_RANK) {
    const value = style.getPropertyValue(`--level-${key}`).trim();
    if (value) colors[key] = value;
  }
  return colors;
}

export function rankOf(severity: CapSeverity): number {
  return LEVEL_RANK[warningLevelOf(severity) ?? 'unknown'];
}

/** A cluster is as severe as the most severe alert inside it. */
export function clusterRankOf(ranks: Iterable<number>): number {
  let max = 0;
  for (const r of ranks) if (r > max) max = r;
  return max;
}

/**
 * Heatmap weight per rank: doubling per level, so one red alert weighs as
 * much as eight blue ones (the heat shows danger, not just volume).
 */
export const HEAT_WEIGHT_BY_RANK: readonly number[] = [0.5, 1, 2, 4, 8];
/** Only alerts that still need attention heat the map. */
export function heatWeightOf(alert: Pick<Alert, 'severity' | 'status'>): number {
  if (alert.status !== 'new' && alert.status !== 'acknowledged') return 0;
  return HEAT_WEIGHT_BY_RANK[rankOf(alert.severity)] ?? 0;
}

/** New, unacknowledged Severe/Extreme alerts pulse until someone acknowledges them. */
export function pulsesOf(alert: Pick<Alert, 'severity' | 'status'>): boolean {
  return alert.status === 'new' && (alert.severity === 'Severe' || alert.severity === 'Extreme');
}

/** `['match', rank, 4, red, 3, orange, …, grey]` for any expression yielding a rank. */
export function rankColorExpression(rank: ExpressionSpecification, colors: Readonly<Record<LevelKey, string>>): ExpressionSpecification {
  return ['match', rank, 4, colors.red, 3, colors.orange, 2, colors.yellow, 1, colors.blue, colors.unknown];
}

/**
 * `clusterProperties` for the alerts source: the highest rank inside
 * (colours the bubble), whether anything inside pulses, and the summed heat
 * weight (the heatmap reads clusters, so it stays cheap at 100k alerts).
 */
export const ALERT_CLUSTER_PROPERTIES = {
  maxRank: ['max', ['get', 'rank']],
  pulse: ['max', ['get', 'pulse']],
  heat: ['+', ['get', 'heat']],
} satisfies Record<string, [string, ExpressionSpecification]>;

/** Incident level Ⅰ (特别重大) … Ⅳ (一般) in the same four colours, Ⅰ red. */
export const INCIDENT_LEVEL_KEY: Readonly<Record<IncidentLevel, LevelKey>> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'blue' };
export const INCIDENT_LEVEL_NUMERAL: Readonly<Record<IncidentLevel, string>> = { 1: 'Ⅰ', 2: 'Ⅱ', 3: 'Ⅲ', 4: 'Ⅳ' };
