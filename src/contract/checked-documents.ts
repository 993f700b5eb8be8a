import { createHash } from 'node:crypto';

/**
 * SHA-256 digests of document texts known to pass the OpenAPI structure check and the JSON Schema syntax
 * check: the bundled contracts. Loading one of these exact texts (from wherever it is) skips both checks,
 * which compile large schemas and cost a good part of the start-up; any other text is checked in full.
 * test/contract/checked-documents.test.ts fails (printing the new digests) when a bundled contract changes
 * and this list is stale, and shows every listed text passing the checks.
 */
export const CHECKED_DOCUMENT_DIGESTS: ReadonlySet<string> = new Set([
  'd35848cfeec185baa821fc6c167761a7c514ed35272db43cfd36a822dcc6a519', // contracts/endgrate-sessions.yaml
  'f2bf448b2f571da2abdaa91e51bc378247f5698bd3b59d4395cfa1bbf84bc495', // contracts/game-sessions.yaml
  'cc6b86792ca43039c2464ff36c019730df4fd35cdfc8a66be5ece4cd342ff4cc', // contracts/gigs-connect-sessions.yaml
  '0ac233ce2152c1a8d2065502ecd38107656db5d29059cb99447d04bb39d82a73', // contracts/make-sdk-connections.yaml
]);

export function documentDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function isCheckedDocument(text: string): boolean {
  return CHECKED_DOCUMENT_DIGESTS.has(documentDigest(text));
}
