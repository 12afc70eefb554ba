/**
 * Best-first nearest-neighbour walk over an rbush tree (Hjaltason & Samet):
 * nodes and points share one priority queue keyed by distance, nodes by a
 * lower bound, points by their exact great-circle distance, so points come
 * out in increasing distance and the walk stops at the first one the caller
 * takes. A query costs about log n plus the points it has to pass over, where
 * a box query would cost every point in the box: in a dense city that is the
 * difference between a handful and thousands.
 *
 * It runs once per alert, so it is lean where a plain version was not:
 * - Points enter keyed by a lower bound from their chord (no trigonometry:
 *   most are never taken) and are measured exactly (haversine) only when
 *   they reach the front; then they go back in with that distance. A point
 *   is taken only with its exact distance ahead of every bound left, so the
 *   order, the distances and the ties are those of exact distances.
 * - The queue is typed arrays reused from query to query: no allocation per
 *   entry.
 */
import type { BBox } from 'rbush';
import { boxAround, EARTH_RADIUS_KM, haversineKmLonLat, minDistanceToBoxKm } from './geo';

/** The shape rbush's `toJSON()` gives: its own root node, children are nodes or (in leaves) items. */
export interface RTreeNode<T> extends BBox {
  children: (RTreeNode<T> | T)[];
  leaf: boolean;
  height: number;
}

/** An indexed point (minX = maxX = lon, minY = maxY = lat) with the ids used to break distance ties. */
export interface PointItem extends BBox {
  incidentId: string;
  alertId: string;
  /** The point on the unit sphere (`unitVector` in geo.ts), for the chord bound. */
  x: number;
  y: number;
  z: number;
}

/** What a queue entry holds; at equal keys a larger kind comes out first. */
const MEASURED = 0;
const UNMEASURED = 1;
const NODE = 2;

/** Slack on node bounds (km) so rounding can never rank a node after a point it holds. */
const BOUND_SLACK_KM = 1e-9;
/**
 * Relative slack on the chord bound: the great-circle distance is
 * 2R·asin(c/2) ≥ R·c for a chord c, and both sides are computed to about
 * 1e-15 relative, far inside this.
 */
const CHORD_SLACK = 1e-9;

/**
 * Order of the queue: nearer first; at equal keys a bound (node or
 * unmeasured point) before a measured point, so a point is never taken while
 * something might still hold one as near with a smaller id; measured points
 * at equal distance by incident id, then alert id. This makes the answer
 * independent of the tree's shape.
 */
function before(da: number, ka: number, ra: unknown, db: number, kb: number, rb: unknown): boolean {
  if (da !== db) return da < db;
  if (ka !== kb) return ka > kb;
  if (ka !== MEASURED) return false;
  const a = ra as PointItem;
  const b = rb as PointItem;
  if (a.incidentId !== b.incidentId) return a.incidentId < b.incidentId;
  return a.alertId < b.alertId;
}

/** A binary min-heap in parallel arrays: key, kind, node or point. */
class WalkQueue {
  private keys = new Float64Array(64);
  private kinds = new Uint8Array(64);
  private refs: unknown[] = [];
  private n = 0;
  /** The front after `next()`. */
  key = 0;
  kind = 0;
  ref: unknown = undefined;

  reset(): void {
    // Drop the references so the queue holds no tree node or point between walks.
    this.refs.fill(undefined, 0, this.n);
    this.n = 0;
    this.ref = undefined;
  }

  add(key: number, kind: number, ref: unknown): void {
    if (this.n === this.keys.length) this.grow();
    const keys = this.keys;
    const kinds = this.kinds;
    const refs = this.refs;
    let i = this.n++;
    // A hole moves up instead of swaps: one write per level.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(key, kind, ref, keys[parent]!, kinds[parent]!, refs[parent])) break;
      keys[i] = keys[parent]!;
      kinds[i] = kinds[parent]!;
      refs[i] = refs[parent];
      i = parent;
    }
    keys[i] = key;
    kinds[i] = kind;
    refs[i] = ref;
  }

  /** Moves the front into key/kind/ref; false when nothing is left. */
  next(): boolean {
    if (this.n === 0) return false;
    this.key = this.keys[0]!;
    this.kind = this.kinds[0]!;
    this.ref = this.refs[0];
    const last = --this.n;
    const lk = this.keys[last]!;
    const lc = this.kinds[last]!;
    const lr = this.refs[last];
    this.refs[last] = undefined;
    if (last > 0) this.siftDown(lk, lc, lr, last);
    return true;
  }

  private siftDown(key: number, kind: number, ref: unknown, n: number): void {
    const keys = this.keys;
    const kinds = this.kinds;
    const refs = this.refs;
    let i = 0;
    for (;;) {
      let m = 2 * i + 1;
      if (m >= n) break;
      if (m + 1 < n && before(keys[m + 1]!, kinds[m + 1]!, refs[m + 1], keys[m]!, kinds[m]!, refs[m])) m++;
      if (!before(keys[m]!, kinds[m]!, refs[m], key, kind, ref)) break;
      keys[i] = keys[m]!;
      kinds[i] = kinds[m]!;
      refs[i] = refs[m];
      i = m;
    }
    keys[i] = key;
    kinds[i] = kind;
    refs[i] = ref;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const kinds = new Uint8Array(this.kinds.length * 2);
    kinds.set(this.kinds);
    this.kinds = kinds;
  }
}


/** One queue for every walk; a walk started from inside `take` (none is today) gets its own. */
const sharedQueue = new WalkQueue();
let sharedBusy = false;

const RAD = Math.PI / 180;

/**
 * Visits the items within `radiusKm` of (lon, lat) nearest first, until
 * `take` returns true; returns that item and its distance (km).
 */
export function nearestTaken<T extends PointItem>(
  root: RTreeNode<T>,
  lon: number,
  lat: number,
  radiusKm: number,
  take: (item: T, distanceKm: number) => boolean,
): { item: T; distanceKm: number } | undefined {
  const queue = sharedBusy ? new WalkQueue() : sharedQueue;
  const shared = queue === sharedQueue;
  if (shared) sharedBusy = true;
  try {
    return walk(queue, root, lon, lat, radiusKm, take);
  } finally {
    queue.reset();
    if (shared) sharedBusy = false;
  }
}

function walk<T extends PointItem>(
  queue: WalkQueue,
  root: RTreeNode<T>,
  lon: number,
  lat: number,
  radiusKm: number,
  take: (item: T, distanceKm: number) => boolean,
): { item: T; distanceKm: number } | undefined {
  // The box is a cheap first cut: children outside it cannot be within the radius.
  const { minX, minY, maxX, maxY } = boxAround({ lon, lat }, radiusKm);
  const cosLat = Math.cos(lat * RAD);
  // unitVector(lon, lat), inline: this runs per query.
  const qx = cosLat * Math.cos(lon * RAD);
  const qy = cosLat * Math.sin(lon * RAD);
  const qz = Math.sin(lat * RAD);
  let node: RTreeNode<T> | undefined = root;
  while (node) {
    const children = node.children;
    if (node.leaf) {
      for (let i = 0; i < children.length; i++) {
        const p = children[i] as T;
        if (p.maxX < minX || p.minX > maxX || p.maxY < minY || p.minY > maxY) continue;
        const dx = p.x - qx;
        const dy = p.y - qy;
        const dz = p.z - qz;
        const bound = EARTH_RADIUS_KM * Math.sqrt(dx * dx + dy * dy + dz * dz) * (1 - CHORD_SLACK) - BOUND_SLACK_KM;
        if (bound <= radiusKm) queue.add(bound > 0 ? bound : 0, UNMEASURED, p);
      }
    } else {
      for (let i = 0; i < children.length; i++) {
        const b = children[i] as RTreeNode<T>;
        if (b.maxX < minX || b.minX > maxX || b.maxY < minY || b.minY > maxY) continue;
        const bound = minDistanceToBoxKm(lon, lat, b, cosLat) - BOUND_SLACK_KM;
        if (bound <= radiusKm) queue.add(bound > 0 ? bound : 0, NODE, b);
      }
    }
    node = undefined;
    while (queue.next()) {
      if (queue.kind === NODE) {
        node = queue.ref as RTreeNode<T>;
        break;
      }
      const item = queue.ref as T;
      if (queue.kind === UNMEASURED) {
        const d = haversineKmLonLat(lon, lat, item.minX, item.minY);
        if (d <= radiusKm) queue.add(d, MEASURED, item);
        continue;
      }
      if (take(item, queue.key)) return { item, distanceKm: queue.key };
    }
  }
  return undefined;
}
