import { propertySchema } from '../contract/schema-fields.ts';
import { escapePointer, unescapePointer } from '../shared/json-pointer.ts';
import { isDirective, wholeExpression } from '../template/parse.ts';

/**
 * The most records one page of a list can hold by its document: the `maxItems` of the array its answer
 * places the records in (`ip_allow_lists: {type: array, maxItems: 1}`: an account's one allow list). The
 * mock's pages hold no more; the runner takes a page that full as one that may go on.
 */
export function documentedPageCap(template: unknown, schema: unknown): number | undefined {
  const pointer = itemsPointer(template);
  if (pointer === undefined) return undefined;
  let node: unknown = schema;
  for (const segment of pointer.split('/').slice(1)) node = propertySchema(node, unescapePointer(segment));
  const max = (node as { maxItems?: unknown } | undefined)?.maxItems;
  return typeof max === 'number' && Number.isInteger(max) && max >= 1 ? max : undefined;
}

/** Where the answer template places `${items}` (undefined: nowhere, '' : the answer itself). */
function itemsPointer(template: unknown, pointer = ''): string | undefined {
  if (typeof template === 'string') {
    const expression = wholeExpression(template);
    return expression?.kind === 'path' && expression.path === 'items' ? pointer : undefined;
  }
  if (template === null || typeof template !== 'object' || Array.isArray(template) || isDirective(template)) return undefined;
  for (const [key, value] of Object.entries(template)) {
    const found = itemsPointer(value, `${pointer}/${escapePointer(key)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

