import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import type { ContractModel, OperationModel } from '../../src/contract/model.ts';
import { collectFields } from '../../src/contract/schema-fields.ts';
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
const RUNS_PER_OPERATION = 100;
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ contracts, port: 0, seed: 11 });
});
afterAll(() => server.close());

/**
 * A realistic body to start from: a stored record, cut down to what the operation's body schema knows,
 * with one field changed to a random value or dropped. Such bodies get past parsing and often past
 * validation, into the behaviours (conflicts, ownership, versioning, storage).
 */
function mutatedRecord(operation: OperationModel, facts: SeedFacts): fc.Arbitrary<FuzzBody> | undefined {
  const records = facts.records.get(operation.behaviour.resource.name) ?? [];
  if (records.length === 0) return undefined;
  const bodyFields = operation.body ? collectFields(operation.body.schema) : operation.behaviour.resource.fields;
  const bases = records.map((record) => Object.fromEntries(Object.entries(record).filter(([field]) => bodyFields.has(field))));
  const fields = [...new Set([...bodyFields, ...operation.behaviour.resource.fields])];
  return fc.tuple(fc.constantFrom(...bases), fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 2 }), fc.boolean()).map(([base, field, value, drop]) => {
    const copy: Record<string, unknown> = { ...base };
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

/**
 * The hostile bodies the random search may miss, sent deterministically to every operation that takes a
 * body: each field of a realistic body (a stored record, by its owner, so that a body the schema accepts
 * really is stored) replaced by 10,000 levels of nesting or a 900 KB string, and the whole body replaced
 * by deep nesting, invalid UTF-8, duplicate keys or nothing at all with a JSON content type.
 */
describe.each(contracts.map((contract) => [contract.id, contract] as const))('hostile bodies for %s', (_id, contract) => {
  const withBody = contract.operations.filter((operation) => operation.body);
  it.each(withBody.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))('%s', async (_name, operation) => {
    const mount = server.mounts.find((m) => m.contract.id === contract.id)!;
    mount.instance.reset();
    const facts = seedFacts(contract, mount.instance.state());
    const resource = operation.behaviour.resource;
    const record = facts.records.get(resource.name)?.[0] ?? {};
    const bodyFields = [...collectFields(operation.body!.schema)];
    const base = Object.fromEntries(Object.entries(record).filter(([field]) => bodyFields.includes(field)));
    const principal = resource.owner && typeof record[resource.owner.field] === 'string' ? (record[resource.owner.field] as string) : 'alice';
    const auth = contract.security ? authorizationHeader(contract.security, exampleToken(contract.security, principal)) : undefined;
    const path = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      if (name === operation.behaviour.id?.name) return encodeURIComponent(String(record[resource.key]));
      return facts.valuesFor(operation, name)[0];
    });
    const deepArrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObjects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const inField = (field: string, raw: string) => `{${Object.entries({ ...base, [field]: null }).map(([k, v]) => `${JSON.stringify(k)}:${k === field ? raw : JSON.stringify(v)}`).join(',')}}`;
    const cases: [string, string | undefined, Buffer][] = [
      ['10,000 nested arrays', 'application/json', Buffer.from(deepArrays)],
      ['10,000 nested objects', 'application/json', Buffer.from(deepObjects)],
      ['empty body with a JSON content type', 'application/json', Buffer.alloc(0)],
      ['invalid UTF-8', 'application/json', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])],
      ['duplicate keys', 'application/json', Buffer.from(inField(bodyFields[0] ?? 'a', '1').replace(/^\{/, `{${JSON.stringify(bodyFields[0] ?? 'a')}:"first",`))],
      ['no content type', undefined, Buffer.from(JSON.stringify(base))],
      ['text/plain', 'text/plain', Buffer.from(JSON.stringify(base))],
    ];
    for (const field of new Set([...bodyFields, 'unknownField'])) {
      cases.push([`10,000 nested arrays in "${field}"`, 'application/json', Buffer.from(inField(field, deepArrays))]);
      cases.push([`10,000 nested arrays in an object in "${field}"`, 'application/json', Buffer.from(inField(field, `[{"a":${deepArrays}}]`))]);
      cases.push([`10,000 nested objects in "${field}"`, 'application/json', Buffer.from(inField(field, `{"a":${deepObjects}}`))]);
      cases.push([`900 KB string in "${field}"`, 'application/json', Buffer.from(inField(field, JSON.stringify('x'.repeat(900_000))))]);
    }
    if (operation.body!.mediaTypes.some((type) => type.endsWith('jsonc'))) {
      cases.push(['JSONC nested 10,000 levels', 'application/jsonc', Buffer.from(`// deep\n{"a":${deepArrays}}`)]);
    }
    for (const [label, type, bytes] of cases) {
      mount.instance.reset();
      const stateBefore = storeSnapshot(server);
      const reply = await rawRequest(server.url, { method: operation.method, path: `/${contract.id}${path}`, headers: { authorization: auth, 'content-type': type }, body: bytes });
      const stateAfter = storeSnapshot(server);
      expectRobust(contracts, { method: operation.method, target: `/${contract.id}${path}`, sent: label, reply, stateBefore, stateAfter });
      await expectAlive(server);
    }
  });
});
