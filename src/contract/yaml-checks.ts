import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { ContractProblem } from './errors.ts';

/** Contracts are a few hundred KiB; far beyond this a file is a mistake or an attack. */
export const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;
export const MAX_ALIASES = 1000;
/** Nodes the aliases stand for once expanded: what an alias bomb ("billion laughs") multiplies. */
export const MAX_ALIASED_NODES = 100_000;
export const MAX_NESTING = 512;

/**
 * Problems the YAML parser leaves to us, each found in one linear pass: duplicate keys (the parser's own
 * `uniqueKeys` check compares every pair: 149 s for 100k keys), too many aliases, aliases that expand to
 * too much, nesting too deep. Each problem names its line.
 */
export function checkYamlDocument(document: Document, lines: LineCounter): ContractProblem[] {
  const lineOf = (node: unknown) => lines.linePos((node as Node | null)?.range?.[0] ?? 0).line;
  const problem = (node: unknown, message: string): ContractProblem[] => [{ pointer: '', line: lineOf(node), message: `Invalid YAML: ${message}` }];
  const sizes = new Map<unknown, number>();
  let aliases = 0;
  let aliased = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: document.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_NESTING) return problem(node, `nesting deeper than ${MAX_NESTING} levels. Flatten the document.`);
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) return problem(node, `more than ${MAX_ALIASES} aliases. Repeat the content or use $ref.`);
      const size = sizeOf(node.resolve(document), document, sizes, new Set());
      if (size === RECURSIVE) return problem(node, 'an alias inside its own anchor makes a cycle, which JSON cannot hold. Use $ref for a recursive schema.');
      aliased += size;
      if (aliased > MAX_ALIASED_NODES) return problem(node, `aliases expand to more than ${MAX_ALIASED_NODES} nodes (an alias bomb?). Use $ref instead.`);
    } else if (isMap(node)) {
      const seen = new Map<string, unknown>();
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (seen.has(key)) return problem(pair.key, `Map keys must be unique: ${JSON.stringify(key)} is also at line ${lineOf(seen.get(key))}.`);
        seen.set(key, pair.key);
      }
      // Children pushed last-first, so they are visited in document order and problems name the first offender.
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i].value, depth: depth + 1 });
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], depth: depth + 1 });
    }
  }
  return [];
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** What sizeOf gives for a node that contains an alias to itself or to a node around it. */
const RECURSIVE = -1;

/**
 * How many nodes a node stands for with its aliases expanded; memoised, so linear in the document.
 * RECURSIVE when an alias inside it points back to it or to a node around it (`x: &a {y: *a}`): the data
 * would be a cyclic object, which every later walk would follow forever.
 */
function sizeOf(node: unknown, document: Document, sizes: Map<unknown, number>, open: Set<unknown>): number {
  if (node === null || typeof node !== 'object') return 1;
  const known = sizes.get(node);
  if (known !== undefined) return known;
  if (open.has(node)) return RECURSIVE;
  open.add(node);
  let size = 1;
  const children = isAlias(node) ? [node.resolve(document)] : isMap(node) ? node.items.map((pair) => (isPair(pair) ? pair.value : pair)) : isSeq(node) ? node.items : [];
  for (const child of children) {
    const childSize = sizeOf(child, document, sizes, open);
    if (childSize === RECURSIVE) return RECURSIVE;
    size += childSize + (isMap(node) ? 1 : 0);
  }
  open.delete(node);
  // Saturate: past the limit the exact figure does not matter, and it must not overflow to Infinity.
  size = Math.min(size, MAX_ALIASED_NODES + 1);
  sizes.set(node, size);
  return size;
}
