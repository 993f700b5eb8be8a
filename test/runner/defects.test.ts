import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizationHeader } from '../../src/auth/example-token.ts';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract, listBundledContractIds } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';
import { json, splitPath, startProxy, withJson, type Defect, type ProxiedRequest } from './support/proxy.ts';
import { check, describeFailures, tokensFor } from './support/run.ts';

/**
 * The runner against deliberately broken servers: a proxy in front of the (correct) mock breaks one thing
 * each time, and the runner must fail with a message that names that thing.
 */
let mock: MockServer;
const contracts = new Map<string, ContractModel>();

beforeAll(async () => {
  for (const id of listBundledContractIds()) contracts.set(id, await loadContract(id));
  mock = await startMockServer({ contracts: [...contracts.values()], port: 0 });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await fetch(`${mock.url}/__harness/reset`, { method: 'POST' });
});

function authOf(id: string, who: 'token' | 'token2'): string {
  const contract = contracts.get(id)!;
  return authorizationHeader(contract.security!, tokensFor(contract)[who]);
}

const is = (request: ProxiedRequest, method: string, pattern: RegExp) => request.method === method && pattern.test(splitPath(request.path).pathname);

interface DefectCase {
  readonly name: string;
  readonly contract: string;
  readonly defect: () => Defect;
  readonly check: string;
  readonly message: RegExp;
  readonly pointer?: string;
  /** The rule broken is one the contract marks x-inferred: reported as a warning, the run still passes. */
  readonly inferred?: boolean;
}

const cases: DefectCase[] = [
  {
    name: 'create answers 200 instead of the documented 201',
    contract: 'game-sessions',
    defect: () => ({ response: (req, res) => (is(req, 'POST', /^\/game-sessions\/sessions$/) && res.status === 201 ? { ...res, status: 200 } : undefined) }),
    check: 'status_documented',
    message: /does not document status 200/,
  },
  {
    name: 'replace does not increment the version',
    contract: 'game-sessions',
    defect: () => ({
      response: (req, res) => {
        if (!is(req, 'PUT', /^\/game-sessions\/sessions\/[^/]+$/) || res.status !== 200) return undefined;
        return withJson(res, { ...json(res), version: json(req).version });
      },
    }),
    check: 'version_increments',
    message: /increment `version` from 0 to 1; got 0/,
  },
  {
    name: 'a stale version is accepted',
    contract: 'game-sessions',
    defect: () => ({
      async request(req, forward) {
        if (!is(req, 'PUT', /^\/game-sessions\/sessions\/[^/]+$/)) return undefined;
        const current = json(await forward({ ...req, method: 'GET', body: '' }));
        const body = json(req);
        if (!current || typeof body?.version !== 'number') return undefined;
        return withJson(req, { ...body, version: current.version });
      },
    }),
    check: 'stale_version_conflict',
    message: /stale `version` 0 was accepted/,
  },
  {
    name: 'join does not add the caller',
    contract: 'game-sessions',
    defect: () => ({ request: (req) => (is(req, 'GET', /\/join$/) ? { ...req, path: req.path.replace(/\/join(\?|$)/, '$1') } : undefined) }),
    check: 'membership_join',
    message: /is not in `users` after joining/,
    inferred: true,
  },
  {
    name: 'the list ignores limit',
    contract: 'game-sessions',
    defect: () => ({
      request(req) {
        if (!is(req, 'GET', /^\/game-sessions\/sessions$/)) return undefined;
        const { pathname, query } = splitPath(req.path);
        query.delete('limit');
        return { ...req, path: `${pathname}?${query}` };
      },
    }),
    check: 'list_limit',
    message: /limit=1 returned \d+ items/,
  },
  {
    name: 'the count differs from the list',
    contract: 'game-sessions',
    defect: () => ({ response: (req, res) => (is(req, 'GET', /\/count$/) && res.status === 200 ? withJson(res, { count: json(res).count + 1 }) : undefined) }),
    check: 'count_matches_list',
    message: /count \(\d+\) differs from the number of items the list returns/,
  },
  {
    name: 'reads ignore the caller: a private session is visible to another user',
    contract: 'game-sessions',
    defect: () => ({ request: (req) => (req.method === 'GET' && req.headers.authorization === authOf('game-sessions', 'token2') ? { ...req, headers: { ...req.headers, authorization: authOf('game-sessions', 'token') } } : undefined) }),
    check: 'visibility_isolation',
    message: /Another user can see the private session/,
    inferred: true,
  },
  {
    name: 'anyone may modify a session (owner rule not enforced)',
    contract: 'game-sessions',
    defect: () => ({ request: (req) => (req.method !== 'GET' && req.headers.authorization === authOf('game-sessions', 'token2') ? { ...req, headers: { ...req.headers, authorization: authOf('game-sessions', 'token') } } : undefined) }),
    check: 'owner_only_modify',
    message: /Another user could replace the session/,
    inferred: true,
  },
  {
    name: 'auth not enforced: requests without credentials succeed',
    contract: 'game-sessions',
    defect: () => ({ request: (req) => (req.headers.authorization === undefined ? { ...req, headers: { ...req.headers, authorization: authOf('game-sessions', 'token') } } : undefined) }),
    check: 'status_expected',
    message: /no credentials: expected 401 \(unauthenticated\), got 20\d/,
  },
  {
    name: 'a deleted session is still readable',
    contract: 'game-sessions',
    defect: () => ({
      request: (req) => (is(req, 'DELETE', /^\/game-sessions\/sessions\/[^/]+$/) && req.headers.authorization === authOf('game-sessions', 'token') && !req.path.includes('harness')
        ? { status: 200, headers: {}, body: '' } : undefined),
    }),
    check: 'deleted_is_gone',
    message: /The deleted session is still there/,
  },
  {
    name: 'the host-only password is shown to other users',
    contract: 'game-sessions',
    defect: () => ({
      response: (req, res) => (is(req, 'GET', /^\/game-sessions\/sessions\/[^/]+$/) && res.status === 200 && req.headers.authorization === authOf('game-sessions', 'token2')
        ? withJson(res, { ...json(res), password: 'hunter2' }) : undefined),
    }),
    check: 'owner_only_fields',
    message: /`password` is shown to a user who is not the owner/,
    inferred: true,
  },
  {
    name: 'the one-time url is returned on read',
    contract: 'gigs-connect-sessions',
    defect: () => ({
      response: (req, res) => (is(req, 'GET', /\/connectSessions\/[^/]+$/) && res.status === 200
        ? withJson(res, { ...json(res), url: `https://connect.gigs.com/checkout/entry?session=${json(res).id}&token=LEAKEDLEAKEDLEAKED` }) : undefined),
    }),
    check: 'transient_fields',
    message: /`url` must only be returned on create, set:user, but a read returned it/,
  },
  {
    name: 'a second user overwrites the first (set-once not enforced)',
    contract: 'gigs-connect-sessions',
    defect: () => ({
      async request(req, forward) {
        if (!is(req, 'PATCH', /\/connectSessions\/[^/]+$/)) return undefined;
        const body = json(req) ?? {};
        if (body.user === undefined && body.userDetails === undefined) return undefined;
        const current = json(await forward({ ...req, method: 'GET', body: '' }));
        if (!current?.user) return undefined;
        return withJson({ status: 200, headers: { 'content-type': 'application/json' }, body: '' }, { ...current, user: body.user ?? `usr_${'x'.repeat(28)}` });
      },
    }),
    check: 'set_once',
    message: /second write of `user` was accepted/,
  },
  {
    name: 'sessions leak across projects',
    contract: 'gigs-connect-sessions',
    defect: () => ({ request: (req) => ({ ...req, path: req.path.replace(/^\/gigs-connect-sessions\/projects\/[^/]+/, '/gigs-connect-sessions/projects/shared') }) }),
    check: 'scope_isolation',
    message: /visible under project=/,
  },
  {
    name: 'not-found errors lack the documented `type`',
    contract: 'gigs-connect-sessions',
    defect: () => ({
      response: (_req, res) => {
        if (res.status !== 404) return undefined;
        const { type: _type, ...rest } = json(res);
        return withJson(res, rest);
      },
    }),
    check: 'error_shape',
    message: /breaks the schema at \/type: `type` is required/,
    pointer: '/type',
  },
  {
    name: 'an invalid body is accepted with 201',
    contract: 'gigs-connect-sessions',
    defect: () => ({
      async response(req, res, forward) {
        if (!is(req, 'POST', /\/connectSessions$/) || res.status !== 422) return undefined;
        return forward(withJson(req, { intent: { type: 'viewSubscriptions' } }));
      },
    }),
    check: 'status_expected',
    message: /invalid body: .* expected 422 \(invalid\), got 201/,
  },
  {
    name: 'the create response misses the required `intent`',
    contract: 'gigs-connect-sessions',
    defect: () => ({
      response: (req, res) => {
        if (!is(req, 'POST', /\/connectSessions$/) || res.status !== 201) return undefined;
        const { intent: _intent, ...rest } = json(res);
        return withJson(res, rest);
      },
    }),
    check: 'response_schema',
    message: /breaks the schema at \/intent: `intent` is required/,
    pointer: '/intent',
  },
  {
    name: 'JSON is served as text/html',
    contract: 'gigs-connect-sessions',
    defect: () => ({ response: (_req, res) => ({ ...res, headers: { ...res.headers, 'content-type': 'text/html; charset=utf-8' } }) }),
    check: 'content_type',
    message: /Content-Type "text\/html; charset=utf-8" is not documented/,
  },
  {
    name: 'PATCH is ignored',
    contract: 'make-sdk-connections',
    defect: () => ({ request: (req) => (is(req, 'PATCH', /^\/make-sdk-connections\/sdk\/apps\/connections\/[^/]+$/) ? { ...req, method: 'GET', body: '' } : undefined) }),
    check: 'read_back',
    message: /`label` does not read back as written/,
  },
  {
    name: '500 instead of 404 for an unknown connection',
    contract: 'make-sdk-connections',
    defect: () => ({ response: (_req, res) => (res.status === 404 ? { ...res, status: 500 } : undefined) }),
    check: 'status_expected',
    message: /unknown id: expected 404 \(notFound\), got 500/,
  },
  {
    name: 'create answers 201 where the vendor documents 200',
    contract: 'make-sdk-connections',
    defect: () => ({ response: (req, res) => (is(req, 'POST', /\/sdk\/apps\/[^/]+\/connections$/) && res.status === 200 ? { ...res, status: 201 } : undefined) }),
    check: 'status_documented',
    message: /does not document status 201/,
  },
  {
    name: 'a section write is not stored',
    contract: 'make-sdk-connections',
    defect: () => ({ request: (req) => (is(req, 'PUT', /\/connections\/[^/]+\/api$/) ? { status: 200, headers: { 'content-type': 'application/json' }, body: req.body } : undefined) }),
    check: 'read_back',
    message: /The section does not read back as written/,
  },
  {
    name: 'the connection label comes back as a number',
    contract: 'make-sdk-connections',
    defect: () => ({
      response: (req, res) => (is(req, 'GET', /^\/make-sdk-connections\/sdk\/apps\/connections\/[^/]+$/) && res.status === 200
        ? withJson(res, { appConnection: { ...json(res).appConnection, label: 42 } }) : undefined),
    }),
    check: 'response_schema',
    message: /breaks the schema at \/appConnection\/label: `appConnection.label` must be string/,
    pointer: '/appConnection/label',
  },
  {
    name: 'created sessions are not persisted (reads answer 404)',
    contract: 'endgrate-sessions',
    defect: () => ({
      response: (req, res) => (is(req, 'GET', /\/api\/session\/configuration$/) && res.status === 200 ? withJson({ ...res, status: 404 }, { message: 'Session not found' }) : undefined),
    }),
    check: 'status_expected',
    message: /read: expected 200 \(success\), got 404/,
  },
  {
    name: 'delete answers success but keeps the session',
    contract: 'endgrate-sessions',
    defect: () => ({
      request: (req) => (is(req, 'POST', /\/api\/session\/delete$/) && typeof json(req)?.session_id === 'string' && /^[0-9a-f]{24}$/.test(json(req).session_id)
        ? withJson({ status: 200, headers: { 'content-type': 'application/json' }, body: '' }, { success: true, session_id: json(req).session_id }) : undefined),
    }),
    check: 'deleted_is_gone',
    message: /The deleted session is still there/,
  },
  {
    name: 'the 401 body is not the documented error shape',
    contract: 'endgrate-sessions',
    defect: () => ({ response: (_req, res) => (res.status === 401 ? withJson(res, { error: 'unauthorized' }) : undefined) }),
    check: 'error_shape',
    message: /`message` is required/,
    pointer: '/message',
  },
  {
    name: 'session ids are not 24 hex characters',
    contract: 'endgrate-sessions',
    defect: () => ({
      response: (req, res) => (is(req, 'POST', /\/initiate$/) && res.status === 200 ? withJson(res, { ...json(res), session_id: `SESSION-${json(res).session_id}` }) : undefined),
    }),
    check: 'generated_fields',
    message: /generated `session_id` does not (have the documented shape|match its schema)/,
  },
];

describe('the runner against broken servers', () => {
  /** The defects whose run ended in a failure (exit 1) naming them, filled in by the cases below. */
  const caught: DefectCase[] = [];
  let attempted = 0;

  it.each(cases)('$contract: $name', async (defectCase) => {
    attempted++;
    const proxy = await startProxy(mock.url, defectCase.defect());
    try {
      const outcome = await check(contracts.get(defectCase.contract)!, `${proxy.url}/${defectCase.contract}`);
      const status = defectCase.inferred ? 'warn' : 'fail';
      if (!defectCase.inferred) expect(outcome.summary.exitCode, describeFailures(outcome.results)).toBe(1);
      const named = outcome.results.filter((r) => r.status === status && r.check === defectCase.check && defectCase.message.test(r.message ?? ''));
      const got = outcome.results.filter((r) => r.status === 'fail' || r.status === 'warn').map((r) => `${r.status} ${r.id} ${r.title}: ${r.message}`).join('\n');
      if (process.env.SHOW_DEFECTS) console.log(`### ${defectCase.name}\n${got}`);
      expect(named.length, `no ${defectCase.check} ${status} matching ${defectCase.message}; got:\n${got}`).toBeGreaterThan(0);
      if (defectCase.pointer !== undefined) expect(named.map((r) => r.pointer)).toContain(defectCase.pointer);
      expect(named[0].exchange, 'a failure carries the exchange that shows it').toBeDefined();
      if (!defectCase.inferred) caught.push(defectCase);
    } finally {
      await proxy.close();
    }
  });

  it('caught at least 20 different failing defects across the four APIs', (context) => {
    if (attempted === 0) context.skip('the defect cases above were filtered out of this run');
    const different = new Set(caught.map((c) => `${c.contract} ${c.check} ${c.message}`));
    expect(different.size, `caught: ${caught.map((c) => c.name).join('; ')}`).toBeGreaterThanOrEqual(20);
    expect(new Set(caught.map((c) => c.contract))).toEqual(new Set(listBundledContractIds()));
  });

  it.each([...listBundledContractIds()])('%s: a correct server behind a pass-through proxy yields no failures', async (id) => {
    const proxy = await startProxy(mock.url);
    try {
      const outcome = await check(contracts.get(id)!, `${proxy.url}/${id}`);
      expect(outcome.failures, describeFailures(outcome.results)).toEqual([]);
      expect(outcome.summary.exitCode).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});

