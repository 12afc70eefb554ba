/**
 * The replay store's `alerts` and `incidents` (`LiveSnapshot`'s read-only
 * maps): views of what it shows instead of copies. Outside focus they read
 * the shown state's persistent maps (`PMap`) directly, so showing another
 * state is one assignment — copying a seek's changes into JS `Map`s cost a
 * `set` and a lookup per changed alert, 60–90k of them in a far seek at 1M
 * events. In focus they read the focused view's maps (`focus.ts`).
 *
 * One object for the store's life, like the live store's maps, which change
 * in place between snapshots. Lookups walk the trie (a hash of the id and a
 * few levels): the UI looks up a few alerts per render, the seek none.
 * Iterating walks the trie lazily: the board iterates every alert for each
 * large delta, and an array of them each time (a large object, counted
 * against the old generation at once) made the GC run far more often.
 */
import type { PMap } from '@shared/domain/pmap';

export class ShownMap<V> implements ReadonlyMap<string, V> {
  private map: ReadonlyMap<string, V> | null = null;

  constructor(private trie: PMap<V>) {}

  /** Shows the entries of a persistent map (a state's). */
  showTrie(trie: PMap<V>): void {
    this.trie = trie;
    this.map = null;
  }

  /** Shows the entries of a plain map (the focused view's); the view keeps it unchanged. */
  showMap(map: ReadonlyMap<string, V>): void {
    this.map = map;
  }

  get size(): number {
    return this.map ? this.map.size : this.trie.size;
  }

  get(key: string): V | undefined {
    return this.map ? this.map.get(key) : this.trie.get(key);
  }

  has(key: string): boolean {
    return this.map ? this.map.has(key) : this.trie.has(key);
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    if (this.map) this.map.forEach((v, k) => fn.call(thisArg, v, k, this));
    else this.trie.forEach((v, k) => fn.call(thisArg, v, k, this));
  }

  keys(): MapIterator<string> {
    return this.map ? this.map.keys() : this.trie.lazyKeys();
  }

  values(): MapIterator<V> {
    return this.map ? this.map.values() : this.trie.lazyValues();
  }

  entries(): MapIterator<[string, V]> {
    return this.map ? this.map.entries() : this.trie.lazyEntries();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}
