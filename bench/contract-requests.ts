/**
 * For the per-contract request rows of `npm run bench`: a GET of a stored record and a validated create
 * (POST) of one contract, with that contract's credentials, found from the model and the running mock
 * (nothing specific to one API): the create's body is sampled from its schema until the mock accepts it
 * twice in a row (so autocannon can repeat it), and the record it stored is read back through the
 * contract's read operation.
 */
import { exampleToken, placeCredential } from '../src/auth/example-token.ts';
import type { ContractModel, OperationModel } from '../src/contract/model.ts';
import { createSeededFaker, sampleFromSchema } from '../src/schema/sample.ts';

export interface BenchRequest {
  readonly method: 'GET' | 'POST';
  /** Below the server's origin (`/game-sessions/sessions/...`). */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** What the mock answered to it once: the status, headers and bytes the plain server sends back. */
  readonly answer: Answer;
}

export interface Answer {
  readonly status: number;
  /** The mock's own headers, without those node:http writes itself (date, connection, keep-alive, length). */
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface ContractRequests {
  readonly id: string;
  readonly get: BenchRequest;
  readonly post: BenchRequest;
}

type Dumped = Record<string, unknown> & { $scope?: Record<string, string> };

export async function contractRequests(contract: ContractModel, origin: string): Promise<ContractRequests> {
  const mount = `/${contract.id}`;
  const create = contract.operations.find((op) => op.behaviour.kind === 'create' && op.body && readOf(contract, op) !== undefined);
  if (!create) throw new Error(`${contract.id}: no create operation with a read operation`);
  const read = readOf(contract, create)!;
  const resource = create.behaviour.resource;
  const credential = contract.security ? placeCredential(contract.security, exampleToken(contract.security, 'bench-user')) : { headers: {}, query: {} };
  const query = new URLSearchParams(credential.query).toString();
  const headers = { ...credential.headers, 'content-type': 'application/json' };
  const before = await records(origin, mount, resource.name);
  const scope = before.find((record) => record.$scope)?.$scope ?? {};
  const createPath = `${mount}${fill(create.path, (name) => scope[name] ?? 'demo')}${query ? `?${query}` : ''}`;
  const post = await acceptedBody(contract, create, async (body) => {
    const answers = [];
    for (let i = 0; i < 2; i++) answers.push(await fetch(`${origin}${createPath}`, { method: 'POST', headers, body }));
    return answers.every((answer) => answer.ok) ? answerOf(answers[1]) : undefined;
  });
  const known = new Set(before.map((record) => String(record[resource.key])));
  const created = (await records(origin, mount, resource.name)).find((record) => !known.has(String(record[resource.key])))!;
  const id = String(created[resource.key]);
  const idName = read.behaviour.id?.name;
  const readQuery = new URLSearchParams(credential.query);
  if (read.behaviour.id?.from === 'query') readQuery.set(idName!, id);
  const readPath = `${mount}${fill(read.path, (name) => (name === idName ? id : created.$scope?.[name] ?? 'demo'))}${readQuery.size ? `?${readQuery}` : ''}`;
  const got = await fetch(`${origin}${readPath}`, { headers });
  if (!got.ok) throw new Error(`${contract.id}: GET ${readPath} answered ${got.status}`);
  return {
    id: contract.id,
    get: { method: 'GET', path: readPath, headers, answer: await answerOf(got) },
    post: { method: 'POST', path: createPath, headers, body: post.body, answer: post.answer },
  };
}

/** The contract's read of the create's resource, by an id it can address. */
function readOf(contract: ContractModel, create: OperationModel): OperationModel | undefined {
  return contract.operations.find((op) => op.behaviour.kind === 'read' && op.behaviour.resource === create.behaviour.resource && op.behaviour.id !== undefined);
}

function fill(template: string, value: (name: string) => string): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(value(name)));
}

async function records(origin: string, mount: string, resource: string): Promise<Dumped[]> {
  const state = await (await fetch(`${origin}${mount}/__harness/state?include=hidden`)).json() as { resources: Record<string, Dumped[]> };
  return state.resources[resource] ?? [];
}

const WRITTEN_BY_NODE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

async function answerOf(response: Response): Promise<Answer> {
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !WRITTEN_BY_NODE.has(name)));
  return { status: response.status, headers, body: await response.text() };
}

/** A body sampled from the create's schema that the mock accepts (twice: autocannon repeats it). */
async function acceptedBody(contract: ContractModel, create: OperationModel, send: (body: string) => Promise<Answer | undefined>): Promise<{ body: string; answer: Answer }> {
  const schema = create.body!.schema;
  for (let seed = 1; seed <= 50; seed++) {
    const value = sampleFromSchema(schema, createSeededFaker(seed), { compile: contract.schemas.tryCompile });
    if (!create.body!.validate(value)) continue;
    const body = JSON.stringify(value);
    const answer = await send(body);
    if (answer !== undefined) return { body, answer };
  }
  throw new Error(`no sampled body of ${create.method} ${create.path} was accepted twice`);
}
