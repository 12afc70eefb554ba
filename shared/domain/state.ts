/**
 * The folded state. Collections are persistent maps (`PMap`) so that
 * `reduce` shares structure with the previous state instead of copying a
 * hundred thousand alerts per event, and a snapshot for replay is just a
 * reference.
 */
import { PMap } from './pmap';
import { GENESIS_HASH } from './chain';
import type { Alert, AlertId, Incident } from './model';

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
  readonly alerts: PMap<Alert>;
  /**
   * `${feed}:${sourceId}` of messages folded into an alert whose id differs
   * (updates with their own CAP identifier) → that alert's id. The first
   * message of an alert needs no entry: its key is the alert id (`alertIdOf`).
   */
  readonly aliases: PMap<AlertId>;
  readonly incidents: PMap<Incident>;
  readonly nextIncidentNo: number;
  readonly sources: PMap<SourceState>;
  readonly quarantined: number;
  /** Events the reducer could not apply (a corrupt or filtered log), with the last reason. */
  readonly rejected: number;
  readonly lastRejection: { readonly seq: number; readonly reason: string } | undefined;
}

export const initialState: State = {
  seq: 0,
  hash: GENESIS_HASH,
  time: 0,
  alerts: PMap.empty(),
  aliases: PMap.empty(),
  incidents: PMap.empty(),
  nextIncidentNo: 1,
  sources: PMap.empty(),
  quarantined: 0,
  rejected: 0,
  lastRejection: undefined,
};

export function aliasKey(feed: string, sourceId: string): string {
  return `${feed}:${sourceId}`;
}

/** The alert a message of `feed` with `sourceId` was folded into, if any. */
export function alertIdOf(state: State, feed: string, sourceId: string): AlertId | undefined {
  const key = aliasKey(feed, sourceId);
  return state.aliases.get(key) ?? (state.alerts.has(key) ? key : undefined);
}
