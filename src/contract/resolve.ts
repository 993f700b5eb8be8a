import { ContractError, joinPointer, type ContractProblem } from './errors.ts';

/**
 * Replaces every local `$ref` with the object it points to. Targets are shared, not copied, so one
 * schema compiles once however often it is referenced. Recursive references are reported: the
 * model needs finite schemas to generate data from.
 */
export function resolveRefs(file: string, document: Record<string, unknown>, lineOf: (p: string) => number | undefined): Record<string, unknown> {
  const problems: ContractProblem[] = [];
  const resolved = new Map<string, unknown>();

  const lookup = (ref: string, at: string, stack: string[]): unknown => {
    if (!ref.startsWith('#/')) {
      problems.push({ pointer: at, line: lineOf(at), message: `Only local references ("#/...") are supported, found "${ref}".` });
      return {};
    }
    const target = ref.slice(1);
    if (stack.includes(target)) {
      problems.push({ pointer: at, line: lineOf(at), message: `Recursive reference "${ref}" is not supported.` });
      return {};
    }
    if (resolved.has(target)) return resolved.get(target);
    let value: unknown = document;
    for (const raw of target.split('/').slice(1)) {
      const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
    }
    if (value === undefined) {
      problems.push({ pointer: at, line: lineOf(at), message: `Dangling reference: "${ref}" points to nothing.` });
      return {};
    }
    return walk(value, target, [...stack, target]);
  };

  const walk = (value: unknown, pointer: string, stack: string[]): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => walk(item, joinPointer(pointer, i), stack));
    if (value === null || typeof value !== 'object') return value;
    if (resolved.has(pointer)) return resolved.get(pointer);
    const object = value as Record<string, unknown>;
    if (typeof object.$ref === 'string') {
      const target = lookup(object.$ref, joinPointer(pointer, '$ref'), stack);
      const siblings = Object.keys(object).filter((key) => key !== '$ref');
      if (siblings.length === 0) return target;
      // A $ref with siblings (allowed in 3.1 schemas): keep both through allOf.
      const rest = Object.fromEntries(siblings.map((key) => [key, walk(object[key], joinPointer(pointer, key), stack)]));
      return isSchemaLike(target) ? { allOf: [target], ...rest } : { ...(target as object), ...rest };
    }
    const result = Object.fromEntries(Object.entries(object).map(([key, child]) => [key, walk(child, joinPointer(pointer, key), stack)]));
    resolved.set(pointer, result);
    return result;
  };

  const result = walk(document, '', []) as Record<string, unknown>;
  if (problems.length > 0) throw new ContractError('REF', file, problems);
  return result;
}

function isSchemaLike(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  return ['type', 'properties', 'oneOf', 'anyOf', 'allOf', 'enum', 'const', 'items'].some((key) => key in (value as object));
}
