/**
 * Command-line options of the demo feeds process (`cli.ts`), parsed into
 * `startDemoFeeds` options. Kept apart from `cli.ts` so it can be tested
 * without starting anything.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DOMAINS } from '@shared/domain/agencies';
import type { DemoFeedsOptions } from './demo';

/** Shown with every argument error. */
export const USAGE = `usage: feeds [--rate N] [--speed N] [--scenarios a,b|all|none] [--no-loop]
             [--host H] [--base-port N] [--data DIR] [--tokens-file FILE] [--scenario-dir DIR]
  --rate N           routine alerts per second across all feeds (default 3, 0 for none)
  --speed N          scenario seconds per real second (default 10)
  --scenarios LIST   scenario ids separated by commas, all (default) or none
  --no-loop          play each scenario once
  --host H           interface to listen on (default 127.0.0.1)
  --base-port N      first feed's port, the others follow (default 0: random ports)
  --data DIR         persist outboxes in DIR (unacknowledged items survive a restart)
  --tokens-file FILE JSON {"traffic": "…", …}; feeds not named get a random token
  --scenario-dir DIR where the scenario files are (default resources/scenarios)`;

const tokensFileSchema = z.strictObject(Object.fromEntries(DOMAINS.map((d) => [d, z.string().min(1).max(512).optional()])));

/** Parses argv into demo options; throws with a message for the user. */
export function optionsFromArgs(argv: readonly string[]): DemoFeedsOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      rate: { type: 'string' },
      speed: { type: 'string' },
      scenarios: { type: 'string' },
      'no-loop': { type: 'boolean' },
      host: { type: 'string' },
      'base-port': { type: 'string' },
      data: { type: 'string' },
      'tokens-file': { type: 'string' },
      'scenario-dir': { type: 'string' },
    },
  });
  const number = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}, not ${raw}`);
    return n;
  };
  const basePort = number('base-port', values['base-port'], 0, 65530);
  if (basePort !== undefined && !Number.isInteger(basePort)) throw new Error('--base-port must be an integer');
  let tokens: DemoFeedsOptions['tokens'];
  if (values['tokens-file'] !== undefined) {
    const file = values['tokens-file'];
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`--tokens-file ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = tokensFileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`--tokens-file ${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    tokens = parsed.data as DemoFeedsOptions['tokens'];
  }
  const list = values.scenarios;
  return {
    rate: number('rate', values.rate, 0, 1_000_000),
    speed: number('speed', values.speed, 0.001, 100_000),
    scenarios: list === undefined || list === 'all' ? 'all' : list === 'none' ? [] : list.split(',').map((s) => s.trim()).filter(Boolean),
    loop: !values['no-loop'],
    host: values.host,
    basePort,
    dataDir: values.data,
    tokens,
    scenarioDir: values['scenario-dir'],
  };
}
