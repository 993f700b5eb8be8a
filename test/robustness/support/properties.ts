import fc from 'fast-check';

/**
 * fast-check settings for every property here: a fixed seed (failures replay), a bounded number of runs,
 * no shrinking (a counterexample can hold a 900 KB body; the assertion message already says what was sent)
 * and a failure report that quotes the assertion instead of dumping the whole counterexample.
 */
export function propertyOptions<T>(seed: number, numRuns: number): fc.Parameters<T> {
  return {
    seed,
    numRuns,
    endOnFailure: true,
    asyncReporter: async (details) => {
      if (!details.failed) return;
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`Property failed on run ${details.numRuns} (replay: seed ${details.seed}, path "${details.counterexamplePath}"):\n${cause.slice(0, 3000)}`);
    },
  };
}
