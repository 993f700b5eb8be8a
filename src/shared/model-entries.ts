/**
 * `Object.entries` of a part of the contract model (a resource's generated fields, transient fields,
 * defaults), listed once: the model never changes after it is built, and every create walks these lists.
 */
const listed = new WeakMap<object, readonly (readonly [string, unknown])[]>();

export function modelEntries<T>(part: Readonly<Record<string, T>>): readonly (readonly [string, T])[] {
  let entries = listed.get(part);
  if (!entries) {
    entries = Object.entries(part);
    listed.set(part, entries);
  }
  return entries as readonly (readonly [string, T])[];
}
