/**
 * The points of the incident index in a flat lon/lat grid, for the nearest
 * walk correlation runs once per alert.
 *
 * Why not an R-tree of objects (rbush, which this replaced): with the
 * benchmark's 30–60k linked alerts a query cost ~13 µs and an insert split
 * nodes and allocated, most of it reading points scattered over the heap.
 * Here a cell keeps its points' coordinates side by side in one typed array,
 * an insert or a removal is a few array writes, and no point is a JS object.
 *
 * The walk is best-first (Hjaltason & Samet, as the R-tree walk was, with the
 * same bounds and ties): rings of cells around the query's cell, cells and points share one priority
 * queue, rings and cells keyed by a lower bound on the distance to anything in
 * them, points first by their chord bound and, at the front, by the haversine.
 * A point is taken only with its exact distance ahead of every bound left, so
 * the offers come in the order of a scan by (distance, incident id, alert id),
 * whatever the cells.
 */
import { boxAroundInto, EARTH_RADIUS_KM, haversineKmLonLat, minDistanceToBoxKm, type DegreeBox } from './geo';

/**
 * Cell size, degrees: 0.03° of latitude (3.3 km) by 0.045° of longitude
 * (3.5 km at 45°N). A 25 km query spans about 16 × 15 cells; the densest part
 * of the benchmark (central Harbin) holds a few dozen points per cell.
 */
const CELL_LAT = 0.03;
const CELL_LON = 0.045;
/** Cells per row: longitudes −180…180. Keys are row · ROW + column, small integers. */
const ROW = 8192;
/** Slack on cell edges (degrees) so rounding in `floor` can never leave a point outside its cell's bound. */
const EDGE_SLACK = 1e-9;

/** What a queue entry holds; at equal keys a larger kind comes out first (bounds before a measured point). */
const MEASURED = 0;
const UNMEASURED = 1;
const CELL = 2;
const RING = 3;
/** The points of a crowded cell not queued yet: all have chord bounds above the entry's key. */
const CELL_REST = 4;
/** A cell holding more points than this is queued in slices (see the walk). */
const CROWDED = 48;
/** Width of a crowded cell's first slice of bounds, km; each next slice is twice as wide. */
const SLICE_KM = 0.25;

/** Slack on bounds (km) and on the chord bound (relative), so that rounding never drops a point that ties. */
const BOUND_SLACK_KM = 1e-9;
const CHORD_SLACK = 1e-9;
const RAD = Math.PI / 180;
/** Coordinates per point in a cell: lon, lat, and the unit vector x, y, z. */
const STRIDE = 5;

/**
 * A lower bound on the distance (km) from the query (unit vector qx, qy, qz) to the point at
 * `coords[o]` (STRIDE layout): the chord, shrunk by the slacks so it stays below the exact
 * haversine distance. Infinity for a point outside the box, which cannot be within the radius.
 * The nearby scan and the walk both filter with it, so they keep and drop the same points.
 */
function chordBoundKm(coords: Float64Array, o: number, minX: number, minY: number, maxX: number, maxY: number, qx: number, qy: number, qz: number): number {
  const plon = coords[o]!;
  const plat = coords[o + 1]!;
  if (plon < minX || plon > maxX || plat < minY || plat > maxY) return Infinity;
  const dx = coords[o + 2]! - qx;
  const dy = coords[o + 3]! - qy;
  const dz = coords[o + 4]! - qz;
  return EARTH_RADIUS_KM * Math.sqrt(dx * dx + dy * dy + dz * dz) * (1 - CHORD_SLACK) - BOUND_SLACK_KM;
}

class Cell {
  /** Points held: `slots[0..n)`, their coordinates in `coords` at STRIDE each. */
  n = 0;
  slots = new Int32Array(4);
  coords = new Float64Array(4 * STRIDE);
  readonly box: DegreeBox;

  constructor(column: number, row: number) {
    this.box = {
      minX: column * CELL_LON - 180 - EDGE_SLACK,
      maxX: (column + 1) * CELL_LON - 180 + EDGE_SLACK,
      minY: row * CELL_LAT - 90 - EDGE_SLACK,
      maxY: (row + 1) * CELL_LAT - 90 + EDGE_SLACK,
    };
  }

  grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    slots.set(this.slots);
    this.slots = slots;
    const coords = new Float64Array(this.coords.length * 2);
    coords.set(this.coords);
    this.coords = coords;
  }
}

function columnOf(lon: number): number {
  return Math.floor((lon + 180) / CELL_LON);
}

function rowOf(lat: number): number {
  return Math.floor((lat + 90) / CELL_LAT);
}

/**
 * Cell number by cell key: open addressing in typed arrays (a lookup is a
 * multiply and a probe or two; most lookups of a walk miss). Cells are never
 * deleted, so no tombstones.
 */
class CellTable {
  private bits = 10;
  /** key + 1, 0 for an empty bucket. */
  private keys = new Int32Array(1 << 10);
  private values = new Int32Array(1 << 10);
  private n = 0;

  get(key: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    for (;;) {
      const k = keys[i]!;
      if (k === key + 1) return this.values[i]!;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  set(key: number, value: number): void {
    if (2 * (this.n + 1) > this.keys.length) this.grow();
    this.put(key, value);
    this.n++;
  }

  private put(key: number, value: number): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    while (keys[i] !== 0) i = (i + 1) & mask;
    keys[i] = key + 1;
    this.values[i] = value;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.bits++;
    this.keys = new Int32Array(1 << this.bits);
    this.values = new Int32Array(1 << this.bits);
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.put(keys[i]! - 1, values[i]!);
  }
}

/** A binary min-heap in typed arrays: key, kind, and a slot, cell number or ring. */
class Queue {
  private keys = new Float64Array(256);
  private kinds = new Uint8Array(256);
  private refs = new Int32Array(256);
  private n = 0;
  key = 0;
  kind = 0;
  ref = 0;
  /** The lon/lat box around the radius of the walk using this queue. */
  readonly box: DegreeBox = { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  /** Incidents `take` refused in the walk using this queue: none of their points is measured or offered again. */
  readonly refusedIncidents = new Set<string>();

  constructor(private readonly grid: PointGrid) {}

  reset(): void {
    this.n = 0;
  }

  add(key: number, kind: number, ref: number): void {
    if (this.n === this.keys.length) this.grow();
    const keys = this.keys;
    const kinds = this.kinds;
    const refs = this.refs;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(key, kind, ref, keys[parent]!, kinds[parent]!, refs[parent]!)) break;
      keys[i] = keys[parent]!;
      kinds[i] = kinds[parent]!;
      refs[i] = refs[parent]!;
      i = parent;
    }
    keys[i] = key;
    kinds[i] = kind;
    refs[i] = ref;
  }

  /** Moves the front into key/kind/ref; false when nothing is left. */
  next(): boolean {
    if (this.n === 0) return false;
    const keys = this.keys;
    const kinds = this.kinds;
    const refs = this.refs;
    this.key = keys[0]!;
    this.kind = kinds[0]!;
    this.ref = refs[0]!;
    const n = --this.n;
    if (n === 0) return true;
    const key = keys[n]!;
    const kind = kinds[n]!;
    const ref = refs[n]!;
    let i = 0;
    for (;;) {
      let m = 2 * i + 1;
      if (m >= n) break;
      if (m + 1 < n && this.before(keys[m + 1]!, kinds[m + 1]!, refs[m + 1]!, keys[m]!, kinds[m]!, refs[m]!)) m++;
      if (!this.before(keys[m]!, kinds[m]!, refs[m]!, key, kind, ref)) break;
      keys[i] = keys[m]!;
      kinds[i] = kinds[m]!;
      refs[i] = refs[m]!;
      i = m;
    }
    keys[i] = key;
    kinds[i] = kind;
    refs[i] = ref;
    return true;
  }

  /** Nearer first; at equal keys bounds before measured points; measured points by incident id, then alert id. */
  private before(da: number, ka: number, ra: number, db: number, kb: number, rb: number): boolean {
    if (da !== db) return da < db;
    if (ka !== kb) return ka > kb;
    if (ka !== MEASURED) return false;
    return this.grid.idsBefore(ra, rb);
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const kinds = new Uint8Array(this.kinds.length * 2);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const refs = new Int32Array(this.refs.length * 2);
    refs.set(this.refs);
    this.refs = refs;
  }
}

/**
 * Points (an incident id and an alert id at a WGS84 position) by slot number.
 * Slots are reused after `remove`. Not a general container: the index above
 * it keeps the map from alert to slot.
 */
export class PointGrid {
  private readonly cellByKey = new CellTable();
  private readonly cells: Cell[] = [];
  private lons = new Float64Array(1024);
  private lats = new Float64Array(1024);
  /** Cell number and position in the cell of each slot; -1 for a free slot. */
  private cellOf = new Int32Array(1024).fill(-1);
  private posOf = new Int32Array(1024);
  private readonly incidents: string[] = [];
  private readonly alerts: string[] = [];
  private readonly free: number[] = [];
  private used = 0;
  private count = 0;
  private readonly queue = new Queue(this);
  private busy = false;
  /** Distance (km) of the point the last `nearest` returned. */
  distanceKm = 0;
  /** The box and the distance of `nearestNearby`'s answer. */
  private readonly nearbyBox: DegreeBox = { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  private nearbyKm = 0;

  /** Points held. */
  get size(): number {
    return this.count;
  }

  incidentAt(slot: number): string {
    return this.incidents[slot]!;
  }

  alertAt(slot: number): string {
    return this.alerts[slot]!;
  }

  lonAt(slot: number): number {
    return this.lons[slot]!;
  }

  latAt(slot: number): number {
    return this.lats[slot]!;
  }

  /** Relabels a point (a merge moves alerts to another incident without moving them). */
  setIncident(slot: number, incidentId: string): void {
    this.incidents[slot] = incidentId;
  }

  /** Adds a point; returns its slot. */
  add(lon: number, lat: number, incidentId: string, alertId: string): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.used++;
    if (slot >= this.lons.length) this.growSlots();
    this.lons[slot] = lon;
    this.lats[slot] = lat;
    this.incidents[slot] = incidentId;
    this.alerts[slot] = alertId;
    const key = rowOf(lat) * ROW + columnOf(lon);
    let c = this.cellByKey.get(key);
    if (c < 0) {
      c = this.cells.length;
      this.cells.push(new Cell(columnOf(lon), rowOf(lat)));
      this.cellByKey.set(key, c);
    }
    const cell = this.cells[c]!;
    if (cell.n === cell.slots.length) cell.grow();
    const pos = cell.n++;
    cell.slots[pos] = slot;
    const cosLat = Math.cos(lat * RAD);
    const o = pos * STRIDE;
    cell.coords[o] = lon;
    cell.coords[o + 1] = lat;
    cell.coords[o + 2] = cosLat * Math.cos(lon * RAD);
    cell.coords[o + 3] = cosLat * Math.sin(lon * RAD);
    cell.coords[o + 4] = Math.sin(lat * RAD);
    this.cellOf[slot] = c;
    this.posOf[slot] = pos;
    this.count++;
    return slot;
  }

  /** Removes the point in `slot`; the slot may be handed out again. */
  remove(slot: number): void {
    const c = this.cellOf[slot]!;
    if (c < 0) return;
    const cell = this.cells[c]!;
    const pos = this.posOf[slot]!;
    const last = --cell.n;
    if (pos !== last) {
      // The last point of the cell fills the hole.
      const moved = cell.slots[last]!;
      cell.slots[pos] = moved;
      cell.coords.copyWithin(pos * STRIDE, last * STRIDE, last * STRIDE + STRIDE);
      this.posOf[moved] = pos;
    }
    this.cellOf[slot] = -1;
    this.incidents[slot] = '';
    this.alerts[slot] = '';
    this.free.push(slot);
    this.count--;
  }

  /** Tie order of two measured points at the same distance: incident id, then alert id. */
  idsBefore(a: number, b: number): boolean {
    const ia = this.incidents[a]!;
    const ib = this.incidents[b]!;
    if (ia !== ib) return ia < ib;
    return this.alerts[a]! < this.alerts[b]!;
  }

  /**
   * Offers the points within `radiusKm` of (lon, lat) nearest first, ties by
   * incident id then alert id, until `take` returns true; returns that slot
   * (its distance in `distanceKm`), or -1. `take` judges the point's
   * incident: once it refuses one point, no other point of that incident is
   * offered (nor measured) in this query. Without that, an alert next to a
   * big incident it may not join (a market report beside a 5,000-report
   * traffic incident) measured and offered every one of its points: 4.4 ms
   * an alert, against 0.1 ms now.
   *
   * Nearly every correlation query takes the first point offered, so that one
   * is found first by a plain scan of the query's cell and its neighbours (no
   * queue): when it is nearer than anything outside them can be, it is the
   * walk's first offer. Only if it is refused, or lies too far out, does the
   * best-first walk run (and it does not offer that point again).
   */
  nearest(lon: number, lat: number, radiusKm: number, take: (slot: number, distanceKm: number) => boolean): number {
    const first = this.nearestNearby(lon, lat, radiusKm);
    let refused = -1;
    if (first >= 0) {
      // Read before `take`, which may walk the grid again.
      const d = this.nearbyKm;
      if (take(first, d)) {
        this.distanceKm = d;
        return first;
      }
      refused = first;
    }
    // A walk started from inside `take` (none is today) gets its own queue.
    const queue = this.busy ? new Queue(this) : this.queue;
    const shared = queue === this.queue;
    if (shared) this.busy = true;
    try {
      return this.walk(queue, lon, lat, radiusKm, take, refused);
    } finally {
      queue.reset();
      if (shared) this.busy = false;
    }
  }

  /**
   * The walk's first offer if a scan of the cells around the query's (its ring 0, then rings 0 and 1)
   * proves it: the nearest point there within the radius (ties by ids), strictly nearer than the
   * bound on anything outside those cells. Else -1, also as soon as a cell to scan is crowded.
   * Its distance goes to `nearbyKm`.
   */
  private nearestNearby(lon: number, lat: number, radiusKm: number): number {
    const box = boxAroundInto(lon, lat, radiusKm, this.nearbyBox);
    const { minX, minY, maxX, maxY } = box;
    // The exit bound needs a box within a half-sphere (as the walk's ring bound does).
    if (maxX - minX > 180) return -1;
    const col0 = columnOf(lon);
    const row0 = rowOf(lat);
    const cosLat = Math.cos(lat * RAD);
    const qx = cosLat * Math.cos(lon * RAD);
    const qy = cosLat * Math.sin(lon * RAD);
    const qz = Math.sin(lat * RAD);
    let best = -1;
    let bestKm = Infinity;
    for (let k = 0; k <= 1; k++) {
      for (let r = row0 - k; r <= row0 + k; r++) {
        // Ring k only: rows at its top and bottom, the two side columns between them.
        const edgeRow = r === row0 - k || r === row0 + k;
        for (let col = col0 - k; col <= col0 + k; col += edgeRow || k === 0 ? 1 : 2 * k) {
          const c = this.cellByKey.get(r * ROW + col);
          if (c < 0) continue;
          const cell = this.cells[c]!;
          // A neighbour all of whose points lie beyond the best so far (the walk's cell bound) cannot beat or tie it.
          if (k > 0 && best >= 0 && minDistanceToBoxKm(lon, lat, cell.box, cosLat) - BOUND_SLACK_KM > bestKm) continue;
          // A crowded cell is cheaper for the walk, which queues its points slice by slice.
          if (cell.n > CROWDED) return -1;
          const coords = cell.coords;
          for (let i = 0, o = 0; i < cell.n; i++, o += STRIDE) {
            // The walk's box check and chord bound: a point bounded past the best cannot beat or tie it.
            const bound = chordBoundKm(coords, o, minX, minY, maxX, maxY, qx, qy, qz);
            if (bound > radiusKm || bound > bestKm) continue;
            const slot = cell.slots[i]!;
            // The walk measures from the slot's own coordinates (the same numbers as the cell's copy).
            const d = haversineKmLonLat(lon, lat, this.lons[slot]!, this.lats[slot]!);
            if (d > radiusKm) continue;
            if (d < bestKm || (d === bestKm && this.idsBefore(slot, best))) {
              best = slot;
              bestKm = d;
            }
          }
        }
      }
      if (best >= 0 && bestKm < this.blockExitKm(lon, lat, cosLat, row0 - k, row0 + k, col0 - k, col0 + k)) {
        this.nearbyKm = bestKm;
        return best;
      }
    }
    return -1;
  }

  /** The best-first walk; `refused`: a slot already offered and refused (not offered again), or -1. */
  private walk(queue: Queue, lon: number, lat: number, radiusKm: number, take: (slot: number, distanceKm: number) => boolean, refused: number): number {
    // Cells and points outside the box cannot be within the radius.
    const box = boxAroundInto(lon, lat, radiusKm, queue.box);
    const { minX, minY, maxX, maxY } = box;
    const colMin = columnOf(minX);
    const colMax = columnOf(maxX);
    const rowMin = rowOf(minY);
    const rowMax = rowOf(maxY);
    const col0 = columnOf(lon);
    const row0 = rowOf(lat);
    const lastRing = Math.max(row0 - rowMin, rowMax - row0, col0 - colMin, colMax - col0);
    // The meridian bound of a ring holds only within a half-sphere; a box spanning all longitudes gets none.
    const lonBounded = maxX - minX <= 180;
    const cosLat = Math.cos(lat * RAD);
    const qx = cosLat * Math.cos(lon * RAD);
    const qy = cosLat * Math.sin(lon * RAD);
    const qz = Math.sin(lat * RAD);
    let ringKey = 0;
    const incidents = this.incidents;
    const refusedIncidents = queue.refusedIncidents;
    refusedIncidents.clear();
    if (refused >= 0) refusedIncidents.add(incidents[refused]!);
    queue.add(0, RING, 0);
    while (queue.next()) {
      const kind = queue.kind;
      if (kind === MEASURED) {
        const slot = queue.ref;
        if (refusedIncidents.size > 0 && refusedIncidents.has(incidents[slot]!)) continue;
        if (take(slot, queue.key)) {
          this.distanceKm = queue.key;
          return slot;
        }
        refusedIncidents.add(incidents[slot]!);
      } else if (kind === UNMEASURED) {
        const slot = queue.ref;
        if (refusedIncidents.size > 0 && refusedIncidents.has(incidents[slot]!)) continue;
        const d = haversineKmLonLat(lon, lat, this.lons[slot]!, this.lats[slot]!);
        if (d <= radiusKm) queue.add(d, MEASURED, slot);
      } else if (kind === CELL || kind === CELL_REST) {
        // A crowded cell (hundreds of reports at one site) is queued in slices of its points' bounds,
        // so a walk that stops near the front does not push all of them: each slice queues the points
        // with bounds in (after, upTo], and an entry keyed upTo stands for the rest. Passes: 0, 1, …
        const rest = kind === CELL_REST;
        const c = rest ? queue.ref >> 6 : queue.ref;
        const pass = rest ? queue.ref & 63 : 0;
        const cell = this.cells[c]!;
        const after = rest ? queue.key : -1;
        const upTo = cell.n > CROWDED ? queue.key + SLICE_KM * 2 ** pass : Infinity;
        let more = false;
        const coords = cell.coords;
        const slots = cell.slots;
        const skipRefused = refusedIncidents.size > 0;
        for (let i = 0, o = 0; i < cell.n; i++, o += STRIDE) {
          const bound = chordBoundKm(coords, o, minX, minY, maxX, maxY, qx, qy, qz);
          if (bound > radiusKm) continue;
          const b = bound > 0 ? bound : 0;
          if (b <= after) continue;
          if (skipRefused && refusedIncidents.has(incidents[slots[i]!]!)) continue;
          if (b > upTo) more = true;
          else queue.add(b, UNMEASURED, slots[i]!);
        }
        if (more) queue.add(upTo, CELL_REST, c * 64 + (pass < 63 ? pass + 1 : 63));
      } else {
        const k = queue.ref;
        this.addRing(queue, k, row0, col0, rowMin, rowMax, colMin, colMax, lon, lat, cosLat, box, radiusKm);
        if (k < lastRing) {
          // Everything in ring k + 1 lies outside the block of rings 0..k: bound the way out of it.
          const b = lonBounded ? this.blockExitKm(lon, lat, cosLat, row0 - k, row0 + k, col0 - k, col0 + k) : 0;
          ringKey = b > ringKey ? b : ringKey;
          if (ringKey <= radiusKm) queue.add(ringKey, RING, k + 1);
        }
      }
    }
    return -1;
  }

  /** Queues the cells at Chebyshev distance k from the query's cell that hold points and may be within the radius. */
  private addRing(queue: Queue, k: number, row0: number, col0: number, rowMin: number, rowMax: number, colMin: number, colMax: number, lon: number, lat: number, cosLat: number, box: DegreeBox, radiusKm: number): void {
    const top = row0 + k;
    const bottom = row0 - k;
    const left = col0 - k;
    const right = col0 + k;
    const c0 = left > colMin ? left : colMin;
    const c1 = right < colMax ? right : colMax;
    if (bottom >= rowMin) for (let c = c0; c <= c1; c++) this.addCell(queue, bottom * ROW + c, lon, lat, cosLat, box, radiusKm);
    if (k === 0) return;
    if (top <= rowMax) for (let c = c0; c <= c1; c++) this.addCell(queue, top * ROW + c, lon, lat, cosLat, box, radiusKm);
    const r0 = bottom + 1 > rowMin ? bottom + 1 : rowMin;
    const r1 = top - 1 < rowMax ? top - 1 : rowMax;
    if (left >= colMin) for (let r = r0; r <= r1; r++) this.addCell(queue, r * ROW + left, lon, lat, cosLat, box, radiusKm);
    if (right <= colMax) for (let r = r0; r <= r1; r++) this.addCell(queue, r * ROW + right, lon, lat, cosLat, box, radiusKm);
  }

  private addCell(queue: Queue, key: number, lon: number, lat: number, cosLat: number, box: DegreeBox, radiusKm: number): void {
    const c = this.cellByKey.get(key);
    if (c < 0) return;
    const cell = this.cells[c]!;
    if (cell.n === 0) return;
    const b = cell.box;
    if (b.maxX < box.minX || b.minX > box.maxX || b.maxY < box.minY || b.minY > box.maxY) return;
    const bound = minDistanceToBoxKm(lon, lat, b, cosLat) - BOUND_SLACK_KM;
    if (bound <= radiusKm) queue.add(bound > 0 ? bound : 0, CELL, c);
  }

  /**
   * A lower bound (km) on the distance from (lon, lat) to any point outside
   * the block of cells rows r0..r1 × columns c0..c1 that holds it: the
   * smallest of the latitude gaps to its top and bottom and the meridian
   * bounds (`minDistanceToBoxKm`) to its sides.
   */
  private blockExitKm(lon: number, lat: number, cosLat: number, r0: number, r1: number, c0: number, c1: number): number {
    const south = (lat - (r0 * CELL_LAT - 90 - EDGE_SLACK)) * RAD * EARTH_RADIUS_KM;
    const north = ((r1 + 1) * CELL_LAT - 90 + EDGE_SLACK - lat) * RAD * EARTH_RADIUS_KM;
    const west = meridianKm(lon - (c0 * CELL_LON - 180 - EDGE_SLACK), cosLat);
    const east = meridianKm((c1 + 1) * CELL_LON - 180 + EDGE_SLACK - lon, cosLat);
    const exit = Math.min(south, north, west, east) - BOUND_SLACK_KM;
    return exit > 0 ? exit : 0;
  }

  private growSlots(): void {
    const n = this.lons.length * 2;
    const lons = new Float64Array(n);
    lons.set(this.lons);
    this.lons = lons;
    const lats = new Float64Array(n);
    lats.set(this.lats);
    this.lats = lats;
    const cellOf = new Int32Array(n).fill(-1);
    cellOf.set(this.cellOf);
    this.cellOf = cellOf;
    const posOf = new Int32Array(n);
    posOf.set(this.posOf);
    this.posOf = posOf;
  }
}

/**
 * Lower bound (km) on the distance to the great circle of a meridian
 * `dLonDeg` degrees away, as `minDistanceToBoxKm` takes it: sin d = cos φ ·
 * sin Δλ, with asin y ≥ y and sin x ≥ x − x³/6; 0 where the argument needs
 * more than a quarter turn.
 */
function meridianKm(dLonDeg: number, cosLat: number): number {
  if (dLonDeg <= 0 || dLonDeg >= 90) return 0;
  const x = dLonDeg * RAD;
  return cosLat * x * (1 - (x * x) / 6) * EARTH_RADIUS_KM;
}
