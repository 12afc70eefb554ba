/** Small timing helpers shared by the benchmark suites. */
export const json = process.argv.includes('--json');

/** Prints a human line unless --json was given (then only the final JSON object is printed). */
export function say(line: string): void {
  if (!json) console.log(line);
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs `work` repeatedly for about `ms` and returns units per second (best of the rounds). */
export function rate(units: number, work: () => void, { rounds = 5, warmup = 1 } = {}): number {
  for (let i = 0; i < warmup; i++) work();
  let best = 0;
  for (let i = 0; i < rounds; i++) {
    gc();
    const t = performance.now();
    work();
    const dt = (performance.now() - t) / 1000;
    best = Math.max(best, units / dt);
  }
  return best;
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
