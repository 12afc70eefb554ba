/**
 * The board's derived lists, kept outside React (STYLE §5). The live store
 * mutates its alert and incident maps in place between snapshots, so a list
 * derived from them must be recomputed when they change; doing that on every
 * snapshot (~10/s, many of them only feed health or presence) would sort the
 * whole set each time. Instead the model listens to the store's deltas and
 * updates `SortedView`s incrementally: the filtered alerts in board order,
 * and the open incidents. A filter or order change, a reset or a large delta
 * (a replay seek) filters every alert and sorts those that pass. Components
 * read `BoardView` through `useSyncExternalStore`; its identity changes only
 * when a list changed.
 *
 * There is no list of every alert in order beside the filtered one (there
 * was, so that a filter change was a linear pass over it): keeping it cost a
 * second merge for every delta, and a far replay seek sorted all ~100k
 * alerts and then filtered them, where filtering first sorts only those
 * shown (measured in the replay README).
 */
import { useSyncExternalStore } from 'react';
import type { Alert, Incident } from '@shared/domain/model';
import type { LiveDelta, LiveSnapshot, LiveStore } from '../../live/types';
import { filterStore, matchesAlert, type Filters } from '../workspace/filters';
import type { SmallStore } from '../workspace/smallStore';
import { ALERT_ORDER, compareIncidents, matchesIncident, type BoardSort } from './boardRows';
import { sortStore } from './boardPrefs';
import { REBUILD_ABOVE_SHARE, SortedView } from './sortedView';
import { ALERT_KEY } from './sortKeys';

/** A delta over this many alerts, and over REBUILD_ABOVE_SHARE of them, rebuilds both lists. */
const LARGE_DELTA = 64;

export interface BoardView {
  /** Filtered alerts in board order. */
  alerts: readonly Alert[];
  /** Filtered open incidents, most severe first. */
  incidents: readonly Incident[];
  /** All alerts the workstation holds (for "123 / 4,567"). */
  totalAlerts: number;
  totalIncidents: number;
  filters: Filters;
  sort: BoardSort;
}

/** The subset of `LiveStore` the model needs (tests pass a fake). */
export type DeltaSource = Pick<LiveStore, 'onDidApplyDelta' | 'getSnapshot'>;

export interface BoardModel {
  subscribe(listener: () => void): () => void;
  getView(): BoardView;
  /** Stops listening (tests; the app keeps one model per store for its lifetime). */
  dispose(): void;
}

export function createBoardModel(source: DeltaSource, filters: SmallStore<Filters> = filterStore, sort: SmallStore<BoardSort> = sortStore): BoardModel {
  const listeners = new Set<() => void>();
  let snapshot: LiveSnapshot = source.getSnapshot();
  // With a text search, each alert's verdict is kept for these filters: an alert is a new object
  // whenever it changes, so a rebuild (a delta over 1/32 of the alerts, a replay seek) searches
  // only alerts it has not seen. Searching every alert at each such rebuild was 1.1 s of the
  // page's profile under the client bench's live load (h2, 27 Nov). Without text the test is a
  // few set lookups, cheaper than the cache.
  let verdictsFor: Filters | null = null;
  let verdicts = new WeakMap<Alert, boolean>();
  const predicate = (f: Filters) => {
    if (!f.text) return (a: Alert) => matchesAlert(a, f);
    if (f !== verdictsFor) {
      verdictsFor = f;
      verdicts = new WeakMap();
    }
    const known = verdicts;
    return (a: Alert) => {
      let verdict = known.get(a);
      if (verdict === undefined) known.set(a, (verdict = matchesAlert(a, f)));
      return verdict;
    };
  };
  // Its own membership: the version of each alert it lists (to find its place again); an alert outside
  // the filter has none, and a delta that brings it into the filter adds it.
  const alerts = new SortedView<Alert>(ALERT_ORDER[sort.get()], predicate(filters.get()), 'own', ALERT_KEY[sort.get()]);
  // Open incidents on the board, kept like the alerts: a delta costs its own incidents, not a filter of every one.
  const incidentPredicate = (f: Filters) => (i: Incident) => matchesIncident(i, f);
  const incidents = new SortedView<Incident>(compareIncidents, incidentPredicate(filters.get()));
  let view: BoardView = { alerts: [], incidents: [], totalAlerts: 0, totalIncidents: 0, filters: filters.get(), sort: sort.get() };

  const publish = (patch: Partial<BoardView>): void => {
    view = { ...view, ...patch, totalAlerts: snapshot.alerts.size, totalIncidents: snapshot.incidents.size };
    for (const l of listeners) l();
  };

  /** Filters every alert and incident and sorts those that pass, from scratch. */
  const rebuild = (): void => {
    const f = filters.get();
    const s = sort.get();
    alerts.configure(ALERT_ORDER[s], predicate(f), ALERT_KEY[s]);
    alerts.rebuild(snapshot.alerts.values());
    incidents.configure(compareIncidents, incidentPredicate(f));
    incidents.rebuild(snapshot.incidents.values());
    publish({ alerts: alerts.items, incidents: incidents.items, filters: f, sort: s });
  };

  const onDelta = (delta: LiveDelta, next: LiveSnapshot): void => {
    snapshot = next;
    // A reset, or a delta that replaces a large share of the alerts (a far replay seek):
    // sorting the alerts that pass on keys costs less than finding each changed one and merging.
    const changed = delta.alerts.upsert.length + delta.alerts.remove.length;
    if (delta.reset || (changed > LARGE_DELTA && changed > snapshot.alerts.size * REBUILD_ABOVE_SHARE)) return rebuild();
    const alertsChanged = alerts.apply(delta.alerts.upsert, delta.alerts.remove);
    const incidentsChanged = incidents.apply(delta.incidents.upsert, delta.incidents.remove);
    // Counts change even when nothing visible did; publish only when a list or a count changed.
    if (!alertsChanged && !incidentsChanged && view.totalAlerts === snapshot.alerts.size && view.totalIncidents === snapshot.incidents.size) return;
    publish({
      ...(alertsChanged ? { alerts: alerts.items } : {}),
      ...(incidentsChanged ? { incidents: incidents.items } : {}),
    });
  };

  // Subscribing replays the current state as a reset, which builds the lists.
  const stops = [source.onDidApplyDelta(onDelta), filters.subscribe(rebuild), sort.subscribe(rebuild)];

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getView: () => view,
    dispose: () => stops.forEach((stop) => stop()),
  };
}

const models = new WeakMap<DeltaSource, BoardModel>();

/** One model per live store, for the store's lifetime (the map of a store is never released before it). */
export function boardModelFor(store: DeltaSource): BoardModel {
  let model = models.get(store);
  if (!model) models.set(store, (model = createBoardModel(store)));
  return model;
}

export function useBoardView(store: DeltaSource): BoardView {
  const model = boardModelFor(store);
  return useSyncExternalStore(model.subscribe, model.getView, model.getView);
}
