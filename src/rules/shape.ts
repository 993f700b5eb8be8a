import { visitAllOf } from '../contract/schema-fields.ts';
import type { Data } from './values.ts';
import { isPlainObject } from '../shared/plain-object.ts';
import { allowedValues } from '../schema/allowed-values.ts';

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
  return shapeOfPath(tree, bestPath(tree, data, 0, new Map()));
}

/**
 * Whether two values take the same branch at every `oneOf`/`anyOf` of the schema: an update merged over a
 * stored object stays a merge only within the branch the written object names (RFC 7396 within a shape).
 */
export function sameShape(schema: object, one: Data, other: Data): boolean {
  const tree = treeOf(schema);
  return tree.choices.length === 0 || bestPath(tree, one, 0, new Map()).key === bestPath(tree, other, 0, new Map()).key;
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
function bestPath(tree: Tree, data: Data, level: number, memo: Memo): Path {
  const nodes = [...tree.nodes];
  const taken: string[] = [];
  for (const branches of tree.choices) {
    let best: Path | undefined;
    let bestIndex = 0;
    let bestFit: Fit | undefined;
    branches.forEach((branch, index) => {
      const path = bestPath(branch, data, level, memo);
      const fit = fitOf(shapeOfPath(branch, path), data, level, memo);
      if (!bestFit || fit.excluded < bestFit.excluded || (fit.excluded === bestFit.excluded && fit.matched > bestFit.matched)) [best, bestIndex, bestFit] = [path, index, fit];
    });
    nodes.push(...best!.nodes);
    taken.push(`${bestIndex}(${best!.key})`);
  }
  return { key: taken.join(','), nodes };
}

/** Fits of nested values already scored in one choice of shape, by the field schema's tree and the value. */
type Memo = Map<Tree, Map<Data, Fit>>;

interface Fit {
  /** Values of the data one of the shape's enums leaves out. */
  readonly excluded: number;
  /** Fields of the data the shape declares, two for a value its enums hold. */
  readonly matched: number;
}

/**
 * How well data fits a shape. An object field's own fields count too, in the shape its value fits in the
 * field's schema: a branch whose `configuration.type` is `recent_value` leaves out `{type: external_data}`.
 */
function fitOf(shape: Scoring, data: Data, level: number, memo: Memo): Fit {
  let excluded = 0;
  let matched = 0;
  for (const [field, value] of Object.entries(data)) {
    // hasOwn: a field named `constructor` is no property of the shape.
    if (!Object.hasOwn(shape.schemas, field)) continue;
    const enums = Object.hasOwn(shape.enums, field) ? shape.enums[field] : [];
    if (enums.length === 0) matched += 1;
    else if (enums.every((values) => values.includes(value))) matched += 2;
    else excluded += 1;
    if (isPlainObject(value) && level < MAX_DEPTH) {
      const nested = nestedFit(shape.schemas[field], value, level + 1, memo);
      excluded += nested.excluded;
      matched += nested.matched;
    }
  }
  return { excluded, matched };
}

/**
 * How well an object field's value fits the field's schema, worked out once per schema and value in one
 * choice of shape: branches sharing a field's schema (a common base) ask for it again, and a document
 * nesting choices in every branch would otherwise cost their product.
 */
function nestedFit(schema: object, data: Data, level: number, memo: Memo): Fit {
  const tree = treeOf(schema);
  let known = memo.get(tree);
  if (!known) memo.set(tree, (known = new Map()));
  let fit = known.get(data);
  if (!fit) {
    fit = fitOf(shapeOfPath(tree, bestPath(tree, data, level, memo)), data, level, memo);
    known.set(data, fit);
  }
  return fit;
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
      const values = allowedValues(property as Record<string, unknown>);
      if (values) enums.set(name, [...(enums.get(name) ?? []), values]);
    }
  }
  const schemas = Object.fromEntries([...declared].map(([name, all]) => [name, all.length === 1 ? all[0] : { allOf: all }]));
  return { required: [...required], schemas, enums: Object.fromEntries(enums) };
}
