/**
 * A persistent (immutable) hash map with string keys: a CHAMP trie
 * (Steindorfer & Vinju, "Optimizing Hash-Array Mapped Tries", OOPSLA 2015).
 * `set` and `delete` return a new map that shares every untouched node with
 * the old one, so the reducer stays pure without copying 100k alerts per
 * event, and a snapshot for replay is just a reference. A transient
 * (`asTransient`) changes the nodes it created in place, and the values
 * handed over to it (`set(…, own)`, `owns`) may be changed in place by their
 * maker until `persistent()`: how `fold` avoids copying an alert per event.
 *
 * Why not Immutable.js: measured here, its `Map.set` ran at about a tenth of
 * this one (general-purpose keys and hashing), which capped the reducer far
 * below its 500k events/s target.
 */

const BITS = 5;
const MASK = 31;

/** FNV-1a over UTF-16 code units; good spread for ids like `traffic:TR-20261126-0042`. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * A trie node is one array (one object to load per level, not a node object
 * plus its content array): a header of `HDR` slots, then the key/value pairs
 * (`k0, v0, k1, v1, …`, in bit order of `dataMap`), then the child nodes, in
 * reverse bit order of `nodeMap` (CHAMP layout). Header:
 * - `DATA_MAP`, `NODE_MAP`: which of the 32 hash positions hold a pair or a child;
 * - `OWNER`: the transient edit that created the node and may still change
 *   it in place; null once shared;
 * - `OWNED`: bits (by hash position, like the data map) of the values that
 *   `OWNER`'s caller handed over with `set(…, own)`: objects nobody else
 *   holds, which it may change in place until the edit ends (`PMap.owns`).
 *   Meaningless unless `OWNER` is the current edit.
 */
type Node = unknown[];
const DATA_MAP = 0;
const NODE_MAP = 1;
const OWNER = 2;
const OWNED = 3;
const HDR = 4;

/** Identity of one transient edit session (see `PMap.asTransient`). */
export type Owner = { readonly edit: true };

/** Keys whose full 32-bit hashes collide, below the last trie level. */
class Collision<V> {
  constructor(
    readonly hash: number,
    readonly keys: readonly string[],
    readonly values: readonly V[],
  ) {}
}

const NOT_FOUND: unique symbol = Symbol('not found');

/** Values live untyped in the node arrays; `V` is the map's value type. */
type Trie<V> = Node | Collision<V>;

const EMPTY_NODE: Node = [0, 0, null, 0];

function getIn<V>(root: Trie<V>, key: string, hash: number): V | typeof NOT_FOUND {
  let node = root;
  let shift = 0;
  for (;;) {
    if (node instanceof Collision) {
      const i = node.keys.indexOf(key);
      return i < 0 ? NOT_FOUND : node.values[i]!;
    }
    const bit = 1 << ((hash >>> shift) & MASK);
    const dataMap = node[DATA_MAP] as number;
    if (dataMap & bit) {
      const i = HDR + 2 * popcount(dataMap & (bit - 1));
      return node[i] === key ? (node[i + 1] as V) : NOT_FOUND;
    }
    const nodeMap = node[NODE_MAP] as number;
    if (!(nodeMap & bit)) return NOT_FOUND;
    node = node[node.length - 1 - popcount(nodeMap & (bit - 1))] as Trie<V>;
    shift += BITS;
  }
}

/** Whether `value` is stored under `key` in a node of `owner` that marks it as handed over (`PMap.owns`). */
function ownsIn<V>(root: Trie<V>, key: string, hash: number, value: V, owner: Owner): boolean {
  let node = root;
  let shift = 0;
  for (;;) {
    // Collision nodes never own their values.
    if (node instanceof Collision) return false;
    const bit = 1 << ((hash >>> shift) & MASK);
    const dataMap = node[DATA_MAP] as number;
    if (dataMap & bit) {
      const i = HDR + 2 * popcount(dataMap & (bit - 1));
      return node[OWNER] === owner && ((node[OWNED] as number) & bit) !== 0 && node[i] === key && node[i + 1] === value;
    }
    const nodeMap = node[NODE_MAP] as number;
    if (!(nodeMap & bit)) return false;
    node = node[node.length - 1 - popcount(nodeMap & (bit - 1))] as Trie<V>;
    shift += BITS;
  }
}

/** A subtrie of two pairs; `own1`/`own2` say whether each value is handed over to `owner`. */
function merge<V>(k1: string, h1: number, v1: V, own1: boolean, k2: string, h2: number, v2: V, own2: boolean, shift: number, owner: Owner | null): Trie<V> {
  if (shift >= 32) return new Collision(h1, [k1, k2], [v1, v2]);
  const b1 = (h1 >>> shift) & MASK;
  const b2 = (h2 >>> shift) & MASK;
  if (b1 === b2) return [0, 1 << b1, owner, 0, merge(k1, h1, v1, own1, k2, h2, v2, own2, shift + BITS, owner)];
  const owned = (own1 ? 1 << b1 : 0) | (own2 ? 1 << b2 : 0);
  return b1 < b2 ? [(1 << b1) | (1 << b2), 0, owner, owned, k1, v1, k2, v2] : [(1 << b1) | (1 << b2), 0, owner, owned, k2, v2, k1, v1];
}

/**
 * How many keys the last `setIn`/`deleteIn` added (+1) or removed (-1). A
 * module slot instead of a result object: `set` runs once per event in a
 * fold, and the calls never nest or overlap.
 */
let sizeDelta = 0;
/** When set, `setIn` leaves a key that is already present as it is (`PMap.add`). */
let onlyIfAbsent = false;
/** When set, the value `setIn` stores is handed over to the transient edit (`set(…, own)`). */
let ownValue = false;

function setIn<V>(node: Trie<V>, key: string, hash: number, value: V, shift: number, owner: Owner | null): Trie<V> {
  if (node instanceof Collision) {
    const i = node.keys.indexOf(key);
    if (i >= 0) {
      if (onlyIfAbsent || node.values[i] === value) return node;
      const values = node.values.slice();
      values[i] = value;
      return new Collision(node.hash, node.keys, values);
    }
    sizeDelta = 1;
    return new Collision(node.hash, [...node.keys, key], [...node.values, value]);
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  const dataMap = node[DATA_MAP] as number;
  const nodeMap = node[NODE_MAP] as number;
  // A node this transient edit created is nobody else's: change it in place.
  const mine = owner !== null && node[OWNER] === owner;
  if (dataMap & bit) {
    const i = HDR + 2 * popcount(dataMap & (bit - 1));
    const k = node[i] as string;
    if (k === key) {
      if (onlyIfAbsent || node[i + 1] === value) return node;
      if (mine) {
        node[i + 1] = value;
        node[OWNED] = ownValue ? (node[OWNED] as number) | bit : (node[OWNED] as number) & ~bit;
        return node;
      }
      const next = node.slice();
      next[i + 1] = value;
      next[OWNER] = owner;
      // Values of a node this edit did not create are not its own.
      next[OWNED] = ownValue ? bit : 0;
      return next;
    }
    // Two keys share this slot: push both down into a new child.
    sizeDelta = 1;
    const sub = merge(k, hashOf(k), node[i + 1] as V, mine && ((node[OWNED] as number) & bit) !== 0, key, hash, value, ownValue, shift + BITS, owner);
    // The node loses the pair at i and gains the child at (new length - 1 - its index among children).
    const at = node.length - 2 - popcount(nodeMap & (bit - 1));
    if (mine) {
      for (let r = i; r < at; r++) node[r] = node[r + 2];
      node[at] = sub;
      for (let r = at + 1; r < node.length - 1; r++) node[r] = node[r + 1];
      node.length -= 1;
      node[DATA_MAP] = dataMap ^ bit;
      node[NODE_MAP] = nodeMap | bit;
      node[OWNED] = (node[OWNED] as number) & ~bit;
      return node;
    }
    const next = new Array<unknown>(node.length - 1);
    for (let r = 0; r < i; r++) next[r] = node[r];
    for (let r = i; r < at; r++) next[r] = node[r + 2];
    next[at] = sub;
    for (let r = at + 1; r < next.length; r++) next[r] = node[r + 1];
    next[DATA_MAP] = dataMap ^ bit;
    next[NODE_MAP] = nodeMap | bit;
    next[OWNER] = owner;
    next[OWNED] = 0;
    return next;
  }
  if (nodeMap & bit) {
    const at = node.length - 1 - popcount(nodeMap & (bit - 1));
    const child = node[at] as Trie<V>;
    const updated = setIn(child, key, hash, value, shift + BITS, owner);
    if (updated === child) return node;
    if (mine) {
      node[at] = updated;
      return node;
    }
    const next = node.slice();
    next[at] = updated;
    next[OWNER] = owner;
    next[OWNED] = 0;
    return next;
  }
  sizeDelta = 1;
  const i = HDR + 2 * popcount(dataMap & (bit - 1));
  if (mine) {
    // Grow in place: V8 over-allocates the backing store, so most inserts only move the tail.
    const end = node.length;
    node.push(undefined, undefined);
    for (let r = end - 1; r >= i; r--) node[r + 2] = node[r];
    node[i] = key;
    node[i + 1] = value;
    node[DATA_MAP] = dataMap | bit;
    node[OWNED] = ownValue ? (node[OWNED] as number) | bit : (node[OWNED] as number) & ~bit;
    return node;
  }
  const next = new Array<unknown>(node.length + 2);
  for (let r = 0; r < i; r++) next[r] = node[r];
  next[i] = key;
  next[i + 1] = value;
  for (let r = i; r < node.length; r++) next[r + 2] = node[r];
  next[DATA_MAP] = dataMap | bit;
  next[OWNER] = owner;
  next[OWNED] = ownValue ? bit : 0;
  return next;
}

/** A node that holds one key/value pair and no children can be inlined into its parent. */
function singlePair<V>(node: Trie<V>): [string, V] | null {
  if (node instanceof Collision) return node.keys.length === 1 ? [node.keys[0]!, node.values[0]!] : null;
  if (node[NODE_MAP] === 0 && popcount(node[DATA_MAP] as number) === 1) return [node[HDR] as string, node[HDR + 1] as V];
  return null;
}

// Deletes are rare (alias cleanup, feeds removed); they always path-copy, even
// in a transient, into nodes of no owner (so values on the path stop being owned).
function deleteIn<V>(node: Trie<V>, key: string, hash: number, shift: number): Trie<V> {
  if (node instanceof Collision) {
    const i = node.keys.indexOf(key);
    if (i < 0) return node;
    sizeDelta = -1;
    return new Collision(node.hash, node.keys.filter((_, r) => r !== i), node.values.filter((_, r) => r !== i));
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  const dataMap = node[DATA_MAP] as number;
  const nodeMap = node[NODE_MAP] as number;
  if (dataMap & bit) {
    const i = HDR + 2 * popcount(dataMap & (bit - 1));
    if (node[i] !== key) return node;
    sizeDelta = -1;
    const next = node.slice();
    next.splice(i, 2);
    next[DATA_MAP] = dataMap ^ bit;
    next[OWNER] = null;
    next[OWNED] = 0;
    return next;
  }
  if (!(nodeMap & bit)) return node;
  const at = node.length - 1 - popcount(nodeMap & (bit - 1));
  const child = node[at] as Trie<V>;
  const updated = deleteIn(child, key, hash, shift + BITS);
  if (updated === child) return node;
  const pair = singlePair(updated);
  if (pair) {
    // Keep the trie canonical: a lone pair moves up into this node's data.
    const dataIndex = HDR + 2 * popcount(dataMap & (bit - 1));
    const dataEnd = HDR + 2 * popcount(dataMap);
    const next: unknown[] = [dataMap | bit, nodeMap ^ bit, null, 0];
    for (let r = HDR; r < dataIndex; r++) next.push(node[r]);
    next.push(pair[0], pair[1]);
    for (let r = dataIndex; r < dataEnd; r++) next.push(node[r]);
    for (let r = dataEnd; r < node.length; r++) if (r !== at) next.push(node[r]);
    return next;
  }
  const next = node.slice();
  next[at] = updated;
  next[OWNER] = null;
  next[OWNED] = 0;
  return next;
}

function forEachIn<V>(node: Trie<V>, fn: (value: V, key: string) => void): void {
  if (node instanceof Collision) {
    for (let i = 0; i < node.keys.length; i++) fn(node.values[i]!, node.keys[i]!);
    return;
  }
  const dataEnd = HDR + 2 * popcount(node[DATA_MAP] as number);
  for (let i = HDR; i < dataEnd; i += 2) fn(node[i + 1] as V, node[i] as string);
  for (let i = node.length - 1; i >= dataEnd; i--) forEachIn(node[i] as Trie<V>, fn);
}

/** What changed under one key between two maps: `before` undefined when added, `after` undefined when removed. */
export type PMapChange<V> = (key: string, before: V | undefined, after: V | undefined) => void;

/** Every pair of a subtrie reported as added (`side` 1) or removed (`side` 0). */
function reportAll<V>(node: Trie<V>, side: 0 | 1, fn: PMapChange<V>): void {
  forEachIn(node, (v, k) => (side === 1 ? fn(k, undefined, v) : fn(k, v, undefined)));
}

/**
 * The pairs of subtrie `node` against the single pair `key`/`value` held at
 * the same position of the other map. `nodeSide` says which map `node` is from.
 */
function diffPairAgainst<V>(key: string, value: V, node: Trie<V>, nodeSide: 0 | 1, fn: PMapChange<V>): void {
  let found = false;
  forEachIn(node, (v, k) => {
    if (k === key) {
      found = true;
      if (v !== value) {
        if (nodeSide === 1) fn(k, value, v);
        else fn(k, v, value);
      }
    } else if (nodeSide === 1) fn(k, undefined, v);
    else fn(k, v, undefined);
  });
  if (!found) {
    if (nodeSide === 1) fn(key, value, undefined);
    else fn(key, undefined, value);
  }
}

function diffIn<V>(a: Trie<V>, b: Trie<V>, fn: PMapChange<V>): void {
  // Shared subtries (states folded one from the other share every untouched node): nothing differs.
  if (a === b) return;
  if (a instanceof Collision || b instanceof Collision) {
    const before = new Map<string, V>();
    forEachIn(a, (v, k) => before.set(k, v));
    forEachIn(b, (v, k) => {
      const was = before.get(k);
      if (was === undefined && !before.has(k)) fn(k, undefined, v);
      else if (was !== v) fn(k, was, v);
      before.delete(k);
    });
    for (const [k, v] of before) fn(k, v, undefined);
    return;
  }
  const aData = a[DATA_MAP] as number;
  const bData = b[DATA_MAP] as number;
  const aNodes = a[NODE_MAP] as number;
  const bNodes = b[NODE_MAP] as number;
  let positions = aData | bData | aNodes | bNodes;
  while (positions !== 0) {
    const bit = positions & -positions;
    positions ^= bit;
    const inAData = (aData & bit) !== 0;
    const inBData = (bData & bit) !== 0;
    const inANode = (aNodes & bit) !== 0;
    const inBNode = (bNodes & bit) !== 0;
    const aKeyAt = inAData ? HDR + 2 * popcount(aData & (bit - 1)) : 0;
    const bKeyAt = inBData ? HDR + 2 * popcount(bData & (bit - 1)) : 0;
    const aChild = inANode ? (a[a.length - 1 - popcount(aNodes & (bit - 1))] as Trie<V>) : null;
    const bChild = inBNode ? (b[b.length - 1 - popcount(bNodes & (bit - 1))] as Trie<V>) : null;
    if (inAData && inBData) {
      const ka = a[aKeyAt] as string;
      const kb = b[bKeyAt] as string;
      const va = a[aKeyAt + 1] as V;
      const vb = b[bKeyAt + 1] as V;
      if (ka === kb) {
        if (va !== vb) fn(ka, va, vb);
      } else {
        fn(ka, va, undefined);
        fn(kb, undefined, vb);
      }
    } else if (aChild && bChild) diffIn(aChild, bChild, fn);
    else if (inAData && bChild) diffPairAgainst(a[aKeyAt] as string, a[aKeyAt + 1] as V, bChild, 1, fn);
    else if (aChild && inBData) diffPairAgainst(b[bKeyAt] as string, b[bKeyAt + 1] as V, aChild, 0, fn);
    else if (inAData) fn(a[aKeyAt] as string, a[aKeyAt + 1] as V, undefined);
    else if (inBData) fn(b[bKeyAt] as string, undefined, b[bKeyAt + 1] as V);
    else if (aChild) reportAll(aChild, 0, fn);
    else if (bChild) reportAll(bChild, 1, fn);
  }
}

/**
 * The pairs of a trie, lazily, in `forEachIn`'s order: an explicit stack of
 * nodes, so a walk of 100k entries allocates no array of them (a large
 * object, which counts against the old generation at once).
 */
function* pairsIn<V, R>(root: Trie<V>, pick: (key: string, value: V) => R): Generator<R, undefined, unknown> {
  const stack: Trie<V>[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof Collision) {
      for (let i = 0; i < node.keys.length; i++) yield pick(node.keys[i]!, node.values[i]!);
      continue;
    }
    const dataEnd = HDR + 2 * popcount(node[DATA_MAP] as number);
    for (let i = HDR; i < dataEnd; i += 2) yield pick(node[i] as string, node[i + 1] as V);
    // Children pushed so that the last one (the first visited by forEachIn) is popped first.
    for (let i = dataEnd; i < node.length; i++) stack.push(node[i] as Trie<V>);
  }
  return undefined;
}

export class PMap<V> {
  private owner: Owner | null = null;

  private constructor(
    private mutableSize: number,
    private mutableRoot: Trie<V>,
  ) {}

  /** Number of keys. */
  get size(): number {
    return this.mutableSize;
  }

  private get root(): Trie<V> {
    return this.mutableRoot;
  }

  private static readonly EMPTY = new PMap<never>(0, EMPTY_NODE);

  static empty<V>(): PMap<V> {
    return PMap.EMPTY as PMap<V>;
  }

  static from<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
    let m = PMap.empty<V>();
    for (const [k, v] of entries) m = m.set(k, v);
    return m;
  }

  get(key: string): V | undefined {
    const v = getIn(this.root, key, hashOf(key));
    return v === NOT_FOUND ? undefined : v;
  }

  has(key: string): boolean {
    return getIn(this.root, key, hashOf(key)) !== NOT_FOUND;
  }

  /**
   * A map with `key` set to `value`; this same map when nothing changes.
   *
   * `own` (transients only): the caller made `value` for this edit and
   * nobody else holds it, so until `persistent()` it may change it in place
   * instead of copying it again; `owns` tells. Ignored on a persistent map.
   */
  set(key: string, value: V, own = false): PMap<V> {
    sizeDelta = 0;
    ownValue = own && this.owner !== null;
    const root = setIn(this.root, key, hashOf(key), value, 0, this.owner);
    ownValue = false;
    if (root === this.root && sizeDelta === 0) return this;
    if (this.owner !== null) {
      this.mutableSize += sizeDelta;
      this.mutableRoot = root;
      return this;
    }
    return new PMap(this.size + sizeDelta, root);
  }

  /**
   * A map with `key` set to `value` if it had no `key`; this same map (with
   * the same `size`) when it had one. One walk instead of `has` then `set`.
   */
  add(key: string, value: V, own = false): PMap<V> {
    onlyIfAbsent = true;
    try {
      return this.set(key, value, own);
    } finally {
      onlyIfAbsent = false;
    }
  }

  /**
   * Whether this transient holds `value` under `key` as its own (stored with
   * `set(…, own)` or `add(…, own)` during this edit and not replaced since):
   * then the caller may change `value` in place, nobody else can see it.
   * Always false on a persistent map, and for every value once the edit ends.
   */
  owns(key: string, value: V): boolean {
    return this.owner !== null && ownsIn(this.root, key, hashOf(key), value, this.owner);
  }

  /**
   * A transient copy for a batch of edits nobody observes in between (a
   * fold): `set` then changes nodes this edit created in place and returns
   * the same object. Call `persistent()` when done; the original map is
   * never changed.
   */
  asTransient(): PMap<V> {
    const t = new PMap<V>(this.size, this.root);
    t.owner = { edit: true };
    return t;
  }

  /** Ends a transient edit: the map becomes immutable again (its nodes may now be shared). */
  persistent(): PMap<V> {
    if (this.owner === null) return this;
    this.owner = null;
    return new PMap(this.size, this.root);
  }

  /** A map without `key`; this same map when it had none. */
  delete(key: string): PMap<V> {
    sizeDelta = 0;
    const root = deleteIn(this.root, key, hashOf(key), 0);
    if (root === this.root) return this;
    if (this.owner !== null) {
      this.mutableSize += sizeDelta;
      this.mutableRoot = root;
      return this;
    }
    return new PMap(this.size + sizeDelta, root);
  }

  /**
   * Calls `fn` for every key whose value differs between `from` and `to`
   * (by reference), was added or was removed, in no particular order.
   * Subtries the two maps share are skipped without being walked: two
   * states folded one from the other share every node their events did not
   * touch, so the cost follows what changed (and the nodes on its paths),
   * not the size of the maps.
   */
  static diff<V>(from: PMap<V>, to: PMap<V>, fn: PMapChange<V>): void {
    diffIn(from.root, to.root, fn);
  }

  /** Visits every entry (faster than iterating). Order is by hash, not insertion. */
  forEach(fn: (value: V, key: string) => void): void {
    forEachIn(this.root, fn);
  }

  /** The values one at a time (no array of all of them), in `forEach`'s order. */
  lazyValues(): Generator<V, undefined, unknown> {
    return pairsIn(this.root, (_k, v) => v);
  }

  /** The keys one at a time, in `forEach`'s order. */
  lazyKeys(): Generator<string, undefined, unknown> {
    return pairsIn(this.root, (k) => k);
  }

  /** The entries one at a time, in `forEach`'s order. */
  lazyEntries(): Generator<[string, V], undefined, unknown> {
    return pairsIn(this.root, (k, v): [string, V] => [k, v]);
  }

  values(): V[] {
    const out: V[] = [];
    forEachIn(this.root, (v) => out.push(v));
    return out;
  }

  keys(): string[] {
    const out: string[] = [];
    forEachIn(this.root, (_v, k) => out.push(k));
    return out;
  }

  entries(): [string, V][] {
    const out: [string, V][] = [];
    forEachIn(this.root, (v, k) => out.push([k, v]));
    return out;
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries()[Symbol.iterator]();
  }

  /** A plain object with the same entries, keys sorted (tests, debugging). */
  toObject(): Record<string, V> {
    const out: Record<string, V> = Object.create(null) as Record<string, V>;
    for (const k of this.keys().sort()) out[k] = this.get(k) as V;
    return out;
  }
}
