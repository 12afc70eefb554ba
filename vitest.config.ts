import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

const alias = { '@shared': resolve(import.meta.dirname, 'shared') };

export default defineConfig({
  test: {
    // One temp directory per run, removed at the end (tools/vitestTemp.ts).
    globalSetup: ['tools/vitestTemp.ts'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'tools/**/*.test.ts', 'scripts/**/*.test.ts', 'integration/**/*.test.ts'],
          env: { LONGWATCH_LOG: 'silent' },
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          // Property tests of thousands of runs take ~2 s quiet and over 6 s on a loaded machine.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
