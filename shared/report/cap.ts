/**
 * An incident as a CAP 1.2 document for the public warning system: the
 * message `incidentToCap` builds (bilingual zh-CN / en-US info blocks, the
 * incident area from its public alerts), written by `serializeCap` as
 * schema-valid XML. `xmllint --schema cap12.xsd` accepts it (cap.test.ts).
 */
import { incidentToCap } from '../cap/fromDomain';
import { serializeCap } from '../cap/serialize';
import type { Alert, Incident } from '../domain/model';
import { alertLookup, type AlertSource } from './labels';

/** CAP `sender` of the center's exports (an address in the province's domain, as CAP 1.2 §3.2.1 suggests). */
export const CENTER_CAP_SENDER = 'longwatch@hlj.gov.cn';

export function incidentCapXml(incident: Incident, alerts: AlertSource, now: number, sender = CENTER_CAP_SENDER): string {
  const get = alertLookup(alerts);
  const list = incident.alerts.map(get).filter((a): a is Alert => a !== undefined);
  return serializeCap(incidentToCap(incident, list, { sender, now }));
}

/** File names of exports: `事件12-时间线-20261126-1403.csv` style, safe on Windows. */
export function exportFileName(incidentNo: number | undefined, what: string, now: number, ext: string): string {
  const d = new Date(now + 8 * 3_600_000).toISOString();
  const stamp = `${d.slice(0, 10).replace(/-/g, '')}-${d.slice(11, 16).replace(':', '')}`;
  const safe = what.replace(/[\\/:*?"<>|\s]+/g, '_');
  return `${incidentNo !== undefined ? `事件${incidentNo}-` : ''}${safe}-${stamp}.${ext}`;
}
