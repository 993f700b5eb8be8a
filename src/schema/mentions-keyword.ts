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

/** Keywords whose result depends on which subschemas were evaluated where: copies that move schemas leave them be. */
export const UNEVALUATED: ReadonlySet<string> = new Set(['unevaluatedProperties', 'unevaluatedItems']);
const unevaluatedIn = new WeakMap<readonly { readonly data: unknown }[], boolean>();

/** Whether any of the documents uses `unevaluatedProperties`/`unevaluatedItems`; worked out once per list. */
export function documentsMentionUnevaluated(documents: readonly { readonly data: unknown }[]): boolean {
  let mentions = unevaluatedIn.get(documents);
  if (mentions === undefined) {
    mentions = documents.some((document) => mentionsKeyword(document.data, UNEVALUATED));
    unevaluatedIn.set(documents, mentions);
  }
  return mentions;
}
