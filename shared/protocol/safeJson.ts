/**
 * Hostile JSON: `JSON.parse` happily creates own properties named
 * `__proto__`, `constructor` or `prototype`. zod drops them from records
 * without a word, which keeps prototypes safe but loses the fact that a feed
 * sent them. We refuse such a body with a reason instead, so it lands in
 * quarantine where an integrator can see it.
 */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/** The path of the first reserved key in `value` (e.g. `attributes.__proto__`), or null. */
export function findReservedKey(value: unknown, path = '', depth = 0): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return `${path || '(root)'} (nested deeper than ${MAX_DEPTH})`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findReservedKey(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.getOwnPropertyNames(value)) {
    const here = path ? `${path}.${key}` : key;
    if (RESERVED.has(key)) return here;
    const found = findReservedKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return null;
}
