import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects. `fast` is the README's `npm test`: everything in-process, under a minute on two cores.
 * `slow` (`npm run test:slow`) holds what costs real time or another program: property-based fuzzing,
 * concurrency bursts, spawned processes (the `harness` binary, a second Node) and headless Chromium.
 * `.ci/run` runs both.
 */
export const SLOW_TESTS = [
  'test/robustness/fuzz-*.test.ts',
  'test/robustness/concurrency.test.ts',
  'test/cli/mock-cli.test.ts',
  'test/cli/ci-recipe.test.ts',
  'test/package/**/*.test.ts',
  'test/seeder/generate-process.test.ts',
  'test/browser/**/*.test.ts',
  'test/corpus/**/*.test.ts',
  'test/conformance/**/*.test.ts',
  // Each seeded defect is a full run against its own server: about a second apiece.
  'test/byo/independent-*.test.ts',
  // Ten full runs behind defect proxies (PATCH media types): about five seconds.
  'test/byo/patch-media-runner.test.ts',
  // The mutation proxy's detection matrix: about twenty full runs per document.
  'test/runner/detection-matrix.test.ts',
  // vi.mock replaces a module: it needs the per-file module graph the fast project does without.
  'test/runner/settle-errors.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        // One module graph per worker instead of one per file: the files share no mutable globals (servers
        // are per file, msw's setupServer is closed in afterAll), and importing ajv, faker and the compiled
        // contracts once per worker halves the CPU time of the run.
        test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SLOW_TESTS], isolate: false },
      },
      { extends: true, test: { name: 'slow', include: SLOW_TESTS } },
    ],
  },
});
