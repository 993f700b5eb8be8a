import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Document texts known to pass the OpenAPI structure check and the JSON Schema syntax check. `npm run build`
 * (which `prepack` runs) checks every bundled contract in full and writes their SHA-256 digests to
 * dist/checked-contracts.json (checked-build.ts); the compiled loader trusts only that file, so loading one
 * of those exact texts skips both checks, which compile large schemas and cost a good part of the start-up.
 * Any other text is checked in full, and so is every text in a checkout run through tsx (no file beside src/).
 */
export const CHECKED_DIGESTS_FILE = 'checked-contracts.json';

/** What the build writes: each digest with the file it was checked from (for people reading it). */
export interface CheckedDigests {
  readonly documents: Readonly<Record<string, string>>;
}

let trusted: ReadonlySet<string> | undefined;

/** The digests the build wrote beside the compiled code (dist/), read once; empty without that file. */
export function trustedDigests(): ReadonlySet<string> {
  return trusted ??= readCheckedDigests(fileURLToPath(new URL(`../${CHECKED_DIGESTS_FILE}`, import.meta.url)));
}

/** The digests of a checked-contracts file; empty when it is missing or not what the build writes. */
export function readCheckedDigests(file: string): ReadonlySet<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return new Set();
  }
  const documents = (parsed as Partial<CheckedDigests> | null)?.documents;
  if (documents === null || typeof documents !== 'object') return new Set();
  return new Set(Object.keys(documents).filter((digest) => /^[0-9a-f]{64}$/.test(digest)));
}

export function documentDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function isCheckedDocument(text: string, digests: ReadonlySet<string> = trustedDigests()): boolean {
  return digests.size > 0 && digests.has(documentDigest(text));
}
