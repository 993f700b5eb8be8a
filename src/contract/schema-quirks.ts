import { readPattern } from '../schema/foreign-pattern.ts';
import { NUMERIC_KEYWORDS } from './validate.ts';

/**
 * Schema defects of real documents whose meaning is plain, mended in place with a warning each rather than
 * refusing the document: a `required` list naming a property twice (read once), a draft-3 boolean
 * `required` on a property (dropped: the parent's list says what is required), an empty `enum` (which no
 * value could match: generators write it beside an `allOf` that holds the real values; dropped), and the draft 2019-09
 * recursion keywords (`$recursiveAnchor: true` with `$recursiveRef: "#"`), read as a `$ref` to the
 * anchoring schema. A `$schema` naming an older dialect (draft-04 to 2019-09: schemas pasted from JSON Schema
 * files) is read as the document's dialect: the tuple form of `items` becomes `prefixItems`, `dependencies`
 * becomes `dependentRequired`/`dependentSchemas`, and draft-04's `id` is dropped. A `pattern` in another
 * engine's syntax (`a++`, `\Z`) is read in ECMA-262 where it has such a reading, and Swagger 2's `type: file`
 * as a binary string.
 */
export interface QuirkContext {
  readonly file: string;
  readonly pointer: string;
  /** Schemas with `$recursiveAnchor: true` around this one, innermost last. */
  readonly anchors: { file: string; pointer: string }[];
  readonly warn: (pointer: string, message: string) => void;
  readonly encode: (pointer: string) => string;
}

/** Mends `schema`; true when it is a recursive anchor (the caller pops `anchors` after its children). */
export function mendSchemaQuirks(schema: Record<string, unknown>, context: QuirkContext): boolean {
  const { warn, pointer } = context;
  if (Array.isArray(schema.required)) {
    const unique = [...new Set(schema.required)];
    if (unique.length < schema.required.length) {
      warn(`${pointer}/required`, 'required names a property more than once: each is read once.');
      schema.required = unique;
    }
  } else if (typeof schema.required === 'boolean') {
    warn(`${pointer}/required`, 'required: true|false on a property is draft 3: ignored (the parent\'s required list counts).');
    delete schema.required;
  }
  for (const key of NUMERIC_KEYWORDS) {
    const text = schema[key];
    if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(Number(text))) continue;
    warn(`${pointer}/${key}`, `${key} is the text ${JSON.stringify(text)}: read as the number ${Number(text)}.`);
    schema[key] = Number(text);
  }
  if (schema['x-nullable'] === true && schema.nullable === undefined) {
    // Swagger 2 converters leave the vendor keyword in place of 3.0's own: servers answer null there.
    warn(`${pointer}/x-nullable`, 'x-nullable: true is the Swagger 2 extension for nullable: read as nullable: true.');
    schema.nullable = true;
  }
  if (schema.type === 'file') {
    warn(`${pointer}/type`, 'type: file is Swagger 2: read as type: string, format: binary.');
    schema.type = 'string';
    schema.format ??= 'binary';
  }
  if (Array.isArray(schema.enum) && schema.enum.length === 0) {
    warn(`${pointer}/enum`, 'enum is empty, so no value could match it: it is ignored.');
    delete schema.enum;
  }
  mendOlderDialect(schema, context);
  if (typeof schema.pattern === 'string') mendForeignPattern(schema as { pattern: string }, context);
  if (typeof schema.$recursiveRef === 'string') {
    const anchor = context.anchors.at(-1);
    const local = anchor !== undefined && anchor.file === context.file;
    if (local && schema.$ref === undefined) schema.$ref = `#${context.encode(anchor.pointer)}`;
    warn(`${pointer}/$recursiveRef`, local ? `$recursiveRef (draft 2019-09) is read as a $ref to ${anchor.pointer}.` : '$recursiveRef (draft 2019-09) without a $recursiveAnchor around it is ignored.');
    delete schema.$recursiveRef;
  }
  if (!('$recursiveAnchor' in schema)) return false;
  const anchored = schema.$recursiveAnchor === true;
  delete schema.$recursiveAnchor;
  if (anchored) context.anchors.push({ file: context.file, pointer });
  return anchored;
}

/** A `pattern` in another engine's syntax, rewritten where it has an ECMA-262 reading (else the compiler refuses it). */
function mendForeignPattern(schema: { pattern?: string }, { warn, pointer }: QuirkContext): void {
  const reading = readPattern(schema.pattern!);
  if (reading.kind !== 'rewritten') return;
  warn(`${pointer}/pattern`, `pattern ${JSON.stringify(schema.pattern)} is written for another regex engine: read as ${JSON.stringify(reading.pattern)}.`);
  schema.pattern = reading.pattern;
}

const DIALECT_2020 = /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;

/** `$schema` other than 2020-12 dropped (ajv's 2020 instance knows no other meta-schema), tuple `items` read as `prefixItems`. */
function mendOlderDialect(schema: Record<string, unknown>, context: QuirkContext): void {
  const { warn, pointer } = context;
  if ('$schema' in schema && !(typeof schema.$schema === 'string' && DIALECT_2020.test(schema.$schema))) {
    warn(`${pointer}/$schema`, `$schema ${JSON.stringify(schema.$schema)} is not the document's dialect: the schema is read as JSON Schema 2020-12, as OpenAPI reads it.`);
    delete schema.$schema;
  }
  if ('id' in schema) {
    // draft-04's `$id`: ajv refuses the keyword outright, and references here resolve by place in the document.
    warn(`${pointer}/id`, 'id is draft-04\'s $id: ignored (references resolve by their place in the document).');
    delete schema.id;
  }
  mendDependencies(schema, context);
  if (!Array.isArray(schema.items) || 'prefixItems' in schema) return;
  warn(`${pointer}/items`, 'items as a list is the tuple form of drafts before 2020-12: read as prefixItems (additionalItems as items).');
  schema.prefixItems = schema.items;
  delete schema.items;
  if ('additionalItems' in schema) {
    schema.items = schema.additionalItems;
    delete schema.additionalItems;
  }
}

/**
 * Drafts before 2019-09 `dependencies`, which 2020-12 split in two (ajv's 2020 instance would ignore it):
 * a list of names becomes `dependentRequired`, a schema `dependentSchemas`.
 */
function mendDependencies(schema: Record<string, unknown>, { warn, pointer }: QuirkContext): void {
  const { dependencies } = schema;
  if (dependencies === null || typeof dependencies !== 'object' || Array.isArray(dependencies)) return;
  const required: Record<string, unknown> = { ...(schema.dependentRequired as object | undefined) };
  const schemas: Record<string, unknown> = { ...(schema.dependentSchemas as object | undefined) };
  for (const [name, dependency] of Object.entries(dependencies)) {
    if (Array.isArray(dependency)) Object.defineProperty(required, name, { value: dependency, enumerable: true, writable: true, configurable: true });
    else Object.defineProperty(schemas, name, { value: dependency, enumerable: true, writable: true, configurable: true });
  }
  warn(`${pointer}/dependencies`, 'dependencies is the form of drafts before 2019-09: read as dependentRequired (lists) and dependentSchemas (schemas).');
  delete schema.dependencies;
  if (Object.keys(required).length > 0) schema.dependentRequired = required;
  if (Object.keys(schemas).length > 0) schema.dependentSchemas = schemas;
}
