/**
 * Demo feeds as a process of their own (built to `out/main/feeds.js`; from
 * source: `npx tsx --tsconfig tsconfig.tools.json electron/feeds/cli.ts`).
 *
 * stdout carries exactly one line, `{"ready":{"feeds":[…]}}`, once every feed
 * listens: the hub starts this process in demo mode and reads it. Logs go to
 * stderr. The process stops cleanly on SIGTERM, SIGINT, and when its stdin
 * (a pipe from the parent) closes, so it dies with its parent.
 */
import { fstatSync } from 'node:fs';
import { optionsFromArgs, USAGE } from './cliOptions';
import { startDemoFeeds, type DemoFeeds, type DemoFeedsOptions } from './demo';
import { stderrLogger } from './log';

/** Whether stdin is a pipe or a terminal we can watch for the parent going away (not /dev/null). */
function stdinIsWatchable(): boolean {
  if (process.stdin.isTTY) return true;
  try {
    const s = fstatSync(0);
    return s.isFIFO() || s.isSocket();
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const log = stderrLogger('feeds');
  let opts: DemoFeedsOptions;
  try {
    opts = optionsFromArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
  // Signals and stdin are watched before anything starts: the parent may stop us the moment it reads the ready line.
  const run: { demo?: DemoFeeds; status?: NodeJS.Timeout; stopReason?: string } = {};
  const shutdown = (why: string): void => {
    if (run.stopReason !== undefined) return;
    run.stopReason = why;
    const demo = run.demo;
    if (!demo) return; // still starting: stopped as soon as it is up
    log.info('stopping demo feeds', { why });
    clearInterval(run.status);
    // A stop that hangs (a hub that never closes its socket) must not keep the process alive.
    setTimeout(() => process.exit(1), 5000).unref();
    demo.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error('error while stopping', { error: String(e) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (stdinIsWatchable()) {
    process.stdin.on('end', () => shutdown('stdin closed'));
    process.stdin.on('error', () => shutdown('stdin error'));
    process.stdin.resume();
  }

  const demo = await startDemoFeeds({ ...opts, logger: log });
  run.demo = demo;
  if (run.stopReason !== undefined) {
    const why = run.stopReason;
    run.stopReason = undefined;
    return shutdown(why);
  }
  process.stdout.write(JSON.stringify({ ready: { feeds: demo.feeds } }) + '\n');
  run.status = setInterval(() => log.info('feed status', { feeds: demo.stats() }), 30_000);
  run.status.unref();
}

main().catch((e: unknown) => {
  console.error(`feeds: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
