import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel } from '../../src/contract/model.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { findMismatch } from '../../src/runner/checks/compare.ts';
import { content_type, error_shape, required_headers, response_schema } from '../../src/runner/checks/content.ts';
import { generated_fields, transient_fields } from '../../src/runner/checks/generated.ts';
import { deleted_is_gone, owner_only_fields, scope_isolation } from '../../src/runner/checks/isolation.ts';
import { count_matches_list, list_limit, list_skip, list_sorted } from '../../src/runner/checks/lists.ts';
import { membership_join, membership_leave } from '../../src/runner/checks/membership.ts';
import { read_back } from '../../src/runner/checks/read-back.ts';
import { set_once, stale_version_conflict, version_increments } from '../../src/runner/checks/state-rules.ts';
import { response_received, status_documented, status_expected } from '../../src/runner/checks/status.ts';
import { refusal } from '../../src/runner/types.ts';
import { contextFor, exchangeOf, recordOf } from './support/context.ts';

let widgets: ContractModel;
let game: ContractModel;
let gigs: ContractModel;

beforeAll(async () => {
  widgets = await loadContract('test/runner/fixtures/widgets.yaml');
  game = await loadContract('game-sessions');
  gigs = await loadContract('gigs-connect-sessions');
});

const widget = { id: 'wid_abcdefgh', name: 'Gear', size: 3 };

describe('status_documented', () => {
  it('accepts exact, class (4XX) and default documentation', () => {
    expect(status_documented(exchangeOf(201, widget), contextFor(widgets, 'createWidget'))).toEqual([]);
    expect(status_documented(exchangeOf(418, { message: 'x' }), contextFor(widgets, 'createWidget'))).toEqual([]);
    expect(status_documented(exchangeOf(503, { message: 'x' }), contextFor(widgets, 'getWidget'))).toEqual([]);
  });

  it('fails an undocumented status, listing the documented ones', () => {
    const [finding] = status_documented(exchangeOf(500, {}), contextFor(widgets, 'createWidget'))!;
    expect(finding).toMatchObject({ message: 'createWidget does not document status 500.', expected: 'one of 201, 4XX', actual: '500' });
  });

  it('names a redirect and that it was not followed', () => {
    const [finding] = status_documented(exchangeOf(302, undefined, { location: '/elsewhere' }), contextFor(widgets, 'createWidget'))!;
    expect(finding.message).toMatch(/status 302 \(a redirect to \/elsewhere, not followed\)/);
  });

  it('does not apply without a response', () => {
    const exchange = { ...exchangeOf(200), response: undefined, result: { request: exchangeOf(200).request, error: 'connection refused', durationMs: 1 } };
    expect(status_documented(exchange, contextFor(widgets, 'createWidget'))).toBeNull();
    expect(response_received(exchange, contextFor(widgets, 'createWidget'))).toEqual([{ message: 'no usable response: connection refused', actual: 'connection refused' }]);
  });

  it('warns, not fails, when the server closes the connection while an oversized body is sent', () => {
    const closed = (error: string) => ({ ...exchangeOf(200), response: undefined, result: { request: exchangeOf(200).request, error, durationMs: 1 } });
    const oversized = contextFor(widgets, 'createWidget', { title: 'body over the size limit', expect: { ...refusal('tooLarge'), lenient: true } });
    const [finding] = response_received(closed('EPIPE: write EPIPE'), oversized)!;
    expect(finding).toMatchObject({ inferred: true, message: expect.stringMatching(/closed the connection while the oversized body was being sent/) });
    // Any other step, or another error, is still a failure.
    expect(response_received(closed('EPIPE: write EPIPE'), contextFor(widgets, 'createWidget'))![0].inferred).toBeUndefined();
    expect(response_received(closed('connection refused (ECONNREFUSED): x'), oversized)![0].inferred).toBeUndefined();
  });
});

describe('status_expected', () => {
  it('passes the documented success status and fails an error for a valid request', () => {
    expect(status_expected(exchangeOf(201, widget), contextFor(widgets, 'createWidget'))).toEqual([]);
    const [finding] = status_expected(exchangeOf(422, { message: 'no' }), contextFor(widgets, 'createWidget', { title: 'create' }))!;
    expect(finding).toMatchObject({ message: 'create: expected 201 (success), got 422.', inferred: false });
  });

  it('names the situation a refusal should have had', () => {
    const [finding] = status_expected(exchangeOf(201, widget), contextFor(widgets, 'createWidget', { title: 'no credentials', expect: refusal('unauthenticated') }))!;
    expect(finding.message).toBe('no credentials: expected 401 (unauthenticated), got 201.');
  });

  it('is a warning when the situation is x-inferred', () => {
    const [finding] = status_expected(exchangeOf(400, { message: 'no' }), contextFor(widgets, 'getWidget', { expect: refusal('notFound') }))!;
    expect(finding.inferred).toBe(true);
  });

  it('is a warning for lenient expectations (a size limit the contract cannot state)', () => {
    const [finding] = status_expected(exchangeOf(201, widget), contextFor(widgets, 'createWidget', { expect: { success: false, situations: ['tooLarge'], lenient: true } }))!;
    expect(finding.inferred).toBe(true);
  });
});

describe('content_type and required_headers', () => {
  it('accepts parameters and +json for application/json', () => {
    expect(content_type(exchangeOf(201, widget, { 'content-type': 'application/json; charset=utf-8' }), contextFor(widgets, 'createWidget'))).toEqual([]);
    expect(content_type(exchangeOf(201, widget, { 'content-type': 'application/vnd.widget+json' }), contextFor(widgets, 'createWidget'))).toEqual([]);
  });

  it('fails another content type or a missing body', () => {
    const [wrong] = content_type(exchangeOf(201, 'hello', { 'content-type': 'text/plain' }), contextFor(widgets, 'createWidget'))!;
    expect(wrong).toMatchObject({ message: 'Content-Type "text/plain" is not documented for 201.', expected: 'application/json' });
    const [empty] = content_type(exchangeOf(201, undefined, {}), contextFor(widgets, 'createWidget'))!;
    expect(empty.actual).toBe('(no body)');
  });

  it('requires the documented required headers', () => {
    const context = contextFor(widgets, 'getWidget');
    expect(required_headers(exchangeOf(200, { data: widget }, { 'content-type': 'application/json', 'x-request-id': 'r1' }), context)).toEqual([]);
    expect(required_headers(exchangeOf(200, { data: widget }), context)![0].message).toBe('The required header x-request-id is missing.');
    expect(required_headers(exchangeOf(201, widget), contextFor(widgets, 'createWidget'))).toBeNull();
  });
});

describe('response_schema and error_shape', () => {
  it('reports each violation with its pointer and the offending value', () => {
    const findings = response_schema(exchangeOf(201, { id: 'wid_abcdefgh', size: '3' }), contextFor(widgets, 'createWidget'))!;
    expect(findings).toContainEqual(expect.objectContaining({ pointer: '/name', actual: '(absent)', expected: '`name` is required.' }));
    expect(findings).toContainEqual(expect.objectContaining({ pointer: '/size', actual: '"3" (string)', inferred: false }));
  });

  it('warns for violations of x-inferred properties', () => {
    const [finding] = response_schema(exchangeOf(201, { ...widget, color: 'green' }), contextFor(widgets, 'createWidget'))!;
    expect(finding).toMatchObject({ pointer: '/color', inferred: true });
  });

  it('fails a body that is not JSON although labelled so, and one that was too large to read', () => {
    const exchange = exchangeOf(201, undefined);
    const broken = { ...exchange, response: { ...exchange.response!, text: '<html>', parseError: 'the body is not valid JSON (Unexpected token <)' } };
    expect(response_schema(broken, contextFor(widgets, 'createWidget'))![0].message).toMatch(/is not JSON although Content-Type is application\/json/);
    const large = { ...exchange, response: { ...exchange.response!, bodyError: 'body larger than 5242880 bytes; stopped reading' } };
    expect(response_schema(large, contextFor(widgets, 'createWidget'))![0].message).toMatch(/body larger than 5242880 bytes/);
  });

  it('checks error bodies against the error schema of their status, or of the expected situation', () => {
    const [finding] = error_shape(exchangeOf(404, { error: 'gone' }), contextFor(widgets, 'getWidget'))!;
    expect(finding).toMatchObject({ pointer: '/message', message: expect.stringMatching(/404 error body breaks the schema at \/message/) });
    expect(error_shape(exchangeOf(422, { message: 'bad' }), contextFor(widgets, 'createWidget'))).toEqual([]);
    expect(response_schema(exchangeOf(422, { message: 'bad' }), contextFor(widgets, 'createWidget'))).toBeNull();
  });
});

describe('read_back', () => {
  const facts = (written: Record<string, unknown>) => ({ written, record: recordOf(widgets, 'createWidget') });

  it('compares written fields where the template puts the record, recursively', () => {
    const context = contextFor(widgets, 'getWidget', { facts: facts({ name: 'Gear', dims: { w: 1, h: 2 } }) });
    expect(read_back(exchangeOf(200, { data: { ...widget, dims: { w: 1, h: 2, d: 9 } } }), context)).toEqual([]);
    const [finding] = read_back(exchangeOf(200, { data: { ...widget, dims: { w: 1, h: 3 } } }), context)!;
    expect(finding).toMatchObject({ pointer: '/data/dims/h', expected: '2', actual: '3', message: '`dims` does not read back as written (at /h).' });
  });

  it('compares dates by instant and reports missing fields', () => {
    const context = contextFor(widgets, 'getWidget', { facts: facts({ made: '2025-01-02T03:04:05Z', size: 3 }) });
    expect(read_back(exchangeOf(200, { data: { ...widget, made: '2025-01-02T03:04:05.000Z' } }), context)).toEqual([]);
    const [missing] = read_back(exchangeOf(200, { data: { id: 'wid_abcdefgh', name: 'Gear', made: '2025-01-02T03:04:05Z' } }), context)!;
    expect(missing.message).toBe('`size` was written but is missing from the response.');
  });

  it('warns for x-inferred fields and skips when the request failed', () => {
    const context = contextFor(widgets, 'getWidget', { facts: facts({ color: 'red' }) });
    expect(read_back(exchangeOf(200, { data: { ...widget, color: 'blue' } }), context)![0].inferred).toBe(true);
    expect(read_back(exchangeOf(500, { message: 'x' }), context)).toEqual([{ skip: true, message: 'the request did not succeed (status 500)' }]);
  });

  it('finds the record in a list by its key, and says when it is missing', () => {
    const context = contextFor(widgets, 'listWidgets', { facts: facts({ name: 'Gear' }) });
    expect(read_back(exchangeOf(200, { widgets: [{ id: 'wid_zzzzzzzz', name: 'x' }, widget] }), context)).toEqual([]);
    expect(read_back(exchangeOf(200, { widgets: [] }), context)![0].message).toBe('The widget wid_abcdefgh is missing from the list (0 items).');
  });
});

describe('compare', () => {
  it('treats a written null read back as absent, URIs by meaning', () => {
    expect(findMismatch({ a: null }, {})).toBeUndefined();
    expect(findMismatch('https://x.test', 'https://x.test/', { format: 'uri' })).toBeUndefined();
    expect(findMismatch([1, 2], [1])).toEqual({ pointer: '', expected: [1, 2], actual: [1] });
  });
});

describe('list_sorted', () => {
  const sessions = (...uids: string[]) => uids.map((uid) => ({ uid, dateCreated: '2025-01-01T00:00:00Z', dateModified: '2025-01-01T00:00:00Z', version: 0 }));
  const sortedBy = (descending: boolean) => contextFor(game, 'listSessions', { facts: { sorted: { field: 'uid', descending } } });

  it('passes a list in the asked order, by code point or by locale', () => {
    expect(list_sorted(exchangeOf(200, sessions('a1', 'b2', 'c3')), sortedBy(false))).toEqual([]);
    expect(list_sorted(exchangeOf(200, sessions('c3', 'b2', 'a1')), sortedBy(true))).toEqual([]);
    expect(list_sorted(exchangeOf(200, sessions('B', 'a')), sortedBy(false))).toEqual([]);
    expect(list_sorted(exchangeOf(200, sessions('a', 'B')), sortedBy(false))).toEqual([]);
  });

  it('fails a list out of order, naming where', () => {
    const [finding] = list_sorted(exchangeOf(200, sessions('a1', 'c3', 'b2')), sortedBy(false))!;
    expect(finding.message).toBe('The list is not sorted by `uid` ascending: item 2 ("c3") comes before item 3 ("b2").');
    expect(list_sorted(exchangeOf(200, sessions('a1')), sortedBy(false))![0].skip).toBe(true);
  });
});

describe('status_documented for situations the vendor leaves open', () => {
  it('warns, not fails, when the expected situation\'s status is inferred (joining a full game session)', () => {
    const context = contextFor(game, 'joinSession', { expect: refusal('conflict') });
    const [finding] = status_documented(exchangeOf(403, { message: 'full', status: 403 }), context)!;
    expect(finding).toMatchObject({ actual: '403', inferred: true });
    const [documented] = status_documented(exchangeOf(403, { message: 'x', status: 403 }), contextFor(game, 'getSession', { expect: refusal('notFound') }))!;
    expect(documented.inferred).toBe(false);
  });
});

describe('generated_fields and transient_fields', () => {
  it('checks generated values against their schema and template shape', () => {
    const create = (body: object) => generated_fields(exchangeOf(201, body), contextFor(widgets, 'createWidget', { facts: { event: 'create' }, principal: 'alice' }))!;
    expect(create({ ...widget, owner: 'alice' })).toEqual([]);
    expect(create({ ...widget, id: 'w_1', owner: 'alice' })[0].message).toBe('The generated `id` does not match its schema.');
    const [owner] = create({ ...widget, owner: 'mallory' });
    expect(owner).toMatchObject({ message: 'The generated `owner` does not have the documented shape.', inferred: true });
    expect(create({ name: 'x', owner: 'alice' })[0].message).toBe('`id` is generated by the server on create but is missing.');
  });

  it('expects create-only generated values to stay as created', () => {
    const record = recordOf(widgets, 'createWidget', { createdView: { id: 'wid_abcdefgh', owner: 'alice' } });
    const [finding] = generated_fields(exchangeOf(200, { data: { ...widget, owner: 'bob' } }), contextFor(widgets, 'getWidget', { facts: { record } }))!;
    expect(finding.message).toBe('`owner` changed since the create, but only the create generates it.');
  });

  it('wants a field generated on update to change on update (game-sessions dateModified)', () => {
    const session = { uid: '6f1c4c1e-8a5e-4d8c-9a53-3b1b2d8e9f00', dateCreated: '2025-01-01T00:00:00.000Z', version: 1, hostUid: 'alice' };
    const before = { ...session, version: 0, dateModified: '2025-01-01T00:00:00.000Z' };
    const update = (dateModified: string) => generated_fields(exchangeOf(200, { ...session, dateModified }), contextFor(game, 'updateSession', { facts: { event: 'update', before }, principal: 'alice' }))!;
    expect(update('2025-01-01T00:00:05.000Z')).toEqual([]);
    const [stale] = update('2025-01-01T00:00:00Z');
    expect(stale).toMatchObject({ message: '`dateModified` is generated on update but kept its value from before the update.', pointer: '/dateModified', inferred: false });
  });

  it('wants transient fields on their events only, and never shows their value', () => {
    const onCreate = transient_fields(exchangeOf(201, widget), contextFor(widgets, 'createWidget', { facts: { event: 'create' } }))!;
    expect(onCreate[0].message).toMatch(/`secretLink` must be present on the response to create/);
    const onRead = transient_fields(exchangeOf(200, { data: { ...widget, secretLink: 'https://widgets.example/x?t=SECRET' } }), contextFor(widgets, 'getWidget'))!;
    expect(onRead[0]).toMatchObject({ message: '`secretLink` must only be returned on create, but a read returned it.', actual: '(a value, not shown)' });
    expect(JSON.stringify(onRead)).not.toContain('SECRET');
  });

  it('knows set:<field> events of an update (gigs url when the user is set)', () => {
    const context = (before: object) => contextFor(gigs, 'updateConnectSession', { facts: { event: 'update', before: before as Record<string, unknown> } });
    const body = { object: 'connectSession', id: `csn_${'a'.repeat(28)}`, intent: { type: 'viewSubscriptions' }, user: `usr_${'b'.repeat(28)}`, url: null };
    expect(transient_fields(exchangeOf(200, body), context({ user: null }))![0].message).toMatch(/must be present on the response to set:user/);
    expect(transient_fields(exchangeOf(200, body), context({ user: body.user }))).toEqual([]);
  });
});

describe('state rules', () => {
  it('version_increments: initial on create, +1 on update, unchanged on read', () => {
    const session = { uid: '6f1c4c1e-8a5e-4d8c-9a53-3b1b2d8e9f00', dateCreated: '2025-01-01T00:00:00Z', dateModified: '2025-01-01T00:00:00Z' };
    const at = (event: 'create' | 'update' | undefined, version: number, before?: number) =>
      version_increments(exchangeOf(200, { ...session, version }), contextFor(game, 'updateSession', { facts: { event, before: before === undefined ? undefined : { version: before } } }))!;
    expect(at('create', 0)).toEqual([]);
    expect(at('update', 2, 1)).toEqual([]);
    expect(at('update', 1, 1)[0].message).toBe('An update must increment `version` from 1 to 2; got 1.');
    expect(at(undefined, 3, 2)[0].message).toBe('`version` must read back as 2; got 3.');
  });

  it('stale_version_conflict and set_once name the accepted write', () => {
    const stale = stale_version_conflict(exchangeOf(200, {}), contextFor(game, 'updateSession', { facts: { sentBody: { version: 0 } } }))!;
    expect(stale[0].message).toBe('A write with the stale `version` 0 was accepted (status 200).');
    expect(stale_version_conflict(exchangeOf(409, { message: 'x', status: 409 }), contextFor(game, 'updateSession'))).toEqual([]);
    const second = set_once(exchangeOf(200, {}), contextFor(gigs, 'updateConnectSession', { facts: { setOnce: { field: 'user', phase: 'second' } } }))!;
    expect(second[0].message).toBe('A second write of `user` was accepted; `user` can only be set once (status 200).');
  });

  it('membership: the caller must be in (once) after joining and out after leaving', () => {
    const session = (users: string[]) => ({ uid: '6f1c4c1e-8a5e-4d8c-9a53-3b1b2d8e9f00', version: 0, dateCreated: '2025-01-01T00:00:00Z', dateModified: '2025-01-01T00:00:00Z', users });
    const join = (users: string[]) => membership_join(exchangeOf(200, session(users)), contextFor(game, 'joinSession', { facts: { membership: 'joined' }, principal: 'alice' }))!;
    expect(join(['bob', 'alice'])).toEqual([]);
    expect(join(['bob'])[0].message).toBe('The caller (alice) is not in `users` after joining.');
    expect(join(['alice', 'alice'])[0].message).toBe('The caller (alice) is in `users` 2 times after joining.');
    const leave = membership_leave(exchangeOf(200, session(['alice'])), contextFor(game, 'getSession', { facts: { membership: 'left' }, principal: 'alice' }))!;
    expect(leave[0].message).toBe('The caller (alice) is still in `users` after leaving.');
  });
});

describe('list checks', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `wid_0000000${i}`, name: `w${i}` }));

  it('list_limit: at most the limit; above the maximum clamped or refused', () => {
    expect(list_limit(exchangeOf(200, { widgets: items(1) }), contextFor(widgets, 'listWidgets', { facts: { limit: 1 } }))).toEqual([]);
    expect(list_limit(exchangeOf(200, { widgets: items(3) }), contextFor(widgets, 'listWidgets', { facts: { limit: 1 } }))![0].message).toBe('limit=1 returned 3 items.');
    const above = (status: number, body: unknown) => list_limit(exchangeOf(status, body), contextFor(widgets, 'listWidgets', { facts: { limit: 51, max: 50 }, expect: { success: true, situations: ['invalid'] } }));
    expect(above(422, { message: 'too big' })).toEqual([]);
    expect(above(200, { widgets: items(51) })![0].message).toBe('limit=51 is above the maximum 50, and 51 items came back: the list is not capped.');
  });

  it('list_skip: the skipped page starts where the reference page says', () => {
    const context = (reference: object) => contextFor(widgets, 'listWidgets', { facts: { reference: reference as never } });
    expect(list_skip(exchangeOf(200, { widgets: items(2).slice(1) }), context({ items: items(2), limit: 2, skip: 1 }))).toEqual([]);
    expect(list_skip(exchangeOf(200, { widgets: items(1) }), context({ items: items(2), limit: 2, skip: 1 }))![0].message).toMatch(/does not start at item 2/);
    expect(list_skip(exchangeOf(200, { widgets: items(4) }), context({ items: items(4), skip: 1 }))![0].message).toBe('skip=1 returned 4 items; the full list has 4.');
  });

  it('count_matches_list: equal to a complete list, and to an expected count', () => {
    const ctx = (facts: object) => contextFor(game, 'countSessions', { facts: facts as never });
    expect(count_matches_list(exchangeOf(200, { count: 3 }), ctx({ reference: { items: [1, 2, 3], limit: 100 } }))).toEqual([]);
    expect(count_matches_list(exchangeOf(200, { count: 4 }), ctx({ reference: { items: [1, 2, 3], limit: 100 } }))![0].message).toBe('The count (4) differs from the number of items the list returns (3).');
    expect(count_matches_list(exchangeOf(200, { count: 7 }), ctx({ reference: { items: [1, 2, 3], limit: 3 } }))).toEqual([]);
    expect(count_matches_list(exchangeOf(200, { count: 2 }), ctx({ expectedCount: 1, note: 'a filter on `uid`' }))![0].message).toBe('The count is 2; a filter on `uid` calls for 1.');
  });
});

describe('isolation checks', () => {
  it('scope_isolation: not found elsewhere passes, a 2xx fails naming both scopes', () => {
    const context = contextFor(gigs, 'retrieveConnectSession', { facts: { scope: { name: 'project', home: 'a', asked: 'b' } } });
    expect(scope_isolation(exchangeOf(404, {}), context)).toEqual([]);
    expect(scope_isolation(exchangeOf(403, {}), context)).toEqual([]);
    expect(scope_isolation(exchangeOf(200, {}), context)![0].message).toBe('The connectSession created under project=a is visible under project=b (status 200).');
  });

  it('deleted_is_gone and owner_only_fields', () => {
    expect(deleted_is_gone(exchangeOf(200, {}), contextFor(game, 'getSession'))![0].message).toBe('The deleted session is still there (status 200).');
    const session = { uid: '6f1c4c1e-8a5e-4d8c-9a53-3b1b2d8e9f00', version: 0, password: 'hunter2' };
    const [shown] = owner_only_fields(exchangeOf(200, session), contextFor(game, 'getSession'))!;
    expect(shown).toMatchObject({ message: '`password` is shown to a user who is not the owner.', actual: '(a value, not shown)', inferred: true });
  });
});
