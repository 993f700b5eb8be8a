import { buildContract } from './build.ts';
import { singleDocument, type DocumentSet } from './documents.ts';
import { ContractError, type ContractProblem } from './errors.ts';
import type { ContractModel } from './model.ts';
import { liftMisplacedRefs } from './misplaced-refs.ts';
import { normalizeDocuments } from './normalize.ts';
import { inlineDocument } from './resolve.ts';
import { checkSchemaSyntax } from './schema-syntax.ts';
import { upperCaseStatusRanges } from './status-ranges.ts';
import { parseContractSource } from './source.ts';
import { problemCode, validateDocument } from './validate.ts';
import { createSchemaCompiler, type SchemaCompiler, type SchemaCompilerOptions } from '../schema/compiler.ts';
import { withoutIdsInData } from './data-ids.ts';
import { KNOWN_FORMATS } from '../schema/formats.ts';

/**
 * Contract loading without the file system: nothing imported from here touches a Node-only module, so the
 * browser entry (src/browser.ts) can bundle it. `load.ts` adds reading from disk (and other files `$ref`s name).
 */

/**
 * The contract id: the file name without its directory and extension.
 *
 * @example
 * contractIdOf('contracts/game-sessions.yaml'); // 'game-sessions'
 */
export function contractIdOf(file: string): string {
  const name = file.replace(/\/+$/, '').split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Loads a contract from YAML or JSON text already in memory (tests, bundlers that import the file as text).
 * `file` names the contract in errors and gives its id. References to other files need `loadContractFile`.
 *
 * @example
 * const model = loadContractText('game-sessions.yaml', yamlText);
 * model.id; // 'game-sessions'
 */
export function loadContractText(file: string, text: string): ContractModel {
  return modelFromDocuments(singleDocument(parseContractSource(file, text)));
}

/**
 * Validate the documents, bring them to one form, resolve `$ref`s, compile, build (declared or inferred
 * behaviour): a ContractError names every problem found, with the warnings gathered on the way.
 */
export function modelFromDocuments(given: DocumentSet, options: { readonly checked?: boolean } = {}): ContractModel {
  const ranges = upperCaseStatusRanges(given);
  const { set, warnings: lifted } = liftMisplacedRefs(ranges.set);
  const { root } = set;
  const document = root.data as Record<string, unknown>;
  // A document the build checked (checked-documents.ts) skips the structure, vocabulary and schema-syntax checks.
  const validation = validateDocument(root.file, document, root.lineOf, { structure: !options.checked, vocabulary: !options.checked });
  if (validation.version === undefined) throw new ContractError(problemCode(validation.problems), root.file, validation.problems);
  const normalized = normalizeDocuments(set, validation.version);
  const warnings: ContractProblem[] = [...ranges.warnings, ...lifted, ...validation.warnings, ...normalized.warnings];
  // Structure, references and schema syntax are reported together: one pass shows everything wrong.
  const syntax = options.checked ? [] : checkSchemaSyntax(normalized);
  if (validation.problems.length > 0 || normalized.problems.length > 0 || syntax.length > 0) {
    const code = validation.problems.length > 0 ? problemCode(validation.problems) : normalized.problems.length > 0 ? 'REF' : 'SCHEMA';
    throw new ContractError(code, root.file, uniqueProblems([...validation.problems, ...normalized.problems, ...syntax]), warnings);
  }
  const inlined = inlineDocument(normalized);
  if (inlined.problems.length > 0) throw new ContractError('REF', root.file, inlined.problems, warnings);

  const unknownFormats = [...normalized.formats].filter(([format]) => !KNOWN_FORMATS.has(format));
  for (const [format, where] of unknownFormats) {
    const source = set.files.get(where.file);
    warnings.push({ pointer: where.pointer, line: source?.lineOf(where.pointer), message: `Unknown format "${format}": values are not checked against it.`, ...(where.file === root.file ? {} : { file: where.file }) });
  }
  const strictness = new Set<string>();
  const files = [...set.files.keys()];
  const schemas = compilerFor(root.file, warnings, {
    documents: [...set.files.values()].map((source) => ({ id: normalized.ids.get(source.file)!, data: withoutIdsInData(source.data) })),
    origins: inlined.origins,
    extensionKeywords: normalized.extensionKeywords,
    unknownFormats: unknownFormats.map(([format]) => format),
    deferred: options.checked,
    warn: (message) => {
      const text = message.replace(/ at "[^"]*"/, '').replace(/^strict mode: /, '');
      const place = /at "https:\/\/harness\.invalid\/c\d+\/d(\d+)\.json#([^"]*)"/.exec(message);
      const file = place ? files[Number(place[1])] : undefined;
      const pointer = place ? decodeFragment(place[2]) : '';
      const key = `${file ?? ''}${pointer}${text}`;
      if (strictness.has(key) || strictness.size > 200) return;
      strictness.add(key);
      const source = file === undefined ? undefined : set.files.get(file);
      warnings.push({ pointer, message: `JSON Schema: ${text}`, line: source?.lineOf(pointer), ...(file === undefined || file === root.file ? {} : { file }) });
    },
  });
  try {
    return buildContract({
      id: contractIdOf(root.file), file: root.file, document: inlined.document, lineOf: root.lineOf, schemas, openapi: validation.version, warnings,
      deferred: options.checked,
    });
  } catch (error) {
    if (error instanceof ContractError) throw error;
    // A document shaped in a way the builder did not foresee: said plainly, never a stack trace.
    throw new ContractError('SCHEMA', root.file, [{ pointer: '', message: `Failed to build the model: ${(error as Error).message}` }], warnings);
  }
}

/** The schema compiler; a document ajv still refuses (two schemas with the same `$id`) is said plainly, never a stack trace. */
function compilerFor(file: string, warnings: ContractProblem[], options: SchemaCompilerOptions): SchemaCompiler {
  try {
    return createSchemaCompiler(options);
  } catch (error) {
    throw new ContractError('SCHEMA', file, [{ pointer: '', message: `The schemas cannot be compiled together: ${(error as Error).message}` }], warnings);
  }
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** One problem per place and message (the structure check and the schema check may both see a bad keyword). */
function uniqueProblems(problems: readonly ContractProblem[]): ContractProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file ?? ''}${p.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
