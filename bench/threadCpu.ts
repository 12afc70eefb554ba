/**
 * CPU time by process and thread, from Linux's /proc, for this process and
 * every process it started (the hub runs here; Chromium and the feeds are
 * children). A CPU profile's "self time" is wall time between samples, so on
 * a loaded machine it counts the time a thread waited for a core too; the
 * kernel's per-thread utime + stime does not. Elsewhere than Linux the
 * snapshot is empty and the report says so.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU ms per `process kind / thread name`, summed over the threads of that name. */
export type CpuByThread = Map<string, number>;

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on every Linux that matters here). */
const TICKS_PER_SECOND = 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process or thread ended meanwhile
  }
}

/** `stat`'s fields after the command name (which may hold spaces and parentheses): [state, ppid, …]. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** What a process is: `hub+bench` for this one, Chromium's `--type` (and utility sub-type), else its program's name. */
function kindOf(pid: number): string {
  if (pid === process.pid) return 'hub+bench';
  // (Chromium's zygote children rewrite their command line as one space-separated string.)
  const argv = (read(`/proc/${pid}/cmdline`) ?? '').split(/[\0 ]/);
  const type = argv.find((a) => a.startsWith('--type='))?.slice(7);
  const sub = argv.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
  if (type) return sub ? `${type}(${sub.replace(/\.mojom\..*$/, '')})` : type;
  const program = (argv[0] ?? '').split('/').pop() ?? '?';
  return /chrom/i.test(program) ? 'browser' : program;
}

/** This process and its descendants. */
function family(): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (stat) parentOf.set(Number(name), Number(statFields(stat)[1]));
  }
  const inFamily = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!inFamily.has(pid) && inFamily.has(ppid)) {
        inFamily.add(pid);
        grew = true;
      }
    }
  }
  return [...inFamily];
}

/** CPU ms so far of every thread of this process and its descendants, by `kind/thread name`. */
export function cpuByThread(): CpuByThread {
  const out: CpuByThread = new Map();
  if (process.platform !== 'linux') return out;
  for (const pid of family()) {
    const kind = kindOf(pid);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    // A page's dedicated workers (the ingest worker, MapLibre's) all have one thread name: they are
    // told apart by start order (thread ids grow), `DedicatedWorker 1` being the first one started.
    let workers = 0;
    for (const tid of tids.sort((a, b) => Number(a) - Number(b))) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      let comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[0-9]+$/, '#');
      if (comm === 'DedicatedWorker') comm = `DedicatedWorker ${++workers}`;
      const f = statFields(stat);
      // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name and state.
      const ms = ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND;
      const key = `${kind}/${comm}`;
      out.set(key, (out.get(key) ?? 0) + ms);
    }
  }
  return out;
}

/**
 * Lines of CPU µs per `unit` between two snapshots, by process kind with
 * its busiest threads. Threads that started and ended between the
 * snapshots are not counted (a page's short-lived helpers).
 */
export function cpuReport(before: CpuByThread, after: CpuByThread, units: number, unit: string): string[] {
  if (after.size === 0) return ['  (CPU by thread needs Linux /proc)'];
  const byKind = new Map<string, Array<[string, number]>>();
  let total = 0;
  for (const [key, ms] of after) {
    const used = ms - (before.get(key) ?? 0);
    if (used <= 0) continue;
    total += used;
    const [kind, thread] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const list = byKind.get(kind) ?? [];
    list.push([thread, used]);
    byKind.set(kind, list);
  }
  const us = (ms: number): string => ((ms * 1000) / Math.max(1, units)).toFixed(0);
  const lines = [`  CPU per ${unit} (kernel's per-thread time), all processes: ${us(total)} µs (${total.toFixed(0)} ms)`];
  const kinds = [...byKind].map(([kind, threads]) => [kind, threads.reduce((s, [, ms]) => s + ms, 0), threads.sort((a, b) => b[1] - a[1])] as const).sort((a, b) => b[1] - a[1]);
  for (const [kind, ms, threads] of kinds) {
    if (ms < 20) continue;
    const busiest = threads
      .filter(([, t]) => t >= 20)
      .slice(0, 5)
      .map(([name, t]) => `${name} ${us(t)}`)
      .join(', ');
    lines.push(`    ${kind}: ${us(ms)} µs${busiest ? ` (${busiest})` : ''}`);
  }
  return lines;
}
