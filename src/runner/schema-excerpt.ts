import { isPlainObject } from '../shared/plain-object.ts';
import { documentingResponse } from '../contract/documented-status.ts';
import type { OperationModel } from '../contract/model.ts';
import type { Exchange } from './types.ts';
import { unescapePointer } from '../shared/json-pointer.ts';

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
  const schema = documentingResponse(operation.responses, status)?.schema;
  if (!schema || typeof schema !== 'object') return undefined;
  const { at, node } = follow(schema as SchemaNode, pointer ?? '');
  const text = stringify(node);
  const shown = text.length > EXCERPT_LIMIT ? `${text.slice(0, EXCERPT_LIMIT)}\n… (cut)` : text;
  return `${at === '' ? 'schema' : `schema at ${at}`}:\n${shown}`;
}

function follow(schema: SchemaNode, pointer: string): { at: string; node: SchemaNode } {
  let node = schema;
  let at = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = unescapePointer(raw);
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
  if (isPlainObject(property)) return property;
  if (/^\d+$/.test(segment) && isPlainObject(node.items)) return node.items;
  if (isPlainObject(node.additionalProperties)) return node.additionalProperties;
  return undefined;
}

/**
 * Indented JSON of a schema, stopped at about `EXCERPT_LIMIT` characters: resolved schemas share
 * sub-schemas (and recursive ones refer to themselves), so writing them out in full can take forever.
 */
function stringify(schema: unknown): string {
  const out: string[] = [];
  let length = 0;
  const ancestors = new Set<unknown>();
  const emit = (text: string): boolean => {
    out.push(text);
    length += text.length;
    return length <= EXCERPT_LIMIT;
  };
  const write = (value: unknown, indent: string): boolean => {
    if (typeof value !== 'object' || value === null) return emit(JSON.stringify(value) ?? 'null');
    if (ancestors.has(value)) return emit('"[recursive]"');
    ancestors.add(value);
    const inner = `${indent}  `;
    const entries: Array<[string | undefined, unknown]> = Array.isArray(value) ? value.map((item) => [undefined, item]) : Object.entries(value);
    let ok = emit(Array.isArray(value) ? '[' : '{');
    entries.forEach(([key, child], index) => {
      if (!ok) return;
      ok = emit(`${index === 0 ? '' : ','}\n${inner}${key === undefined ? '' : `${JSON.stringify(key)}: `}`) && write(child, inner);
    });
    if (ok) ok = emit(`${entries.length > 0 ? `\n${indent}` : ''}${Array.isArray(value) ? ']' : '}'}`);
    ancestors.delete(value);
    return ok;
  };
  write(schema, '');
  return out.join('');
}
