import type { OperationModel } from '../contract/model.ts';
import { documentedResponse } from './checks/support.ts';
import type { Exchange } from './types.ts';

/** Checks whose failures are schema violations of the response body. */
const SCHEMA_CHECKS = new Set(['response_schema', 'error_shape']);
const EXCERPT_LIMIT = 2000;

type SchemaNode = Record<string, unknown>;

/**
 * For a schema violation: the part of the documented response schema that the failing value had to
 * match (followed along `pointer` through `properties`, `items` and `additionalProperties` as far as
 * they go), as indented JSON headed by where it is. `undefined` for other checks or without a schema.
 *
 * @example
 * schemaExcerpt('response_schema', operation, exchange, '/numTeams');
 * // 'schema at /numTeams:\n{\n  "type": "integer",\n  "minimum": 0\n}'
 */
export function schemaExcerpt(check: string, operation: OperationModel, exchange: Exchange, pointer: string | undefined): string | undefined {
  if (!SCHEMA_CHECKS.has(check)) return undefined;
  const status = exchange.response?.status;
  if (status === undefined) return undefined;
  const schema = documentedResponse(operation, status)?.schema;
  if (!schema || typeof schema !== 'object') return undefined;
  const { at, node } = follow(schema as SchemaNode, pointer ?? '');
  const text = stringify(node);
  const shown = text.length > EXCERPT_LIMIT ? `${text.slice(0, EXCERPT_LIMIT)}\n… (${text.length - EXCERPT_LIMIT} more characters)` : text;
  return `${at === '' ? 'schema' : `schema at ${at}`}:\n${shown}`;
}

function follow(schema: SchemaNode, pointer: string): { at: string; node: SchemaNode } {
  let node = schema;
  let at = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const next = childSchema(node, segment);
    if (!next) break;
    node = next;
    at += `/${raw}`;
  }
  return { at, node };
}

function childSchema(node: SchemaNode, segment: string): SchemaNode | undefined {
  const properties = node.properties as Record<string, unknown> | undefined;
  const property = properties?.[segment];
  if (isSchema(property)) return property;
  if (/^\d+$/.test(segment) && isSchema(node.items)) return node.items;
  if (isSchema(node.additionalProperties)) return node.additionalProperties;
  return undefined;
}

function isSchema(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON of a schema that may refer to itself (recursive schemas are kept as object cycles). */
function stringify(schema: unknown): string {
  const ancestors: unknown[] = [];
  return JSON.stringify(schema, function replacer(this: unknown, _key: string, value: unknown) {
    if (typeof value !== 'object' || value === null) return value;
    // `this` is the object holding `value`: drop ancestors that are not on the current path.
    while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
    if (ancestors.includes(value)) return '[recursive]';
    ancestors.push(value);
    return value;
  }, 2) ?? '';
}
