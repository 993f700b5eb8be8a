/**
 * Whether one of `keywords` appears as a key anywhere in a schema or document (as a keyword or as a property
 * name alike: callers use it to stay on the safe side). Iterative, and each shared node is visited once.
 */
export function mentionsKeyword(root: unknown, keywords: ReadonlySet<string>): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node) && Object.keys(node).some((key) => keywords.has(key))) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') pending.push(child);
  }
  return false;
}
