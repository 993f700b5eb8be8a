import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** A form create whose schema is a `oneOf` of object shapes (dog or cat), each with a boolean field, a dog's collar an object. */
const file = fileURLToPath(new URL('../data/openapi/form-union-branches.yaml', import.meta.url));

async function postForms(bodies: readonly string[]): Promise<{ status: number; json: Record<string, unknown> }[]> {
  const server = await startMockServer({ contracts: [await loadContractFile(file)], port: 0, atRoot: true });
  try {
    const answers = [];
    for (const body of bodies) {
      const response = await fetch(`${server.mounts[0].url}/pets`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      answers.push({ status: response.status, json: await response.json() as Record<string, unknown> });
    }
    return answers;
  } finally {
    await server.close();
  }
}

describe('form-union-branches.yaml: a form body whose schema is a oneOf of objects', () => {
  it('reads `barks=true` as the boolean true, every time (not a value drawn for text the record refuses)', async () => {
    const answers = await postForms(['kind=dog&name=a&barks=true', 'kind=dog&name=b&barks=true', 'kind=dog&name=c&barks=true', 'kind=cat&name=d&hunts=false']);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((answer) => answer.json.barks ?? answer.json.hunts)).toEqual([true, true, true, false]);
  });

  it('reads an object field of one branch, sent as `collar[color]=red` pairs or as JSON', async () => {
    const answers = await postForms(['kind=dog&name=a&collar[color]=red&collar[tagged]=true', `kind=dog&name=b&collar=${encodeURIComponent('{"color":"blue"}')}`]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers.map((answer) => answer.json.collar)).toEqual([{ color: 'red', tagged: true }, { color: 'blue' }]);
  });

  it('refuses a form that fits no branch', async () => {
    const answers = await postForms(['kind=dog', 'kind=bird&name=x', 'kind=dog&name=a&barks=maybe']);
    expect(answers.map((answer) => answer.status)).toEqual([422, 422, 422]);
  });

  it('the own mock passes its own check', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
  });
});
