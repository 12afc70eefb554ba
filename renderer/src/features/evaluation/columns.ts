/**
 * The columns of the indicator table, shared by the table, its drill-downs
 * and the CSV export: what each shows, how it is formatted, and which
 * alerts or incidents lie behind it.
 */
import type { AgencyIndicators, AlertIndicators, AlertMeasure, IncidentMeasure } from '@shared/evaluation';

export type Row = AlertIndicators & Partial<AgencyIndicators>;

export type ColumnKind = 'count' | 'rate' | 'duration';

export interface Column {
  /** i18n key under `evaluation.column.*`, and the cell's test id suffix. */
  key: string;
  kind: ColumnKind;
  value(row: Row): number | null;
  /** Agency-only columns (incidents, requests, tasks). */
  agencyOnly?: boolean;
  /** What a click on the number lists. */
  drill?: AlertMeasure | IncidentMeasure;
  /** For trend arrows: is a higher value better? Undefined = no arrow. */
  higherIsBetter?: boolean;
}

const n = (v: number | undefined): number | null => (v === undefined ? null : v);

export const COLUMNS: readonly Column[] = [
  { key: 'received', kind: 'count', value: (r) => r.received, drill: 'received' },
  { key: 'acknowledged', kind: 'count', value: (r) => r.acknowledged, drill: 'acknowledged' },
  { key: 'dismissed', kind: 'count', value: (r) => r.dismissed, drill: 'dismissed' },
  { key: 'falsePositive', kind: 'count', value: (r) => r.falsePositive, drill: 'falsePositive' },
  { key: 'falsePositiveRate', kind: 'rate', value: (r) => r.falsePositiveRate, higherIsBetter: false },
  { key: 'expiredUnacknowledged', kind: 'count', value: (r) => r.expiredUnacknowledged, drill: 'expiredUnacknowledged' },
  { key: 'meanAck', kind: 'duration', value: (r) => r.meanAckMs, higherIsBetter: false },
  { key: 'p90Ack', kind: 'duration', value: (r) => r.p90AckMs, higherIsBetter: false },
  { key: 'slaBreached', kind: 'count', value: (r) => r.slaDue - r.slaMet, drill: 'slaBreached' },
  { key: 'slaCompliance', kind: 'rate', value: (r) => r.slaCompliance, higherIsBetter: true },
  { key: 'incidentsLed', kind: 'count', value: (r) => n(r.incidentsLed), agencyOnly: true, drill: 'incidentsLed' },
  { key: 'incidentsJoined', kind: 'count', value: (r) => n(r.incidentsJoined), agencyOnly: true, drill: 'incidentsJoined' },
  { key: 'requestCompliance', kind: 'rate', value: (r) => r.requestCompliance ?? null, agencyOnly: true, higherIsBetter: true },
  { key: 'escalations', kind: 'count', value: (r) => n(r.escalations), agencyOnly: true, drill: 'escalations', higherIsBetter: false },
  { key: 'meanResolve', kind: 'duration', value: (r) => r.meanResolveMs ?? null, agencyOnly: true, drill: 'resolved', higherIsBetter: false },
  { key: 'taskOnTimeRate', kind: 'rate', value: (r) => r.taskOnTimeRate ?? null, agencyOnly: true, drill: 'tasksLate', higherIsBetter: true },
  { key: 'responseCompliance', kind: 'rate', value: (r) => r.responseCompliance ?? null, agencyOnly: true, higherIsBetter: true },
];

/** `87.5%`; an em dash for "nothing to divide by". */
export function formatRate(v: number | null): string {
  return v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

/** Minutes with one decimal (`4.5`), or hours (`3.2h`) from 100 minutes on. */
export function formatDuration(ms: number | null, units: { minutes: string; hours: string }): string {
  if (ms === null) return '—';
  const m = ms / 60_000;
  return m < 100 ? `${m.toFixed(1)}${units.minutes}` : `${(m / 60).toFixed(1)}${units.hours}`;
}

export function formatCount(v: number | null): string {
  return v === null ? '—' : String(v);
}
