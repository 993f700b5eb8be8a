import { unescapePointer } from '../shared/json-pointer.ts';

/**
 * The node a reference names among a contract's documents: `<document id>#<pointer>` (the form the loader
 * rewrites every `$ref` to), or `#<pointer>` from `root`. Undefined where the path leads nowhere.
 */
export function documentNode(reference: string, byId: ReadonlyMap<string, unknown>, root?: unknown): unknown {
  const hash = reference.indexOf('#');
  const base = hash <= 0 ? undefined : reference.slice(0, hash);
  let node: unknown = base === undefined ? root : byId.get(base);
  for (const raw of reference.slice(hash + 1).split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    let segment = raw;
    try { segment = decodeURIComponent(raw); } catch { /* as written */ }
    node = (node as Record<string, unknown>)[unescapePointer(segment)];
  }
  return node;
}
