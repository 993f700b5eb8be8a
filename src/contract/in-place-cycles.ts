/**
 * Schemas that apply themselves again to the same value, through `allOf`/`anyOf`/`oneOf`/`not`/`if`... and
 * `$ref`s, with no `properties` or `items` between: validating any value would recurse until the stack
 * overflows. The common real-world shape is a parent listing its children in a (discriminated) `oneOf`
 * while each child extends the parent by `allOf` (`Pet: {oneOf: [Dog]}`, `Dog: {allOf: [Pet, {...}]}`),
 * which means "a Dog is a Pet's own fields plus its own". Each such cycle is cut, in place, with a warning:
 * a child's reference to a parent with branches reads the parent without its branches; any other
 * reference that closes a cycle is read as allowing any value, as a dangling one is. A cycle made of
 * `$ref`s alone (`A: {$ref: B}`, `B: {$ref: A}`) is left to the compiler, which refuses it.
 */

type Schema = Record<string, unknown>;

export interface CycleContext {
  /** The node a `$ref` object leads to (undefined: not a followed reference). */
  targetOf(ref: Schema): { node: unknown; file: string; pointer: string } | undefined;
  /** How a warning names a reference's target (`#/components/schemas/Pet`). */
  nameOf(target: { file: string; pointer: string }): string;
  /** Forgets that a node was a reference (it no longer is). */
  unlink(ref: Schema): void;
  warn(ref: Schema, message: string): void;
}

const LISTS = ['allOf', 'anyOf', 'oneOf'];
const ONE = ['not', 'if', 'then', 'else'];
const BRANCHES = ['oneOf', 'anyOf', 'discriminator'];
/** Cuts per document: each cut removes a cycle, so this only bounds a hostile document's work. */
const MAX_CUTS = 1000;

export function cutInPlaceCycles(roots: readonly unknown[], context: CycleContext): void {
  for (let cuts = 0; cuts < MAX_CUTS; cuts++) {
    const cycle = findCycle(roots, context);
    if (cycle === undefined) return;
    cut(cycle, context);
  }
}

const isSchema = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);

function inPlaceChildren(schema: Schema, context: CycleContext): { child: Schema; viaRef: boolean }[] {
  const children: { child: Schema; viaRef: boolean }[] = [];
  const target = typeof schema.$ref === 'string' ? context.targetOf(schema) : undefined;
  if (target && isSchema(target.node)) children.push({ child: target.node, viaRef: true });
  for (const key of LISTS) if (Array.isArray(schema[key])) for (const item of schema[key] as unknown[]) if (isSchema(item)) children.push({ child: item, viaRef: false });
  for (const key of ONE) if (isSchema(schema[key])) children.push({ child: schema[key] as Schema, viaRef: false });
  if (isSchema(schema.dependentSchemas)) for (const item of Object.values(schema.dependentSchemas)) if (isSchema(item)) children.push({ child: item, viaRef: false });
  return children;
}

/** The `$ref` objects of the first cycle met (in path order), when it has an edge other than a `$ref`. */
function findCycle(roots: readonly unknown[], context: CycleContext): Schema[] | undefined {
  const done = new WeakSet<Schema>();
  for (const root of roots) {
    if (!isSchema(root) || done.has(root)) continue;
    const path: { node: Schema; viaRef: boolean; children: { child: Schema; viaRef: boolean }[]; next: number }[] = [];
    const onPath = new Map<Schema, number>();
    const enter = (node: Schema, viaRef: boolean) => {
      onPath.set(node, path.length);
      path.push({ node, viaRef, children: inPlaceChildren(node, context), next: 0 });
    };
    enter(root, false);
    while (path.length > 0) {
      const top = path[path.length - 1];
      if (top.next >= top.children.length) {
        path.pop();
        onPath.delete(top.node);
        done.add(top.node);
        continue;
      }
      const { child, viaRef } = top.children[top.next++];
      const at = onPath.get(child);
      if (at !== undefined) {
        // Each node of the cycle with whether it leaves for the next one by its `$ref`.
        const leavesByRef = [...path.slice(at + 1).map((entry) => entry.viaRef), viaRef];
        // $refs alone are the compiler's to refuse; without any (an object that holds itself) there is no reference to cut.
        if (leavesByRef.every(Boolean) || !leavesByRef.some(Boolean)) continue;
        return path.slice(at).filter((_, index) => leavesByRef[index]).map((entry) => entry.node);
      }
      if (!done.has(child)) enter(child, viaRef);
    }
  }
  return undefined;
}

/** Cuts at a reference to a schema with branches (read without them), else at the cycle's last reference. */
function cut(refs: readonly Schema[], context: CycleContext): void {
  const toParent = refs.find((ref) => {
    const target = context.targetOf(ref)?.node;
    return isSchema(target) && BRANCHES.some((key) => key in target);
  });
  const ref = toParent ?? refs[refs.length - 1];
  const target = context.targetOf(ref)!;
  delete ref.$ref;
  context.unlink(ref);
  if (toParent) {
    const base = Object.fromEntries(Object.entries(target.node as Schema).filter(([key]) => !BRANCHES.includes(key)));
    ref.allOf = [base, ...(Array.isArray(ref.allOf) ? ref.allOf : [])];
    context.warn(ref, `"${context.nameOf(target)}" comes back here through its oneOf/anyOf branches: read here without them (validating any value would never end).`);
  } else {
    context.warn(ref, `"${context.nameOf(target)}" applies itself again to the same value (validating any value would never end): read here as allowing any value.`);
  }
}
