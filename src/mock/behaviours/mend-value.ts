import { visitAllOf } from '../../contract/schema-fields.ts';
import { shapeFor } from '../../rules/shape.ts';
import { convertedScalar } from '../../schema/converted-scalar.ts';
import type { MockContext } from '../context.ts';

type Draw = (schema: object) => unknown;

const MAX_DEPTH = 6;

/**
 * A written value its schema refuses, mended keeping what the client sent where it is valid: each item of
 * an array and each property of an object (in the shape the object fits: rules/shape.ts) is kept where
 * valid and mended where not; a null an optional property cannot hold is left out; a required property
 * missing is drawn (`draw`), and so is a scalar refused, unless converting it loses nothing (`"42"` where an
 * integer is declared: schema/converted-scalar.ts, as the answers read it). Undefined when the mended value is still refused.
 */
export function mendedValue(context: MockContext, value: unknown, schema: object, draw: Draw, depth = 0): unknown {
  const validate = context.contract.schemas.tryCompile(schema);
  if (!validate) return undefined;
  if (validate(value) === true) return value;
  if (depth >= MAX_DEPTH) return undefined;
  let mended: unknown;
  if (Array.isArray(value)) mended = mendedItems(context, value, schema, draw, depth);
  else if (value !== null && typeof value === 'object') mended = mendedObject(context, value as Record<string, unknown>, schema, draw, depth);
  else mended = convertedScalar(value, (candidate) => validate(candidate) === true) ?? draw(schema);
  return mended !== undefined && validate(mended) === true ? mended : undefined;
}

/** Each item mended against the array's `items` (all of its declarations through `allOf`); one that cannot be is left out. */
function mendedItems(context: MockContext, value: readonly unknown[], schema: object, draw: Draw, depth: number): unknown[] | undefined {
  const declared: object[] = [];
  visitAllOf(schema, (node) => {
    if (node.items !== null && typeof node.items === 'object' && !Array.isArray(node.items)) declared.push(node.items);
  });
  if (declared.length === 0) return undefined;
  const items = declared.length === 1 ? declared[0] : { allOf: declared };
  const mended: unknown[] = [];
  for (const item of value) {
    const fixed = mendedValue(context, item, items, draw, depth + 1);
    if (fixed !== undefined) mended.push(fixed);
  }
  return mended;
}

function mendedObject(context: MockContext, value: Record<string, unknown>, schema: object, draw: Draw, depth: number): Record<string, unknown> {
  const { required, schemas } = shapeFor(schema, value);
  const mended: Record<string, unknown> = {};
  const set = (field: string, fieldValue: unknown) => Object.defineProperty(mended, field, { value: fieldValue, enumerable: true, writable: true, configurable: true });
  for (const [field, fieldValue] of Object.entries(value)) {
    // A property the shape does not declare is kept: a closed schema refuses it, and the whole value is drawn.
    if (!Object.hasOwn(schemas, field)) {
      set(field, fieldValue);
      continue;
    }
    const isRequired = required.includes(field);
    if (fieldValue === null && !isRequired && context.contract.schemas.tryCompile(schemas[field])?.(null) !== true) continue;
    const fixed = mendedValue(context, fieldValue, schemas[field], draw, depth + 1);
    if (fixed !== undefined) set(field, fixed);
  }
  for (const field of required) {
    if (Object.hasOwn(mended, field)) continue;
    const drawn = draw(Object.hasOwn(schemas, field) ? schemas[field] : {});
    if (drawn !== undefined) set(field, drawn);
  }
  return mended;
}
