#!/usr/bin/env node
// `npm run bench -- <suite> [--json]`: runs bench/<suite>.bench.ts with tsx.
// Benchmarks are not tests: they print numbers next to a baseline measured in
// the same run, because this machine is noisy.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const suites = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
const [suite, ...rest] = process.argv.slice(2);
if (!suite || !suites.includes(suite)) {
  console.error(`usage: npm run bench -- <suite> [--json]\nsuites: ${suites.join(', ')}`);
  process.exit(suite ? 2 : 0);
}
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
if (!existsSync(tsx)) {
  console.error('bench: tsx is not installed; run npm ci first');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--expose-gc', tsx, '--tsconfig', join(root, 'tsconfig.tools.json'), join(root, 'bench', `${suite}.bench.ts`), ...rest], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
