/**
 * `#/report/<incidentId>`: the after-action packet of one incident as a
 * page of its own, so that printing (Electron `printToPDF`, the browser's
 * print) takes exactly the packet. `?print` asks the page to print itself
 * once it is ready (used by the export menu under Electron).
 */
import { useHash } from '../shell/useHash';

export const REPORT_ROUTE = '#/report/';

export interface ReportRoute {
  incidentId: string;
  /** Print (save as PDF) as soon as the packet is ready. */
  print: boolean;
}

export function reportHash(incidentId: string, print = false): string {
  return `${REPORT_ROUTE}${encodeURIComponent(incidentId)}${print ? '?print' : ''}`;
}

export function parseReportHash(hash: string): ReportRoute | null {
  if (!hash.startsWith(REPORT_ROUTE)) return null;
  const [id = '', query = ''] = hash.slice(REPORT_ROUTE.length).split('?');
  if (id === '') return null;
  try {
    return { incidentId: decodeURIComponent(id), print: query.split('&').includes('print') };
  } catch {
    return null;
  }
}

/** The report route of the current URL, or null; follows hash changes. */
export function useReportRoute(): ReportRoute | null {
  return parseReportHash(useHash());
}

export function openReport(incidentId: string, print = false): void {
  window.location.hash = reportHash(incidentId, print);
}

export function leaveReport(): void {
  // Back to the desk; the live store and the workspace state were never left.
  window.location.hash = '#/';
}
