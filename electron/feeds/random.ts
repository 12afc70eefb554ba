/**
 * Small seeded randomness for the generator: cheap (thousands of alerts a
 * second) and reproducible in tests.
 */

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, good enough to scatter demo alerts. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of a non-empty list. */
export function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

/** An integer in [min, max]. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A number in [min, max) rounded to `digits` decimals. */
export function real(rng: Rng, min: number, max: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round((min + rng() * (max - min)) * f) / f;
}

/** `value` moved by up to ±`delta`, rounded to 5 decimals (about 1 m). */
export function jitter(rng: Rng, value: number, delta: number): number {
  return Math.round((value + (rng() * 2 - 1) * delta) * 1e5) / 1e5;
}

/** Picks a key by weight: `weighted(rng, [['Minor', 55], ['Moderate', 38]])`. */
export function weighted<T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let r = rng() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}
