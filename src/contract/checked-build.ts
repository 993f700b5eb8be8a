import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { CHECKED_DIGESTS_FILE, COMPILED_META_SCHEMA_FILE, documentDigest, type CheckedDigests } from './checked-documents.ts';
import { loadContractText } from './load-text.ts';
import { CONTRACTS_DIR, FIXTURES_DIR } from './registry.ts';
import { parseContractSource } from './source.ts';
import { parseFixtureSpec } from '../seeder/spec.ts';
import { appendErrorsInPlace } from '../schema/linear-errors.ts';
import { createMetaSchemaAjv, DRAFT_2020 } from '../schema/meta-schema.ts';

/**
 * The build step behind checked-documents.ts: every bundled contract is loaded with every check (a
 * ContractError stops the build, naming the problems, and so does a parameter default its own schema breaks,
 * a warning the trusted load does not look for), and the digest of each text that passed is kept.
 */
export function checkBundledContracts(contractsDir = CONTRACTS_DIR): CheckedDigests {
  const documents: Record<string, string> = {};
  const parsed: Record<string, string> = {};
  for (const name of readdirSync(contractsDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = join(contractsDir, name);
    const text = readFileSync(file, 'utf8');
    const digest = documentDigest(text);
    const broken = loadContractText(file, text).warnings.find((warning) => warning.code === 'broken-parameter-default');
    // The trusted load skips that check (build.ts), so a bundled contract must not need it.
    if (broken) throw new Error(`${file}${broken.pointer ? ` at ${broken.pointer}` : ''}: ${broken.message}`);
    documents[digest] = `contracts/${name}`;
    const json = parsedForm(file, text);
    if (json !== undefined) parsed[digest] = json;
  }
  return { documents, parsed, fixtures: parsedFixtures() };
}

/** Each bundled fixtures file as parseFixtureSpec gives it (without its file name), by digest; a bad one stops the build. */
function parsedFixtures(fixturesDir = FIXTURES_DIR): Record<string, string> {
  const fixtures: Record<string, string> = {};
  for (const name of readdirSync(fixturesDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const text = readFileSync(join(fixturesDir, name), 'utf8');
    const { file: _file, ...spec } = parseFixtureSpec(`fixtures/${name}`, text);
    const json = JSON.stringify(spec);
    if (isDeepStrictEqual(JSON.parse(json), spec)) fixtures[documentDigest(text)] = json;
  }
  return fixtures;
}

/** Writes `<outDir>/checked-contracts.json` (the build passes dist/, where the compiled loader reads it). */
export function writeCheckedDigests(outDir: string, digests: CheckedDigests = checkBundledContracts()): string {
  const file = join(outDir, CHECKED_DIGESTS_FILE);
  writeFileSync(file, `${JSON.stringify(digests, null, 2)}\n`);
  return file;
}

/**
 * The JSON Schema meta-schema's validator as CommonJS code (ajv standalone, from the very ajv meta-schema.ts
 * checks with): loading it costs ~1 ms where compiling the meta-schema costs ~30 ms of the first request.
 */
export function compiledMetaSchemaCode(): string {
  const ajv = createMetaSchemaAjv({ source: true });
  const validate = ajv.getSchema(DRAFT_2020);
  if (!validate) throw new Error(`ajv has no meta-schema ${DRAFT_2020}`);
  // ajv's standalone output is the code before `code.process`: the same linear error gathering is applied here.
  return appendErrorsInPlace(standaloneCode(ajv, validate));
}

/** Writes `<outDir>/meta-schema-check.cjs` (checked-documents.ts#useBuiltMetaSchemaCheck loads it). */
export function writeCompiledMetaSchema(outDir: string): string {
  const file = join(outDir, COMPILED_META_SCHEMA_FILE);
  writeFileSync(file, `${compiledMetaSchemaCode()}\n`);
  return file;
}

/** The document as JSON text, kept only when JSON gives back exactly what the YAML parser gives (no -0, NaN...). */
function parsedForm(file: string, text: string): string | undefined {
  const { data } = parseContractSource(file, text);
  const json = JSON.stringify(data);
  return isDeepStrictEqual(JSON.parse(json), data) ? json : undefined;
}
