import { coveringBranches } from './covering-branch.ts';
import { objectConstraints } from './object-constraints.ts';

/**
 * A `oneOf` (without a discriminator) of which two branches or more require nothing of an object, or with
 * a catch-all branch that matches every object another branch matches (covering-branch.ts): the answers a
 * correct server gives (a user object for `oneOf: [Session, User]`, all fields optional) break "exactly
 * one", and a mock can hardly draw any valid one. Documents write `oneOf` for "one of these shapes" all the
 * time: such a node is read as `anyOf`, with a warning. Other `oneOf`s keep their meaning.
 * Returns why the branches overlap, or undefined.
 */
export function overlappingOneOf(schema: Record<string, unknown>, resolve: (ref: string) => unknown): string | undefined {
  if (!Array.isArray(schema.oneOf) || schema.discriminator !== undefined || schema.anyOf !== undefined) return undefined;
  const open = schema.oneOf.filter((branch) => requiresNothing(branch, resolve)).length;
  if (open >= 2) return `${open} of its branches require nothing of an object, so an object matches them all`;
  const covering = coveringBranches(schema.oneOf, resolve);
  return covering > 0 ? `${covering === 1 ? 'a branch matches' : `${covering} branches match`} every object another branch matches` : undefined;
}

/**
 * The `oneOf` read as `anyOf` (the caller first makes sure no `$ref` points inside the `oneOf`, which
 * renaming it would leave dangling). Returns the warning.
 */
export function readAsAnyOf(schema: Record<string, unknown>, overlap: string): string {
  schema.anyOf = schema.oneOf;
  delete schema.oneOf;
  return `oneOf: ${overlap}, and "exactly one" fails every such answer: read as anyOf.`;
}

/** An object schema (every level typed so, or with properties) that every empty object satisfies. */
function requiresNothing(schema: unknown, resolve: (ref: string) => unknown): boolean {
  const constraints = objectConstraints(schema, resolve);
  return constraints !== undefined && constraints.objectAtEveryLevel && constraints.required.size === 0 && !constraints.distinguishing;
}
