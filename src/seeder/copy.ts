/**
 * A shallow copy of a plain object for a seeded record, built from `{}` property by property.
 *
 * Seeded records are frozen when the store first takes them (mock/store-seed.ts). V8 moves a frozen object
 * to a frozen layout (map) and remembers that move on the layout it came from, so that objects of one shape
 * share one frozen layout. A spread copy (`{ ...object }`) gets a layout that cannot remember it: every
 * frozen spread copy got a layout of its own, some 200 bytes per object (660 bytes a record for
 * endgrate-sessions, whose recipes copy three nested objects). Same keys, order and values.
 */
export function shallowCopy<T extends object>(object: T): T {
  // `Object.assign` would set the prototype for an own `__proto__` key; a spread copies it as a key.
  if (Object.hasOwn(object, '__proto__')) return { ...object };
  return Object.assign({}, object);
}
