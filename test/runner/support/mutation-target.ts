import type { ContractModel, OperationModel, ResponseModel } from '../../../src/contract/model.ts';
import type { Validator } from '../../../src/schema/ajv.ts';
import { json, splitPath, type ProxiedRequest, type ProxiedResponse } from './proxy.ts';

/** What a mutation knows about the API behind the proxy: any document, mounted at `mountPath`. */
export interface MutationTarget {
  readonly contract: ContractModel;
  /** The path the mock serves the document under (`/api/v3`, or '' at the root). */
  readonly mountPath: string;
  /** The two identities the run uses (raw tokens, as `harness check --token/--token-2` takes them). */
  readonly token: string;
  readonly token2: string;
  /** Only this operation is broken (an operation id); absent: every operation. */
  readonly only?: string;
}

export interface Routed {
  readonly operation: OperationModel;
  /** The path below the mount, without the query. */
  readonly path: string;
}

const templates = new WeakMap<OperationModel, RegExp>();

function templateOf(operation: OperationModel): RegExp {
  let pattern = templates.get(operation);
  if (!pattern) {
    const source = operation.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
    pattern = new RegExp(`^${source}/?$`);
    templates.set(operation, pattern);
  }
  return pattern;
}

/** The documented operation a request is for, or undefined (control routes, unknown paths). */
export function route(target: MutationTarget, request: ProxiedRequest): Routed | undefined {
  const { pathname } = splitPath(request.path);
  if (!pathname.startsWith(target.mountPath)) return undefined;
  const path = pathname.slice(target.mountPath.length) || '/';
  const operation = target.contract.operations.find((op) => op.method.toUpperCase() === request.method && templateOf(op).test(path));
  if (!operation || (target.only !== undefined && operation.id !== target.only)) return undefined;
  return { operation, path };
}

/** The documented response a status answers with: exact, then its range (`4XX`), then `default`. */
export function responseFor(operation: OperationModel, status: number): ResponseModel | undefined {
  return operation.responses.get(String(status)) ?? operation.responses.get(`${Math.floor(status / 100)}XX`) ?? operation.responses.get('default');
}

/** Whether the documented schema of this answer rejects `value` (false when the answer has no schema). */
export function schemaRejects(validate: Validator | undefined, value: unknown): boolean {
  return validate !== undefined && !validate(structuredClone(value));
}

export const isJson = (message: { headers: Record<string, string> }) => /[/+]json\b/i.test(message.headers['content-type'] ?? '');

export const succeeded = (response: ProxiedResponse) => response.status >= 200 && response.status < 300;

/** A JSON body, or undefined when the message carries none (or not JSON). */
export function jsonBody(message: ProxiedResponse | ProxiedRequest): unknown {
  return isJson(message) ? json(message) : undefined;
}
