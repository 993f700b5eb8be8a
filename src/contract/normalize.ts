import { mendSchemaQuirks } from './schema-quirks.ts';
import { narrowDiscriminatedBranches } from './discriminator.ts';
import { overlappingOneOf, readAsAnyOf } from './overlapping-one-of.ts';
import { cutInPlaceCycles } from './in-place-cycles.ts';
import { openClosedAllOfParts } from './closed-all-of.ts';
import { documentIds, isRemoteRef, resolveFile, splitRef, type DocumentSet } from './documents.ts';
import { joinPointer, unescapePointer, type ContractProblem } from './errors.ts';
import { isPlainObject } from '../shared/plain-object.ts';

export type OpenApiVersion = '3.0' | '3.1';

/** Where a `$ref` leads: the file, the JSON pointer in it, the node, and the id ajv knows it by. */
export interface RefTarget {
  readonly file: string;
  readonly pointer: string;
  readonly node: unknown;
  /** `https://harness.invalid/d0.json#/components/schemas/Pet` */
  readonly id: string;
}

/** A document set brought to one internal form, with what later phases need to know about it. */
export interface NormalizedSet {
  readonly set: DocumentSet;
  readonly version: OpenApiVersion;
  /** The ajv id of each file. */
  readonly ids: ReadonlyMap<string, string>;
  /** Every `$ref` node (OpenAPI Reference Objects and schema `$ref`s) -> its target. */
  readonly targets: WeakMap<object, RefTarget>;
  /** Every schema node -> the id ajv compiles it by (`<doc id>#<pointer>`). */
  readonly schemaIds: WeakMap<object, string>;
  /** `x-` keys that appear inside schemas: registered with ajv as annotations. */
  readonly extensionKeywords: ReadonlySet<string>;
  /** Formats used by schemas, each with the first place that uses it. */
  readonly formats: ReadonlyMap<string, { file: string; pointer: string }>;
  /** Schemas as the document places them (not inside other schemas): what meta-validation starts from. */
  readonly roots: readonly { readonly file: string; readonly pointer: string; readonly node: unknown }[];
  readonly problems: ContractProblem[];
  readonly warnings: ContractProblem[];
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_ONE = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedItems', 'unevaluatedProperties', 'additionalItems', 'contentSchema']);
/** JSON Schema keywords a file's top level may use as a schema (a `$ref`'d schema file). */
const SCHEMA_KEYWORDS = new Set(['$id', '$schema', '$defs', 'definitions', 'type', 'properties', 'required', 'items', 'allOf', 'anyOf', 'oneOf', 'not',
  'enum', 'const', 'additionalProperties', 'patternProperties', 'description', 'title', 'default', 'examples', 'format', 'pattern', 'minimum', 'maximum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', '$ref', 'if', 'then', 'else', 'nullable', 'readOnly', 'writeOnly', 'deprecated',
  'example', 'discriminator', 'xml', 'externalDocs', '$comment', '$anchor', '$dynamicAnchor', '$dynamicRef', 'prefixItems', 'contains', 'multipleOf',
  'exclusiveMinimum', 'exclusiveMaximum', 'minProperties', 'maxProperties', 'dependentRequired', 'dependentSchemas', 'propertyNames',
  'unevaluatedItems', 'unevaluatedProperties', 'contentEncoding', 'contentMediaType', 'contentSchema', '$vocabulary']);
/** Values that are data, not structure: never walked for `$ref`s. */
const DATA_KEYS = new Set(['example', 'value', 'default', 'enum', 'const']);

/**
 * Walks every document of a set from the root, following `$ref`s into other files, and, in place:
 * rewrites every schema `$ref` to the absolute id ajv resolves (`<doc id>#<pointer>`), brings OpenAPI 3.0
 * schemas to the JSON Schema 2020-12 form (`nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum`,
 * `$ref` siblings dropped as 3.0 says), and `nullable` in 3.1 documents too (a common leftover). Dangling
 * references are problems (in a schema, warnings: the schema allows any value); nothing is thrown.
 */
export function normalizeDocuments(set: DocumentSet, version: OpenApiVersion): NormalizedSet {
  const fileIds = documentIds(set.files.size);
  const ids = new Map([...set.files.keys()].map((file, index) => [file, fileIds[index]]));
  const fileOfId = new Map([...ids].map(([file, id]) => [id, file]));
  const targets = new WeakMap<object, RefTarget>();
  const schemaIds = new WeakMap<object, string>();
  const extensionKeywords = new Set<string>();
  const formats = new Map<string, { file: string; pointer: string }>();
  const problems: ContractProblem[] = [];
  const warnings: ContractProblem[] = [];
  const visited = new WeakSet<object>();
  const recursiveAnchors: { file: string; pointer: string }[] = [];
  const places = new WeakMap<object, { file: string; pointer: string }>();
  const roots: { file: string; pointer: string; node: unknown }[] = [];
  const rooted = new WeakSet<object>();
  const composed: Record<string, unknown>[] = [];
  const walkRoot = (node: unknown, file: string, pointer: string) => {
    if (node !== null && typeof node === 'object' && !rooted.has(node)) {
      rooted.add(node);
      roots.push({ file, pointer, node });
    }
    walkSchema(node, file, pointer);
  };

  const problemAt = (list: ContractProblem[], file: string, pointer: string, message: string) => {
    const source = set.files.get(file);
    list.push({ pointer, message, line: source?.lineOf(pointer), ...(file === set.root.file ? {} : { file }) });
  };

  /** Every place a `$ref` points to (`file#pointer`), and the `oneOf`s that overlap (overlapping-one-of.ts). */
  const referenced = new Set<string>();
  const overlapping: { object: Record<string, unknown>; file: string; pointer: string; overlap: string }[] = [];

  /** Where a local or relative reference leads; undefined for a remote one (never fetched). */
  const locate = (ref: string, file: string): { file: string; pointer: string; node: unknown } | undefined => {
    const { file: named, pointer } = splitRef(ref);
    // A reference walked already names its file by id.
    const byId = named === undefined ? undefined : fileOfId.get(named);
    if (byId === undefined && named !== undefined && isRemoteRef(named)) return undefined;
    const targetFile = byId ?? (named === undefined ? file : resolveFile(file, named));
    const source = set.files.get(targetFile);
    return { file: targetFile, pointer, node: source === undefined ? undefined : nodeAtPointer(source.data, pointer) };
  };

  /** A reference's target as it stands, without a word about where it leads (follow warns). */
  const peek = (ref: string, file: string): unknown => locate(ref, file)?.node;

  /** In a schema, a reference to nothing is read as any value, with a warning (a generator's leftover). */
  const follow = (ref: string, file: string, at: string, inSchema = false): RefTarget | undefined => {
    const found = locate(ref, file);
    if (found === undefined) {
      problemAt(warnings, file, at, `Remote reference "${ref}" is not fetched: the schema there is not checked.`);
      return undefined;
    }
    if (found.node === undefined) {
      if (inSchema) problemAt(warnings, file, at, `Dangling reference: "${ref}" points to nothing: the schema is read as allowing any value.`);
      else problemAt(problems, file, at, `Dangling reference: "${ref}" points to nothing.`);
      return undefined;
    }
    referenced.add(`${found.file}#${found.pointer}`);
    return { ...found, id: `${ids.get(found.file)}#${encodeFragment(found.pointer)}` };
  };

  const walkApi = (node: unknown, file: string, pointer: string, parentKey: string | undefined): void => {
    if (node === null || typeof node !== 'object' || visited.has(node)) return;
    visited.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => walkApi(item, file, joinPointer(pointer, index), parentKey));
      return;
    }
    const object = node as Record<string, unknown>;
    if (typeof object.$ref === 'string') {
      const target = follow(object.$ref, file, joinPointer(pointer, '$ref'));
      if (target) {
        targets.set(object, target);
        walkApi(target.node, target.file, target.pointer, undefined);
      }
      return;
    }
    for (const [key, child] of Object.entries(object)) {
      const at = joinPointer(pointer, key);
      if (key === 'x-harness') walkHarness(child, file, at);
      else if (key.startsWith('x-') || (DATA_KEYS.has(key) && !(key === 'default' && parentKey === 'responses'))) continue;
      else if (key === 'schema') walkRoot(child, file, at);
      else if (key === 'schemas' && parentKey === 'components' && isPlainObject(child)) {
        for (const [name, schema] of Object.entries(child)) walkRoot(schema, file, joinPointer(at, name));
      } else walkApi(child, file, at, key);
    }
  };

  const walkHarness = (harness: unknown, file: string, pointer: string): void => {
    const resources = isPlainObject(harness) && isPlainObject(harness.resources) ? harness.resources : {};
    for (const [name, resource] of Object.entries(resources)) {
      if (isPlainObject(resource)) walkRoot(resource.schema, file, joinPointer(pointer, 'resources', name, 'schema'));
    }
  };

  const walkSchema = (node: unknown, file: string, pointer: string): void => {
    if (node === null || typeof node !== 'object' || visited.has(node)) return;
    visited.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => walkSchema(item, file, joinPointer(pointer, index)));
      return;
    }
    const object = node as Record<string, unknown>;
    schemaIds.set(object, `${ids.get(file)}#${encodeFragment(pointer)}`);
    places.set(object, { file, pointer });
    const warn = (at: string, message: string) => problemAt(warnings, file, at, message);
    const anchored = mendSchemaQuirks(object, { file, pointer, anchors: recursiveAnchors, warn, encode: encodeFragment });
    try {
      walkSchemaObject(object, file, pointer);
    } finally {
      if (anchored) recursiveAnchors.pop();
    }
  };

  const walkSchemaObject = (object: Record<string, unknown>, file: string, pointer: string): void => {
    if (version === '3.0' && typeof object.$ref === 'string' && Object.keys(object).length > 1) {
      const ignored = trimRefSiblings30(object);
      if (ignored.length > 0) problemAt(warnings, file, pointer, `OpenAPI 3.0 ignores keywords beside a $ref: ${ignored.join(', ')} ignored (nullable, readOnly, writeOnly and annotations are kept).`);
    }
    if (typeof object.$ref === 'string') {
      const target = follow(object.$ref, file, joinPointer(pointer, '$ref'), true);
      if (target) {
        object.$ref = target.id;
        targets.set(object, target);
        walkRoot(target.node, target.file, target.pointer);
      } else if (!isRemoteRef(splitRef(object.$ref).file ?? '')) {
        delete object.$ref;
      }
      if (version === '3.0' && Object.keys(object).length === 1) return;
    }
    normalizeKeywords(object);
    narrowDiscriminatedBranches(object, (ref) => peek(ref, file));
    const overlap = overlappingOneOf(object, (ref) => peek(ref, file));
    if (overlap !== undefined) overlapping.push({ object, file, pointer, overlap });
    if (Array.isArray(object.allOf)) composed.push(object);
    for (const [key, child] of Object.entries(object)) {
      const at = joinPointer(pointer, key);
      if (key.startsWith('x-')) extensionKeywords.add(key);
      else if (SCHEMA_MAPS.has(key) && isPlainObject(child)) {
        for (const [name, schema] of Object.entries(child)) walkSchema(schema, file, joinPointer(at, name));
      } else if (SCHEMA_LISTS.has(key) && Array.isArray(child)) {
        child.forEach((schema, index) => walkSchema(schema, file, joinPointer(at, index)));
      } else if (SCHEMA_ONE.has(key)) {
        walkSchema(child, file, at);
      } else if (key === 'format' && typeof child === 'string' && !formats.has(child)) {
        formats.set(child, { file, pointer: at });
      }
    }
  };

  walkApi(set.root.data, set.root.file, '', undefined);
  for (const { object, file, pointer, overlap } of overlapping) {
    const inside = `${file}#${pointer}/oneOf/`;
    if (![...referenced].some((target) => target.startsWith(inside))) problemAt(warnings, file, pointer, readAsAnyOf(object, overlap));
  }
  cutInPlaceCycles(roots.map((root) => root.node), {
    targetOf: (ref) => targets.get(ref),
    unlink: (ref) => targets.delete(ref),
    nameOf: (target) => `${target.file === set.root.file ? '' : target.file}#${target.pointer}`,
    warn: (ref, message) => {
      const place = places.get(ref);
      if (place) problemAt(warnings, place.file, place.pointer, message);
    },
  });
  // Inner composites first: an outer one copies its parts as they will be read.
  openClosedAllOfParts(composed.reverse(), {
    targetOf: (ref) => targets.get(ref),
    warn: (schema, message) => {
      const place = places.get(schema);
      if (place) problemAt(warnings, place.file, place.pointer, message);
    },
  });
  // ajv sees each file as a schema document: its top-level keys are annotations to it.
  for (const source of set.files.values()) {
    if (source.data !== null && typeof source.data === 'object') for (const key of Object.keys(source.data)) if (!SCHEMA_KEYWORDS.has(key)) extensionKeywords.add(key);
  }
  return { set, version, ids, targets, schemaIds, extensionKeywords, formats, roots, problems, warnings };
}

/**
 * Keywords beside a 3.0 `$ref`, which 3.0 says to ignore, in place: the ones whose meaning is plain and
 * can only widen or annotate (`nullable: true`, `readOnly`, `description`...) are kept, as authors mean
 * them (a `nullable` reference becomes `anyOf: [ref, null]`); constraints are dropped. Returns the dropped.
 */
function trimRefSiblings30(object: Record<string, unknown>): string[] {
  const ignored = Object.keys(object).filter((key) => key !== '$ref' && key !== 'nullable' && !KEPT_REF_SIBLINGS.has(key) && !key.startsWith('x-'));
  for (const key of ignored) delete object[key];
  if (object.nullable === true) {
    const ref = object.$ref;
    delete object.$ref;
    delete object.nullable;
    object.anyOf = [{ $ref: ref }, { type: 'null' }];
  } else {
    delete object.nullable;
  }
  return ignored;
}

const KEPT_REF_SIBLINGS = new Set(['description', 'title', 'example', 'examples', 'default', 'readOnly', 'writeOnly', 'deprecated', 'externalDocs', 'xml']);

/** OpenAPI 3.0 (and leftover) keywords in their JSON Schema 2020-12 form, in place. */
function normalizeKeywords(schema: Record<string, unknown>): void {
  if ('nullable' in schema) {
    const nullable = schema.nullable === true;
    delete schema.nullable;
    if (nullable) {
      if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
      else if (Array.isArray(schema.type)) { if (!schema.type.includes('null')) schema.type = [...schema.type, 'null']; }
      else if (!('const' in schema) && Object.keys(schema).some((key) => key === 'allOf' || key === 'oneOf' || key === 'anyOf' || key === '$ref')) {
        const rest = { ...schema };
        for (const key of Object.keys(schema)) delete schema[key];
        schema.anyOf = [rest, { type: 'null' }];
      }
      if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    }
  }
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof schema[exclusive] !== 'boolean') continue;
    if (schema[exclusive] === true && typeof schema[bound] === 'number') {
      schema[exclusive] = schema[bound];
      delete schema[bound];
    } else {
      delete schema[exclusive];
    }
  }
}

/** RFC 6901 lookup of an unescaped-segment pointer (`/components/schemas/Pet`); undefined when missing. */
export function nodeAtPointer(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? root : (root as Record<string, unknown>)?.[''];
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    const segment = unescapePointer(raw);
    node = Array.isArray(node) ? node[Number(segment)] : Object.prototype.hasOwnProperty.call(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

/** A JSON pointer as a URI fragment (ajv decodes it with decodeURIComponent). */
export function encodeFragment(pointer: string): string {
  return pointer.split('/').map((segment) => encodeURIComponent(segment)).join('/');
}
