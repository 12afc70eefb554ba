/**
 * State snapshots as JSON text, for a fast start (hub) and fast seeks
 * (replay): load the latest snapshot, then fold only the events after it.
 */
import type { Alert, Incident } from './model';
import { PMap } from './pmap';
import type { SourceState, State } from './state';

const FORMAT = 1;

interface SnapshotJson {
  format: number;
  seq: number;
  hash: string;
  time: number;
  nextIncidentNo: number;
  quarantined: number;
  rejected: number;
  alerts: Alert[];
  aliases: [string, string][];
  incidents: Incident[];
  sources: SourceState[];
}

export function snapshotOf(state: State): string {
  const json: SnapshotJson = {
    format: FORMAT,
    seq: state.seq,
    hash: state.hash,
    time: state.time,
    nextIncidentNo: state.nextIncidentNo,
    quarantined: state.quarantined,
    rejected: state.rejected,
    alerts: state.alerts.values(),
    aliases: state.aliases.entries(),
    incidents: state.incidents.values(),
    sources: state.sources.values(),
  };
  return JSON.stringify(json);
}

export type Restored = { ok: true; state: State } | { ok: false; reason: string };

/** Rebuilds a state from `snapshotOf` text; an unknown format is refused (fold from the log instead). */
export function stateFromSnapshot(text: string): Restored {
  let json: SnapshotJson;
  try {
    json = JSON.parse(text) as SnapshotJson;
  } catch (e) {
    return { ok: false, reason: `snapshot is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (json.format !== FORMAT) return { ok: false, reason: `snapshot format ${String(json.format)} is not ${FORMAT}` };
  let alerts = PMap.empty<Alert>().asTransient();
  for (const a of json.alerts) alerts = alerts.set(a.id, a);
  let incidents = PMap.empty<Incident>().asTransient();
  for (const i of json.incidents) incidents = incidents.set(i.id, i);
  return {
    ok: true,
    state: {
      seq: json.seq,
      hash: json.hash,
      time: json.time,
      nextIncidentNo: json.nextIncidentNo,
      quarantined: json.quarantined,
      rejected: json.rejected,
      lastRejection: undefined,
      alerts: alerts.persistent(),
      aliases: PMap.from(json.aliases),
      incidents: incidents.persistent(),
      sources: PMap.from(json.sources.map((s) => [s.feed, s] as const)),
    },
  };
}
