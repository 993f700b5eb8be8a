import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A form field whose schema is a `oneOf` of scalar and array types: text fits the string branch as sent. */
const file = fileURLToPath(new URL('../data/openapi/form-union-fields.yaml', import.meta.url));

async function postForm(body: string): Promise<{ status: number; json: unknown }> {
  const server = await startMockServer({ contracts: [await loadContractFile(file)], port: 0, atRoot: true });
  try {
    const response = await fetch(`${server.mounts[0].url}/settings`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    return { status: response.status, json: await response.json() };
  } finally {
    await server.close();
  }
}

describe('form-union-fields.yaml: a form field of oneOf [boolean, string, array]', () => {
  it('takes text for the field, still coercing the other fields to their types', async () => {
    expect((await postForm('name=theme&value=dark+blue&priority=3')).status).toBe(200);
    expect((await postForm('name=theme&value=dark+blue')).status).toBe(200);
    expect((await postForm('name=theme&value=a&value=b&priority=3')).status).toBe(200);
  });

  it('still refuses a form the schema refuses', async () => {
    expect((await postForm('name=theme&value=dark&priority=high')).status).toBe(422);
  });

  it('the own mock passes its own check, the form create included', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
  });
});
