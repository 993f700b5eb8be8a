/**
 * Mutations of a JSON value that its documented schema must reject: the mutation proxy only breaks a body in
 * a way the document states (a required field, a type, `additionalProperties: false`), so a run that does not
 * catch it has missed a rule the document gives.
 */
export type BodyMutation = 'missing' | 'wrongType' | 'extra';

/** The most candidate positions looked at per body: lists of thousands of items need not be walked whole. */
const MAX_POSITIONS = 60;
const MAX_DEPTH = 4;

type Path = readonly (string | number)[];

/** The first mutation of `value` that `rejects` says breaks the schema, or undefined when none does. */
export function mutateAgainst(value: unknown, kind: BodyMutation, rejects: (candidate: unknown) => boolean): unknown {
  for (const path of positions(value)) {
    for (const candidate of candidatesAt(value, path, kind)) if (rejects(candidate)) return candidate;
  }
  return undefined;
}

/** Object and value positions breadth first (shallow fields before nested ones), at most MAX_POSITIONS. */
function positions(root: unknown): Path[] {
  const found: Path[] = [];
  const queue: Path[] = [[]];
  while (queue.length > 0 && found.length < MAX_POSITIONS) {
    const path = queue.shift()!;
    found.push(path);
    if (path.length >= MAX_DEPTH) continue;
    const value = at(root, path);
    if (Array.isArray(value)) value.slice(0, 2).forEach((_item, index) => queue.push([...path, index]));
    else if (isObject(value)) for (const key of Object.keys(value)) queue.push([...path, key]);
  }
  return found;
}

function candidatesAt(root: unknown, path: Path, kind: BodyMutation): unknown[] {
  const value = at(root, path);
  if (kind === 'missing') {
    if (!isObject(value)) return [];
    return Object.keys(value).map((key) => replaceAt(root, path, Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))));
  }
  if (kind === 'extra') return isObject(value) ? [replaceAt(root, path, { ...value, harnessUnexpectedField: 'extra' })] : [];
  if (path.length === 0) return [];
  return otherTypes(value).map((other) => replaceAt(root, path, other));
}

/** Values of other JSON types than `value`'s. */
function otherTypes(value: unknown): unknown[] {
  if (typeof value === 'string') return [12345, true];
  if (typeof value === 'number') return ['not-a-number'];
  if (typeof value === 'boolean') return ['not-a-boolean'];
  if (Array.isArray(value)) return ['not-an-array'];
  if (isObject(value)) return ['not-an-object'];
  return [];
}

function at(root: unknown, path: Path): unknown {
  let value = root;
  for (const step of path) value = (value as Record<string | number, unknown>)[step];
  return value;
}

function replaceAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((item, index) => (index === head ? replaceAt(item, rest, replacement) : item));
  return { ...(root as object), [head]: replaceAt((root as Record<string, unknown>)[head as string], rest, replacement) };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object in `value` (depth first) that has `field`, with the field's value. */
export function* objectsWithField(value: unknown, field: string, depth = 0): Generator<{ owner: Record<string, unknown>; value: unknown }> {
  if (depth > 6) return;
  if (Array.isArray(value)) for (const item of value) yield* objectsWithField(item, field, depth + 1);
  else if (isObject(value)) {
    if (field in value) yield { owner: value, value: value[field] };
    for (const child of Object.values(value)) yield* objectsWithField(child, field, depth + 1);
  }
}

/** `value` with every array item that `drop` picks removed, at any depth. */
export function withoutItems(value: unknown, drop: (item: unknown) => boolean): unknown {
  if (Array.isArray(value)) return value.filter((item) => !drop(item)).map((item) => withoutItems(item, drop));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withoutItems(child, drop)]));
  return value;
}
