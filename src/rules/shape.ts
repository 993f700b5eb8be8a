import { visitAllOf } from '../contract/schema-fields.ts';
import type { Data } from './values.ts';

/**
 * The shape an object value fits in a schema of several (a record that is `allOf [base, oneOf [oauth, m2m]]`,
 * an `oauth` branch that is itself `oneOf` first-party or not): the schema's `allOf` nodes, and in each
 * `oneOf`/`anyOf` met along them, however deep, the branch the value fits best. What the shape requires
 * and declares is what the value must hold to be valid there: a field required only in a nested branch
 * included. The stored rule asks it for records, the mock for nested objects it mends.
 */
export interface Shape {
  /** Required fields, the schema's own first, in the order written. */
  readonly required: readonly string[];
  /** Each declared field's schema: every declaration of it along the shape at once (`allOf` where several). */
  readonly schemas: Readonly<Record<string, object>>;
}

/** A schema node's `allOf` nodes, and the alternatives (`oneOf`/`anyOf`) they hold, each a tree of its own. */
interface Tree {
  readonly nodes: readonly Record<string, unknown>[];
  readonly choices: readonly (readonly Tree[])[];
}

/** One way through a tree: its nodes and the branch taken at each choice, named by `key` (for the cache). */
interface Path {
  readonly key: string;
  readonly nodes: readonly Record<string, unknown>[];
}

interface Scoring {
  readonly schemas: Readonly<Record<string, object>>;
  /** Every `enum` (a `const` as one value) the path puts on a field: a discriminator's narrowing included. */
  readonly enums: Readonly<Record<string, readonly (readonly unknown[])[]>>;
}

const MAX_DEPTH = 6;
const trees = new WeakMap<object, Tree>();
const shapes = new WeakMap<Tree, Map<string, Shape & Scoring>>();

export function shapeFor(schema: object, data: Data): Shape {
  const tree = treeOf(schema);
  return shapeOfPath(tree, bestPath(tree, data, 0));
}

function treeOf(schema: object): Tree {
  let tree = trees.get(schema);
  if (!tree) {
    tree = buildTree(schema, 0);
    trees.set(schema, tree);
  }
  return tree;
}

function buildTree(schema: unknown, depth: number): Tree {
  const nodes: Record<string, unknown>[] = [];
  const choices: Tree[][] = [];
  visitAllOf(schema, (node) => {
    nodes.push(node);
    if (depth >= MAX_DEPTH) return;
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const branches = node[keyword];
      if (Array.isArray(branches) && branches.length > 0) choices.push(branches.map((branch) => buildTree(branch, depth + 1)));
    }
  });
  return { nodes, choices };
}

/**
 * The nodes of the tree and, at each choice, of the branch whose own best path the data fits best (the
 * first on a tie): the fewest values one of its enums leaves out (another kind's discriminator value, a
 * `const` the data contradicts), then the most of its fields, values in its enums counting double.
 */
function bestPath(tree: Tree, data: Data, depth: number, scoring = 0): Path {
  const nodes = [...tree.nodes];
  const taken: string[] = [];
  for (const branches of tree.choices) {
    let best: Path | undefined;
    let bestIndex = 0;
    let bestFit: Fit | undefined;
    branches.forEach((branch, index) => {
      const path = bestPath(branch, data, depth + 1, scoring);
      const fit = fitOf(shapeOfPath(branch, path), data, scoring);
      if (!bestFit || fit.excluded < bestFit.excluded || (fit.excluded === bestFit.excluded && fit.matched > bestFit.matched)) [best, bestIndex, bestFit] = [path, index, fit];
    });
    nodes.push(...best!.nodes);
    taken.push(`${bestIndex}(${best!.key})`);
  }
  return { key: taken.join(','), nodes };
}

interface Fit {
  /** Values of the data one of the shape's enums leaves out. */
  readonly excluded: number;
  /** Fields of the data the shape declares, two for a value its enums hold. */
  readonly matched: number;
}

/**
 * An object field is scored by its own fields too, a level or two down: kinds told apart by a nested enum
 * (`configuration: {type: external_data}` in one branch, `{type: recent_value}` in another) are not a tie.
 */
const NESTED_SCORING_DEPTH = 2;

function fitOf(shape: Scoring, data: Data, depth = 0): Fit {
  let excluded = 0;
  let matched = 0;
  for (const [field, value] of Object.entries(data)) {
    // hasOwn: a field named `constructor` is no property of the shape.
    if (!Object.hasOwn(shape.schemas, field)) continue;
    const enums = Object.hasOwn(shape.enums, field) ? shape.enums[field] : [];
    if (enums.length === 0) matched += 1;
    else if (enums.every((values) => values.includes(value))) matched += 2;
    else excluded += 1;
    if (depth < NESTED_SCORING_DEPTH && isPlainObject(value)) {
      const tree = treeOf(shape.schemas[field]);
      const nested = fitOf(shapeOfPath(tree, bestPath(tree, value, 0, depth + 1)), value, depth + 1);
      excluded += nested.excluded;
      matched += nested.matched;
    }
  }
  return { excluded, matched };
}

function isPlainObject(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shapeOfPath(tree: Tree, path: Path): Shape & Scoring {
  let known = shapes.get(tree);
  if (!known) shapes.set(tree, (known = new Map()));
  let shape = known.get(path.key);
  if (!shape) {
    shape = shapeOfNodes(path.nodes);
    known.set(path.key, shape);
  }
  return shape;
}

function shapeOfNodes(nodes: readonly Record<string, unknown>[]): Shape & Scoring {
  const required = new Set<string>();
  // Maps: a field named `__proto__` is a field here.
  const declared = new Map<string, object[]>();
  const enums = new Map<string, unknown[][]>();
  for (const node of nodes) {
    for (const name of Array.isArray(node.required) ? node.required : []) required.add(String(name));
    for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
      if (property === null || typeof property !== 'object') continue;
      declared.set(name, [...(declared.get(name) ?? []), property]);
      const values = enumOf(property as Record<string, unknown>);
      if (values) enums.set(name, [...(enums.get(name) ?? []), values]);
    }
  }
  const schemas = Object.fromEntries([...declared].map(([name, all]) => [name, all.length === 1 ? all[0] : { allOf: all }]));
  return { required: [...required], schemas, enums: Object.fromEntries(enums) };
}

function enumOf(property: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(property.enum)) return property.enum;
  return Object.hasOwn(property, 'const') ? [property.const] : undefined;
}
