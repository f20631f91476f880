// The layers, enforced (`npm run lint`, run first by `npm test`). Only import boundaries are
// checked here: the compiler checks the rest.
//   lib/scoring   the engine: no I/O, no React, no database, nothing of app/, db/, scripts/
//   lib/          pure libraries: nothing of app/, db/, scripts/
//   db/           data access: nothing of app/ or scripts/, and no permission decisions (`can`)
//   app/          pages, actions, routes and app/ui reach the database only through
//                 app/lib/services or app/lib/data.ts: nothing of db/ outside app/lib/ (nor proxy.ts)
//   everywhere    production code imports nothing of tests/
import tseslint from 'typescript-eslint';

/** An import of `layer` by alias (`@/db/…`) or by a relative path climbing into it (`../../db/…`). */
const layer = (name) => `^(@/|(\\.\\./)+)${name}(/|$)`;
const from = (names, message) => ({ regex: names.length === 1 ? layer(names[0]) : `^(@/|(\\.\\./)+)(${names.join('|')})(/|$)`, message });

const TESTS = from(['tests'], 'Production code does not import tests/: move what it needs out of tests/.');
const IO = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'http2', 'dgram', 'worker_threads', 'cluster', 'readline', 'os', 'process'];
const IO_MODULES = [...IO, ...IO.map((m) => `node:${m}`)];

const restrict = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { patterns, paths }] });

/** Dynamic `import('@/db/…')` too, where a static import is refused. */
const noDynamic = (names, message) => ({
  'no-restricted-syntax': ['error', { selector: `ImportExpression > Literal[value=/${layer(names).replaceAll('/', '\\/')}/]`, message }],
});

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/__tests__/**', 'tests/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', 'data/**', 'db/migrations/**', 'next-env.d.ts'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.cjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: TEST_FILES,
    rules: restrict([TESTS]),
  },
  {
    files: ['lib/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict([TESTS, from(['db', 'app', 'scripts'], 'lib/ is pure: it imports nothing of db/, app/ or scripts/ (they call lib/, not the other way round).')]),
  },
  {
    files: ['lib/scoring/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict(
      [
        TESTS,
        from(['db', 'app', 'scripts'], 'lib/scoring is the engine: it imports nothing of db/, app/ or scripts/.'),
        { regex: '^(@/lib/(interchange|auth|synthetic|demo|stats|security|pdf)|(\\.\\./)+(interchange|auth|synthetic|demo|stats|security|pdf))(/|$)', message: 'lib/scoring depends on no other part of lib/: they call the engine.' },
        { group: ['react', 'react-dom', 'react/*', 'next', 'next/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*', 'exceljs', 'csv-parse', 'csv-parse/*'], message: 'lib/scoring is pure TypeScript: no React, no database, no file formats.' },
      ],
      IO_MODULES.map((name) => ({ name, message: 'lib/scoring does no I/O: its callers read and write.' })),
    ),
  },
  {
    files: ['db/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict(
      [TESTS, from(['app', 'scripts'], 'db/ is data access: it imports nothing of app/ or scripts/.')],
      [{ name: '@/lib/auth/roles', importNames: ['can', 'rolesWith'], message: 'db/ never decides who may: a service in app/lib/services checks the viewer, then calls db/.' }],
    ),
  },
  {
    // proxy.ts is the web's front door too: it answers before any page, and reads no database.
    files: ['app/**/*.ts', 'app/**/*.tsx', 'proxy.ts'],
    ignores: [...TEST_FILES, 'app/lib/**'],
    rules: {
      ...restrict([TESTS, from(['db'], 'Pages, actions, routes and app/ui never import db/: call a service (app/lib/services) or a read of app/lib/data.ts, which check the viewer.')]),
      ...noDynamic('db', 'Pages, actions, routes and app/ui never import db/, not even lazily.'),
    },
  },
);
