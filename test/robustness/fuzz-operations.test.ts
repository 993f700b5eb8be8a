import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ContractModel, OperationModel } from '../../src/contract/model.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { authHeader, contentType, fuzzBody, fuzzQuery, garbageSegment, METHODS, type FuzzBody } from './support/arbitraries.ts';
import { expectRobust } from './support/expectations.ts';
import { rawRequest } from './support/http.ts';
import { propertyOptions } from './support/properties.ts';
import { expectAlive, loadBundledContracts, resetAll, seedFacts, storeSnapshot, type SeedFacts } from './support/mock.ts';

/**
 * Property-based fuzzing of every operation of every bundled contract over real HTTP: the operation's own
 * route with realistic and garbage path parameters, hostile query strings, bodies, content types and
 * credentials. Seeded, so a failure replays.
 */
const contracts = await loadBundledContracts();
const RUNS_PER_OPERATION = 60;
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ contracts, port: 0, seed: 11 });
});
afterAll(() => server.close());

/** A realistic body to start from: a stored record with one field changed to a random value. */
function mutatedRecord(operation: OperationModel, facts: SeedFacts): fc.Arbitrary<FuzzBody> | undefined {
  const records = facts.records.get(operation.behaviour.resource.name) ?? [];
  if (records.length === 0) return undefined;
  const fields = [...operation.behaviour.resource.fields];
  return fc.tuple(fc.constantFrom(...records), fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 2 }), fc.boolean()).map(([record, field, value, drop]) => {
    const copy: Record<string, unknown> = { ...record };
    if (drop) delete copy[field];
    else copy[field] = value;
    return { label: `stored record with ${drop ? `no "${field}"` : `"${field}" = ${JSON.stringify(value).slice(0, 60)}`}`, bytes: Buffer.from(JSON.stringify(copy)) };
  });
}

function operationRequests(contract: ContractModel, operation: OperationModel, facts: SeedFacts) {
  const params = operation.pathParams.map((parameter) => fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...facts.valuesFor(operation, parameter.name)) },
    { weight: 2, arbitrary: garbageSegment },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)) },
  ));
  const idValues = [...facts.records.values()].flat().map((record) => String(record[operation.behaviour.resource.key] ?? '')).slice(0, 5);
  const queryNames = [...operation.queryParams.map((p) => p.name), ...operation.behaviour.resource.fields];
  const bodies = [fuzzBody(operation), mutatedRecord(operation, facts)].filter((a): a is fc.Arbitrary<FuzzBody> => a !== undefined);
  return fc.record({
    method: fc.oneof({ weight: 9, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
    params: fc.tuple(...params),
    trailingSlash: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    query: fc.option(fuzzQuery(queryNames, idValues), { freq: 2 }),
    auth: authHeader(contract, ['alice', ...facts.owners]),
    // Operations without a body get one now and then: it must be ignored, not choke the mock.
    body: operation.body
      ? fc.option(fc.oneof(...bodies), { freq: 8 })
      : fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.oneof(...bodies) }),
    contentType,
    chunked: fc.boolean(),
  });
}

describe.each(contracts.map((contract) => [contract.id, contract] as const))('fuzzing every operation of %s', (_id, contract) => {
  it.each(contract.operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))('%s', async (_name, operation) => {
    const mount = server.mounts.find((m) => m.contract.id === contract.id)!;
    mount.instance.reset();
    const facts = seedFacts(contract, mount.instance.state());
    await fc.assert(
      fc.asyncProperty(operationRequests(contract, operation, facts), async (request) => {
        resetAll(server);
        let index = 0;
        const path = operation.path.replace(/\{[^}]+\}/g, () => request.params[index++]);
        const target = `/${contract.id}${path}${request.trailingSlash ? '/' : ''}${request.query === null ? '' : `?${request.query}`}`;
        const sentBody = request.body ?? undefined;
        const headers = { authorization: request.auth, 'content-type': sentBody ? request.contentType : undefined };
        const stateBefore = storeSnapshot(server);
        const reply = await rawRequest(server.url, { method: request.method, path: target, headers, body: sentBody?.bytes, chunked: request.chunked });
        const stateAfter = storeSnapshot(server);
        const sent = `auth ${JSON.stringify(request.auth?.slice(0, 80))}, content-type ${JSON.stringify(headers['content-type']?.slice(0, 60))}, body ${sentBody?.label ?? 'none'}${sentBody && sentBody.bytes.length < 300 ? ` ${JSON.stringify(sentBody.bytes.toString('latin1'))}` : ''}`;
        expectRobust(contracts, { method: request.method, target, sent, reply, stateBefore, stateAfter });
        await expectAlive(server);
      }),
      propertyOptions(0x5eed + contract.operations.indexOf(operation), RUNS_PER_OPERATION),
    );
  });
});
