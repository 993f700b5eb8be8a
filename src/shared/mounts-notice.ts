/**
 * The mock's answer to a path no contract is mounted at names the mounts (`No contract is mounted at /x.
 * Mounted: /a, /b.`); the runner reads them back from a 404 to say which base URL was probably meant
 * (runner/base-path.ts). Written and read here, so the wording and its parsing cannot drift apart.
 */
export function unmountedPathMessage(firstSegment: string, mounts: readonly string[]): string {
  return `No contract is mounted at /${firstSegment}. Mounted: ${mounts.join(', ')}.`;
}

/** The mounts a text (a 404 body) lists after `Mounted: `; undefined when it lists none. */
export function mountsNamedIn(text: string | undefined): string[] | undefined {
  const listed = /Mounted: (\/[^\s,"]*(?:, \/[^\s,"]*)*)/.exec(text ?? '')?.[1];
  if (listed === undefined) return undefined;
  // The sentence's full stop follows the last mount.
  return listed.replace(/\.$/, '').split(', ').filter((mount) => mount.length > 1);
}
