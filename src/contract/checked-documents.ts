import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { useCompiledMetaSchema, type MetaSchemaCheck } from '../schema/meta-schema.ts';

/**
 * Document texts known to pass the OpenAPI structure, harness vocabulary and JSON Schema syntax checks.
 * `npm run build` (which `prepack` runs) checks every bundled contract in full and writes their digests to
 * dist/checked-contracts.json (checked-build.ts); the compiled loader trusts only that file, so loading one
 * of those exact texts skips the checks, which compile large schemas and cost a good part of the start-up.
 * Any other text is checked in full, and so is every text in a checkout run through tsx (no file beside src/).
 */
export const CHECKED_DIGESTS_FILE = 'checked-contracts.json';
/** The JSON Schema meta-schema's validator, compiled to code by the build (checked-build.ts). */
export const COMPILED_META_SCHEMA_FILE = 'meta-schema-check.cjs';

/**
 * What the build writes: each digest with the file it was checked from (for people reading it), and the
 * document parsed, as JSON text (read with JSON.parse instead of the YAML parser, each load its own copy).
 */
export interface CheckedDigests {
  readonly documents: Readonly<Record<string, string>>;
  readonly parsed?: Readonly<Record<string, string>>;
  /** The bundled fixtures files the build parsed (seeder/spec.ts), by digest: `{resources, lines}` as JSON text. */
  readonly fixtures?: Readonly<Record<string, string>>;
}

/** The texts the loader trusts, by SHA-256 digest, and the parsed form of those the build kept. */
export interface CheckedDocuments {
  readonly digests: ReadonlySet<string>;
  readonly parsed: ReadonlyMap<string, string>;
  readonly fixtures?: ReadonlyMap<string, string>;
}

const NONE: CheckedDocuments = { digests: new Set(), parsed: new Map(), fixtures: new Map() };
let trusted: CheckedDocuments | undefined;

/** What the build wrote beside the compiled code (dist/), read once; nothing without that file. */
export function trustedDocuments(): CheckedDocuments {
  return trusted ??= readCheckedDocuments(fileURLToPath(new URL(`../${CHECKED_DIGESTS_FILE}`, import.meta.url)));
}

let metaSchemaLooked = false;

/**
 * Installs the meta-schema validator the build wrote beside the compiled code (meta-schema.ts then never
 * compiles the meta-schema); once per process, nothing in a checkout or when the file is not a function.
 */
export function useBuiltMetaSchemaCheck(file = fileURLToPath(new URL(`../${COMPILED_META_SCHEMA_FILE}`, import.meta.url))): void {
  if (metaSchemaLooked) return;
  metaSchemaLooked = true;
  let check: unknown;
  try {
    check = createRequire(import.meta.url)(file);
  } catch {
    return;
  }
  if (typeof check === 'function') useCompiledMetaSchema(check as MetaSchemaCheck);
}

/** A checked-contracts file; nothing trusted when it is missing or not what the build writes. */
export function readCheckedDocuments(file: string): CheckedDocuments {
  let written: Partial<CheckedDigests> | null;
  try {
    written = JSON.parse(readFileSync(file, 'utf8')) as Partial<CheckedDigests> | null;
  } catch {
    return NONE;
  }
  const documents = written?.documents;
  if (documents === null || typeof documents !== 'object' || Array.isArray(documents)) return NONE;
  const digests = new Set(Object.keys(documents).filter((digest) => /^[0-9a-f]{64}$/.test(digest)));
  const parsed = new Map(Object.entries(written?.parsed ?? {}).filter(([digest, json]) => digests.has(digest) && typeof json === 'string'));
  const fixtures = new Map(Object.entries(written?.fixtures ?? {}).filter(([digest, json]) => /^[0-9a-f]{64}$/.test(digest) && typeof json === 'string'));
  return { digests, parsed, fixtures };
}

export function documentDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The digest of a text the loader trusts, else undefined (no digest is computed when nothing is trusted). */
export function checkedDigestOf(text: string, checked: CheckedDocuments = trustedDocuments()): string | undefined {
  if (checked.digests.size === 0) return undefined;
  const digest = documentDigest(text);
  return checked.digests.has(digest) ? digest : undefined;
}

export function isCheckedDocument(text: string, checked: CheckedDocuments = trustedDocuments()): boolean {
  return checkedDigestOf(text, checked) !== undefined;
}
