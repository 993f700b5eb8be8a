import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { createRunState } from '../../src/runner/transport.ts';
import { pathValue } from '../../src/runner/values.ts';
import { operationOf } from './support/context.ts';

let gigs: ContractModel;

beforeAll(async () => {
  gigs = await loadContract('gigs-connect-sessions');
});

const stateFor = (seed: number) => createRunState(gigs, { baseUrl: 'http://target.test', pathParams: {}, allowDestructive: false, timeoutMs: 1000, seed, only: [] });

describe('pathValue', () => {
  it('depends on the seed and the parameter only, not on what the run generated before it', () => {
    const project = operationOf(gigs, 'createConnectSession').pathParams.find((p) => p.name === 'project')!;
    const fresh = stateFor(7);
    const busy = stateFor(7);
    for (let n = 0; n < 5; n++) busy.faker.string.alphanumeric(10);
    expect(pathValue(busy, project)).toBe(pathValue(fresh, project));
    expect(pathValue(stateFor(8), project)).not.toBe(pathValue(fresh, project));
  });
});
