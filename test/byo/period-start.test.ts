import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/**
 * A list parameter named like an offset (`start`) that is typed as a date-time is the start of a period,
 * not a count of items to skip: paging by `start=1` was refused by the document's own mock with a status
 * the list does not document (Sentry's project events).
 */
const DOCUMENT = fileURLToPath(new URL('../data/openapi/period-start.yaml', import.meta.url));

describe('a date-time start beside a list', () => {
  it('is no offset', async () => {
    const contract = await loadContractFile(DOCUMENT);
    const list = contract.operations.find((op) => op.id === 'listEvents')!.behaviour.list;
    expect(list?.skip).toBeUndefined();
    expect(list?.limit?.param).toBe('limit');
  });

  it('passes the runner against its own mock', async () => {
    const { results } = await checkAgainstOwnMock(DOCUMENT);
    expect(failuresOf(results)).toEqual([]);
  });
});
