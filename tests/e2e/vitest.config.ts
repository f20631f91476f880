import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files run one at a time against one server, in name order: year.e2e.ts — the whole evaluation
 * year, which adds round 2022 and so changes which round is the newest — comes last.
 */
class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
  }
}

const root = path.resolve(__dirname, '../..');

/**
 * Browser tests of the built app: global setup builds it, serves it with the demo data on a
 * temporary PGlite folder, and the test files drive Debian's Chromium against it, one file at a time.
 * Files end in `.e2e.ts` so the unit suite (`npm test`) never picks them up.
 */
export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    root,
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    setupFiles: ['tests/e2e/setup.ts'],
    fileParallelism: false,
    sequence: { sequencer: ByName },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
