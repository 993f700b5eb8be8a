import { HAS_MORE_PROPERTIES } from '../../contract/infer/names.ts';
import type { OperationModel } from '../../contract/model.ts';
import { propertySchema } from '../schemas.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { itemsIn, keyOf, listedItems, locationOf, requireSuccess, show } from './support.ts';


/** The envelope's boolean more-pages flag of a list's success response, if it has one (names are conventions: findings are warnings). */
export function hasMoreFlag(operation: OperationModel): string | undefined {
  const schema = operation.responses.get(String(operation.successStatus))?.schema;
  return HAS_MORE_PROPERTIES.find((candidate) => (propertySchema(schema, candidate) as { type?: unknown } | undefined)?.type === 'boolean');
}

/** The page after the cursor continues where the reference page left it, and repeats none of what came before. */
export function list_cursor(exchange: Exchange, context: CheckContext): Finding[] | null {
  const reference = context.facts.reference;
  if (!reference || reference.after === undefined) return null;
  const { items, skipped } = listedItems(exchange, context.operation);
  if (skipped) return skipped;
  const key = context.operation.behaviour.resource.key;
  const param = context.operation.behaviour.list?.cursor?.param ?? 'cursor';
  const seen = reference.items.slice(0, reference.after).map((item) => keyOf(item, key));
  const cursor = seen[seen.length - 1];
  const repeated = items.map((item) => keyOf(item, key)).find((value) => value !== undefined && seen.includes(value));
  const pointer = locationOf(context.operation).items;
  if (repeated !== undefined) {
    return [{ message: `The page after ${param}=${show(cursor)} repeats ${show(repeated)}, an item of the page before.`, expected: `items after ${show(cursor)}`, actual: show(items.map((item) => keyOf(item, key))), pointer, inferred: context.step.inferred }];
  }
  const expected = keyOf(reference.items[reference.after], key);
  const actual = keyOf(items[0], key);
  if (expected === undefined || expected === actual) return [];
  return [{
    message: `The page after ${param}=${show(cursor)} does not continue with the item that followed it.`,
    expected: `first item ${show(expected)}`,
    actual: actual === undefined ? `${items.length} items` : `first item ${show(actual)}`,
    pointer,
    inferred: context.step.inferred,
  }];
}

/** A `has_more` flag is true when items are left beyond the page, false when the page holds the rest of the list. */
export function list_has_more(exchange: Exchange, context: CheckContext): Finding[] | null {
  const { operation } = context;
  const name = hasMoreFlag(operation);
  if (name === undefined) return null;
  const unsuccessful = requireSuccess(exchange);
  if (unsuccessful) return unsuccessful;
  const items = itemsIn(exchange, operation);
  const flag = (exchange.response!.body as Record<string, unknown> | null)?.[name];
  if (!items || typeof flag !== 'boolean') return [{ skip: true, message: `the response holds no list or no boolean \`${name}\`` }];
  const expected = moreExpected(items.length, context);
  if (expected === undefined || expected === flag) return [];
  return [{
    message: expected
      ? `\`${name}\` is false, but the list holds more than the ${items.length} items of this page.`
      : `\`${name}\` is true, but this page of ${items.length} items (fewer than the ${context.facts.limit} asked for) holds the rest of the list.`,
    expected: String(expected),
    actual: String(flag),
    pointer: `/${name}`,
    inferred: true,
  }];
}

/** Whether items must be left beyond a page of `count`: known from the complete list, or from a page shorter than the limit. */
function moreExpected(count: number, context: CheckContext): boolean | undefined {
  const { reference, limit } = context.facts;
  if (reference && reference.after === undefined && reference.skip === undefined) return reference.items.length > count;
  if (limit !== undefined && count < limit && reference === undefined) return false;
  return undefined;
}
