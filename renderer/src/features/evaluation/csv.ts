/**
 * The indicator table as CSV (issue 8): one row per agency in ranking order,
 * UTF-8 with a BOM so that Excel on a Chinese Windows reads the headers.
 * Rates are percentages with one decimal, durations minutes with one
 * decimal; an empty cell means "nothing to divide by".
 */
import type { AgencyIndicators } from '@shared/evaluation';
import { COLUMNS } from './columns';

export const BOM = '\uFEFF';

/** Quotes a cell when needed; text that a spreadsheet would run as a formula is defused with a leading apostrophe. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvLabels {
  rank: string;
  agencyId: string;
  agency: string;
  /** Header of each column in `COLUMNS`, by key. */
  column(key: string): string;
  previous: string;
  agencyName(agency: AgencyIndicators['agency']): string;
}

function cellOf(kind: string, v: number | null): number | null {
  if (v === null) return null;
  if (kind === 'rate') return Math.round(v * 1000) / 10;
  if (kind === 'duration') return Math.round(v / 6000) / 10;
  return v;
}

/** Ranked agency rows (and the previous period's response compliance for each) → CSV text with BOM, CRLF line ends. */
export function indicatorCsv(ranked: readonly AgencyIndicators[], previous: ReadonlyMap<string, AgencyIndicators> | null, labels: CsvLabels): string {
  const header = [labels.rank, labels.agencyId, labels.agency, ...COLUMNS.map((c) => labels.column(c.key))];
  if (previous) header.push(labels.previous);
  const lines = [header.map(csvCell).join(',')];
  ranked.forEach((row, i) => {
    const cells: (string | number | null)[] = [i + 1, row.agency, labels.agencyName(row.agency), ...COLUMNS.map((c) => cellOf(c.kind, c.value(row)))];
    if (previous) cells.push(cellOf('rate', previous.get(row.agency)?.responseCompliance ?? null));
    lines.push(cells.map(csvCell).join(','));
  });
  return BOM + lines.join('\r\n') + '\r\n';
}
