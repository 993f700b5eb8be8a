/**
 * The mock, the seeder and the runner read each behaviour rule through src/rules/: this test shows that
 * they agree, for every bundled contract and every rule it uses. Seeded records pass the runner's rule
 * checks as created records; records created, updated, joined and left through the mock engine (in
 * process, no HTTP) pass the runner's checks for those events; the fields the runner expects to be stored
 * are stored by the mock, and an update changes exactly what the rules say.
 */
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleToken, placeCredential } from '../../src/auth/example-token.ts';
import type { ContractModel, OperationModel, ResourceModel } from '../../src/contract/model.ts';
import { fixtureFileFor, listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import { generateSeedRecords } from '../../src/seeder/generate.ts';
import { loadFixtureSpec } from '../../src/seeder/load.ts';
import type { FixtureSpec } from '../../src/seeder/spec.ts';
import { createMockInstance, type MockInstance, type MockReply } from '../../src/mock/instance.ts';
import type { MockClock } from '../../src/mock/clock.ts';
import { expiresAt } from '../../src/rules/expiry.ts';
import { generatesOn } from '../../src/rules/generated.ts';
import { keptOnReplace, resetOmitted, serverOwnedOnUpdate, viewOf, writableFields } from '../../src/rules/stored.ts';
import { applyVersion } from '../../src/rules/versioning.ts';
import { generated_fields, transient_fields } from '../../src/runner/checks/generated.ts';
import { membership_join, membership_leave } from '../../src/runner/checks/membership.ts';
import { read_back } from '../../src/runner/checks/read-back.ts';
import { set_once, version_increments } from '../../src/runner/checks/state-rules.ts';
import { recordIn } from '../../src/runner/checks/support.ts';
import { fillBody, storedFields } from '../../src/runner/records.ts';
import { createRunState } from '../../src/runner/transport.ts';
import type { CheckContext, Exchange, Facts, Finding, RunState } from '../../src/runner/types.ts';
import { sampleField, validBody } from '../../src/runner/values.ts';
import { renderTemplate } from '../../src/template/render.ts';
import { createRandom } from '../../src/template/random.ts';
import { contextFor, exchangeOf, recordOf } from '../runner/support/context.ts';

type Check = (exchange: Exchange, context: CheckContext) => Finding[] | null;
const RECORD_CHECKS: Record<string, Check> = { generated_fields, transient_fields, version_increments, read_back };
const NOW = new Date('2026-03-01T12:00:00Z');

function fixedClock(): MockClock {
  let now = NOW;
  return { now: () => now, advance: (ms) => { now = new Date(now.getTime() + ms); }, set: (date) => { now = date; } };
}

/** Checks that applied (returned findings, even none): each rule a contract uses must have been judged. */
const ran = new Set<string>();

/** The findings that fail (skips and inapplicable checks are not disagreements). */
function failures(checks: Record<string, Check>, exchange: Exchange, context: CheckContext): string[] {
  return Object.entries(checks).flatMap(([name, check]) => {
    const findings = check(exchange, context);
    if (findings && findings.some((f) => !f.skip) || (findings && findings.length === 0)) ran.add(`${context.contract.id}:${name}`);
    return (findings ?? []).filter((f) => !f.skip).map((f) => `${name}: ${f.message}`);
  });
}

/** The runner checks that judge each rule a resource uses. */
function checksForRules(resource: ResourceModel): string[] {
  const names: string[] = [];
  if (Object.keys(resource.generated).length) names.push('generated_fields');
  if (Object.keys(resource.transient).length || resource.hidden.length) names.push('transient_fields');
  if (resource.versioning) names.push('version_increments');
  if (resource.membership) names.push('membership_join', 'membership_leave');
  if (Object.keys(resource.setOnce).length) names.push('set_once');
  return names;
}

interface Harness {
  readonly contract: ContractModel;
  readonly spec: FixtureSpec | undefined;
  readonly mock: MockInstance;
  readonly state: RunState;
  readonly principal: string | undefined;
  /** The mock's clock: fixed, and moved a second before each request (a `${now}` then differs per write). */
  readonly clock: MockClock;
}

async function send(h: Harness, operation: OperationModel, path: Record<string, string>, body?: unknown): Promise<MockReply> {
  h.clock.advance(1000);
  const url = new URL(`http://mock.test${operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(path[name] ?? ''))}`);
  const headers = new Headers();
  if (h.contract.security) {
    const placed = placeCredential(h.contract.security, h.state.credentials.user1!);
    for (const [name, value] of Object.entries(placed.headers)) headers.set(name, value);
    for (const [name, value] of Object.entries(placed.query)) url.searchParams.set(name, value);
  }
  const bytes = body === undefined ? new Uint8Array() : new TextEncoder().encode(JSON.stringify(body));
  if (body !== undefined) headers.set('content-type', 'application/json');
  const params = Object.fromEntries(operation.pathParams.map((p) => [p.name, path[p.name]]));
  return h.mock.handle(operation, { method: operation.method, header: (name) => headers.get(name), bytes: async () => bytes }, url, params);
}

function storedRecord(h: Harness, resource: ResourceModel, key: unknown): Record<string, unknown> | undefined {
  const records = h.mock.state({ includeHidden: true })[resource.name] as Record<string, unknown>[];
  return records.find((record) => String(record[resource.key]) === String(key));
}

function checkContext(h: Harness, operation: OperationModel, facts: Facts): CheckContext {
  return { ...contextFor(h.contract, operation.id, { facts: { principal: h.principal, ...facts } }), state: h.state };
}

const operationsOf = (contract: ContractModel, resource: ResourceModel, kinds: string[]) =>
  contract.operations.filter((op) => op.behaviour.resource === resource && kinds.includes(op.behaviour.kind));

describe.each(listBundledContractIds())('%s: the mock, the seeder and the runner agree on every rule', (id) => {
  let h: Harness;

  beforeAll(async () => {
    const contract = await loadContract(id);
    const spec = await loadFixtureSpec(fixtureFileFor(contract));
    const state = createRunState(contract, { baseUrl: 'http://mock.test', pathParams: {}, allowDestructive: false, timeoutMs: 1000, seed: 3, only: [] });
    const clock = fixedClock();
    h = { contract, spec, mock: createMockInstance(contract, { seed: 3, fixtures: spec, clock }), state, principal: state.principals.user1, clock };
  });

  it('seeded records are what the runner demands of a created record (generated, transient, versioning)', () => {
    let checked = 0;
    for (const [name, records] of generateSeedRecords(h.contract, h.spec, { seed: 5, now: NOW, count: 6 })) {
      const resource = h.contract.resources.get(name)!;
      const read = operationsOf(h.contract, resource, ['read'])[0];
      if (!read || resource.stateless) continue;
      for (const { data, scope } of records) {
        const view = viewOf(resource, data, undefined);
        const body = renderTemplate(read.behaviour.response ?? '${record}', { vars: { record: view }, random: createRandom(1), now: () => NOW });
        const record = recordOf(h.contract, read.id, { pathValues: scope, createdView: view });
        const context = { ...contextFor(h.contract, read.id, { facts: { event: 'create', record } }), state: h.state };
        expect(failures({ generated_fields, version_increments }, exchangeOf(200, body), context), JSON.stringify(data)).toEqual([]);
        // Seeded records carry no event: their transient fields must not be there.
        expect(failures({ transient_fields }, exchangeOf(200, body), { ...context, facts: {} })).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('the mock seeds exactly what the seeder generates: no transient field stored, expiry as the rule says', () => {
    const seeded = generateSeedRecords(h.contract, h.spec, { seed: 3, now: NOW });
    const fresh = createMockInstance(h.contract, { seed: 3, fixtures: h.spec, clock: fixedClock() });
    for (const [name, records] of seeded) {
      const resource = h.contract.resources.get(name)!;
      const expected = records.map(({ data, scope }) => {
        const expires = expiresAt(resource, data, NOW.getTime());
        return { ...data, ...(resource.scope.length ? { $scope: scope } : {}), ...(expires === undefined ? {} : { $expiresAt: new Date(expires).toISOString() }) };
      });
      expect(fresh.state({ includeHidden: true })[name]).toEqual(expected);
      for (const record of records) for (const field of Object.keys(resource.transient)) expect(record.data).not.toHaveProperty(field);
    }
  });

  it('a create, an update and join/leave through the mock pass the runner\'s checks and store what the rules say', async () => {
    let checked = 0;
    for (const resource of h.contract.resources.values()) {
      for (const create of operationsOf(h.contract, resource, ['create'])) {
        const path = Object.fromEntries(create.pathParams.map((p) => [p.name, 'demo']));
        const body = validBody(h.state, create) as Record<string, unknown> | undefined;
        const reply = await send(h, create, path, body);
        const createdAt = h.clock.now().getTime();
        expect(reply.status, JSON.stringify(reply.body)).toBe(create.successStatus);
        const exchange = exchangeOf(reply.status, reply.body);
        const view = recordIn(exchange, create)!;
        const written = storedFields(h.contract.schemas, resource, body);
        const record = recordOf(h.contract, create.id, { pathValues: path, createdView: view, view, id: String(view[resource.key]), written });
        expect(failures(RECORD_CHECKS, exchange, checkContext(h, create, { event: 'create', sentBody: body, written, record }))).toEqual([]);

        // The fields the runner expects to read back are the fields the mock stored, as sent.
        const stored = storedRecord(h, resource, view[resource.key])!;
        for (const [field, value] of Object.entries(written)) expect(stored[field], field).toEqual(value);
        const expires = expiresAt(resource, body ?? {}, createdAt);
        expect(stored.$expiresAt).toEqual(expires === undefined ? undefined : new Date(expires).toISOString());
        checked++;

        for (const update of operationsOf(h.contract, resource, ['update', 'replace'])) {
          const before = storedRecord(h, resource, view[resource.key])!;
          const sent = fillBody(update, validBody(h.state, update), record, record.id!) as Record<string, unknown>;
          const updated = await send(h, update, { ...path, [update.behaviour.id?.name ?? resource.key]: record.id! }, sent);
          expect(updated.status, JSON.stringify(updated.body)).toBe(update.successStatus);
          const after = storedRecord(h, resource, view[resource.key])!;
          const updateExchange = exchangeOf(updated.status, updated.body);
          const updatedWritten = storedFields(h.contract.schemas, resource, sent);
          const facts: Facts = { event: 'update', sentBody: sent, before: record.view, written: updatedWritten, record };
          expect(failures(RECORD_CHECKS, updateExchange, checkContext(h, update, facts))).toEqual([]);
          expect(unexpectedChanges(resource, update, before, sent, after)).toEqual([]);
          record.view = { ...record.view, ...recordIn(updateExchange, update) };
          checked++;
          await setOnceAgreement(h, resource, update, path, record);
        }

        for (const [effect, expected, check] of [['addMember', 'joined', membership_join], ['removeMember', 'left', membership_leave]] as const) {
          for (const action of operationsOf(h.contract, resource, ['action']).filter((op) => op.behaviour.effect === effect)) {
            const target = { ...path, [action.behaviour.id?.name ?? resource.key]: record.id! };
            const acted = await send(h, action, target);
            expect(acted.status, JSON.stringify(acted.body)).toBe(action.successStatus);
            // An action that answers without the record is judged, as the runner plans it, by the next read.
            const read = operationsOf(h.contract, resource, ['read'])[0];
            const shown = recordIn(exchangeOf(acted.status, acted.body), action) !== undefined || !read ? { operation: action, reply: acted } : { operation: read, reply: await send(h, read, target) };
            const context = checkContext(h, shown.operation, { membership: expected, before: record.view, record });
            expect(failures({ [check.name]: check }, exchangeOf(shown.reply.status, shown.reply.body), context)).toEqual([]);
            record.view = { ...record.view, ...recordIn(exchangeOf(shown.reply.status, shown.reply.body), shown.operation) };
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('every rule the contract uses was judged by its runner check above', () => {
    const wanted = [...h.contract.resources.values()].filter((r) => !r.stateless).flatMap(checksForRules);
    expect(wanted.filter((name) => !ran.has(`${h.contract.id}:${name}`))).toEqual([]);
  });
});

/**
 * What an update changed that the rules do not allow: the result must be the record (or what a replace
 * keeps of it) with the writable fields of the body, the version the rule gives, and the generated fields
 * that fire on update (any value).
 */
function unexpectedChanges(resource: ResourceModel, update: OperationModel, before: Record<string, unknown>, sent: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const expected: Record<string, unknown> = update.behaviour.kind === 'replace' ? keptOnReplace(resource, before) : { ...before };
  const written = writableFields(resource, sent);
  for (const field of serverOwnedOnUpdate(resource)) delete written[field];
  Object.assign(expected, written);
  if (update.behaviour.kind === 'replace') resetOmitted(resource, expected);
  applyVersion(resource, expected, 'update', before);
  const generated = Object.entries(resource.generated).filter(([, rule]) => generatesOn(rule, 'update', sent)).map(([field]) => field);
  const fields = new Set([...Object.keys(expected), ...Object.keys(after)]);
  return [...fields].filter((field) => !generated.includes(field) && !isDeepStrictEqual(expected[field], after[field]))
    .map((field) => `${field}: expected ${JSON.stringify(expected[field])}, stored ${JSON.stringify(after[field])}`);
}

/** A set-once trigger: the first write sets the field (and its `set:<field>` transient fields), a second is the conflict. */
async function setOnceAgreement(h: Harness, resource: ResourceModel, update: OperationModel, path: Record<string, string>, record: ReturnType<typeof recordOf>): Promise<void> {
  const schema = update.body?.schema;
  for (const [field, triggers] of Object.entries(resource.setOnce)) {
    const trigger = triggers.find((t) => (schema as { properties?: object } | undefined)?.properties && t in (schema as { properties: object }).properties);
    const value = trigger === undefined ? undefined : sampleField(h.contract.schemas, schema, trigger, h.state.faker);
    if (trigger === undefined || value === undefined) continue;
    const target = { ...path, [update.behaviour.id?.name ?? resource.key]: record.id! };
    const first = await send(h, update, target, { [trigger]: value });
    expect(first.status, JSON.stringify(first.body)).toBe(update.successStatus);
    const facts: Facts = { event: 'update', sentBody: { [trigger]: value }, before: record.view, record, setOnce: { field, phase: 'first' } };
    expect(failures({ ...RECORD_CHECKS, set_once }, exchangeOf(first.status, first.body), checkContext(h, update, facts))).toEqual([]);
    const second = await send(h, update, target, { [trigger]: value });
    const refused = checkContext(h, update, { setOnce: { field, phase: 'second' } });
    expect(failures({ set_once }, exchangeOf(second.status, second.body), { ...refused, step: { ...refused.step, expect: { success: false, situations: ['conflict'] } } })).toEqual([]);
  }
}
