import { Ajv2020 } from 'ajv/dist/2020.js';
import { addKnownFormats } from './formats.ts';
import type { Validator } from './ajv.ts';
import { compileSafeRegExp } from './safe-regexp.ts';
import { generatedCodeProcess } from './numeric-text.ts';
import { schemaProblems } from './meta-schema.ts';
import { documentNode } from './document-node.ts';
import { documentLocator, explainStrictWarning, placeStrictWarning, type CompilingSchema } from './warning-place.ts';
import { mentionsContains, withQuickCheck } from './quick-check.ts';
import { rootWithTaggedUnions, withTaggedUnions } from './tagged-unions.ts';
import { withRefsInlined } from './inlined-refs.ts';
import { directedDocuments, type DirectedDocuments, type Direction } from './directional.ts';

/** OpenAPI documentation keywords and our extensions: known to ajv, ignored by validation. */
const ANNOTATION_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator', 'x-inferred', 'x-harness'];

export interface SchemaDocument {
  /** The id every rewritten `$ref` names it by (`https://harness.invalid/d0.json`). */
  readonly id: string;
  readonly data: unknown;
}

export interface SchemaCompilerOptions {
  readonly documents: readonly SchemaDocument[];
  /** Schema objects of the inlined document -> their id in `documents`. */
  readonly origins: WeakMap<object, string>;
  /** `x-` keys used inside schemas, accepted as annotations. */
  readonly extensionKeywords?: Iterable<string>;
  /** Formats the document uses that ajv-formats does not know: accepted, not validated. */
  readonly unknownFormats?: Iterable<string>;
  /** Strict-mode findings (loose typing...): warnings, never errors. */
  readonly warn?: (message: string) => void;
  /**
   * Make the ajv instances on the first compile instead of now: for a document the build checked, whose
   * documents ajv is known to accept (adding one can throw: two schemas with the same `$id`).
   */
  readonly deferred?: boolean;
}

/**
 * One contract's validators: its own ajv instances (one for bodies, one that coerces parameters), that
 * know the contract's documents, so `$ref`s are compiled once per target and recursive schemas work.
 * Each schema object is compiled once and the validator kept.
 */
export interface SchemaCompiler {
  /**
   * Bodies and responses, validated as sent. Throws when the schema itself is invalid. With a direction,
   * a required readOnly property binds responses only and a required writeOnly one requests only.
   */
  compile(schema: object, direction?: Direction): Validator;
  /** Path, query and header values: strings coerced to the schema's types, defaults filled in. */
  compileParameters(schema: object, direction?: Direction): Validator;
  /** `compile`, or null when the schema does not compile. */
  tryCompile(schema: unknown): Validator | null;
  /** The raw node an ajv error's `schemaPath` names (absolute ids of the documents, or relative to `root`). */
  nodeAt(schemaPath: string, root: unknown): unknown;
}

export function createSchemaCompiler(options: SchemaCompilerOptions): SchemaCompiler {
  const plain = validatorsOf(options.documents, options, !options.deferred);
  // A direction's validators compile from its own copies of the documents (directional.ts), made on the
  // first compile that asks for it, and only when some schema of the documents changes there.
  const directed: Partial<Record<Direction, Validators>> = {};
  const validators = (direction: Direction | undefined): Validators => {
    if (direction === undefined) return plain;
    return directed[direction] ??= withDocuments(directedDocuments(options.documents, options.origins, direction), options) ?? plain;
  };
  const failed = new WeakSet<object>();
  const byId = new Map(options.documents.map((d) => [d.id, d.data]));
  return {
    compile: (schema, direction) => validators(direction).compile(schema),
    // Parameter-style schemas (forms) compile as inlined, not by reference: changed the same way.
    compileParameters: (schema, direction) => {
      const chosen = validators(direction);
      return chosen.compileParameters(chosen.inlined(schema));
    },
    tryCompile(schema) {
      if (schema === null || typeof schema !== 'object' || failed.has(schema)) return null;
      try {
        return plain.compile(schema);
      } catch {
        failed.add(schema);
        return null;
      }
    },
    nodeAt(schemaPath, root) {
      return documentNode(schemaPath, byId, root);
    },
  };
}

/** Body and parameter validators compiled from one set of documents. */
interface Validators {
  compile(schema: object): Validator;
  compileParameters(schema: object): Validator;
  /** A schema of the inlined document as these documents read it. */
  inlined(schema: object): object;
}

function withDocuments(directed: DirectedDocuments | undefined, options: SchemaCompilerOptions): Validators | undefined {
  return directed && { ...validatorsOf(directed.documents, options, false), inlined: directed.inlined };
}

function validatorsOf(documents: readonly SchemaDocument[], options: SchemaCompilerOptions, eager: boolean): Validators {
  const report = options.warn ?? (() => undefined);
  const locate = documentLocator(documents, options.origins);
  const annotations = [...new Set([...ANNOTATION_KEYWORDS, ...(options.extensionKeywords ?? [])])];
  const formats = [...new Set(options.unknownFormats ?? [])];
  /** `quick`: the yes/no twin of the body instance (first error only, no messages, no warnings: see quick-check.ts). */
  const create = (coerce: boolean, quick = false) => {
    // ajv logs without saying which schema it compiles; the innermost one it is compiling is the cause.
    const warn = quick ? () => undefined : (...args: unknown[]): void => report(explainStrictWarning(placeStrictWarning(args.map(String).join(' '), innermost(ajv), locate)));
    const ajv: Ajv2020 = new Ajv2020({
      allErrors: !quick,
      messages: !quick,
      // The twin reads tagged unions through ajv's keyword (tagged-unions.ts); the full validators never do.
      discriminator: quick,
      strict: 'log',
      strictRequired: false,
      strictTuples: false,
      // Every `$ref` target is its own function, compiled once and shared by every validator that uses it;
      // the twin, compiled for a hot validator only, inlines targets without `$ref`s of their own instead.
      inlineRefs: quick,
      allowUnionTypes: true,
      // Checked against the meta-schema by one shared instance (meta-schema.ts) before each compile.
      validateSchema: false,
      coerceTypes: coerce ? 'array' : false,
      useDefaults: coerce,
      // Contract patterns run on a linear-time engine: no `pattern` can make one request block the mock.
      // No optimisation pass over the generated code: a tenth of compiling a large document, while the
      // validators it would trim run no measurably slower (BENCHMARKS.md, large documents).
      code: { regExp: compileSafeRegExp, optimize: false, process: generatedCodeProcess(coerce) },
      logger: { log: () => undefined, warn, error: warn },
    });
    addKnownFormats(ajv);
    for (const keyword of quick ? annotations.filter((name) => name !== 'discriminator') : annotations) {
      // A document's top-level key may be one ajv refuses as a keyword (`__proto__`, `constructor`, one of its
      // own): unknown keywords are only logged (`strict: 'log'`), so leaving it out changes no validation.
      try {
        ajv.addKeyword(keyword);
      } catch { /* not an annotation ajv can take */ }
    }
    for (const format of formats) ajv.addFormat(format, true);
    for (const document of quick ? quickDocuments() : documents) ajv.addSchema(document.data as object, document.id, undefined, false);
    return ajv;
  };
  let bodyAjv = eager ? create(false) : undefined;
  let parameterAjv = eager ? create(true) : undefined;
  let quickAjv: Ajv2020 | undefined;
  let taggedDocuments: SchemaDocument[] | undefined;
  const quickDocuments = () => (taggedDocuments ??= withTaggedUnions(documents));
  let documentsMentionContains: boolean | undefined;
  // Made on first use: only a body validator that runs often gets a twin (quick-check.ts), never one that
  // may reach a `contains` (a `$ref` may reach any part of the documents).
  const quickly = (compiled: object) => (): Validator => {
    documentsMentionContains ??= documents.some((document) => mentionsContains(document.data));
    if (documentsMentionContains || mentionsContains(compiled)) throw new Error('no yes/no twin for a schema with `contains`');
    return (quickAjv ??= create(false, true)).compile(withRefsInlined(rootWithTaggedUnions(compiled, quickDocuments()), quickDocuments()));
  };
  const compiler = (ajvOf: () => Ajv2020, byReference: boolean) => {
    const byOrigin = new Map<string, Validator>();
    const byObject = new WeakMap<object, Validator>();
    const byText = new Map<string, Validator>();
    // Body validators answer valid values through their yes/no twin; parameter validators coerce and fill
    // defaults in place, so they always run as compiled.
    const finish = (validate: Validator, compiled: object) => (byReference ? withQuickCheck(validate, quickly(compiled)) : validate);
    const byBoolean = new Map<boolean, Validator>();
    return (schema: object): Validator => {
      // `true` and `false` are whole schemas (JSON Schema 2020-12, OpenAPI 3.1): no key of a WeakMap.
      if (typeof schema === 'boolean') return mapGetOrSet(byBoolean, schema, () => ajvOf().compile(schema));
      const origin = byReference ? options.origins.get(schema) : undefined;
      if (origin !== undefined) {
        let validate = byOrigin.get(origin);
        if (!validate) {
          // ajv keeps the function it compiles for an id (`getSchema`) and a `$ref` elsewhere to the same id
          // finds it; compiling `{ $ref }` would compile the target again inside each new root.
          const ajv = ajvOf();
          const reference = { $ref: origin };
          validate = finish(ajv.getSchema(origin) ?? ajv.compile(reference), reference);
          byOrigin.set(origin, validate);
        }
        return validate;
      }
      let validate = byObject.get(schema);
      if (!validate) {
        const compiled = (byReference ? asReferences(schema, options.origins) : schema) as object;
        // Schemas built in code (string constraints, merged branches...) are new objects each time: the same
        // content compiles once. Its parts from the document are `$ref`s by now, so the text stays small.
        const text = contentKey(compiled);
        validate = text === undefined ? undefined : byText.get(text);
        if (!validate) {
          validate = finish(compileChecked(ajvOf(), compiled), compiled);
          if (text !== undefined) byText.set(text, validate);
        }
        byObject.set(schema, validate);
      }
      return validate;
    };
  };
  const compile = compiler(() => bodyAjv ??= create(false), true);
  // Parameter schemas are small and their `default`s must apply (ajv ignores a default behind a `$ref`).
  const compileParameters = compiler(() => parameterAjv ??= create(true), false);
  return { compile, compileParameters, inlined: (schema) => schema };
}

/** The schema ajv is compiling now (its private set of compilations in progress, innermost last). */
function innermost(ajv: Ajv2020): CompilingSchema | undefined {
  const compiling = (ajv as unknown as { _compilations?: Set<CompilingSchema> })._compilations;
  let last: CompilingSchema | undefined;
  for (const schema of compiling ?? []) last = schema;
  return last;
}

function mapGetOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, value = make());
  return value;
}

/** `ajv.compile` after the meta-schema check an ajv with `validateSchema` makes (the same error text). */
function compileChecked(ajv: Ajv2020, schema: object): Validator {
  const problem = schemaProblems(schema);
  if (problem === undefined) ajv.validateSchema(schema, true);
  else if (problem !== null) throw new Error(problem);
  return ajv.compile(schema);
}

/** A compiler for schemas written in code, outside any contract (no documents to `$ref`). */
export function createStandaloneCompiler(warn?: (message: string) => void): SchemaCompiler {
  return createSchemaCompiler({ documents: [], origins: new WeakMap(), warn });
}

/** The text of a schema to cache its validator by; undefined when it is too large to be worth it. */
function contentKey(schema: object): string | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(schema);
  } catch {
    return undefined;
  }
  return text !== undefined && text.length <= 20_000 ? text : undefined;
}

/**
 * A schema built in code (an object of parameter schemas...) whose parts come from the document: each part
 * with an origin becomes a `$ref` to it, so ajv compiles the document's schemas once, by reference.
 */
function asReferences(schema: unknown, origins: WeakMap<object, string>, depth = 0): unknown {
  if (schema === null || typeof schema !== 'object') return schema;
  const origin = depth > 0 ? origins.get(schema) : undefined;
  if (origin !== undefined) return { $ref: origin };
  if (depth > 64) return schema;
  if (Array.isArray(schema)) return schema.map((item) => asReferences(item, origins, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    result[key] = key === 'enum' || key === 'const' || key === 'default' || key === 'examples' || key === 'example' ? value : asReferences(value, origins, depth + 1);
  }
  return result;
}
