/**
 * Each layering rule of eslint.config.js, broken once by a small fixture.
 * If a rule is deleted or its pattern stops matching, its fixture stops
 * being reported and this test fails.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// [room file, offending import, what the message must say]
const violations: Array<[string, string, RegExp]> = [
  ['shared/domain/x.ts', 'node:fs', /Node built-ins/],
  ['shared/domain/x.ts', 'path', /Node built-ins/],
  ['shared/domain/x.ts', 'electron', /electron package/],
  ['shared/domain/x.ts', 'react', /shared\/ is pure/],
  ['shared/domain/x.ts', 'socket.io-client', /shared\/ is pure/],
  ['shared/domain/x.ts', '../../electron/main/window', /shared\/ imports nothing outside/],
  ['shared/x.ts', '../renderer/src/App', /shared\/ imports nothing outside/],
  ['shared/x.ts', '../resources/correlation.json', /shared\/ imports nothing outside/],
  ['shared/cap/parse.test.ts', '../../renderer/src/App', /shared\/ imports nothing outside/],
  ['shared/cap/parse.test.ts', 'electron', /electron package/],
  ['electron/main/x.ts', '../../renderer/src/App', /never import each other/],
  ['electron/main/x.ts', '../feeds/player', /electron\/main imports only/],
  ['electron/preload/index.ts', '../main/ipc', /electron\/preload imports only/],
  ['electron/preload/index.ts', '../../renderer/src/platform', /never import each other/],
  ['electron/hub/server.ts', 'electron', /electron package/],
  ['electron/hub/server.ts', '../main/window', /electron\/hub imports only/],
  ['electron/hub/server.ts', '../../renderer/src/App', /never import each other/],
  ['electron/feeds/player.ts', 'electron', /electron package/],
  ['electron/feeds/player.ts', '../hub/server', /electron\/feeds imports only/],
  ['electron/web/server.ts', 'electron', /electron package/],
  ['electron/web/server.ts', '../main/window', /web-mode host is plain Node/],
  ['renderer/src/App.tsx', 'electron', /electron package/],
  ['renderer/src/App.tsx', 'node:fs', /Node built-ins/],
  ['renderer/src/features/x.ts', '../../../electron/main/ipc', /never import each other/],
];

describe('layering rules (DESIGN §2)', () => {
  it.each(violations)('%s importing %s is reported', async (file, source, message) => {
    const messages = await restrictedImports(file, `import x from '${source}';\nexport default x;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  const allowed: Array<[string, string]> = [
    ['shared/domain/x.ts', '../result'],
    ['shared/domain/x.ts', 'zod'],
    ['shared/cap/parse.test.ts', 'node:fs'],
    ['electron/main/x.ts', '../hub/server'],
    ['electron/main/x.ts', '@shared/ipc'],
    ['electron/hub/server.ts', 'socket.io'],
    ['electron/web/server.ts', '../hub/server'],
    ['renderer/src/App.tsx', '@shared/ipc'],
    ['renderer/src/App.tsx', 'maplibre-gl'],
  ];
  it.each(allowed)('%s importing %s is allowed', async (file, source) => {
    expect(await restrictedImports(file, `import x from '${source}';\nexport default x;\n`)).toEqual([]);
  });
});
