import { describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../../src/auth/example-token.ts';
import { loadContract } from '../../../src/contract/registry.ts';
import { OPERATION_STAGES } from '../../../src/mock/engine/operation.ts';
import { createMockInstance } from '../../../src/mock/instance.ts';

// The engine's stages, in the order README promises: a refusal comes from the first stage that refuses.
const game = await loadContract('game-sessions');
const mock = createMockInstance(game, { seed: 1, fixtureCount: 0, bodyLimit: 64 });
const create = game.operations.find((operation) => operation.behaviour.kind === 'create')!;
const auth = authorizationHeader(game.security!, exampleToken(game.security!, 'alice'));
const url = new URL(`http://mock.test${create.path}`);

function send(headers: Record<string, string>, body = '') {
  const bytes = new TextEncoder().encode(body);
  const all = new Map(Object.entries({ 'content-type': 'application/json', ...headers }));
  return mock.handle(create, { method: 'POST', header: (name) => all.get(name.toLowerCase()) ?? null, bytes: async () => bytes }, url, {});
}

describe('the operation stages', () => {
  it('are Prefer, body size, credentials, parameters and body, preconditions, behaviour, entity tag', () => {
    expect(OPERATION_STAGES.map((stage) => stage.name)).toEqual(['prefer', 'body limit', 'authenticate', 'read request', 'preconditions', 'behave', 'entity tag']);
  });

  it('answer an injected status before looking at credentials', async () => {
    expect((await send({ prefer: 'status=503' })).status).toBe(503);
  });

  it('refuse a declared oversized body before looking at credentials', async () => {
    expect((await send({ 'content-length': '100' })).status).toBe(game.situations.tooLarge.status ?? 413);
  });

  it('check credentials before reading the body', async () => {
    expect((await send({}, '{"numTeams": "not a number"}')).status).toBe(401);
    expect((await send({ authorization: auth }, '{"numTeams": "not a number"}')).status).toBe(game.situations.invalid.status);
  });

  it('run the behaviour last, with the caller the credentials named', async () => {
    const reply = await send({ authorization: auth }, '{"numTeams": 2, "teamSize": 2}');
    expect(reply.status).toBe(create.successStatus);
    expect(Object.values(mock.state({ includeHidden: true }).session)).toHaveLength(1);
  });
});
