/**
 * The received alerts by place, for correlation's look-back: per grid cell of
 * `CELL_DEG` degrees and domain, the alerts whose point is there, in the
 * order they were received, with what the look-back can judge without
 * reading the state (receive time; an update may not change the domain).
 *
 * By place rather than province-wide: a province-wide list of the latest N
 * covered a minute at a busy hour, so a report from twenty minutes ago beside
 * the incident was never looked at again. It holds every alert the state holds (the hub keeps them all;
 * an entry is ~100 bytes beside each alert's kilobytes) and follows an
 * update that moves one, so it is a function of the state: `fromState`
 * builds the same grid as following every event.
 */
import type { AlertId, Point } from '../domain/model';
import { DOMAINS, type Domain } from '../domain/agencies';
import { boxAround, haversineKmLonLat } from './geo';

/** Cell size in degrees of latitude and longitude: ~55 × 38 km in Heilongjiang. */
export const CELL_DEG = 0.5;
const COLUMNS = Math.ceil(360 / CELL_DEG) + 1;
const DOMAIN_INDEX = new Map<Domain, number>(DOMAINS.map((d, i) => [d, i]));

/** One received alert: its id, where it is, and what an update cannot change. */
export interface RecentAlert {
  readonly id: AlertId;
  readonly domain: Domain;
  readonly received: number;
  /** The seq of its `alert.received`: the order within a cell and across cells. */
  readonly seq: number;
  readonly lon: number;
  readonly lat: number;
}

/** The list of (cell, domain). */
function keyOf(lon: number, lat: number, domain: Domain): number {
  return (rowOf(lat) * COLUMNS + columnOf(lon)) * DOMAINS.length + DOMAIN_INDEX.get(domain)!;
}

function rowOf(lat: number): number {
  return Math.floor((Math.min(90, Math.max(-90, lat)) + 90) / CELL_DEG);
}

function columnOf(lon: number): number {
  return Math.floor((Math.min(180, Math.max(-180, lon)) + 180) / CELL_DEG);
}

/** Index in `cell` (ascending seq) of the first entry with a seq at or above `seq`. */
function lowerBound(cell: readonly RecentAlert[], seq: number): number {
  let lo = 0;
  let hi = cell.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cell[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class RecentGrid {
  /** Per (cell, domain), its alerts by ascending seq. */
  private readonly cells = new Map<number, RecentAlert[]>();
  private readonly entries = new Map<AlertId, RecentAlert>();

  get size(): number {
    return this.entries.size;
  }

  /** Records a received alert (calls come in seq order; an id already held is ignored). */
  add(entry: RecentAlert): void {
    if (this.entries.has(entry.id)) return;
    this.entries.set(entry.id, entry);
    this.insert(keyOf(entry.lon, entry.lat, entry.domain), entry);
  }

  /** Follows an update that moved alert `id` to (lon, lat). */
  move(id: AlertId, lon: number, lat: number): void {
    const entry = this.entries.get(id);
    if (!entry || (entry.lon === lon && entry.lat === lat)) return;
    const from = keyOf(entry.lon, entry.lat, entry.domain);
    const cell = this.cells.get(from)!;
    cell.splice(lowerBound(cell, entry.seq), 1);
    if (cell.length === 0) this.cells.delete(from);
    const moved = { ...entry, lon, lat };
    this.entries.set(id, moved);
    this.insert(keyOf(lon, lat, entry.domain), moved);
  }

  /**
   * The alerts of `domains` within `radiusKm` of `point` received at or
   * after `since`, newest first, among the latest `max` of those domains in
   * the grid cells the circle touches: the lists are walked from their
   * newest entry down, merged by seq, and at most `max` entries are read
   * (the bound on the work; entries in those cells beyond the radius count).
   */
  near(point: Point, radiusKm: number, max: number, since: number, domains: readonly Domain[]): RecentAlert[] {
    const out: RecentAlert[] = [];
    if (max <= 0 || domains.length === 0 || this.cells.size === 0) return out;
    const { minX: west, minY: south, maxX: east, maxY: north } = boxAround(point, radiusKm);
    const lists: RecentAlert[][] = [];
    const next: number[] = [];
    for (let row = rowOf(south); row <= rowOf(north); row++) {
      for (let column = columnOf(west); column <= columnOf(east); column++) {
        for (const domain of domains) {
          const list = this.cells.get((row * COLUMNS + column) * DOMAINS.length + DOMAIN_INDEX.get(domain)!);
          if (list) {
            lists.push(list);
            next.push(list.length - 1);
          }
        }
      }
    }
    for (let read = 0; read < max; read++) {
      // The list whose next entry is the newest (a handful of lists: a scan).
      let pick = -1;
      let newest = -Infinity;
      for (let l = 0; l < lists.length; l++) {
        const i = next[l]!;
        if (i >= 0 && lists[l]![i]!.seq > newest) {
          newest = lists[l]![i]!.seq;
          pick = l;
        }
      }
      if (pick < 0) break;
      const r = lists[pick]![next[pick]!--]!;
      // Receive times follow the seqs: the first one too old ends its list.
      if (r.received < since) {
        next[pick] = -1;
        continue;
      }
      if (r.lat < south || r.lat > north || r.lon < west || r.lon > east) continue;
      if (haversineKmLonLat(point.lon, point.lat, r.lon, r.lat) <= radiusKm) out.push(r);
    }
    return out;
  }

  private insert(key: number, entry: RecentAlert): void {
    const cell = this.cells.get(key);
    if (!cell) this.cells.set(key, [entry]);
    else if (cell.length === 0 || cell[cell.length - 1]!.seq < entry.seq) cell.push(entry);
    else cell.splice(lowerBound(cell, entry.seq), 0, entry);
  }
}
