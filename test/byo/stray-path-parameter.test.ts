import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A path parameter declared on a template that does not name it (`page` on `/`): no request can send it. */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/stray-path-parameter.yaml', import.meta.url));

describe('stray-path-parameter.yaml: a path parameter the path template does not name', () => {
  it('is ignored with a warning naming its place, and the mock serves the path', async () => {
    const { contract, results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
    expect(results.some((r) => r.operationId === 'home' && r.check === 'status_expected' && r.status === 'pass')).toBe(true);
    const warning = contract.warnings.find((w) => /Path parameter "page" is not in the path \/: no request can send it/.test(w.message));
    expect(warning?.pointer).toBe('/paths/~1/get/parameters');
  });
});
