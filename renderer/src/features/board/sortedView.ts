/**
 * A filtered, sorted list kept up to date from deltas instead of being
 * re-sorted on every snapshot (STYLE §5, DESIGN §5). With 100k alerts a full
 * filter + sort costs tens of milliseconds; a delta is sorted on its own and
 * merged into a copy of the list (`spliceSorted`): a binary search per changed
 * item, the unchanged runs copied as slices, and the filter runs only on the
 * delta. (Rebuilding instead, as this did, ran the filter — a text search
 * builds a string per alert — over every alert for each large delta: 3.5 s of
 * the UI thread in 10 s of a 2,000 alerts/s load.)
 *
 * The comparator must be a total order (break ties on the id), so the old
 * position of a changed item is found exactly by binary search.
 */
export type Compare<T> = (a: T, b: T) => number;

/**
 * A number that agrees with a comparator: `key(a) < key(b)` implies
 * `cmp(a, b) < 0`. Equal keys, or NaN (no exact key for this item), leave
 * the decision to the comparator. Sorting on keys computed once per item
 * replaces n log n comparator calls, each reading properties of two objects
 * (and a record lookup for a rank), by array reads: see `sortByKey`.
 */
export type SortKey<T> = (item: T) => number;

/**
 * Sorts `items` in place into exactly the order `items.sort(cmp)` gives
 * (stable: items the comparator calls equal keep their order), reading the
 * comparator only where keys tie (from `radixFrom` items; shorter lists are
 * sorted by the comparator). Returns `items`. The keys are sorted by a
 * stable radix sort on their bits (four passes of 16 bits, a pass skipped
 * when every key has the same digit), then each run of equal keys by the
 * comparator; with a NaN key, by a comparator over the keys.
 */
export function sortByKey<T>(items: T[], cmp: Compare<T>, key: SortKey<T>, radixFrom = RADIX_FROM): T[] {
  const n = items.length;
  if (n < 2) return items;
  // The radix sort's four passes over 65,536 counters cost ~0.5–0.8 ms whatever n;
  // below `radixFrom` the comparator is cheaper (Node, 50–1,000 alerts: 0.01–0.7 ms against 0.5–0.9).
  if (n < radixFrom) return items.sort(cmp);
  const keys = scratch.keys(n);
  let keyless = false;
  for (let i = 0; i < n; i++) {
    const k = key(items[i]!) + 0; // + 0: −0 becomes 0, which it equals
    if (k !== k) keyless = true;
    keys[i] = k;
  }
  const order = keyless ? keyedComparatorOrder(items, cmp, keys) : radixOrder(items, cmp, keys);
  const sorted = new Array<T>(n);
  for (let i = 0; i < n; i++) sorted[i] = items[order[i]!]!;
  for (let i = 0; i < n; i++) items[i] = sorted[i]!;
  return items;
}

/** Lists shorter than this are sorted by the comparator (a delta's new alerts, usually). */
export const RADIX_FROM = 1024;

/**
 * The radix sort's typed arrays, kept from sort to sort and grown when a
 * longer list comes (2.7 MB for 100k alerts): a replay seek and most
 * playback ticks at 3600× sort the board's list, and a fresh set each time
 * was 1.2–2.7 MB of array buffers per sort (40–100k alerts), up to ten
 * sorts a second, which count towards V8's external memory and so towards
 * its full collections.
 * `sortByKey` is synchronous and never re-entered (the comparator only
 * compares), so one set serves every view.
 */
const scratch = (() => {
  let capacity = 0;
  let keys = new Float64Array(0);
  let digits = new Uint16Array(0);
  let order = new Uint32Array(0);
  let next = new Uint32Array(0);
  const counts = new Uint32Array(65536);
  const fit = (n: number): void => {
    if (n <= capacity) return;
    capacity = Math.max(n, Math.ceil(capacity * 1.5));
    keys = new Float64Array(capacity);
    digits = new Uint16Array(4 * capacity);
    order = new Uint32Array(capacity);
    next = new Uint32Array(capacity);
  };
  return {
    /** `n` keys (their contents are the last sort's). */
    keys(n: number): Float64Array {
      fit(n);
      return keys.subarray(0, n);
    },
    /** The digits, the two orders and the counters for `n` keys (after `keys(n)`). */
    radix(n: number): { digits: Uint16Array; order: Uint32Array; next: Uint32Array; counts: Uint32Array } {
      fit(n);
      return { digits: digits.subarray(0, 4 * n), order: order.subarray(0, n), next: next.subarray(0, n), counts };
    },
  };
})();

function keyedComparatorOrder<T>(items: readonly T[], cmp: Compare<T>, keys: Float64Array): ArrayLike<number> {
  const order = Array.from({ length: items.length }, (_, i) => i);
  return order.sort((i, j) => {
    const d = keys[i]! - keys[j]!;
    // d is NaN when a key is NaN (or both are the same infinity): the comparator decides.
    return d !== 0 && d === d ? d : cmp(items[i]!, items[j]!) || i - j;
  });
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Indices of `keys` (no NaN) in key order; equal keys in comparator order, then index order. */
function radixOrder<T>(items: readonly T[], cmp: Compare<T>, keys: Float64Array): ArrayLike<number> {
  const n = keys.length;
  // The bits of each key made unsigned-comparable: flip the sign bit of a
  // positive number, every bit of a negative one. Little- or big-endian alike.
  const words = new Uint32Array(keys.buffer, keys.byteOffset, 2 * n);
  const hiAt = LITTLE_ENDIAN ? 1 : 0;
  // digit d of key i at d * n + i, d = 0 the lowest
  const buffers = scratch.radix(n);
  const { digits, counts } = buffers;
  let { order, next } = buffers;
  for (let i = 0; i < n; i++) {
    let hi = words[2 * i + hiAt]!;
    let lo = words[2 * i + 1 - hiAt]!;
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    digits[i] = lo & 0xffff;
    digits[n + i] = lo >>> 16;
    digits[2 * n + i] = hi & 0xffff;
    digits[3 * n + i] = hi >>> 16;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  for (let d = 0; d < 4; d++) {
    const base = d * n;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digits[base + i]!]!++;
    if (counts[digits[base]!] === n) continue; // every key has this digit
    let sum = 0;
    for (let v = 0; v < 65536; v++) {
      const c = counts[v]!;
      counts[v] = sum;
      sum += c;
    }
    for (let p = 0; p < n; p++) {
      const i = order[p]!;
      next[counts[digits[base + i]!]!++] = i;
    }
    [order, next] = [next, order];
  }
  // Runs of equal keys, already in index order: the comparator decides (a stable sort keeps the index order of its ties).
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && keys[order[end]!] === keys[order[start]!]) end++;
    if (end - start > 1) {
      const run = Array.from(order.subarray(start, end)).sort((i, j) => cmp(items[i]!, items[j]!));
      order.set(run, start);
    }
    start = end;
  }
  return order;
}

/**
 * A view with a sort key rebuilds (sorts the kept and the entering items on
 * keys) instead of merging once a large delta's net change exceeds this share
 * of the list: the radix sort on keys costs less (a replay seek, a playback
 * tick at 3600×, which changes thousands of alerts). Node, the board's level
 * order, min of 9 rounds at load 22–24, merge (`spliceSorted`) against
 * filtering and sorting every alert again: a 64th of the list merged faster
 * (25k: 3 against 18 ms; 100k: 33 against 57), a 32nd about evenly (25k:
 * 4/6, 50k: 41/26, 100k: 80/46), a 16th or more rebuilt 1.5–8× faster. It
 * was an eighth: most playback ticks merged at 2–8× the cost.
 */
export const REBUILD_ABOVE_SHARE = 1 / 32;

/** First index whose item is not before `x`. */
export function lowerBound<T>(items: readonly T[], x: T, cmp: Compare<T>): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(items[mid]!, x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where a view finds the version of an item it holds (its old sort key):
 * `own` keeps a map of its members; `external` asks the caller, which saves a
 * map of every member for a view derived from another one (the filtered list
 * asks the ordered list of all alerts, which has them anyway). With an
 * external lookup, membership is `pred(previous)`: the predicate only
 * changes together with a rebuild.
 */
export type Membership = 'own' | 'external';

export class SortedView<T extends { readonly id: string }> {
  /** The current list. Replaced (never mutated) when it changes, so a published array stays valid. */
  items: readonly T[] = [];
  /** The object each member was inserted as: its old sort key, needed to find it again. */
  private readonly members = new Map<string, T>();
  /**
   * Set by `rebuild`: `members` is filled from `items` when first needed
   * (`get`, `apply`), so resets in a row (replay seeks) skip a map of every
   * alert each; the first delta after one pays it.
   */
  private membersStale = false;

  constructor(
    private cmp: Compare<T>,
    private pred: (item: T) => boolean,
    private readonly membership: Membership = 'own',
    private key?: SortKey<T>,
  ) {}

  /** The version of `id` this view holds (own membership only). */
  get(id: string): T | undefined {
    return this.ownMembers().get(id);
  }

  private ownMembers(): Map<string, T> {
    if (this.membersStale) {
      for (const item of this.items) this.members.set(item.id, item);
      this.membersStale = false;
    }
    return this.members;
  }

  /** Changes the order (and its key, which must agree with it) and/or the filter; call `rebuild` afterwards. */
  configure(cmp: Compare<T>, pred: (item: T) => boolean, key?: SortKey<T>): void {
    this.cmp = cmp;
    this.pred = pred;
    this.key = key;
  }

  /** Sorts a fresh array in this view's order: on precomputed keys when the view has a key. */
  private sort(items: T[]): void {
    if (this.key) sortByKey(items, this.cmp, this.key);
    else items.sort(this.cmp);
  }

  /** Rebuilds from scratch. `ordered`: `all` is already in this view's order, so filtering is enough. */
  rebuild(all: Iterable<T>, ordered = false): void {
    const items: T[] = [];
    for (const item of all) if (this.pred(item)) items.push(item);
    this.members.clear();
    this.membersStale = this.membership === 'own';
    if (!ordered) this.sort(items);
    this.items = items;
  }

  /**
   * Applies changed and removed items (removes first, then upserts, in
   * order). Returns whether the list changed (an unrelated alert changing
   * outside the filter does not). `previous` finds the version held, for an
   * external membership.
   */
  apply(upserts: readonly T[], removes: readonly string[], options: { previous?: (id: string) => T | undefined } = {}): boolean {
    const size = upserts.length + removes.length;
    if (size === 0) return false;
    const own = this.membership === 'own';
    if (own) this.ownMembers();
    const previous = own ? (id: string) => this.members.get(id) : options.previous;
    if (!previous) throw new Error('SortedView: an external membership needs `previous`');
    return this.merge(upserts, removes, previous);
  }

  /**
   * The net change per id, sorted, merged into a copy of the list (`spliceSorted`),
   * whatever the delta's size: splicing item by item moved the tail of the copy
   * each time and cost more from the first alert on (Node, 25k/100k alerts, load
   * ~13: a 1-alert delta 0.79/3.05 ms merged against 0.84/4.36 spliced, a 30-alert
   * one 1.80/4.71 against 3.12/7.92).
   */
  private merge(upserts: readonly T[], removes: readonly string[], previous: (id: string) => T | undefined): boolean {
    const own = this.membership === 'own';
    // Net effect per id: its last upsert, or null when only removed.
    const last = new Map<string, T | null>();
    for (const id of removes) last.set(id, null);
    for (const item of upserts) last.set(item.id, item);
    /** Leaving ids → the version in the list (its position). */
    const leaving = new Map<string, T>();
    const entering: T[] = [];
    for (const [id, item] of last) {
      const old = previous(id);
      if (old && (own || this.pred(old))) leaving.set(id, old);
      const stays = item !== null && this.pred(item);
      if (stays) entering.push(item);
      if (own) {
        if (stays) this.members.set(id, item);
        else this.members.delete(id);
      }
    }
    if (leaving.size === 0 && entering.length === 0) return false;
    if (this.key && leaving.size + entering.length > this.items.length * REBUILD_ABOVE_SHARE) {
      // Kept items first, then entering ones, sorted stably: ties come out as the merge below orders them.
      const items: T[] = [];
      for (const x of this.items) if (!leaving.has(x.id)) items.push(x);
      for (const x of entering) items.push(x);
      this.items = sortByKey(items, this.cmp, this.key);
      return true;
    }
    this.sort(entering);
    this.items = spliceSorted(this.items, leaving, entering, this.cmp);
    return true;
  }
}

/**
 * `items` without the `leaving` ids and with `entering` (sorted) merged in,
 * as a new array: what a one-pass merge gives, but the comparator runs only
 * in binary searches for the changed items (O(changes × log n)), and the rest
 * of the list is copied in runs. A merge that compared every item of the list
 * cost the board ~0.5–2 ms per delta with 30–60k alerts even when a delta
 * named a hundred (issue 5's live load: ten deltas a second).
 * `leaving` maps each leaving id to its version in `items` (its position).
 */
export function spliceSorted<T extends { readonly id: string }>(items: readonly T[], leaving: ReadonlyMap<string, T>, entering: readonly T[], cmp: Compare<T>): T[] {
  // Positions of the leaving items (exact: the order is total), ascending.
  const cuts: number[] = [];
  for (const [id, x] of leaving) {
    let i = lowerBound(items, x, cmp);
    if (items[i]?.id !== id) i = items.findIndex((y) => y.id === id); // defensive: a comparator that is not total
    if (i >= 0) cuts.push(i);
  }
  cuts.sort((a, b) => a - b);
  // Where each entering item goes among the old items: before the first one it precedes.
  const at = new Array<number>(entering.length);
  let from = 0;
  for (let j = 0; j < entering.length; j++) {
    let lo = from;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(entering[j]!, items[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    at[j] = from = lo;
  }
  // The kept runs as slices (a memory copy each) and the entering items between them, joined by
  // `concat`: copying item by item cost about twice as much at 100k alerts.
  const parts: Array<readonly T[]> = [];
  let run: T[] = [];
  let start = 0;
  let c = 0;
  let j = 0;
  const cut = (end: number): void => {
    if (end > start) parts.push(items.slice(start, end));
  };
  for (let i = 0; i <= items.length; i++) {
    // The next stop: an entering item's place, a leaving item, or the end.
    const next = Math.min(j < entering.length ? at[j]! : items.length, c < cuts.length ? cuts[c]! : items.length);
    i = next;
    if (j < entering.length && at[j] === i) {
      cut(i);
      start = i;
      run = [];
      while (j < entering.length && at[j] === i) run.push(entering[j++]!);
      parts.push(run);
    }
    if (i === items.length) break;
    if (c < cuts.length && cuts[c] === i) {
      cut(i);
      while (c < cuts.length && cuts[c] === i) c++;
      start = i + 1;
    }
  }
  cut(items.length);
  // In groups: `concat` takes its arguments on the stack.
  let out: T[] = [];
  for (let p = 0; p < parts.length; p += 4096) out = out.concat(...parts.slice(p, p + 4096));
  return out;
}
