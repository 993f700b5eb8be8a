import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

/**
 * A membership action adds the caller to a record: a client that joins under ever new identities grows one
 * record a member at a time. Those writes count against the store's cap like any other (they were not
 * weighed at all, so the record could grow without bound).
 */
const CAP = 200_000;
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ contracts: [await loadContract('game-sessions')], port: 0, seed: 1, fixtureCount: 0, maxStoreBytes: CAP });
});
afterAll(() => server.close());

function jwt(sub: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iat: 1_700_000_000, sub })}.c2lnbmF0dXJl`;
}
const call = (method: string, path: string, sub: string, body?: unknown) => fetch(`${server.url}/game-sessions${path}`, {
  method,
  headers: { authorization: `jwt ${jwt(sub)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe('members joining under new identities', () => {
  it('are refused with 413 once the store holds its cap, and the members taken stay', async () => {
    const created = await call('POST', '/sessions', 'host', { numTeams: 0, teamSize: 0, visibility: 'public' });
    expect(created.status).toBe(201);
    const { uid } = await created.json() as { uid: string };
    const statuses: number[] = [];
    for (let index = 0; index < 40; index++) statuses.push((await call('GET', `/sessions/${uid}/join`, `${index}-${'m'.repeat(8_000)}`)).status);
    const taken = statuses.filter((status) => status === 200).length;
    expect(statuses.slice(taken).every((status) => status === 413), statuses.join(' ')).toBe(true);
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(40);
    const read = await call('GET', `/sessions/${uid}`, 'host');
    expect(((await read.json()) as { users: string[] }).users).toHaveLength(taken);
  });
});
