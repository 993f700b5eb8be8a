import type { ContractProblem } from './errors.ts';
import type { NormalizedSet } from './normalize.ts';

export interface InlinedDocument {
  /** The root document with every `$ref` replaced by its target (shared, not copied per use). */
  readonly document: Record<string, unknown>;
  /** Every schema object of `document` -> the id ajv compiles it by: the schema compiler's way back. */
  readonly origins: WeakMap<object, string>;
  readonly problems: ContractProblem[];
}

/**
 * The root document as later phases read it: Reference Objects and schema `$ref`s replaced by their
 * targets. A target is inlined once and shared by every use, so the work is linear in the document's size.
 * A recursive schema keeps a `{ $ref }` node where it comes back to itself (ajv compiles it as a reference;
 * walkers such as the sampler stop there); a recursive Reference Object outside schemas is a problem.
 */
export function inlineDocument(normalized: NormalizedSet): InlinedDocument {
  const { targets, schemaIds, set } = normalized;
  const origins = new WeakMap<object, string>();
  const problems: ContractProblem[] = [];
  const done = new Map<object, unknown>();
  const active = new Set<object>();

  const copy = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const cached = done.get(value);
    if (cached !== undefined) return cached;
    const target = targets.get(value);
    if (target) return inlineRef(value as Record<string, unknown>, target);
    let result: unknown;
    if (Array.isArray(value)) {
      result = value.map(copy);
    } else {
      const object: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) object[key] = copy(child);
      const id = schemaIds.get(value);
      if (id !== undefined) origins.set(object, id);
      result = object;
    }
    done.set(value, result);
    return result;
  };

  const inlineRef = (node: Record<string, unknown>, target: NonNullable<ReturnType<typeof targets.get>>): unknown => {
    const isSchema = schemaIds.has(node);
    const targetNode = target.node as object;
    if (targetNode === null || typeof targetNode !== 'object') return targetNode;
    if (active.has(targetNode)) {
      if (isSchema) {
        const cut = { $ref: target.id };
        origins.set(cut, target.id);
        return cut;
      }
      const source = set.files.get(target.file);
      problems.push({ pointer: target.pointer, line: source?.lineOf(target.pointer), message: `Recursive reference to ${target.pointer} outside a schema.` });
      return {};
    }
    active.add(targetNode);
    const inlined = copy(targetNode);
    active.delete(targetNode);
    const siblings = isSchema ? Object.keys(node).filter((key) => key !== '$ref') : [];
    if (siblings.length === 0 || inlined === null || typeof inlined !== 'object' || Array.isArray(inlined)) {
      done.set(node, inlined);
      return inlined;
    }
    // A 3.1 `$ref` with sibling keywords: both apply. Walkers see the target's keywords under the
    // siblings'; ajv compiles the node itself.
    const merged: Record<string, unknown> = { ...(inlined as Record<string, unknown>) };
    for (const key of siblings) merged[key] = copy(node[key]);
    origins.set(merged, schemaIds.get(node)!);
    done.set(node, merged);
    return merged;
  };

  let document: Record<string, unknown>;
  try {
    document = copy(set.root.data) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    problems.push({ pointer: '', line: 1, message: 'The document is nested too deeply to be read.' });
    document = {};
  }
  return { document, origins, problems };
}
