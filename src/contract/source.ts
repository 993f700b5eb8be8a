import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { unescapePointer } from '../shared/json-pointer.ts';
import { ContractError } from './errors.ts';
import { checkYamlDocument, MAX_ALIASED_NODES, MAX_DOCUMENT_CHARS, MAX_NESTING } from './yaml-checks.ts';

/** A parsed YAML file that can tell the line of any JSON pointer. */
export interface ContractSource {
  file: string;
  data: unknown;
  lineOf(pointer: string): number | undefined;
}

/** One syntax error makes the parser report every token after it: the first few are the ones to read. */
const MAX_YAML_ERRORS = 10;

/** Parses contract YAML (no file system: `load.ts` reads files). */
export function parseContractSource(file: string, text: string): ContractSource {
  if (text.length > MAX_DOCUMENT_CHARS) {
    throw new ContractError('YAML', file, [{ pointer: '', line: 1, message: `Invalid YAML: the file has ${text.length} characters, more than ${MAX_DOCUMENT_CHARS}. Split it with $ref.` }]);
  }
  const lineCounter = new LineCounter();
  // Duplicate keys are found by checkYamlDocument in linear time: the parser's check is quadratic.
  const document = parsedDocument(file, text, lineCounter);
  if (document.errors.length > 0) {
    const shown = document.errors.slice(0, MAX_YAML_ERRORS).map((error) => ({
      pointer: '',
      line: lineCounter.linePos(error.pos[0]).line,
      message: `Invalid YAML: ${error.code === 'MULTIPLE_DOCS' ? 'the file holds several YAML documents (separated by ---); a contract is one document' : isStackOverflow(error) ? TOO_DEEP : error.message.split('\n')[0]}`,
    }));
    const more = document.errors.length - shown.length;
    if (more > 0) shown.push({ pointer: '', line: shown.at(-1)!.line, message: `Invalid YAML: ${more} more errors, most of them following from the first (fix those first).` });
    throw new ContractError('YAML', file, shown);
  }
  const problems = checkYamlDocument(document, lineCounter);
  if (problems.length > 0) throw new ContractError('YAML', file, problems);
  const data = toData(document, file);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ContractError('STRUCTURE', file, [{ pointer: '', line: 1, message: 'The document must be a YAML mapping (an OpenAPI object).' }]);
  }
  const keys: KeyIndex = new WeakMap();
  const lineOf = (pointer: string): number | undefined => {
    const node = nodeAt(document.contents as Node | null, pointer, keys);
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { file, data, lineOf };
}

/**
 * A document the build parsed and checked (checked-documents.ts), from its JSON form: the YAML is parsed
 * only if a line is asked for (a warning or an error to place).
 */
export function parsedContractSource(file: string, text: string, json: string): ContractSource {
  let parsed: ContractSource | undefined;
  return { file, data: JSON.parse(json), lineOf: (pointer) => (parsed ??= parseContractSource(file, text)).lineOf(pointer) };
}

/**
 * The parser recurses once per level of nesting, block or flow: a few thousand levels overflow the stack
 * before checkYamlDocument can measure them (block nesting threw a bare RangeError out of the CLI).
 */
const TOO_DEEP = `the document nests too deeply to parse (more than ${MAX_NESTING} levels allowed). Flatten the document.`;

function parsedDocument(file: string, text: string, lineCounter: LineCounter): Document {
  try {
    return parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    throw new ContractError('YAML', file, [{ pointer: '', line: 1, message: `Invalid YAML: ${TOO_DEEP}` }]);
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError || /Maximum call stack size exceeded/.test((error as { message?: string })?.message ?? '');
}

function toData(document: Document, file: string): unknown {
  try {
    // checkYamlDocument bounds what aliases expand to; the parser's own alias guard stays as a backstop, at
    // the same bound: at its default (100) it refused documents that share one anchor in a few hundred places.
    return document.toJS({ maxAliasCount: MAX_ALIASED_NODES });
  } catch (error) {
    throw new ContractError('YAML', file, [{ pointer: '', line: 1, message: `Invalid YAML: ${(error as Error).message}.` }]);
  }
}

/**
 * Walks the YAML node tree along a JSON pointer, stopping at the deepest node that exists. Returns the
 * node whose line names the place: for a mapping entry its key (a block value starts on the next line).
 */
function nodeAt(root: Node | null, pointer: string, keys: KeyIndex): Node | null {
  let node = root;
  let place = root;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = unescapePointer(raw);
    let next: Node | null = null;
    let nextPlace: Node | null = null;
    if (isMap(node)) {
      const pair = pairsOf(node, keys).get(segment);
      next = (pair?.value as Node | undefined) ?? (pair?.key as Node | undefined) ?? null;
      nextPlace = (pair?.key as Node | undefined) ?? next;
    } else if (isSeq(node)) {
      next = (node.items[Number(segment)] as Node | undefined) ?? null;
      nextPlace = next;
    }
    if (!next) return place;
    node = next;
    place = nextPlace;
  }
  return place;
}

type KeyIndex = WeakMap<YAMLMap, Map<string, Pair>>;

/**
 * A mapping's entries by key text, made on the first look-up: a line asked for each of n operations would
 * otherwise scan all of `paths` each time. The first entry of a duplicated key wins, as a scan finds it.
 */
function pairsOf(map: YAMLMap, keys: KeyIndex): Map<string, Pair> {
  let pairs = keys.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const item of map.items) {
      const key = String((item.key as { value?: unknown })?.value ?? item.key);
      if (!pairs.has(key)) pairs.set(key, item);
    }
    keys.set(map, pairs);
  }
  return pairs;
}
