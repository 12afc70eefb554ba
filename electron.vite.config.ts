import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = import.meta.dirname;
// `LONGWATCH_OUT=out-x` builds into another folder beside `out/` (parallel work on one checkout).
// It must sit at the project root: the built hub finds `resources/` two levels above `out*/main`.
const out = process.env['LONGWATCH_OUT'] ?? 'out';
const alias = { '@shared': resolve(root, 'shared') };
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: `${out}/main`,
      rolldownOptions: {
        input: {
          // Electron main process.
          index: resolve(root, 'electron/main/index.ts'),
          // Web-mode host: plain Node, started by `npm run web` and by `npm start` without Electron.
          web: resolve(root, 'electron/web/index.ts'),
          // The hub CLI (`npm run hub`), also what the Electron app runs in a utility process.
          hub: resolve(root, 'electron/hub/cli.ts'),
          // The demo agencies, started by the hub in demo mode as a child process.
          feeds: resolve(root, 'electron/feeds/cli.ts'),
          // The hub's feed-batch decoders (worker_threads), looked for beside the hub's bundle.
          decodeWorker: resolve(root, 'electron/hub/decode/decodeWorker.ts'),
          // The hub's store (PGlite) on a thread of its own, looked for beside the hub's bundle.
          storeWorker: resolve(root, 'electron/hub/store/storeWorker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: `${out}/preload`,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    resolve: { alias },
    plugins: [react()],
    define: { __APP_VERSION__: JSON.stringify(version) },
    base: './',
    build: {
      outDir: resolve(root, out, 'renderer'),
      // Every asset is a file of our own origin: the CSP allows no data: fonts.
      assetsInlineLimit: 0,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
