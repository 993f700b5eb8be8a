import { NAME_MAPS } from './validate.ts';
import { mentionsKeyword } from '../schema/mentions-keyword.ts';

const NAMES = new Set([...NAME_MAPS, 'definitions']);
/** Keys whose values are documented data, never schemas. */
const DATA_KEYS = new Set(['example', 'examples']);
/** What ajv registers wherever it finds it in a document it is given, data included. */
const ID_KEYS = ['$id', '$anchor', '$dynamicAnchor'];
const ID_KEY_SET: ReadonlySet<string> = new Set(ID_KEYS);

/**
 * The document as the schema compiler should see it: ajv registers every `$id` (and anchor) anywhere in a
 * document it is given, the examples too, so two examples of a record that has an `$id` field (`{"$id":
 * "0123"}`) made it refuse the whole document ("resolves to more than one schema"). Examples that hold
 * such keys are left out of this view: validation never reads them. Objects are copied only along the way
 * to what is left out; a document with nothing to leave out comes back as itself.
 */
export function withoutIdsInData(value: unknown, parentKey?: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => withoutIdsInData(item));
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  const keysAreNames = parentKey !== undefined && NAMES.has(parentKey);
  let copy: Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(value)) {
    if (!keysAreNames && DATA_KEYS.has(key) && mentionsKeyword(child, ID_KEY_SET)) {
      copy ??= { ...value }; // a spread keeps an own `__proto__` key as a key
      delete copy[key];
      continue;
    }
    const next = withoutIdsInData(child, keysAreNames ? undefined : key);
    // defineProperty: an own key `__proto__` must stay a key, not become the copy's prototype.
    if (next !== child) Object.defineProperty(copy ??= { ...value }, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return copy ?? value;
}

