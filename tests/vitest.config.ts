import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname, '..') } },
  test: {
    root: path.resolve(__dirname, '..'),
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'tests/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Browser tests build and serve the app: they have their own config (tests/e2e/vitest.config.ts).
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // One migrated PGlite dump that every PGlite test database starts from.
    globalSetup: ['db/__tests__/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
