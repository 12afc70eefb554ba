/**
 * Best-first nearest-neighbour walk over an rbush tree (Hjaltason & Samet):
 * nodes and points share one priority queue keyed by distance, nodes by a
 * lower bound, points by their exact great-circle distance, so points come
 * out in increasing distance and the walk stops at the first one the caller
 * takes. A query costs about log n plus the points it has to pass over, where
 * a box query would cost every point in the box: in a dense city that is the
 * difference between a handful and thousands.
 */
import type { BBox } from 'rbush';
import { boxAround, haversineKmLonLat, minDistanceToBoxKm } from './geo';

/** The shape rbush's `toJSON()` gives: its own root node, children are nodes or (in leaves) items. */
export interface RTreeNode<T> extends BBox {
  children: (RTreeNode<T> | T)[];
  leaf: boolean;
  height: number;
}

/** An indexed point with the ids used to break distance ties. */
export interface PointItem extends BBox {
  incidentId: string;
  alertId: string;
}

interface Slot<T> {
  d: number;
  node: RTreeNode<T> | undefined;
  item: T | undefined;
}

/**
 * Order of the queue: nearer first; at equal distance a node before a point,
 * so a point is never taken while a node might still hold one as near with a
 * smaller id; points at equal distance by incident id, then alert id. This
 * makes the answer independent of the tree's shape.
 */
function before<T extends PointItem>(a: Slot<T>, b: Slot<T>): boolean {
  if (a.d !== b.d) return a.d < b.d;
  if (a.item === undefined || b.item === undefined) return a.item === undefined && b.item !== undefined;
  if (a.item.incidentId !== b.item.incidentId) return a.item.incidentId < b.item.incidentId;
  return a.item.alertId < b.item.alertId;
}

class MinQueue<T extends PointItem> {
  private readonly slots: Slot<T>[] = [];

  get length(): number {
    return this.slots.length;
  }

  push(slot: Slot<T>): void {
    // Sift up with a hole rather than swaps: one write per level.
    const s = this.slots;
    let i = s.length;
    s.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = s[parent]!;
      if (!before(slot, p)) break;
      s[i] = p;
      i = parent;
    }
    s[i] = slot;
  }

  pop(): Slot<T> | undefined {
    const s = this.slots;
    const top = s[0];
    const last = s.pop();
    const n = s.length;
    if (n === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      let m = 2 * i + 1;
      if (m >= n) break;
      if (m + 1 < n && before(s[m + 1]!, s[m]!)) m++;
      if (!before(s[m]!, last)) break;
      s[i] = s[m]!;
      i = m;
    }
    s[i] = last;
    return top;
  }
}

/** Slack on node bounds (km) so rounding can never rank a node after a point it holds. */
const BOUND_SLACK_KM = 1e-9;

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
  // The box is a cheap first cut: children outside it cannot be within the radius.
  const box = boxAround({ lon, lat }, radiusKm);
  const queue = new MinQueue<T>();
  const cosLat = Math.cos((lat * Math.PI) / 180);
  let node: RTreeNode<T> | undefined = root;
  while (node) {
    for (const child of node.children) {
      const b = child as BBox;
      if (b.maxX < box.minX || b.minX > box.maxX || b.maxY < box.minY || b.minY > box.maxY) continue;
      if (node.leaf) {
        const d = haversineKmLonLat(lon, lat, b.minX, b.minY);
        if (d <= radiusKm) queue.push({ d, node: undefined, item: child as T });
      } else {
        const d = Math.max(0, minDistanceToBoxKm(lon, lat, b, cosLat) - BOUND_SLACK_KM);
        if (d <= radiusKm) queue.push({ d, node: child as RTreeNode<T>, item: undefined });
      }
    }
    node = undefined;
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (next.node) {
        node = next.node;
        break;
      }
      if (take(next.item!, next.d)) return { item: next.item!, distanceKm: next.d };
    }
  }
  return undefined;
}
