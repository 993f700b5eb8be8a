import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { createRunState } from '../../src/runner/transport.ts';
import { fitsParameter, pathValue } from '../../src/runner/values.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A path parameter of one name with patterns no one value fits (`filename`: a `.txt` log, a `.jpg` cover). */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/parameter-per-use.yaml', import.meta.url));

describe('parameter-per-use.yaml: one parameter name, incompatible schemas', () => {
  it('the first operation to ask for the run-wide value gets one its own schema takes', async () => {
    const contract = await loadContractFile(DOCUMENT);
    for (const id of ['getCover', 'getLog']) {
      const state = createRunState(contract, { baseUrl: 'http://target.test', pathParams: {}, allowDestructive: false, timeoutMs: 1000, seed: 1, only: [] });
      const parameter = contract.operations.find((op) => op.id === id)!.pathParams.find((p) => p.name === 'filename')!;
      const value = pathValue(state, parameter);
      expect(fitsParameter(contract.schemas, parameter, value), `${id}: ${value}`).toBe(true);
    }
  });

  it('harness check against the mock is clean', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'getCover' && r.check === 'status_expected' && r.status === 'pass')).toBe(true);
  });
});
