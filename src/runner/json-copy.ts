/** What to do with one value while copying: keep a leaf, or copy a container with these children. */
export type CopyStep =
  | { readonly leaf: unknown }
  | { readonly array: boolean; readonly children: readonly (readonly [string | number, unknown])[] };

/**
 * Copies a JSON value without recursion (a hostile 10,000-level answer must not overflow the stack),
 * letting `step` cut, replace or rename as it goes. Children keep their order.
 *
 * @example
 * copyJson({ a: [1] }, (v) => (Array.isArray(v) ? { array: true, children: v.map((x, i) => [i, x]) } : { leaf: v }));
 */
export function copyJson(root: unknown, step: (value: unknown, depth: number) => CopyStep): unknown {
  const holder: Record<string, unknown> = {};
  const stack: [unknown, Record<string | number, unknown>, string | number, number][] = [[root, holder, 'root', 0]];
  while (stack.length > 0) {
    const [value, parent, slot, depth] = stack.pop()!;
    const next = step(value, depth);
    if ('leaf' in next) {
      assign(parent, slot, next.leaf);
      continue;
    }
    const container: Record<string | number, unknown> = next.array ? [] as unknown as Record<number, unknown> : {};
    assign(parent, slot, container);
    // Slots are created in order first, so filling them last-first keeps key order.
    for (const [key] of next.children) assign(container, key, undefined);
    for (let i = next.children.length - 1; i >= 0; i--) stack.push([next.children[i][1], container, next.children[i][0], depth + 1]);
  }
  return holder.root;
}

/** `__proto__` parsed from JSON is an own key: plain assignment would set the prototype instead. */
function assign(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The children of an object or array as `[key, value]` pairs. */
export function childrenOf(value: object): [string | number, unknown][] {
  return Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
}
