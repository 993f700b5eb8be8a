import { childrenOf, copyJson } from './json-copy.ts';

/** Limits of a body kept in an event: a report stays small whatever a target answers. */
export const RECORDED_LIMITS = { depth: 32, items: 100, stringChars: 4096, nodes: 5000 } as const;

/**
 * A copy of a body cut by depth, by items per container, by string length and by node count, each cut
 * leaving a visible marker. Iterative, so any depth is safe.
 *
 * @example
 * boundBody({ a: { b: 1 } }, { ...RECORDED_LIMITS, depth: 1 }); // { a: '[cut: nested deeper than 1 levels]' }
 */
export function boundBody(body: unknown, limits: typeof RECORDED_LIMITS = RECORDED_LIMITS): unknown {
  let nodes = 0;
  return copyJson(body, (value, depth) => {
    nodes++;
    if (typeof value === 'string') {
      return { leaf: value.length > limits.stringChars ? `${value.slice(0, limits.stringChars)}... [cut: ${value.length} characters in all]` : value };
    }
    if (value === null || typeof value !== 'object') return { leaf: value };
    if (depth >= limits.depth) return { leaf: `[cut: nested deeper than ${limits.depth} levels]` };
    if (nodes > limits.nodes) return { leaf: `[cut: more than ${limits.nodes} values]` };
    const children = childrenOf(value);
    if (children.length <= limits.items) return { array: Array.isArray(value), children };
    const marker = `[cut: ${children.length - limits.items} more of ${children.length}]`;
    const kept: [string | number, unknown][] = children.slice(0, limits.items);
    kept.push(Array.isArray(value) ? [limits.items, marker] : ['[cut]', marker]);
    return { array: Array.isArray(value), children: kept };
  });
}
