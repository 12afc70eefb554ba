// ESLint flat config. The layering rules below are DESIGN §2's import column,
// one `no-restricted-imports` per room; `tools/lint/layering.test.ts` proves
// each rule still fires, so none of them can silently rot.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const builtins = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/\//g, '\\/'));
const NODE_BUILTIN = {
  regex: `^(node:.*|(${builtins.join('|')})(\\/.*)?)$`,
  message: 'Node built-ins are not available here (DESIGN §2).',
};
const ELECTRON_PKG = {
  regex: '^electron(\\/.*)?$',
  message: 'Only electron/main and electron/preload may import the electron package (DESIGN §2).',
};
/** A relative import that climbs out of the current room into top-level folder `dir`. */
const climbInto = (dirs, message) => ({ regex: `^(\\.\\.\\/)+(${dirs.join('|')})(\\/|$)`, message });

const NOT_SHARED_DEPS = {
  regex: '^(react|react-dom|react-i18next|i18next|maplibre-gl|dexie|socket\\.io|socket\\.io-client|@electric-sql\\/pglite|pino|pino-pretty)(\\/.*)?$',
  message: 'shared/ is pure: no UI, storage, network or logging libraries (DESIGN §2).',
};

const rooms = {
  shared: [
    NODE_BUILTIN,
    ELECTRON_PKG,
    NOT_SHARED_DEPS,
    climbInto(['electron', 'renderer', 'resources', 'scripts', 'e2e', 'tools', 'bench', 'node_modules'], 'shared/ imports nothing outside shared/ (DESIGN §2).'),
  ],
  // Tests of shared code may read fixtures from disk; they still never reach into other rooms.
  sharedTests: [
    ELECTRON_PKG,
    climbInto(['electron', 'renderer'], 'shared/ imports nothing outside shared/ (DESIGN §2).'),
  ],
  main: [
    climbInto(['renderer'], 'electron/ and renderer/ never import each other (DESIGN §2).'),
    { regex: '^(\\.\\.\\/)+(electron\\/)?(feeds|preload|web)(\\/|$)', message: 'electron/main imports only shared/ and electron/hub (DESIGN §2).' },
  ],
  preload: [
    climbInto(['renderer'], 'electron/ and renderer/ never import each other (DESIGN §2).'),
    { regex: '^(\\.\\.\\/)+(electron\\/)?(main|hub|feeds|web)(\\/|$)', message: 'electron/preload imports only shared/ (DESIGN §2).' },
  ],
  // hub, feeds and the web host are plain Node: no electron, no renderer, no main.
  hub: [
    ELECTRON_PKG,
    climbInto(['renderer'], 'electron/ and renderer/ never import each other (DESIGN §2).'),
    { regex: '^(\\.\\.\\/)+(electron\\/)?(main|preload|feeds|web)(\\/|$)', message: 'electron/hub imports only shared/ (DESIGN §2).' },
  ],
  feeds: [
    ELECTRON_PKG,
    climbInto(['renderer'], 'electron/ and renderer/ never import each other (DESIGN §2).'),
    { regex: '^(\\.\\.\\/)+(electron\\/)?(main|preload|hub|web)(\\/|$)', message: 'electron/feeds imports only shared/ (DESIGN §2).' },
  ],
  web: [
    ELECTRON_PKG,
    climbInto(['renderer'], 'electron/ and renderer/ never import each other (DESIGN §2).'),
    { regex: '^(\\.\\.\\/)+(electron\\/)?(main|preload)(\\/|$)', message: 'The web-mode host is plain Node: it imports shared/, electron/hub and electron/feeds only.' },
  ],
  renderer: [
    ELECTRON_PKG,
    NODE_BUILTIN,
    climbInto(['electron'], 'electron/ and renderer/ never import each other (DESIGN §2).'),
  ],
};

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'out/**', 'out-*/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**',
      'resources/basemap/**', 'shared/cap/fixtures/**', '.ci/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['shared/**/*.ts'], rules: restrict(rooms.shared) },
  { files: ['shared/**/*.test.ts', 'shared/**/testing/**/*.ts', 'shared/cap/arbitraries.ts'], rules: restrict(rooms.sharedTests) },
  { files: ['electron/main/**/*.ts'], rules: restrict(rooms.main) },
  { files: ['electron/preload/**/*.ts'], rules: restrict(rooms.preload) },
  { files: ['electron/hub/**/*.ts'], rules: restrict(rooms.hub) },
  { files: ['electron/feeds/**/*.ts'], rules: restrict(rooms.feeds) },
  { files: ['electron/web/**/*.ts'], rules: restrict(rooms.web) },
  { files: ['renderer/**/*.{ts,tsx}'], rules: restrict(rooms.renderer) },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
