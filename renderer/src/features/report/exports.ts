/**
 * The exports, from live data to a file through the platform's save dialog
 * (Electron) or a download (web mode). Each returns what happened as a
 * value the UI shows.
 */
import type { Alert, Incident } from '@shared/domain/model';
import type { IpcResult, SavedFile } from '@shared/ipc';
import { exportFileName, incidentCapXml } from '@shared/report/cap';
import { timelineCsv } from '@shared/report/csv';
import { alertsGeoJson } from '@shared/report/geojson';
import type { Lang } from '@shared/report/labels';
import { timelineOf, type TimelineEntry } from '@shared/report/timeline';
import type { LiveSnapshot, LiveStore } from '../../live/types';
import { platform } from '../../platform';
import { loadIncidentEvents } from './loadIncidentEvents';
import { knownPeople } from './people';

export type ExportOutcome = { kind: 'saved'; path?: string; name: string } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

function outcomeOf(r: IpcResult<SavedFile>, name: string): ExportOutcome {
  if (!r.ok) return { kind: 'failed', message: r.error.message };
  if (!r.value.saved) return { kind: 'cancelled' };
  return { kind: 'saved', name, ...(r.value.path !== undefined ? { path: r.value.path } : {}) };
}

async function guarded(run: () => Promise<ExportOutcome>): Promise<ExportOutcome> {
  try {
    return await run();
  } catch (e) {
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

/** Saves timeline entries already at hand (the packet page has them): no wait between the click and the save. */
export function saveTimelineCsv(entries: readonly TimelineEntry[], incidentNo: number, lang: Lang): Promise<ExportOutcome> {
  return guarded(async () => {
    const name = exportFileName(incidentNo, lang === 'zh' ? '时间线' : 'timeline', Date.now(), 'csv');
    return outcomeOf(await platform.saveFile({ suggestedName: name, data: timelineCsv(entries, lang), mime: 'text/csv;charset=utf-8', filters: [{ name: 'CSV', extensions: ['csv'] }] }), name);
  });
}

/** Reads the incident's events from the replica, then saves its timeline. */
export function exportTimelineCsv(store: LiveStore, incident: Incident, lang: Lang): Promise<ExportOutcome> {
  return guarded(async () => {
    const snapshot = store.getSnapshot();
    const [events, people] = await Promise.all([loadIncidentEvents(store.replica, incident.id), knownPeople(snapshot)]);
    return saveTimelineCsv(timelineOf(events, { people, alerts: snapshot.alerts }), incident.no, lang);
  });
}

export function exportIncidentCap(snapshot: Pick<LiveSnapshot, 'alerts'>, incident: Incident): Promise<ExportOutcome> {
  return guarded(async () => {
    const xml = incidentCapXml(incident, snapshot.alerts, Date.now());
    const name = exportFileName(incident.no, 'CAP', Date.now(), 'xml');
    return outcomeOf(await platform.saveFile({ suggestedName: name, data: xml, mime: 'application/xml', filters: [{ name: 'CAP 1.2 XML', extensions: ['xml', 'cap'] }] }), name);
  });
}

export function exportAlertsGeoJson(alerts: readonly Alert[]): Promise<ExportOutcome> {
  return guarded(async () => {
    const text = JSON.stringify(alertsGeoJson(alerts), null, 1);
    const name = exportFileName(undefined, '预警', Date.now(), 'geojson');
    return outcomeOf(await platform.saveFile({ suggestedName: name, data: text, mime: 'application/geo+json', filters: [{ name: 'GeoJSON', extensions: ['geojson', 'json'] }] }), name);
  });
}
