/**
 * Freezes an object graph (a state with its maps' trie nodes, entities and
 * arrays), so that any later write into it throws: tests use it to prove
 * that batch edits never touch what an earlier state holds.
 */
export function deepFreeze(root: unknown): void {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    Object.freeze(v);
    for (const child of Object.values(v)) stack.push(child);
  }
}
