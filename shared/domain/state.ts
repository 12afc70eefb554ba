/**
 * The folded state. Collections are persistent maps (Immutable.js) so that
 * `reduce` shares structure with the previous state instead of copying a
 * hundred thousand alerts per event, and a snapshot for replay is just a
 * reference.
 */
import { Map as IMap } from 'immutable';
import { GENESIS_HASH } from './chain';
import type { Alert, AlertId, Incident, IncidentId } from './model';

export type FeedStatus = 'connected' | 'late' | 'down';

export interface SourceState {
  readonly feed: string;
  readonly status: FeedStatus;
  readonly since: number;
  readonly detail?: string;
  readonly quarantined: number;
}

export interface State {
  /** Seq and hash of the last event folded in (0 and the genesis hash when empty). */
  readonly seq: number;
  readonly hash: string;
  /** Time of the latest event (epoch ms). */
  readonly time: number;
  readonly alerts: IMap<AlertId, Alert>;
  /** `${feed}:${sourceId}` of every message folded into an alert → that alert's id. */
  readonly aliases: IMap<string, AlertId>;
  readonly incidents: IMap<IncidentId, Incident>;
  readonly nextIncidentNo: number;
  readonly sources: IMap<string, SourceState>;
  readonly quarantined: number;
  /** Events the reducer could not apply (a corrupt or filtered log), with the last reason. */
  readonly rejected: number;
  readonly lastRejection?: { readonly seq: number; readonly reason: string };
}

export const initialState: State = {
  seq: 0,
  hash: GENESIS_HASH,
  time: 0,
  alerts: IMap(),
  aliases: IMap(),
  incidents: IMap(),
  nextIncidentNo: 1,
  sources: IMap(),
  quarantined: 0,
  rejected: 0,
};

export function aliasKey(feed: string, sourceId: string): string {
  return `${feed}:${sourceId}`;
}
