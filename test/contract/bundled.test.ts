import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contractIdOf, loadContractFile, loadContractText } from '../../src/contract/load.ts';
import type { ContractModel, OperationModel } from '../../src/contract/model.ts';
import { compareOperationPaths } from '../../src/contract/path-order.ts';
import { CONTRACTS_DIR, listBundledContractIds, loadContract, resolveContractFile } from '../../src/contract/registry.ts';
import { OPERATION_KINDS, SITUATIONS } from '../../src/contract/vocabulary.ts';
import { BUNDLED_IDS, MINIMAL_FILE, MINIMAL_TEXT } from './support.ts';

interface Expected {
  title: string;
  serverUrl: string;
  security: { name: string; scheme: string; jwt: boolean };
  resources: string[];
  operations: Record<string, [method: string, path: string, kind: string, success: number]>;
}

const EXPECTED: Record<(typeof BUNDLED_IDS)[number], Expected> = {
  'endgrate-sessions': {
    title: 'Endgrate Sessions',
    serverUrl: 'https://endgrate.com',
    security: { name: 'bearerAuth', scheme: 'bearer', jwt: false },
    resources: ['session'],
    operations: {
      initiateSession: ['POST', '/api/session/initiate', 'create', 200],
      initiatePullSession: ['POST', '/api/pull/initiate', 'create', 200],
      initiatePushSession: ['POST', '/api/push/initiate', 'create', 200],
      getSessionConfiguration: ['GET', '/api/session/configuration', 'read', 200],
      deleteSession: ['POST', '/api/session/delete', 'delete', 200],
    },
  },
  'game-sessions': {
    title: 'Game Sessions',
    serverUrl: 'https://game-sessions.example.com',
    security: { name: 'jwt', scheme: 'jwt', jwt: true },
    resources: ['session'],
    operations: {
      listSessions: ['GET', '/sessions', 'list', 200],
      createSession: ['POST', '/sessions', 'create', 201],
      truncateSessions: ['DELETE', '/sessions', 'truncate', 200],
      countSessions: ['GET', '/sessions/count', 'count', 200],
      getSession: ['GET', '/sessions/{id}', 'read', 200],
      updateSession: ['PUT', '/sessions/{id}', 'replace', 200],
      deleteSession: ['DELETE', '/sessions/{id}', 'delete', 200],
      joinSession: ['GET', '/sessions/{id}/join', 'action', 200],
      leaveSession: ['GET', '/sessions/{id}/leave', 'action', 200],
    },
  },
  'gigs-connect-sessions': {
    title: 'Gigs Connect Sessions',
    serverUrl: 'https://api.gigs.com',
    security: { name: 'bearerAuth', scheme: 'bearer', jwt: false },
    resources: ['connectSession'],
    operations: {
      createConnectSession: ['POST', '/projects/{project}/connectSessions', 'create', 201],
      retrieveConnectSession: ['GET', '/projects/{project}/connectSessions/{connectSessionId}', 'read', 200],
      updateConnectSession: ['PATCH', '/projects/{project}/connectSessions/{connectSessionId}', 'update', 200],
    },
  },
  'make-sdk-connections': {
    title: 'Make Custom App Connections',
    // `https://{zone}.make.com/api/v2` with the variable's default.
    serverUrl: 'https://eu1.make.com/api/v2',
    security: { name: 'token', scheme: 'token', jwt: false },
    resources: ['appConnection'],
    operations: {
      listAppConnections: ['GET', '/sdk/apps/{SDK_appName}/connections', 'list', 200],
      createAppConnection: ['POST', '/sdk/apps/{SDK_appName}/connections', 'create', 200],
      getAppConnection: ['GET', '/sdk/apps/connections/{SDK_connectionName}', 'read', 200],
      updateAppConnection: ['PATCH', '/sdk/apps/connections/{SDK_connectionName}', 'update', 200],
      deleteAppConnection: ['DELETE', '/sdk/apps/connections/{SDK_connectionName}', 'delete', 200],
      getConnectionCommon: ['GET', '/sdk/apps/connections/{SDK_connectionName}/common', 'readSection', 200],
      setConnectionCommon: ['PUT', '/sdk/apps/connections/{SDK_connectionName}/common', 'writeSection', 200],
      recreateAppConnection: ['POST', '/sdk/apps/connections/{SDK_connectionName}/recreate', 'action', 200],
      getConnectionSection: ['GET', '/sdk/apps/connections/{SDK_connectionName}/{SDK_connectionSection}', 'readSection', 200],
      setConnectionSection: ['PUT', '/sdk/apps/connections/{SDK_connectionName}/{SDK_connectionSection}', 'writeSection', 200],
    },
  },
};

const models = new Map<string, ContractModel>();
beforeAll(async () => {
  for (const id of BUNDLED_IDS) models.set(id, await loadContract(id));
});

function model(id: string): ContractModel {
  const found = models.get(id);
  if (!found) throw new Error(`${id} did not load`);
  return found;
}

function operation(id: string, operationId: string): OperationModel {
  const found = model(id).operations.find((op) => op.id === operationId);
  if (!found) throw new Error(`${id} has no operation ${operationId}`);
  return found;
}

describe('the registry', () => {
  it('lists exactly the four bundled contracts, sorted', () => {
    expect(listBundledContractIds()).toEqual([...BUNDLED_IDS]);
  });

  it('resolves an id to the bundled file and anything else to a path', () => {
    expect(resolveContractFile('game-sessions')).toBe(join(CONTRACTS_DIR, 'game-sessions.yaml'));
    expect(resolveContractFile(MINIMAL_FILE)).toBe(MINIMAL_FILE);
    expect(contractIdOf('contracts/game-sessions.yaml')).toBe('game-sessions');
    expect(contractIdOf('/a/b/minimal.yml')).toBe('minimal');
  });
});

describe.each(BUNDLED_IDS)('bundled contract %s', (id) => {
  const expected = EXPECTED[id];

  it('has its id, title, file and server URL', () => {
    const contract = model(id);
    expect(contract.id).toBe(id);
    expect(contract.title).toBe(expected.title);
    expect(contract.file).toBe(join(CONTRACTS_DIR, `${id}.yaml`));
    expect(contract.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(contract.serverUrl).toBe(expected.serverUrl);
  });

  it('has its security scheme and Authorization prefix', () => {
    expect(model(id).security).toMatchObject(expected.security);
    if (id === 'game-sessions') expect(model(id).security?.principalClaims).toEqual(['sub', 'uid']);
  });

  it('has exactly the documented operations, each with method, path, kind and success status', () => {
    const contract = model(id);
    expect(contract.operations).toHaveLength(Object.keys(expected.operations).length);
    const actual = Object.fromEntries(contract.operations.map((op) => [op.id, [op.method, op.path, op.behaviour.kind, op.successStatus]]));
    expect(actual).toEqual(expected.operations);
  });

  it('gives every operation a behaviour on a declared resource, a 2xx success status and credentials', () => {
    const contract = model(id);
    expect([...contract.resources.keys()]).toEqual(expected.resources);
    for (const op of contract.operations) {
      expect(OPERATION_KINDS, op.id).toContain(op.behaviour.kind);
      expect(contract.resources.get(op.behaviour.resource.name), op.id).toBe(op.behaviour.resource);
      expect(op.successStatus, op.id).toBeGreaterThanOrEqual(200);
      expect(op.successStatus, op.id).toBeLessThan(300);
      expect(op.responses.has(String(op.successStatus)), op.id).toBe(true);
      expect(op.secured, op.id).toBe(true);
      expect(op.responses.has(String(op.situations.unauthenticated.status)), op.id).toBe(true);
    }
  });

  it('compiles a validator for every body, response with content and parameter set', () => {
    for (const op of model(id).operations) {
      if (op.body) expect(typeof op.body.validate, `${op.id} body`).toBe('function');
      for (const [status, response] of op.responses) {
        // A response documented without content (a bare 204) has nothing to validate.
        expect(typeof response.validate, `${op.id} ${status}`).toBe(response.mediaTypes.length > 0 ? 'function' : 'undefined');
        expect(response.status).toBe(status);
      }
      expect(typeof op.validatePath, `${op.id} path`).toBe(op.pathParams.length > 0 ? 'function' : 'undefined');
      expect(typeof op.validateQuery, `${op.id} query`).toBe(op.queryParams.length > 0 ? 'function' : 'undefined');
      for (const name of [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
        expect(op.pathParams.map((p) => p.name), op.id).toContain(name);
      }
    }
  });

  it('compiles a schema shared through $ref once', () => {
    const validators = model(id).operations.map((op) => op.responses.get('401')?.validate);
    expect(validators.every((validate) => typeof validate === 'function'), 'every operation documents a 401 body').toBe(true);
    expect(new Set(validators).size).toBe(1);
  });

  it('declares every error situation with a status (fault takes it from the request)', () => {
    const contract = model(id);
    expect(Object.keys(contract.situations).sort()).toEqual([...SITUATIONS].sort());
    for (const name of SITUATIONS) {
      if (name === 'fault') expect(contract.situations[name].status).toBeUndefined();
      else expect(contract.situations[name].status).toBeGreaterThanOrEqual(400);
    }
  });

  it('puts static path segments before parameters', () => {
    const ops = model(id).operations;
    for (const [i, a] of ops.entries()) {
      for (const b of ops.slice(i + 1)) {
        // If a request for `a`'s path would also match `b`'s template, `a` must already come first: check the converse.
        const template = new RegExp(`^${a.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        if (a.path !== b.path && template.test(b.path)) {
          throw new Error(`${b.method} ${b.path} is shadowed by ${a.method} ${a.path}, which comes first.`);
        }
      }
    }
  });

  it('is immutable', () => {
    const contract = model(id);
    expect(Object.isFrozen(contract)).toBe(true);
    for (const op of contract.operations) {
      expect(Object.isFrozen(op)).toBe(true);
      expect(Object.isFrozen(op.behaviour)).toBe(true);
    }
    expect(Object.isFrozen(contract.situations)).toBe(true);
  });

  it('loads the same from text as from the file', async () => {
    const file = join(CONTRACTS_DIR, `${id}.yaml`);
    const fromText = loadContractText(file, await readFile(file, 'utf8'));
    expect(summarize(fromText)).toEqual(summarize(await loadContractFile(file)));
  });
});

describe('path order', () => {
  it('serves /sessions/count before /sessions/{id} (game-sessions)', () => {
    const ids = model('game-sessions').operations.map((op) => op.id);
    expect(ids.indexOf('countSessions')).toBeLessThan(ids.indexOf('getSession'));
    expect(ids.indexOf('countSessions')).toBeLessThan(ids.indexOf('updateSession'));
    expect(ids.indexOf('countSessions')).toBeLessThan(ids.indexOf('deleteSession'));
  });

  it('serves /common and /recreate before /{SDK_connectionSection} (make-sdk-connections)', () => {
    const ids = model('make-sdk-connections').operations.map((op) => op.id);
    expect(ids.indexOf('getConnectionCommon')).toBeLessThan(ids.indexOf('getConnectionSection'));
    expect(ids.indexOf('setConnectionCommon')).toBeLessThan(ids.indexOf('setConnectionSection'));
  });

  it('orders static segments first whatever the declaration order', () => {
    const paths = ['/a/{id}', '/a', '/a/{id}/x', '/a/count', '/b/{id}/{section}', '/b/{id}/common'];
    const sorted = paths.map((path) => ({ path })).sort(compareOperationPaths).map((p) => p.path);
    expect(sorted.indexOf('/a/count')).toBeLessThan(sorted.indexOf('/a/{id}'));
    expect(sorted.indexOf('/b/{id}/common')).toBeLessThan(sorted.indexOf('/b/{id}/{section}'));
  });
});

describe('validators of the bundled contracts', () => {
  it('game-sessions: bodies, responses and coerced query parameters', () => {
    const create = operation('game-sessions', 'createSession');
    expect(create.body?.validate({ numTeams: 2, teamSize: 3, visibility: 'public' })).toBe(true);
    expect(create.body?.validate({ numTeams: -1 })).toBe(false);
    const count = operation('game-sessions', 'countSessions').responses.get('200')!;
    expect(count.validate!({ count: 3 })).toBe(true);
    expect(count.validate!({})).toBe(false);
    const query: Record<string, unknown> = { limit: '5' };
    expect(operation('game-sessions', 'listSessions').validateQuery!(query)).toBe(true);
    expect(query.limit).toBe(5);
    expect(operation('game-sessions', 'listSessions').validateQuery!({ limit: '-1' })).toBe(false);
    expect(operation('game-sessions', 'getSession').responses.get('404')!.validate!({ message: 'Session not found.', status: 404 })).toBe(true);
    expect(operation('game-sessions', 'getSession').responses.get('404')!.validate!({ message: 'Session not found.' })).toBe(false);
  });

  it('gigs-connect-sessions: the intent oneOf and the error body', () => {
    const create = operation('gigs-connect-sessions', 'createConnectSession');
    const subscription = `sub_${'a'.repeat(28)}`;
    expect(create.body?.validate({ intent: { type: 'viewSubscription', viewSubscription: { subscription } } })).toBe(true);
    expect(create.body?.validate({ intent: { type: 'viewSubscription' } })).toBe(false);
    expect(create.body?.validate({})).toBe(false);
    const error = { object: 'error', type: 'unauthenticated', message: 'Invalid authorization token' };
    expect(create.responses.get('401')!.validate!(error)).toBe(true);
    expect(create.responses.get('401')!.validate!({ message: 'x' })).toBe(false);
  });

  it('endgrate-sessions: closed request bodies', () => {
    const initiate = operation('endgrate-sessions', 'initiateSession');
    expect(initiate.body?.validate({ save_session: true, configuration_webhook: { endpoint: 'https://example.com/hook' } })).toBe(true);
    expect(initiate.body?.validate({ bogus: 1 })).toBe(false);
    expect(operation('endgrate-sessions', 'initiatePushSession').body?.validate({ sync: true })).toBe(false);
    expect(operation('endgrate-sessions', 'getSessionConfiguration').validateQuery!({})).toBe(false);
  });

  it('make-sdk-connections: enums, path enums and the error body', () => {
    const create = operation('make-sdk-connections', 'createAppConnection');
    expect(create.body?.validate({ type: 'apikey', label: 'My connection' })).toBe(true);
    expect(create.body?.validate({ type: 'nope', label: 'My connection' })).toBe(false);
    const section = operation('make-sdk-connections', 'getConnectionSection');
    expect(section.validatePath!({ SDK_connectionName: 'c1', SDK_connectionSection: 'api' })).toBe(true);
    expect(section.validatePath!({ SDK_connectionName: 'c1', SDK_connectionSection: 'bogus' })).toBe(false);
    expect(create.responses.get('401')!.validate!({ message: 'Invalid access token.', code: 'SC401' })).toBe(true);
    expect(create.responses.get('429')!.headers.map((h) => h.name)).toEqual(['retry-after']);
  });
});

describe('the minimal test contract', () => {
  it('loads, and loadContractText agrees with loadContractFile', async () => {
    const fromFile = await loadContractFile(MINIMAL_FILE);
    const fromText = loadContractText(MINIMAL_FILE, MINIMAL_TEXT);
    expect(summarize(fromText)).toEqual(summarize(fromFile));
    expect(fromFile.id).toBe('minimal');
    expect(fromFile.operations.map((op) => `${op.id}:${op.behaviour.kind}:${op.successStatus}`).sort())
      .toEqual(['createWidget:create:201', 'getWidget:read:200', 'listWidgets:list:200']);
    expect(fromFile.security).toMatchObject({ name: 'bearerAuth', scheme: 'bearer', jwt: false });
    expect(fromFile.serverUrl).toBe('https://widgets.example.com/v1');
    expect(fromFile.resources.get('widget')?.key).toBe('id');
    expect(fromFile.situations.invalid.status).toBe(422);
  });
});

/** Everything a model says, as plain data (validators by their presence). */
function summarize(contract: ContractModel): unknown {
  return JSON.parse(JSON.stringify(contract, (_key, value: unknown) => {
    if (typeof value === 'function') return '[validator]';
    if (value instanceof Map) return Object.fromEntries(value);
    if (value instanceof Set) return [...value];
    return value;
  }));
}
